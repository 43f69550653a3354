/**
 * Moving a request through its pinned workflow: the engine that checks and writes one transition
 * (state, clocks and pauses, hand-over between agencies, product, effects, event, audit), and
 * what officers and requesters do to a request: act, assign, claim, mark the checklist, write a
 * reply or a note.
 */
import type { ActionInput, ChecklistState, EventVisibility, RequestEventKind, RequestView, PublicRequestView } from '../../../shared/contracts/requests.js';
import { ruleMessages } from '../../../shared/i18n/rules.js';
import type { Effect } from '../../../shared/standard/effects.js';
import { requesterRole, type ServiceStandard } from '../../../shared/standard/schema.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditActor } from '../audit/audit.service.js';
import { deadlineFor, type BusinessCalendar } from '../calendar/calendar.js';
import { toAuditActor } from '../identity/identity.actor.js';
import { advanceStages, channelCalendar, closePause, openPause, stopAtStep, summarizeClocks, tierClock, type ClockFields } from './requests.clock.js';
import {
  clockFieldsOf,
  invalid,
  iso,
  refusal,
  requesterActor,
  requesterKeys,
  requestNotFound,
  ruleProblem,
  staleVersion,
  type CallContext,
  type RequestsContext,
} from './requests.context.js';
import { officerMayAct, requesterMayAct } from './requests.policy.js';
import type { AttachmentRow, RequestPatch, RequestRow } from './requests.repo.js';
import { createNotices, noticeFor } from './requests.notices.js';
import type { RequestSurvey } from './requests.survey.js';
import type { RequestViews } from './requests.views.js';
import { clockPausedIn, deliversProduct, findStep, findTier, isCheckingStep, statusOf, type Action, type Step } from './requests.workflow.js';

/** Who moves the request: an officer, the requester, the desk on the requester's behalf, the system (auto-close). */
export type ActorKind = 'officer' | 'requester' | 'on_behalf' | 'system';

export interface Transition {
  row: RequestRow;
  service: ServiceStandard;
  from: Step;
  action: Action;
  to: Step;
  input: Pick<ActionInput, 'comment' | 'product' | 'externalReference'>;
  actorKind: ActorKind;
  actor: AuditActor;
  actorAgencyId: string | null;
  ctx: Pick<CallContext, 'ip' | 'requestId' | 'lang'>;
  at: Date;
  calendar: BusinessCalendar;
  eventKind?: RequestEventKind;
  /** Collects the effects' work for after the commit (see EffectContext.afterCommit). */
  afterCommit: (task: () => Promise<void>) => void;
}

export interface PreparedTransition {
  to: Step;
  handlingAgencyId: string;
  external: { system: string; reference: string } | null;
  productAttachment: AttachmentRow | undefined;
}

