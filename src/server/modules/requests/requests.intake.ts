/**
 * Intake: a request filed by the desk (walk-in, call, letter), an integration (API token), the
 * portal or the public, checked against the service's standard in force (channel, requester
 * type, requirements, lead time), numbered gap-free, given its tracking secret and its clocks.
 */
import { randomUUID } from 'node:crypto';
import type { IntakeInput, IntakeReceipt } from '../../../shared/contracts/requests.js';
import type { Language, Localized } from '../../../shared/i18n/languages.js';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import { AppError } from '../../lib/app-error.js';
import { randomToken } from '../../lib/secrets.js';
import { deadlineFor, type BusinessCalendar } from '../calendar/calendar.js';
import { localDateOf } from '../calendar/time-zone.js';
import { toAuditActor } from '../identity/identity.actor.js';
import { advanceStages, channelCalendar, intakeLimits, summarizeClocks, type ClockFields } from './requests.clock.js';
import {
  formatNumber,
  hashTrackingSecret,
  invalid,
  iso,
  requesterKeys,
  ruleProblem,
  validationError,
  type CallContext,
  type RequestsContext,
} from './requests.context.js';
import { checklistFor, clockPausedIn, entryStep, onlineChannelKinds, statusOf, toStoredLimit } from './requests.workflow.js';

/** The lead-time rules of the service on this channel: the event date far enough ahead, in the agency's calendar. */
function checkLeadTime(options: { lang: Language; service: ServiceStandard; channel: string; eventDate: string | undefined; at: Date; calendar: BusinessCalendar; timeZone: string }) {
  const rules = options.service.leadTimeRules.filter((r) => !r.channels || r.channels.includes(options.channel));
  if (rules.length === 0) return;
  if (!options.eventDate) throw invalid(options.lang, 'eventDate', 'request.event_date_required');
  for (const rule of rules) {
    const limit = toStoredLimit(rule.minimum)!;
    const earliest = localDateOf(options.timeZone, deadlineFor(options.calendar, options.at.getTime(), limit.unit, limit.max));
    if (options.eventDate < earliest) {
      const unitText: Record<string, Localized> = {
        minutes: { id: 'menit', en: 'minutes' },
        hours: { id: 'jam', en: 'hours' },
        working_days: { id: 'hari kerja', en: 'working days' },
        calendar_days: { id: 'hari', en: 'days' },
      };
      const minimum = `${limit.max} ${unitText[limit.unit]![options.lang]}`;
      const problem = ruleProblem(options.lang, 'eventDate', 'request.lead_time', { minimum, before: rule.before, earliest });
      throw new AppError(
        'validation',
        {
          id: `${rule.label}: ${options.eventDate} terlalu dekat. Tanggal ${rule.before} paling awal ${earliest}.`,
          en: `${rule.label}: ${options.eventDate} is too soon. The earliest date for the ${rule.before} is ${earliest}.`,
        },
        [problem],
      );
    }
  }
}

