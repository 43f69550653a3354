/**
 * The steps a complaint goes through: the officer's (verify, record what was missing, classify,
 * assign, follow up, answer, close) and the complainant's (complete the file, confirm the answer,
 * reopen within the window). Each step is one transaction: lock, check the status allows it,
 * change the row, add the timeline event and the audit entry. Which step is allowed from which
 * status is complaints.policy.ts; the clocks are complaints.clock.ts.
 */
import type { ComplaintOutcome, ComplaintStatus } from '../../../shared/contracts/complaints.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { Executor } from '../../db/client.js';
import type { StoredLimit } from '../../db/tables/clock.js';
import { AppError } from '../../lib/app-error.js';
import type { BusinessCalendar } from '../calendar/calendar.js';
import { answeredOnTime, closePause, defaultReopenWindow, dueFrom, dueTimes, fromStandardLimit, openPause, rulesFor, toStored } from './complaints.clock.js';
import {
  invalid,
  iso,
  problem,
  trackingRefused,
  type ActionContext,
  type ComplaintAgency,
  type ComplaintsContext,
  type StandardInForce,
} from './complaints.context.js';
import { complainantMay, mayTake, type ComplainantAction, type StaffAction } from './complaints.policy.js';
import type { ComplaintRow, NewEvent } from './complaints.repo.js';
import { secretOpens, type Tracking } from './complaints.tracking.js';
import { answeredMail, autoClosedMail } from './complaints.mail.js';
import { formatLimit } from '../calendar/limit.js';

/** What a step reads besides the complaint, loaded before its transaction. */
interface StepEnv {
  agency: ComplaintAgency;
  standard: StandardInForce;
  calendar: BusinessCalendar;
}
type StepResult = { patch: Partial<ComplaintRow>; event: NewEvent; audit?: Record<string, unknown> };
type StepWork = (c: ComplaintRow, env: StepEnv) => StepResult | Promise<StepResult>;

function transitionRefused(status: ComplaintStatus, lang: Language): AppError {
  return new AppError(
    'conflict',
    { id: `Langkah ini tidak dapat dilakukan pada pengaduan berstatus "${status}"`, en: `This step cannot be taken on a complaint with status "${status}"` },
    [problem('status', 'complaint.transition', lang)],
  );
}