/** Checks and writes one transition; shared by the actions of people and the sweeper's auto-close. */
export function createTransitionEngine(context: RequestsContext) {
  const { deps, repo, pinnedService, autoCloseDays } = context;

  /** Validates what the action needs before anything is written. */
  async function prepareTransition(t: Omit<Transition, 'to' | 'afterCommit'>): Promise<PreparedTransition> {
    const { row, service, from, action, input, ctx } = t;
    const lang = ctx.lang;
    const to = findStep(service, action.to)!;
    if (t.actorKind !== 'system' && from.role !== requesterRole && isCheckingStep(service, from) && !action.pausesClock) {
      const items = await repo.listChecklist(row.agencyId, row.id);
      const missing = items.filter((i) => i.required && i.state !== 'received' && i.state !== 'original_shown');
      if (missing.length > 0) {
        throw new AppError(
          'validation',
          {
            id: `Persyaratan wajib belum diterima: ${missing.map((m) => m.label).join('; ')}`,
            en: `Required items not received yet: ${missing.map((m) => m.label).join('; ')}`,
          },
          missing.map((m) => ruleProblem(lang, `checklist.${m.code}`, 'request.checklist_incomplete')),
        );
      }
    }
    let handlingAgencyId = row.handlingAgencyId;
    let external: { system: string; reference: string } | null =
      row.externalSystem && row.externalReference ? { system: row.externalSystem, reference: row.externalReference } : null;
    const tier = findTier(service, to.tier);
    let recordedExternally = false;
    if (tier?.agency) {
      const target = await deps.agencies.findByCode(tier.agency);
      if (!target && (input.externalReference || external)) {
        // The agency is not on this deployment but works in a system of its own (LKPP in LPSE
        // Support): the escalation is recorded there, its ticket number here, and this agency's
        // officers go on recording that tier's progress.
        const pinned = await pinnedService(row);
        const system = pinned.agencyStandard.externalSystems?.find((s) => s.operator === tier.agency)?.code ?? tier.agency;
        if (input.externalReference) external = { system, reference: input.externalReference };
        recordedExternally = true;
      } else if (!target) {
        throw new AppError(
          'conflict',
          {
            id: `Tingkat "${tier.name}" ditangani instansi "${tier.agency}" yang tidak ada di Sigap ini; catat eskalasi di sistem mereka`,
            en: `The tier "${tier.name}" is handled by agency "${tier.agency}", which is not on this Sigap deployment; record the escalation in their system`,
          },
          [{ field: 'action', rule: 'request.tier_agency_missing', message: tier.agency }],
        );
      }
      if (target) handlingAgencyId = target.id;
    } else if (to.final || to.role !== requesterRole) {
      // Back home: the agency's own steps, and the end, belong to the agency that received it.
      handlingAgencyId = row.agencyId;
    }
    if (!tier?.system && !recordedExternally) external = tier ? null : external;
    if (action.escalates) {
      const escalated = findTier(service, action.escalates);
      if (escalated?.system) {
        if (!input.externalReference) throw invalid(lang, 'externalReference', 'request.external_reference_required');
        external = { system: escalated.system, reference: input.externalReference };
      }
    }
    let productAttachment: AttachmentRow | undefined;
    if (deliversProduct(service, from, action)) {
      if (!input.product?.text && !input.product?.attachmentId) {
        throw new AppError(
          'validation',
          { id: 'Tindakan ini menyerahkan produk layanan: isi jawaban dan/atau lampirkan dokumen', en: 'This action delivers the product: give the answer and/or attach the document' },
          [{ field: 'product', rule: 'required', message: ruleMessages.required[lang] }],
        );
      }
      if (input.product.attachmentId) {
        productAttachment = await repo.findAttachment(row.agencyId, row.id, input.product.attachmentId);
        if (!productAttachment) throw invalid(lang, 'product.attachmentId', 'custom');
      }
    }
    deps.effects.assertAvailable(action.effects as Effect[]);
    return { to, handlingAgencyId, external, productAttachment };
  }

  /** Writes a transition: the new state (if still at the version read), its event, effects and audit. */
  async function applyTransition(tx: Executor, t: Transition, prepared: PreparedTransition): Promise<RequestRow> {
    const { row, service, from, action, to, at, calendar } = t;
    const atMs = at.getTime();
    const wasPaused = row.pausedSince !== null;
    const nextTier = to.tier ?? (to.role === requesterRole && !to.final ? row.tier : null);
    const atTier = tierClock(service, row.channel, nextTier, row.resolutionLimit);
    const resolutionLimit = stopAtStep(service, row.channel, to.code, atTier.resolutionLimit, atMs);
    const stageClocks = advanceStages(service, row.channel, row.timelineVariant, row.stageClocks, to.code, atMs);
    const willPause = clockPausedIn(to, action) || atTier.handedOver;
    let pauseFields = { pauses: row.pauses, pausedSince: row.pausedSince };
    if (!wasPaused && willPause) pauseFields = openPause(pauseFields, atMs);
    if (wasPaused && !willPause) pauseFields = closePause(pauseFields, atMs);

    const channel = service.channels.find((c) => c.code === row.channel);
    const delivers = deliversProduct(service, from, action);
    const reopening = from.role === requesterRole && row.resolvedAt !== null && !to.final && to.role !== requesterRole;
    const status = statusOf(service, to);
    const patch: RequestPatch = {
      currentStep: to.code,
      currentRole: to.final ? null : (to.role ?? null),
      status,
      handlingAgencyId: prepared.handlingAgencyId,
      involvedAgencyIds: row.involvedAgencyIds.includes(prepared.handlingAgencyId) ? row.involvedAgencyIds : [...row.involvedAgencyIds, prepared.handlingAgencyId],
      tier: nextTier,
      resolutionLimit,
      stageClocks,
      externalSystem: prepared.external?.system ?? null,
      externalReference: prepared.external?.reference ?? null,
      ...pauseFields,
    };
    if (t.actorKind === 'officer' && row.respondedAt === null) patch.respondedAt = at;
    if (row.clockStartedAt === null && channel?.clockStartsAt === to.code) patch.clockStartedAt = at;
    if (delivers) {
      patch.resolvedAt = at;
      patch.resolvedBy = t.actor.type === 'user' ? t.actor.id : null;
      patch.productText = t.input.product?.text ?? null;
      patch.productAttachmentId = prepared.productAttachment?.id ?? null;
    }
    if (reopening) {
      // "Not solved": back to whoever resolved it, with the clock running again.
      patch.resolvedAt = null;
      patch.assigneeId = row.resolvedBy;
    } else if (prepared.handlingAgencyId !== row.handlingAgencyId) {
      patch.assigneeId = null;
    }
    if (to.final) {
      patch.closedAt = at;
      patch.outcome = to.outcome ?? 'completed';
    }
    // Only a requester who can be asked by e-mail is closed without an answer (requests.notices.ts).
    patch.autoCloseAt = status === 'confirming' && row.requesterEmail && deps.mailer ? new Date(deadlineFor(calendar, atMs, 'working_days', await autoCloseDays(row.agencyId, tx))) : null;

    const fields: ClockFields = {
      ...clockFieldsOf(row),
      clockStartedAt: patch.clockStartedAt ?? row.clockStartedAt,
      resolutionLimit,
      stageClocks,
      respondedAt: patch.respondedAt ?? row.respondedAt,
      resolvedAt: patch.resolvedAt === undefined ? row.resolvedAt : patch.resolvedAt,
      pauses: pauseFields.pauses,
      pausedSince: pauseFields.pausedSince,
      autoCloseAt: patch.autoCloseAt,
      closedAt: patch.closedAt ?? row.closedAt,
    };
    const summary = summarizeClocks(calendar, fields, atMs);
    patch.responseDueAt = summary.responseDueAt;
    patch.resolutionDueAt = summary.resolutionDueAt;
    patch.sortDueAt = summary.sortDueAt;
    patch.nextCheckAt = summary.nextCheckAt;
    // A clock that stopped late (resolved after its deadline, before the sweeper looked) is a breach too.
    const lateNow = summary.observed === 'breached' && row.clockState !== 'breached';
    if (lateNow) {
      patch.clockState = 'breached';
      patch.breachedAt = at;
    }

    const updated = await repo.updateRequest(row.agencyId, row.id, row.version, patch, tx);
    if (!updated) throw staleVersion(row.number, row.version + 1, row.version);
    const effectResults =
      action.effects.length > 0
        ? await deps.effects.run(action.effects as Effect[], {
            tx,
            agencyId: row.agencyId,
            request: {
              id: row.id,
              number: row.number,
              serviceCode: row.serviceCode,
              requesterEmail: row.requesterEmail,
              organisationNpwp: row.organisationNpwp,
              externalReference: prepared.external?.reference ?? null,
            },
            action: action.code,
            comment: t.input.comment ?? null,
            actor: t.actor,
            at,
            lang: t.ctx.lang,
            afterCommit: t.afterCommit,
          })
        : undefined;
    let missing: { code: string; label: string }[] | undefined;
    if (action.pausesClock && to.role === requesterRole) {
      missing = (await repo.listChecklist(row.agencyId, row.id, tx)).filter((i) => i.state === 'missing').map((i) => ({ code: i.code, label: i.label }));
    }
    await repo.insertEvent({
      agencyId: row.agencyId,
      requestId: row.id,
      occurredAt: at,
      kind: t.eventKind ?? 'action',
      actorType: t.actor.type,
      actorId: t.actor.id,
      actorLabel: t.actorKind === 'on_behalf' ? `${t.actor.label ?? ''} (a.n. pemohon)` : t.actor.label,
      actorAgencyId: t.actorAgencyId,
      action: action.code,
      fromStep: from.code,
      toStep: to.code,
      comment: t.input.comment ?? null,
      visibility: 'public',
      data: {
        label: action.label,
        ...(action.escalates ? { escalates: action.escalates } : {}),
        ...(prepared.external && action.escalates ? { external: prepared.external } : {}),
        ...(missing && missing.length > 0 ? { missing } : {}),
        ...(delivers ? { product: { text: patch.productText ?? null, attachmentId: patch.productAttachmentId ?? null } } : {}),
        ...(effectResults ? { effects: effectResults } : {}),
      },
    }, tx);
    if (lateNow) await recordBreach(tx, updated, at);
    await deps.audit.record({
      tx,
      agencyId: row.agencyId,
      actor: t.actor,
      action: t.eventKind === 'auto_closed' ? 'requests.auto_closed' : 'requests.action',
      target: { type: 'request', id: row.id },
      before: { step: from.code, status: row.status, version: row.version },
      after: { step: to.code, status, action: action.code, version: updated.version },
      ip: t.ctx.ip,
      requestId: t.ctx.requestId,
    });
    return updated;
  }

  /**
   * A breach is a public event; compensation is only what the agency's standard declares (only
   * Kalimantan Selatan's promises "kompensasi berupa pemberian prioritas untuk pelayanan
   * berikutnya"), and only `priority_next_service` gives the requester a priority grant. The
   * pinned standard is cached by then (the action and the sweeper load it before the transaction).
   */
  async function recordBreach(tx: Executor, row: RequestRow, at: Date): Promise<void> {
    const compensation = (await pinnedService(row)).agencyStandard.compensation;
    await repo.insertEvent({
      agencyId: row.agencyId,
      requestId: row.id,
      occurredAt: at,
      kind: 'clock_breached',
      actorType: 'system',
      actorId: null,
      actorLabel: 'clock',
      visibility: 'public',
      data: { responseDueAt: iso(row.responseDueAt), resolutionDueAt: iso(row.resolutionDueAt), ...(compensation ? { compensation: compensation.kind } : {}) },
    }, tx);
    if (compensation?.kind === 'priority_next_service') await repo.insertPriorityGrant(row.agencyId, requesterKeys(row), row.id, at, tx);
  }

  return { prepareTransition, applyTransition, recordBreach };
}

