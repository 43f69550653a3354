/**
 * The clock sweeper's pass: the requests whose next check is due are claimed (FOR UPDATE SKIP
 * LOCKED, so several processes share the work), marked warned or breached (the breach grants the
 * compensation the agency's standard declares, if any), and unconfirmed ones whose time ran out are closed.
 */
import type { ClockStateName, SweepResult } from '../../../shared/contracts/requests.js';
import type { Executor } from '../../db/client.js';
import type { AuditActor } from '../audit/audit.service.js';
import { channelCalendar, summarizeClocks } from './requests.clock.js';
import { clockFieldsOf, iso, type RequestsContext } from './requests.context.js';
import type { RequestPatch, RequestRow } from './requests.repo.js';
import { createNotices } from './requests.notices.js';
import type { RequestSurvey } from './requests.survey.js';
import type { TransitionEngine } from './requests.transitions.js';
import { autoCloseAction, findStep } from './requests.workflow.js';

export interface SweepOutcome extends SweepResult {
  /** Claimed, but due after the warm-up: left for the next pass. */
  deferred: number;
  failed: { agencyId: string; id: string; error: string }[];
}

const stateRank: Record<ClockStateName, number> = { ok: 0, warning: 1, breached: 2 };

export function createSweep(context: RequestsContext, { engine, survey }: { engine: TransitionEngine; survey: Pick<RequestSurvey, 'inviteToSurvey'> }) {
  const { deps, db, repo, now, calendarOf, pinnedService, cachedCalendar, cachedService, autoCloseDays } = context;
  const { prepareTransition, applyTransition, recordBreach } = engine;
  const { inviteToSurvey } = survey;
  const notices = createNotices(context);

  async function sweepRow(
    tx: Executor,
    key: { agencyId: string; id: string },
    at: Date,
    result: SweepOutcome,
    closed: RequestRow[],
    followUps: (() => Promise<void>)[],
  ): Promise<void> {
    const row = await repo.findById(key.agencyId, key.id, tx);
    if (!row || row.nextCheckAt === null || row.nextCheckAt.getTime() > at.getTime()) return;
    // Only what was loaded before the transaction: a row claimed since waits for the next sweep.
    const agencyCalendar = cachedCalendar(row.agencyId);
    const service = cachedService(row);
    if (!agencyCalendar || !service) {
      result.deferred++;
      return;
    }
    const calendar = channelCalendar(agencyCalendar, service, row.channel);
    if (row.status === 'confirming' && row.autoCloseAt && row.autoCloseAt.getTime() <= at.getTime()) {
      const step = findStep(service, row.currentStep)!;
      const action = autoCloseAction(service, step);
      if (action) {
        const system: AuditActor = { type: 'system', id: null, label: 'auto-close' };
        const base = {
          row,
          service,
          from: step,
          action,
          input: { comment: `Ditutup otomatis: tidak ada konfirmasi dalam ${await autoCloseDays(row.agencyId, tx)} hari kerja / Closed automatically: no confirmation within the working days allowed` },
          actorKind: 'system' as const,
          actor: system,
          actorAgencyId: null,
          ctx: { ip: null, requestId: null, lang: 'id' as const },
          at,
          calendar,
          eventKind: 'auto_closed' as const,
          afterCommit: (task: () => Promise<void>) => followUps.push(task),
        };
        const prepared = await prepareTransition(base);
        closed.push(await applyTransition(tx, { ...base, to: prepared.to }, prepared));
        result.autoClosed++;
        return;
      }
    }
    const summary = summarizeClocks(calendar, clockFieldsOf(row), at.getTime());
    const patch: RequestPatch = { nextCheckAt: summary.nextCheckAt, sortDueAt: summary.sortDueAt };
    let breached = false;
    let warned = false;
    if (stateRank[summary.observed] > stateRank[row.clockState]) {
      patch.clockState = summary.observed;
      if (summary.observed === 'breached') {
        patch.breachedAt = at;
        breached = true;
      } else {
        patch.warnedAt = at;
        warned = true;
      }
    }
    // The sweeper's own marks do not bump the version: an officer's pending action stays valid.
    const updated = await repo.updateClockMarks(row.agencyId, row.id, patch, tx);
    if (!updated) return;
    if (breached || warned) {
      await deps.audit.record({
        tx,
        agencyId: row.agencyId,
        actor: { type: 'system', id: null, label: 'clock-sweeper' },
        action: breached ? 'requests.clock_breached' : 'requests.clock_warning',
        target: { type: 'request', id: row.id },
        before: { clockState: row.clockState },
        after: { clockState: patch.clockState, responseDueAt: iso(summary.responseDueAt), resolutionDueAt: iso(summary.resolutionDueAt) },
      });
    }
    if (breached) {
      await recordBreach(tx, updated, at);
      result.breached++;
    } else if (warned) {
      await repo.insertEvent({
        agencyId: row.agencyId,
        requestId: row.id,
        occurredAt: at,
        kind: 'clock_warning',
        actorType: 'system',
        actorId: null,
        actorLabel: 'clock',
        visibility: 'internal',
        data: { responseDueAt: iso(summary.responseDueAt), resolutionDueAt: iso(summary.resolutionDueAt) },
      }, tx);
      result.warned++;
    }
  }

  return {
    /**
     * One pass of the clock sweeper: claims due rows with FOR UPDATE SKIP LOCKED (so several
     * processes share the work) and, in the same transaction, marks warnings and breaches and
     * closes unconfirmed requests whose time ran out.
     */
    async sweep({ at, limit = 500 }: { at?: Date; limit?: number } = {}): Promise<SweepOutcome> {
      const when = at ?? now();
      const result: SweepOutcome = { claimed: 0, warned: 0, breached: 0, autoClosed: 0, deferred: 0, failed: [] };
      // Warm the calendars and pinned standards of what is due, outside the transaction.
      for (const candidate of await repo.findDue(when, limit)) {
        try {
          await calendarOf(candidate.agencyId);
          await pinnedService(candidate);
        } catch (error) {
          result.failed.push({ agencyId: candidate.agencyId, id: candidate.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
      const closed: RequestRow[] = [];
      const followUps: (() => Promise<void>)[] = [];
      await db.transaction(async (tx) => {
        const due = await repo.claimDue(when, limit, tx);
        result.claimed = due.length;
        for (const key of due) {
          // A savepoint per row: one request that cannot be read (say, a calendar without hours)
          // must not hold back the others.
          try {
            const closedHere: RequestRow[] = [];
            const followUpsHere: (() => Promise<void>)[] = [];
            await tx.transaction((inner) => sweepRow(inner, key, when, result, closedHere, followUpsHere));
            closed.push(...closedHere);
            followUps.push(...followUpsHere);
          } catch (error) {
            result.failed.push({ agencyId: key.agencyId, id: key.id, error: error instanceof Error ? error.message : String(error) });
          }
        }
      });
      // Committed: now what the closing actions' effects send, and the invitations.
      for (const task of followUps) {
        await task().catch((error: unknown) => deps.log?.error({ err: error }, 'an effect failed to follow up after its commit'));
      }
      for (const row of closed) {
        await notices.tell('auto_closed', row);
        await inviteToSurvey(row);
      }
      return result;
    },
  };
}