/** `tracking` answers the complainant's steps with the tracking page as it now reads. */
export function createTransitions(ctx: ComplaintsContext, tracking: Pick<Tracking, 'track'>) {
  const { deps, repo, clock, eventOf } = ctx;
  const reopenWindow = deps.reopenWindow ?? defaultReopenWindow;

  /**
   * One step on a complaint, in one transaction. What the step reads besides the complaint (its
   * standard, the calendar) is loaded before the transaction: on the embedded database a query
   * outside the transaction would wait for it forever.
   */
  async function step(options: {
    agencyCode: string;
    number: string;
    context: ActionContext;
    allowed: (status: ComplaintStatus) => boolean;
    action: string;
    work: StepWork;
  }): Promise<ComplaintRow> {
    const agency = await ctx.agencyOf(options.agencyCode);
    const first = await ctx.complaintOf(agency, options.number);
    const env: StepEnv = { agency, standard: await ctx.standardAt(agency, first.receivedAt), calendar: await ctx.calendarOf(agency) };
    return deps.db.transaction(async (tx: Executor) => {
      const current = await ctx.lockComplaint(agency, options.number, tx);
      if (!options.allowed(current.status)) throw transitionRefused(current.status, options.context.lang);
      const { patch, event, audit: auditAfter } = await options.work(current, env);
      const updated = await repo.updateComplaint(agency.id, current.id, patch, tx);
      await repo.appendEvent(agency.id, current.id, { ...event, fromStatus: current.status, toStatus: updated.status }, tx);
      await ctx.audit(tx, agency, options.context, options.action, current.number, { status: current.status }, { status: updated.status, ...auditAfter });
      return updated;
    });
  }

  /**
   * After the commit: the complainant is e-mailed that the complaint is answered, what to do and
   * by when. A complainant who was not told (no e-mail address, or the mail failed) is never
   * closed without reply: the closing date is dropped and the staff timeline says why.
   */
  async function tellAnswered(agencyCode: string, answered: ComplaintRow): Promise<ComplaintRow> {
    const agency = await ctx.agencyOf(agencyCode);
    let reason = 'tidak ada alamat e-mail / no e-mail address';
    try {
      const email = await repo.findComplainantEmail(agency.id, answered.id);
      if (email) {
        reason = 'e-mail gagal dikirim / the e-mail could not be sent';
        await deps.mailer.send(answeredMail({ to: email, number: answered.number, agency, autoCloseAt: answered.autoCloseAt, publicUrl: deps.publicUrl }));
        return answered;
      }
    } catch (error) {
      deps.log.error({ err: error, complaint: answered.number }, 'the mail telling a complainant of the answer failed');
    }
    try {
      const note = `Pengadu tidak diberi tahu melalui e-mail: ${reason}.${answered.autoCloseAt ? ' Pengaduan tidak ditutup otomatis. / The complaint is not closed automatically.' : ''}`;
      return await deps.db.transaction(async (tx: Executor) => {
        const updated = answered.autoCloseAt ? await repo.updateComplaint(agency.id, answered.id, { autoCloseAt: null }, tx) : answered;
        await repo.appendEvent(agency.id, answered.id, eventOf(null, 'not_told', { actorType: 'system', note, visibleToComplainant: false, fromStatus: answered.status, toStatus: answered.status }), tx);
        return updated;
      });
    } catch (error) {
      deps.log.error({ err: error, complaint: answered.number }, 'the complaint could not record that the complainant was not told');
      return answered;
    }
  }

  function staffStep(action: StaffAction, agencyCode: string, number: string, context: ActionContext, work: StepWork) {
    return step({ agencyCode, number, context, allowed: (s) => mayTake(action, s), action: `complaints.${action}`, work });
  }

  /** The complainant's own steps: the number and the tracking secret open them. */
  async function complainantStep(options: { agencyCode: string; number: string; secret: string; action: ComplainantAction; context: ActionContext; work: StepWork }) {
    const agency = await ctx.agencyOf(options.agencyCode);
    const row = await repo.findByNumber(agency.id, options.number);
    if (!row || !secretOpens(row, options.secret)) throw trackingRefused(options.context.lang);
    await step({
      agencyCode: options.agencyCode,
      number: options.number,
      context: options.context,
      allowed: (s) => complainantMay(options.action, s),
      action: `complaints.complainant_${options.action}`,
      work: options.work,
    });
    return tracking.track({ agencyCode: options.agencyCode, credentials: { number: options.number, secret: options.secret, email: undefined }, lang: options.context.lang });
  }

  /** The resolution and 60-day due instants again, with the pauses as they will be stored. */
  function recount(env: StepEnv, c: ComplaintRow, pauses: ComplaintRow['pauses'], resolutionLimit: StoredLimit | null = c.resolutionLimit) {
    const due = dueTimes(env.calendar, { receivedAt: c.receivedAt, clocksFrom: c.clocksFrom, responseLimit: null, resolutionLimit, pauses }, clock().getTime());
    return { resolutionDueAt: due.resolutionDueAt, hardDueAt: due.hardDueAt };
  }

  /** The complainant (or an officer on their behalf) adds what was missing: the clocks run again. */
  function completeFile(c: ComplaintRow, env: StepEnv, text: string, context: ActionContext): StepResult {
    const now = clock();
    const resumed = closePause(c, now.getTime());
    const due = recount(env, c, resumed.pauses);
    return {
      patch: { status: 'received', additions: [...c.additions, { at: now.toISOString(), text }], ...resumed, ...due },
      event: eventOf(context, 'completed', { note: text }),
      audit: { resolutionDueAt: iso(due.resolutionDueAt), hardDueAt: due.hardDueAt.toISOString() },
    };
  }

  function closeWork(env: StepEnv, context: ActionContext, note: string | undefined, type: string): StepResult {
    const now = clock();
    const reopenUntil = new Date(dueFrom(env.calendar, now.getTime(), reopenWindow));
    return {
      patch: { status: 'closed', closedAt: now, reopenUntil, autoCloseAt: null },
      event: eventOf(context, type, { note: note ?? null }),
      audit: { reopenUntil: reopenUntil.toISOString() },
    };
  }

  return {
    async verify(options: { agencyCode: string; number: string; complete: boolean; missing?: string | undefined; note?: string | undefined; context: ActionContext }) {
      if (!options.complete && !options.missing) throw invalid([problem('missing', 'complaint.missing_needed', options.context.lang)]);
      return staffStep('verify', options.agencyCode, options.number, options.context, (c) => {
        const now = clock();
        const respondedAt = c.respondedAt ?? now;
        if (options.complete) {
          return { patch: { status: 'verified', respondedAt }, event: eventOf(options.context, 'verified_complete', { note: options.note ?? null }), audit: { complete: true } };
        }
        return {
          // The resolution and 60-day clocks stop until the complainant completes the file.
          patch: { status: 'incomplete', respondedAt, ...openPause(c, now.getTime()) },
          event: eventOf(options.context, 'verified_incomplete', { note: options.missing ?? null, data: options.note ? { internalNote: options.note } : {} }),
          audit: { complete: false },
        };
      });
    },

    async recordCompletion(options: { agencyCode: string; number: string; text: string; context: ActionContext }) {
      return staffStep('record_completion', options.agencyCode, options.number, options.context, (c, env) => completeFile(c, env, options.text, options.context));
    },

    async classify(options: { agencyCode: string; number: string; classCode?: string | undefined; note?: string | undefined; context: ActionContext }) {
      const lang = options.context.lang;
      return staffStep('classify', options.agencyCode, options.number, options.context, (c, env) => {
        const { standard } = env;
        const classes = standard.agency.complaints.classes;
        let limit: StoredLimit | null;
        if (classes.length > 0) {
          if (!options.classCode) throw invalid([problem('classCode', 'complaint.class_required', lang)]);
          const found = classes.find((k) => k.code === options.classCode);
          if (!found) throw invalid([problem('classCode', 'complaint.class_unknown', lang)]);
          limit = toStored(fromStandardLimit(found.limit));
        } else if (options.classCode) {
          throw invalid([problem('classCode', 'complaint.class_none', lang)]);
        } else {
          const service = c.serviceCode ? standard.services.find((s) => s.code === c.serviceCode) : undefined;
          const applied = rulesFor(standard.agency, service).resolutionLimit;
          limit = applied ? toStored(applied) : null;
        }
        const due = recount(env, c, c.pauses, limit);
        return {
          patch: { status: 'classified', classCode: options.classCode ?? null, resolutionLimit: limit, ...due },
          event: eventOf(options.context, 'classified', { note: options.note ?? null, data: { classCode: options.classCode ?? null, limit } }),
          audit: { classCode: options.classCode ?? null, resolutionDueAt: iso(due.resolutionDueAt) },
        };
      });
    },

    async assign(options: { agencyCode: string; number: string; assigneeId: string; note?: string | undefined; context: ActionContext }) {
      const staff = await deps.staff.listStaff({ agency: await ctx.agencyOf(options.agencyCode) });
      return staffStep('assign', options.agencyCode, options.number, options.context, () => {
        const member = staff.find((s) => s.id === options.assigneeId && !s.disabled);
        if (!member) throw invalid([problem('assigneeId', 'complaint.assignee_unknown', options.context.lang)]);
        return {
          patch: { status: 'assigned', assigneeId: member.id, assigneeName: member.name },
          event: eventOf(options.context, 'assigned', { note: options.note ?? null, data: { assigneeId: member.id, assigneeName: member.name }, visibleToComplainant: false }),
          audit: { assigneeId: member.id },
        };
      });
    },

    async followUp(options: { agencyCode: string; number: string; note: string; context: ActionContext }) {
      return staffStep('follow_up', options.agencyCode, options.number, options.context, () => ({
        patch: { status: 'followed_up' },
        event: eventOf(options.context, 'followed_up', { note: options.note }),
      }));
    },

    async answer(options: { agencyCode: string; number: string; answer: string; outcome: ComplaintOutcome; context: ActionContext }) {
      const answered = await staffStep('answer', options.agencyCode, options.number, options.context, (c, env) => {
        const now = clock();
        const onTime = answeredOnTime({ answeredAt: now, resolutionDueAt: c.resolutionDueAt, hardDueAt: c.hardDueAt });
        // The standard's "closed without reply after …", when it states one; none, no automatic closing.
        const noReply = env.standard.agency.complaints.closeAfterNoReply;
        const autoCloseAt = noReply ? new Date(dueFrom(env.calendar, now.getTime(), toStored(fromStandardLimit(noReply)))) : null;
        return {
          patch: { status: 'answered', answer: options.answer, outcome: options.outcome, answeredAt: now, autoCloseAt },
          event: eventOf(options.context, 'answered', { note: options.answer, data: { outcome: options.outcome, onTime, autoCloseAt: iso(autoCloseAt) } }),
          audit: { outcome: options.outcome, onTime, autoCloseAt: iso(autoCloseAt) },
        };
      });
      return tellAnswered(options.agencyCode, answered);
    },

    async close(options: { agencyCode: string; number: string; note?: string | undefined; context: ActionContext }) {
      return staffStep('close', options.agencyCode, options.number, options.context, (_c, env) => closeWork(env, options.context, options.note, 'closed'));
    },

    /**
     * Closes every answered complaint whose complainant has not replied within the standard's
     * `closeAfterNoReply` (its `autoCloseAt` has passed), each in its own step (locked, its status
     * checked again, so a complaint the complainant confirmed or an officer closed meanwhile, or
     * one another sweeper closed, is left alone), and tells the complainant by e-mail after the
     * commit. The standard in force when the complaint was received says how long; a standard
     * that states no such time never set `autoCloseAt`.
     */
    async autoCloseUnanswered(options: { at?: Date; limit?: number } = {}) {
      const when = options.at ?? clock();
      const due = await repo.findAutoCloseDue(when, options.limit ?? 200);
      const result = { claimed: due.length, closed: 0, failed: [] as { agencyId: string; id: string; error: string }[] };
      const context: ActionContext = { actor: { type: 'system', id: null, label: 'clock-sweeper' }, ip: null, requestId: null, lang: 'id' };
      for (const row of due) {
        try {
          const agency = await deps.agencies.getAgency({ id: row.agencyId });
          let limit: StoredLimit | undefined;
          const closed = await step({
            agencyCode: agency.code,
            number: row.number,
            context,
            allowed: (status) => status === 'answered',
            action: 'complaints.auto_closed',
            work: (c, env) => {
              const stated = env.standard.agency.complaints.closeAfterNoReply;
              if (!c.autoCloseAt || c.autoCloseAt > when || !stated) throw new Error('no longer due');
              limit = toStored(fromStandardLimit(stated));
              const note = {
                id: `Ditutup otomatis: tidak ada tanggapan pengadu dalam ${formatLimit(limit, 'id')} setelah jawaban, sesuai standar pelayanan.`,
                en: `Closed automatically: no reply from the complainant within ${formatLimit(limit, 'en')} of the answer, as the service standard provides.`,
              };
              return closeWork(env, context, `${note.id} / ${note.en}`, 'auto_closed');
            },
          });
          result.closed++;
          // After the commit: a mail that fails is logged, the closing stands.
          try {
            const email = await repo.findComplainantEmail(agency.id, closed.id);
            if (email && limit && closed.answeredAt && closed.reopenUntil) {
              await deps.mailer.send(autoClosedMail({ to: email, number: closed.number, agency, limit, answeredAt: closed.answeredAt, reopenUntil: closed.reopenUntil, publicUrl: deps.publicUrl }));
            }
          } catch (error) {
            deps.log.error({ err: error, complaint: closed.number }, 'the mail telling a complainant of the automatic closing failed');
          }
        } catch (error) {
          // Confirmed, closed or reopened meanwhile: nothing to do.
          if (error instanceof AppError && error.status === 409) continue;
          if (error instanceof Error && error.message === 'no longer due') continue;
          result.failed.push({ agencyId: row.agencyId, id: row.number, error: error instanceof Error ? error.message : String(error) });
        }
      }
      return result;
    },

    async complainantComplete(options: { agencyCode: string; number: string; secret: string; text: string; context: ActionContext }) {
      return complainantStep({ ...options, action: 'complete', work: (c, env) => completeFile(c, env, options.text, options.context) });
    },

    async complainantConfirm(options: { agencyCode: string; number: string; secret: string; context: ActionContext }) {
      return complainantStep({ ...options, action: 'confirm', work: (_c, env) => closeWork(env, options.context, undefined, 'confirmed') });
    },

    async complainantReopen(options: { agencyCode: string; number: string; secret: string; reason: string; context: ActionContext }) {
      return complainantStep({
        ...options,
        action: 'reopen',
        work: (c, env) => {
          if (!c.reopenUntil || clock() > c.reopenUntil) {
            throw new AppError(
              'conflict',
              { id: 'Batas waktu untuk membuka kembali pengaduan sudah lewat', en: 'The time to reopen the complaint has passed' },
              [problem('number', 'complaint.reopen_window', options.context.lang)],
            );
          }
          // A reopened complaint is counted again from now by the agency's rules (its class's,
          // the service's or the agency's resolution limit, and the national 60 days), not held to
          // the due times of its first round, which have long passed.
          const now = clock();
          const due = dueTimes(env.calendar, { receivedAt: c.receivedAt, clocksFrom: now, responseLimit: null, resolutionLimit: c.resolutionLimit, pauses: [] }, now.getTime());
          const times = { resolutionDueAt: iso(due.resolutionDueAt), hardDueAt: due.hardDueAt.toISOString() };
          return {
            patch: {
              status: 'reopened',
              closedAt: null,
              answeredAt: null,
              reopenUntil: null,
              autoCloseAt: null,
              reopenCount: c.reopenCount + 1,
              clocksFrom: now,
              pauses: [],
              pausedSince: null,
              resolutionDueAt: due.resolutionDueAt,
              hardDueAt: due.hardDueAt,
            },
            event: eventOf(options.context, 'reopened', { note: options.reason, data: times }),
            audit: { reopenCount: c.reopenCount + 1, ...times },
          };
        },
      });
    },
  };
}