export type TransitionEngine = ReturnType<typeof createTransitionEngine>;

export function createTransitions(
  context: RequestsContext,
  { engine, views, survey }: { engine: TransitionEngine; views: Pick<RequestViews, 'staffView' | 'publicView'>; survey: Pick<RequestSurvey, 'inviteToSurvey'> },
) {
  const { deps, db, repo, now, loadByNumber, pinnedService, calendarOf, rolesInHandling, canIntakeInOwner, assertStaffSees, checkSecret } = context;
  const { prepareTransition, applyTransition } = engine;
  const { staffView, publicView } = views;
  const { inviteToSurvey } = survey;
  const notices = createNotices(context);

  async function runAction(options: {
    ctx: CallContext;
    row: RequestRow;
    input: ActionInput;
    actorKind: ActorKind;
    actorAgencyId: string | null;
  }): Promise<RequestRow> {
    const { ctx, row, input } = options;
    if (input.version !== row.version) throw staleVersion(row.number, row.version, input.version);
    const { service } = await pinnedService(row);
    const from = findStep(service, row.currentStep)!;
    const action = from.actions.find((a) => a.code === input.action);
    if (!action) {
      throw new AppError(
        'conflict',
        {
          id: `Tindakan "${input.action}" tidak tersedia pada tahap "${from.name}"; yang tersedia: ${from.actions.map((a) => a.code).join(', ') || '—'}`,
          en: `The action "${input.action}" is not available at step "${from.name}"; available: ${from.actions.map((a) => a.code).join(', ') || '—'}`,
        },
        [ruleProblem(ctx.lang, 'action', 'request.action_unknown')],
      );
    }
    const actor = options.actorKind === 'requester' ? requesterActor(row) : toAuditActor(ctx.actor);
    const calendar = channelCalendar(await calendarOf(row.agencyId), service, row.channel);
    const at = now();
    const base = { row, service, from, action, input, actorKind: options.actorKind, actor, actorAgencyId: options.actorAgencyId, ctx, at, calendar };
    const prepared = await prepareTransition(base);
    const followUps: (() => Promise<void>)[] = [];
    const updated = await db.transaction((tx) => applyTransition(tx, { ...base, to: prepared.to, afterCommit: (task) => followUps.push(task) }, prepared));
    // After the commit: what the effects send, and the invitation, only for what happened.
    for (const task of followUps) {
      await task().catch((error: unknown) => deps.log?.error({ err: error, number: row.number, action: action.code }, 'an effect failed to follow up after its commit'));
    }
    const notice = noticeFor(row, updated);
    if (notice) await notices.tell(notice, updated, input.comment);
    if (updated.status === 'closed' && row.status !== 'closed') await inviteToSurvey(updated);
    return updated;
  }

  return {
    async actAsOfficer({ ctx, workspaceId, number, input }: { ctx: CallContext; workspaceId: string; number: string; input: ActionInput }): Promise<RequestView> {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      const verdict = officerMayAct({
        request: row,
        actor: ctx.actor,
        workspaceId,
        rolesInHandlingAgency: await rolesInHandling(ctx, row),
        canIntakeInOwner: row.currentRole === requesterRole ? await canIntakeInOwner(ctx, row) : false,
      });
      if (!verdict.ok) throw refusal(verdict, row.currentRole);
      const actorKind: ActorKind = row.currentRole === requesterRole ? 'on_behalf' : 'officer';
      const updated = await runAction({ ctx, row, input, actorKind, actorAgencyId: workspaceId });
      return staffView(ctx, updated, workspaceId);
    },

    async actAsRequester(options: { ctx: CallContext; number: string; input: ActionInput; secret?: string; userId?: string; userEmail?: string }): Promise<PublicRequestView> {
      const row = await loadByNumber(options.number);
      if (options.secret !== undefined) checkSecret(row, options.secret);
      else if (!(options.userId && (row.requesterUserId === options.userId || (options.userEmail && row.requesterEmail === options.userEmail.toLowerCase())))) {
        throw requestNotFound(row.number);
      }
      const verdict = requesterMayAct(row);
      if (!verdict.ok) throw refusal(verdict, row.currentRole);
      const updated = await runAction({ ctx: options.ctx, row, input: options.input, actorKind: 'requester', actorAgencyId: null });
      return publicView(updated);
    },

    async assign({ ctx, workspaceId, number, assigneeId, version }: { ctx: CallContext; workspaceId: string; number: string; assigneeId: string | null; version: number }): Promise<RequestView> {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      if (row.version !== version) throw staleVersion(number, row.version, version);
      if (workspaceId !== row.handlingAgencyId) {
        throw new AppError('forbidden', { id: 'Hanya instansi yang sedang menangani yang dapat menugaskan', en: 'Only the agency handling it now may assign it' });
      }
      if (row.status === 'closed' || row.currentRole === null || row.currentRole === requesterRole) {
        throw new AppError('conflict', { id: 'Tahap ini tidak dapat ditugaskan kepada petugas', en: 'This step cannot be assigned to an officer' });
      }
      if (assigneeId !== null) {
        const roles = await deps.access.rolesOf({ userId: assigneeId, agencyId: row.handlingAgencyId });
        if (!roles.includes(row.currentRole)) {
          throw new AppError(
            'validation',
            { id: `Petugas yang ditunjuk tidak memegang peran "${row.currentRole}"`, en: `The officer does not hold the role "${row.currentRole}"` },
            [{ field: 'assigneeId', rule: 'request.role', message: row.currentRole }],
          );
        }
      }
      const updated = await db.transaction(async (tx) => {
        const at = now();
        const next = await repo.updateRequest(row.agencyId, row.id, row.version, { assigneeId }, tx);
        if (!next) throw staleVersion(number, row.version + 1, row.version);
        const actor = toAuditActor(ctx.actor);
        await repo.insertEvent({
          agencyId: row.agencyId,
          requestId: row.id,
          occurredAt: at,
          kind: row.assigneeId ? 'reassigned' : 'assigned',
          actorType: actor.type,
          actorId: actor.id,
          actorLabel: actor.label,
          actorAgencyId: workspaceId,
          visibility: 'internal',
          data: { from: row.assigneeId, to: assigneeId },
        }, tx);
        await deps.audit.record({ tx, agencyId: row.agencyId, actor, action: 'requests.assigned', target: { type: 'request', id: row.id }, before: { assigneeId: row.assigneeId }, after: { assigneeId }, ip: ctx.ip, requestId: ctx.requestId });
        return next;
      });
      return staffView(ctx, updated, workspaceId);
    },

    async claim({ ctx, workspaceId, number, version }: { ctx: CallContext; workspaceId: string; number: string; version: number }): Promise<RequestView> {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      if (ctx.actor.type !== 'user') throw refusal({ ok: false, reason: 'token' }, row.currentRole);
      const verdict = officerMayAct({ request: row, actor: ctx.actor, workspaceId, rolesInHandlingAgency: await rolesInHandling(ctx, row), canIntakeInOwner: false });
      if (!verdict.ok) throw refusal(verdict, row.currentRole);
      if (row.version !== version) throw staleVersion(number, row.version, version);
      const userId = ctx.actor.userId;
      const updated = await db.transaction(async (tx) => {
        const next = await repo.updateRequest(row.agencyId, row.id, row.version, { assigneeId: userId }, tx);
        if (!next) throw staleVersion(number, row.version + 1, row.version);
        const actor = toAuditActor(ctx.actor);
        await repo.insertEvent({ agencyId: row.agencyId, requestId: row.id, occurredAt: now(), kind: 'claimed', actorType: actor.type, actorId: actor.id, actorLabel: actor.label, actorAgencyId: workspaceId, visibility: 'internal', data: { from: row.assigneeId } }, tx);
        await deps.audit.record({ tx, agencyId: row.agencyId, actor, action: 'requests.claimed', target: { type: 'request', id: row.id }, before: { assigneeId: row.assigneeId }, after: { assigneeId: userId }, ip: ctx.ip, requestId: ctx.requestId });
        return next;
      });
      return staffView(ctx, updated, workspaceId);
    },

    async markChecklist({ ctx, workspaceId, number, items }: { ctx: CallContext; workspaceId: string; number: string; items: { code: string; state: ChecklistState; note?: string | undefined }[] }): Promise<RequestView> {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      if (row.status === 'closed') throw refusal({ ok: false, reason: 'closed' }, null);
      const actor = toAuditActor(ctx.actor);
      const updated = await db.transaction(async (tx) => {
        const existing = await repo.listChecklist(row.agencyId, row.id, tx);
        const at = now();
        for (const item of items) {
          const found = existing.find((e) => e.code === item.code);
          if (!found) throw invalid(ctx.lang, `items.${item.code}`, 'request.requirement_unknown');
          await repo.markChecklistItem({ agencyId: row.agencyId, requestId: row.id, code: item.code }, { state: item.state, note: item.note ?? null, markedBy: actor.label ?? 'officer', markedAt: at }, tx);
        }
        // Marks change what actions may do next, so they count as a change of the request.
        const next = await repo.updateRequest(row.agencyId, row.id, row.version, {}, tx);
        if (!next) throw staleVersion(number, row.version + 1, row.version);
        await repo.insertEvent({ agencyId: row.agencyId, requestId: row.id, occurredAt: at, kind: 'checklist', actorType: actor.type, actorId: actor.id, actorLabel: actor.label, actorAgencyId: workspaceId, visibility: 'internal', data: { items } }, tx);
        await deps.audit.record({ tx, agencyId: row.agencyId, actor, action: 'requests.checklist_marked', target: { type: 'request', id: row.id }, after: { items }, ip: ctx.ip, requestId: ctx.requestId });
        return next;
      });
      return staffView(ctx, updated, workspaceId);
    },

    async addNote({ ctx, workspaceId, number, body, visibility }: { ctx: CallContext; workspaceId: string; number: string; body: string; visibility: EventVisibility }): Promise<RequestView> {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      const actor = toAuditActor(ctx.actor);
      await db.transaction(async (tx) => {
        await repo.insertEvent({ agencyId: row.agencyId, requestId: row.id, occurredAt: now(), kind: visibility === 'public' ? 'reply' : 'note', actorType: actor.type, actorId: actor.id, actorLabel: actor.label, actorAgencyId: workspaceId, comment: body, visibility }, tx);
        await deps.audit.record({ tx, agencyId: row.agencyId, actor, action: visibility === 'public' ? 'requests.replied' : 'requests.noted', target: { type: 'request', id: row.id }, ip: ctx.ip, requestId: ctx.requestId });
      });
      return staffView(ctx, row, workspaceId);
    },
  };
}