export function createIntake(context: RequestsContext) {
  const { deps, db, repo, now, agencyByCode, standardInForce, calendarOf } = context;


  async function intake(options: {
    ctx: CallContext;
    agencyCode: string;
    input: IntakeInput;
    source: 'staff' | 'portal' | 'public' | 'api';
    userId?: string | undefined;
  }): Promise<IntakeReceipt> {
    const { ctx, input, source } = options;
    const lang = ctx.lang;
    const agency = await agencyByCode(options.agencyCode);
    const at = now();
    const standard = await standardInForce(agency, at);
    const service = standard.services.find((s) => s.code === input.service);
    if (!service) throw invalid(lang, 'service', 'request.service_unknown');
    const channel = service.channels.find((c) => c.code === input.channel);
    if (!channel) throw invalid(lang, 'channel', 'request.channel_unknown');
    if ((source === 'public' || source === 'portal') && !onlineChannelKinds.includes(channel.kind)) {
      throw invalid(lang, 'channel', 'request.channel_not_allowed');
    }
    const requester = input.requester;
    if (!service.requesterTypes.includes(requester.type)) throw invalid(lang, 'requester.type', 'request.requester_type');
    if (!requester.email && !requester.phone && !options.userId) throw invalid(lang, 'requester.email', 'request.contact_required');
    const org = input.organisation ?? {};
    if (requester.type === 'vendor' && (!org.name || (!org.npwp && !org.nib))) {
      throw invalid(lang, org.name ? 'organisation.npwp' : 'organisation.name', 'request.organisation_required');
    }
    if (requester.type === 'government' && !org.governmentUnit) {
      throw invalid(lang, 'organisation.governmentUnit', 'request.organisation_required');
    }

    const requirements = checklistFor(service, channel.code, requester.type);
    const problems: FieldProblem[] = [];
    for (const code of Object.keys(input.fields)) {
      const r = requirements.find((x) => x.code === code);
      if (!r || r.kind !== 'form_field') problems.push(ruleProblem(lang, `fields.${code}`, 'request.requirement_unknown'));
    }
    for (const code of input.statements) {
      const r = requirements.find((x) => x.code === code);
      if (!r || r.kind !== 'statement') problems.push(ruleProblem(lang, `statements`, 'request.requirement_unknown'));
    }
    // The desk fills what the requester says at the counter; online filers type it themselves.
    if (source !== 'staff') {
      for (const r of requirements) {
        if (!r.required) continue;
        if (r.kind === 'form_field' && !input.fields[r.code]) problems.push(ruleProblem(lang, `fields.${r.code}`, 'request.field_required'));
        if (r.kind === 'statement' && !input.statements.includes(r.code)) problems.push(ruleProblem(lang, `statements.${r.code}`, 'request.statement_required'));
      }
    }
    if (problems.length > 0) throw validationError(problems);

    const calendar = await calendarOf(agency.id);
    checkLeadTime({ lang, service, channel: channel.code, eventDate: input.eventDate, at, calendar, timeZone: agency.timeZone });

    const variants = service.timeline?.variants.map((v) => v.code) ?? [];
    if (input.variant !== undefined && !variants.includes(input.variant)) {
      throw validationError([ruleProblem(lang, 'variant', 'standard.variant_unknown', { value: input.variant })]);
    }
    const step = entryStep(service, channel);
    const clockStartsNow = !channel.clockStartsAt || channel.clockStartsAt === step.code;
    const year = Number(localDateOf(agency.timeZone, at.getTime()).slice(0, 4));
    const secret = randomToken(24);
    const id = randomUUID();
    const auditActor = toAuditActor(ctx.actor);
    const email = requester.email?.toLowerCase() ?? null;

    const row = await db.transaction(async (tx) => {
      const keyFields = { requesterEmail: email, requesterPhone: requester.phone ?? null, requesterUserId: options.userId ?? null };
      const grant = await repo.claimPriorityGrant(agency.id, requesterKeys(keyFields), id, at, tx);
      // The counter row is locked from here to the commit: every intake of the agency and year
      // waits for it, so as little as possible comes after it.
      const seq = await repo.nextSeq(agency.id, year, tx);
      const number = formatNumber(agency.code, year, seq);
      const paused = clockPausedIn(step, undefined);
      const fields: ClockFields = {
        clockStartedAt: clockStartsNow ? at : null,
        ...intakeLimits(service, channel.code),
        respondedAt: null,
        resolvedAt: null,
        pauses: paused ? [{ from: at.getTime(), to: null }] : [],
        pausedSince: paused ? at : null,
        clockState: 'ok',
        autoCloseAt: null,
        closedAt: null,
        stageClocks: advanceStages(service, channel.code, input.variant ?? null, [], step.code, at.getTime()),
      };
      const summary = summarizeClocks(channelCalendar(calendar, service, channel.code), fields, at.getTime());
      const inserted = await repo.insertRequest({
        agencyId: agency.id,
        id,
        number,
        year,
        seq,
        trackingSecretHash: hashTrackingSecret(secret),
        serviceCode: service.code,
        standardVersion: standard.version,
        channel: channel.code,
        channelKind: channel.kind,
        source,
        title: input.title,
        description: input.description ?? null,
        requesterType: requester.type,
        requesterName: requester.name,
        requesterNik: requester.nik ?? null,
        ...keyFields,
        organisationName: org.name ?? null,
        organisationNpwp: org.npwp ?? null,
        organisationNib: org.nib ?? null,
        governmentUnit: org.governmentUnit ?? null,
        eventDate: input.eventDate ?? null,
        currentStep: step.code,
        currentRole: step.role ?? null,
        handlingAgencyId: agency.id,
        involvedAgencyIds: [agency.id],
        tier: step.tier ?? null,
        status: statusOf(service, step),
        priority: grant !== undefined,
        receivedAt: at,
        clockStartedAt: fields.clockStartedAt,
        responseLimit: fields.responseLimit,
        resolutionLimit: fields.resolutionLimit,
        responseDueAt: summary.responseDueAt,
        resolutionDueAt: summary.resolutionDueAt,
        pauses: fields.pauses,
        pausedSince: fields.pausedSince,
        stageClocks: fields.stageClocks ?? [],
        timelineVariant: input.variant ?? null,
        sortDueAt: summary.sortDueAt,
        nextCheckAt: summary.nextCheckAt,
      }, tx);
      await repo.insertChecklist(
        requirements.map((r, position) => {
          const value = r.kind === 'form_field' ? (input.fields[r.code] ?? null) : null;
          const affirmed = r.kind === 'statement' && input.statements.includes(r.code);
          const given = (value !== null && value !== '') || affirmed;
          return {
            agencyId: agency.id,
            requestId: id,
            code: r.code,
            position,
            label: r.label,
            kind: r.kind,
            required: r.required,
            state: given ? ('received' as const) : ('pending' as const),
            value,
            markedBy: given ? (auditActor.label ?? 'requester') : null,
            markedAt: given ? at : null,
          };
        }),
        tx,
      );
      await repo.insertEvent({
        agencyId: agency.id,
        requestId: id,
        occurredAt: at,
        kind: 'filed',
        actorType: auditActor.type,
        actorId: auditActor.id,
        actorLabel: auditActor.label,
        actorAgencyId: source === 'staff' || source === 'api' ? agency.id : null,
        toStep: step.code,
        visibility: 'public',
        comment: null,
        data: { channel: channel.code, source, standardVersion: standard.version, ...(grant ? { priorityFrom: grant } : {}) },
      }, tx);
      await deps.audit.record({
        tx,
        agencyId: agency.id,
        actor: auditActor,
        action: 'requests.filed',
        target: { type: 'request', id },
        after: { number, service: service.code, channel: channel.code, source, standardVersion: standard.version, priority: grant !== undefined },
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return inserted;
    });

    return {
      number: row.number,
      trackingSecret: secret,
      trackingUrl: `${deps.publicUrl}/lacak/${row.number}#k=${secret}`,
      status: row.status,
      currentStep: row.currentStep,
      receivedAt: row.receivedAt.toISOString(),
      responseDueAt: iso(row.responseDueAt),
      resolutionDueAt: iso(row.resolutionDueAt),
      priority: row.priority,
    };
  }

  return { intake };
}
