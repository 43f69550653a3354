/**
 * What staff and requesters see of requests: one request (its timeline, checklist, clocks and
 * the actions allowed now) for the staff of an agency that may see it or for its requester, the
 * requester's own list (the officers' queues are requests.queue.ts).
 */
import type { PublicRequestView, RequestView } from '../../../shared/contracts/requests.js';
import { requesterRole, type AgencyStandard, type ServiceStandard } from '../../../shared/standard/schema.js';
import { describeLimitRule, resolveServiceLimit } from '../standards/standards.limits.js';
import { channelCalendar, readClocks } from './requests.clock.js';
import { clockFieldsOf, iso, requestNotFound, trackingSecretMatches, type CallContext, type RequestsContext } from './requests.context.js';
import { officerMayAct, requesterMayAct } from './requests.policy.js';
import type { RequestRow } from './requests.repo.js';
import { deliversProduct, findStep, findTier, type Action } from './requests.workflow.js';

export function createViews(context: RequestsContext) {
  const { repo, now, loadByNumber, agencyById, pinnedService, calendarOf, rolesInHandling, canIntakeInOwner, assertStaffSees } = context;

  async function buildCommon(row: RequestRow, options: { audience: 'staff' | 'requester'; allowed: Action[]; service: ServiceStandard; agencyStandard: AgencyStandard }) {
    const { service } = options;
    const [events, checklist, attachments, owner, handling, agencyCalendar] = await Promise.all([
      repo.listEvents(row.agencyId, row.id),
      repo.listChecklist(row.agencyId, row.id),
      repo.listAttachments(row.agencyId, row.id),
      agencyById(row.agencyId),
      agencyById(row.handlingAgencyId),
      calendarOf(row.agencyId),
    ]);
    const calendar = channelCalendar(agencyCalendar, service, row.channel);
    const at = now().getTime();
    const step = findStep(service, row.currentStep)!;
    const channel = service.channels.find((c) => c.code === row.channel);
    const tier = findTier(service, row.tier);
    const current = resolveServiceLimit(service, { channel: row.channel, tier: row.tier && findTier(service, row.tier) ? row.tier : undefined });
    const handedOver = current.external && !row.closedAt ? { agency: current.external.agency, system: row.externalSystem ?? current.external.system, reference: row.externalReference } : null;
    const clocks = readClocks(calendar, clockFieldsOf(row), at).map((r) => {
      const paused = row.pausedSince !== null && r.stoppedAt === null;
      const state = !r.state
        ? ('not_started' as const)
        : r.stoppedAt !== null
          ? r.state.breached
            ? ('late' as const)
            : ('met' as const)
          : paused
            ? handedOver && r.kind === 'resolution'
              ? ('handed_over' as const)
              : ('paused' as const)
            : r.state.breached
              ? ('late' as const)
              : ('running' as const);
      return {
        kind: r.kind,
        limit: { unit: r.limit.unit, max: r.limit.max, min: r.limit.min ?? null },
        rule: describeLimitRule(service, r.stage !== undefined ? { kind: 'stage', code: r.stage } : (r.limit.rule ?? { kind: 'channel', code: row.channel })),
        dueAt: r.state ? new Date(r.state.due).toISOString() : null,
        remainingMinutes: r.state && r.stoppedAt === null ? Math.round(r.state.remainingMs / 60_000) : null,
        state,
        breached: r.state?.breached ?? false,
      };
    });
    // The standard's own words, and nothing where it promises no compensation.
    const compensation = row.clockState === 'breached' ? (options.agencyStandard.compensation?.text ?? null) : null;
    return {
      number: row.number,
      agency: owner.code,
      service: { code: service.code, name: service.name },
      standardVersion: row.standardVersion,
      channel: { code: row.channel, kind: row.channelKind, label: channel?.label ?? row.channel },
      title: row.title,
      description: row.description,
      status: row.status,
      outcome: row.outcome,
      step: { code: step.code, name: step.name, role: row.currentRole, roleName: row.currentRole ? (options.agencyStandard.roles.find((r) => r.code === row.currentRole)?.name ?? row.currentRole) : null },
      tier: tier ? { code: tier.code, name: tier.name } : null,
      handlingAgency: handling.code,
      external: row.externalSystem && row.externalReference ? { system: row.externalSystem, reference: row.externalReference } : null,
      priority: row.priority,
      version: row.version,
      receivedAt: row.receivedAt.toISOString(),
      clocks,
      timeLimit: {
        rule: handedOver ? current.rule : row.resolutionLimit ? describeLimitRule(service, row.resolutionLimit.rule ?? { kind: 'channel', code: row.channel }) : current.rule,
        stated: handedOver === null && (row.resolutionLimit !== null || row.responseLimit !== null || row.stageClocks.some((c) => c.limit !== null)),
        handedOver,
        stagesNotStated: row.stageClocks.filter((c) => c.limit === null && c.startedAt !== null).map((c) => describeLimitRule(service, { kind: 'stage', code: c.stage })),
      },
      clockState: row.clockState,
      compensation,
      autoCloseAt: iso(row.autoCloseAt),
      closedAt: iso(row.closedAt),
      product: row.productText || row.productAttachmentId ? { text: row.productText, attachmentId: row.productAttachmentId } : null,
      checklist: checklist.map((c) => ({
        code: c.code,
        label: c.label,
        kind: c.kind,
        required: c.required,
        state: c.state,
        value: c.value,
        note: c.note,
        markedBy: options.audience === 'staff' ? c.markedBy : null,
        markedAt: iso(c.markedAt),
      })),
      events: events
        .filter((e) => options.audience === 'staff' || e.visibility === 'public')
        .map((e) => ({
          seq: e.seq,
          occurredAt: e.occurredAt.toISOString(),
          kind: e.kind,
          // Words, never internal labels ("requester:…", "clock-sweeper"): staff also see which officer acted.
          actor: e.actorType === 'system' ? 'sistem' : e.actorLabel?.startsWith('requester:') ? 'pemohon' : options.audience === 'staff' ? e.actorLabel : 'petugas',
          action: e.action,
          fromStep: e.fromStep,
          toStep: e.toStep,
          comment: e.comment,
          visibility: e.visibility,
          data: e.data ?? null,
        })),
      attachments: attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        mimeType: a.mimeType,
        size: a.size,
        sha256: a.sha256,
        confidential: a.confidential,
        requirementCode: a.requirementCode,
        uploadedAt: a.uploadedAt.toISOString(),
      })),
      allowedActions: options.allowed.map((a) => {
        const tierOf = findTier(service, a.escalates);
        return {
          code: a.code,
          label: a.label,
          to: a.to,
          pausesClock: a.pausesClock,
          escalates: a.escalates ?? null,
          escalatesTo: tierOf
            ? tierOf.agency
              ? { kind: 'agency' as const, code: tierOf.agency, name: tierOf.name }
              : tierOf.system
                ? { kind: 'system' as const, code: tierOf.system, name: tierOf.name }
                : { kind: 'role' as const, code: tierOf.role!, name: tierOf.name }
            : null,
          effects: [...a.effects],
          needsProduct: deliversProduct(service, step, a),
        };
      }),
    };
  }

  async function staffView(ctx: CallContext, row: RequestRow, workspaceId: string): Promise<RequestView> {
    const { service, agencyStandard } = await pinnedService(row);
    const step = findStep(service, row.currentStep)!;
    const verdict = officerMayAct({
      request: row,
      actor: ctx.actor,
      workspaceId,
      rolesInHandlingAgency: await rolesInHandling(ctx, row),
      canIntakeInOwner: row.currentRole === requesterRole ? await canIntakeInOwner(ctx, row) : false,
    });
    const common = await buildCommon(row, { audience: 'staff', allowed: verdict.ok ? step.actions : [], service, agencyStandard });
    return {
      ...common,
      requester: { type: row.requesterType, name: row.requesterName, nik: row.requesterNik, phone: row.requesterPhone, email: row.requesterEmail },
      organisation: { name: row.organisationName, npwp: row.organisationNpwp, nib: row.organisationNib, governmentUnit: row.governmentUnit },
      eventDate: row.eventDate,
      source: row.source,
      assigneeId: row.assigneeId,
    };
  }

  async function publicView(row: RequestRow): Promise<PublicRequestView> {
    const { service, agencyStandard } = await pinnedService(row);
    const step = findStep(service, row.currentStep)!;
    const allowed = requesterMayAct(row).ok ? step.actions : [];
    const common = await buildCommon(row, { audience: 'requester', allowed, service, agencyStandard });
    return { ...common, requesterName: row.requesterName };
  }

  return {
    staffView,
    publicView,

    async getForStaff({ ctx, workspaceId, number }: { ctx: CallContext; workspaceId: string; number: string }): Promise<RequestView> {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      return staffView(ctx, row, workspaceId);
    },

    async track({ number, email, phone, secret }: { number: string; email?: string | undefined; phone?: string | undefined; secret?: string | undefined }): Promise<PublicRequestView> {
      const row = await loadByNumber(number);
      const ok =
        (secret !== undefined && trackingSecretMatches(row, secret)) ||
        (email !== undefined && row.requesterEmail !== null && row.requesterEmail === email.toLowerCase()) ||
        (phone !== undefined && row.requesterPhone !== null && row.requesterPhone === phone);
      // The same answer whether the number or the contact is wrong: numbers are guessable.
      if (!ok) throw requestNotFound(number);
      return publicView(row);
    },

    async getMine({ userId, email, number }: { userId: string; email: string; number: string }): Promise<PublicRequestView> {
      const row = await loadByNumber(number);
      if (row.requesterUserId !== userId && row.requesterEmail !== email.toLowerCase()) throw requestNotFound(number);
      return publicView(row);
    },

    async listMine({ userId, email }: { userId: string; email: string }) {
      const rows = await repo.listMine(userId, email);
      const items = [];
      for (const r of rows) {
        items.push({
          number: r.number,
          agency: (await agencyById(r.agencyId)).code,
          title: r.title,
          service: r.serviceCode,
          status: r.status,
          step: r.currentStep,
          receivedAt: r.receivedAt.toISOString(),
          clockState: r.clockState,
        });
      }
      return { items };
    },
  };
}

export type RequestViews = ReturnType<typeof createViews>;
