import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type {
  ActionInput,
  ClockStateName,
  IntakeInput,
  IntakeReceipt,
  PublicRequestView,
  RequestEventKind,
  RequestView,
  SweepResult,
} from '../../../shared/contracts/requests.js';
import type { Localized } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import type { Effect } from '../../../shared/standard/effects.js';
import { requesterRole, type AgencyStandard, type ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Mailer } from '../../lib/mailer.js';
import type { AuditActor, RecordAuditOptions } from '../audit/audit.service.js';
import { deadlineFor, type BusinessCalendar } from '../calendar/calendar.js';
import { localDateOf } from '../calendar/time-zone.js';
import type { Actor } from '../identity/identity.actor.js';
import { toAuditActor } from '../identity/identity.actor.js';
import type { Permission } from '../../../shared/permissions.js';
import { decryptFile, encryptFile, sha256Of, sniffType, type FileStorage } from './requests.attachments.js';
import { closePause, openPause, readClocks, summarizeClocks, type ClockFields } from './requests.clock.js';
import type { EffectsRegistry } from './requests.effects.js';
import { officerMayAct, requesterMayAct, staffCanSee, type Verdict } from './requests.policy.js';
import type { AttachmentRow, RequestPatch, RequestRow, RequestsRepo } from './requests.repo.js';
import {
  autoCloseAction,
  checklistFor,
  clockPausedIn,
  deliversProduct,
  entryStep,
  findStep,
  findTier,
  isCheckingStep,
  onlineChannelKinds,
  statusOf,
  toStoredLimit,
  type Action,
  type Step,
} from './requests.workflow.js';

type Lang = 'id' | 'en';

/** Who is calling and from where, for events and the audit trail. */
export interface CallContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  lang: Lang;
}

export interface AgencyInfo {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export interface RequestsServiceDeps {
  db: Db;
  repo: RequestsRepo;
  standards: {
    getStandardInForce(options: { agencyId: string; at: Date }): Promise<{ version: number; agency: AgencyStandard; services: ServiceStandard[] }>;
    getStoredVersion(options: { code: string; version?: number | undefined }): Promise<{ agency: AgencyStandard; services: ServiceStandard[]; version: number }>;
  };
  calendar: { calendarFor(options: { agencyCode: string }): Promise<{ calendar: BusinessCalendar }> };
  agencies: {
    findByCode(code: string): Promise<AgencyInfo | undefined>;
    findById(id: string): Promise<AgencyInfo | undefined>;
  };
  access: {
    rolesOf(options: { userId: string; agencyId: string }): Promise<string[]>;
    permissionsIn(options: { actor: Actor; agencyId: string }): Promise<ReadonlySet<Permission>>;
  };
  audit: { record(options: RecordAuditOptions): Promise<unknown> };
  effects: EffectsRegistry;
  files: { storage: FileStorage; key: Buffer };
  publicUrl: string;
  clock?: () => Date;
  /** Sends the survey invitation when a request closes; absent: no invitation (the CLI without mail). */
  mailer?: Mailer | undefined;
  /** Where a failed invitation is reported; the closing itself stands. */
  log?: { error(details: object, message: string): void } | undefined;
}

const defaultAutoCloseDays = 5;

// ---------------------------------------------------------------------------------------
// Errors

function ruleProblem(lang: Lang, field: string, rule: RuleKey, params: Record<string, string | number> = {}): FieldProblem {
  let message: string = ruleMessages[rule][lang];
  for (const [k, v] of Object.entries(params)) message = message.replaceAll(`{${k}}`, String(v));
  return { field, rule, message };
}

function validationError(lang: Lang, problems: FieldProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(
    'validation',
    { id: `Data yang dikirim tidak valid: ${first.field} ${first.message}`, en: `The data sent is not valid: ${first.field} ${first.message}` },
    problems,
  );
}

const invalid = (lang: Lang, field: string, rule: RuleKey, params?: Record<string, string | number>) =>
  validationError(lang, [ruleProblem(lang, field, rule, params)]);

const requestNotFound = (number: string) =>
  notFound({ id: `Permohonan ${number} tidak ditemukan`, en: `Request ${number} not found` });

const staleVersion = (number: string, current: number, sent: number) =>
  new AppError(
    'conflict',
    {
      id: `Permohonan ${number} telah diubah oleh orang lain (versi ${current}, Anda mengirim versi ${sent}). Muat ulang dan periksa sebelum bertindak lagi.`,
      en: `Request ${number} was changed by someone else (version ${current}, you sent version ${sent}). Reload it and check before acting again.`,
    },
    [{ field: 'version', rule: 'stale_version', message: String(current) }],
  );

function refusal(verdict: Exclude<Verdict, { ok: true }>, role: string | null): AppError {
  switch (verdict.reason) {
    case 'not_visible':
      return notFound({ id: 'Permohonan tidak ditemukan', en: 'Request not found' });
    case 'closed':
      return new AppError('conflict', { id: 'Permohonan sudah selesai; tidak ada tindakan lagi', en: 'The request is closed; no more actions' }, [
        { field: 'action', rule: 'request.closed', message: 'closed' },
      ]);
    case 'requester_step':
      return new AppError('forbidden', { id: 'Tahap ini menunggu tindakan pemohon', en: "This step awaits the requester's action" }, [
        { field: 'action', rule: 'request.requester_step', message: requesterRole },
      ]);
    case 'officer_step':
      return new AppError('forbidden', { id: 'Tahap ini dikerjakan petugas, bukan pemohon', en: 'An officer acts in this step, not the requester' }, [
        { field: 'action', rule: 'request.officer_step', message: role ?? '' },
      ]);
    case 'token':
      return new AppError('forbidden', { id: 'Token API tidak memegang peran petugas; tindakan ini harus oleh petugas', en: 'An API token holds no officer role; an officer must do this' }, [
        { field: 'action', rule: 'request.role', message: role ?? '' },
      ]);
    case 'workspace':
    case 'role':
      return new AppError(
        'forbidden',
        {
          id: `Tahap ini hanya dapat dikerjakan oleh peran "${role}" di instansi yang menanganinya`,
          en: `Only the role "${role}" of the agency handling it may act in this step`,
        },
        [{ field: 'action', rule: 'request.role', message: role ?? '' }],
      );
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

export function formatNumber(agencyCode: string, year: number, seq: number): string {
  return `${agencyCode.toUpperCase()}-${year}-${String(seq).padStart(5, '0')}`;
}

/** The agency code and year inside a number: `KALSEL-PROV-2026-00042` → kalsel-prov. */
export function parseNumber(number: string): { agencyCode: string; year: number; seq: number } | undefined {
  const m = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)-(\d{4})-(\d{5,})$/.exec(number);
  return m ? { agencyCode: m[1]!.toLowerCase(), year: Number(m[2]), seq: Number(m[3]) } : undefined;
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The ways a requester is recognised again (for compensation): e-mail, phone, account. */
function requesterKeys(row: Pick<RequestRow, 'requesterEmail' | 'requesterPhone' | 'requesterUserId'>): string[] {
  const keys: string[] = [];
  if (row.requesterEmail) keys.push(`email:${row.requesterEmail}`);
  if (row.requesterPhone) keys.push(`phone:${row.requesterPhone}`);
  if (row.requesterUserId) keys.push(`user:${row.requesterUserId}`);
  return keys;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function actorLabel(actor: AuditActor): string | null {
  return actor.label;
}

const requesterActor = (row: RequestRow): AuditActor => ({
  type: 'anonymous',
  id: row.requesterUserId,
  label: `requester:${row.requesterEmail ?? row.requesterPhone ?? ''}`,
});

function clockFieldsOf(row: RequestRow): ClockFields {
  return {
    clockStartedAt: row.clockStartedAt,
    responseLimit: row.responseLimit,
    resolutionLimit: row.resolutionLimit,
    respondedAt: row.respondedAt,
    resolvedAt: row.resolvedAt,
    pauses: row.pauses,
    pausedSince: row.pausedSince,
    clockState: row.clockState,
    autoCloseAt: row.autoCloseAt,
    closedAt: row.closedAt,
  };
}

const stateRank: Record<ClockStateName, number> = { ok: 0, warning: 1, breached: 2 };

export interface SweepOutcome extends SweepResult {
  /** Claimed, but due after the warm-up: left for the next pass. */
  deferred: number;
  failed: { agencyId: string; id: string; error: string }[];
}

type ActorKind = 'officer' | 'requester' | 'on_behalf' | 'system';

export function createRequestsService(deps: RequestsServiceDeps) {
  const { db, repo } = deps;
  const now = deps.clock ?? (() => new Date());
  const versionCache = new Map<string, { agency: AgencyStandard; services: ServiceStandard[] }>();
  const agencyCache = new Map<string, AgencyInfo>();

  async function agencyByCode(code: string): Promise<AgencyInfo> {
    const cached = agencyCache.get(`code:${code}`);
    if (cached) return cached;
    const agency = await deps.agencies.findByCode(code);
    if (!agency) throw notFound({ id: `Instansi "${code}" tidak ditemukan`, en: `Agency "${code}" not found` });
    agencyCache.set(`code:${code}`, agency);
    agencyCache.set(`id:${agency.id}`, agency);
    return agency;
  }

  async function agencyById(id: string): Promise<AgencyInfo> {
    const cached = agencyCache.get(`id:${id}`);
    if (cached) return cached;
    const agency = await deps.agencies.findById(id);
    if (!agency) throw new Error(`agency ${id} vanished`);
    agencyCache.set(`code:${agency.code}`, agency);
    agencyCache.set(`id:${id}`, agency);
    return agency;
  }

  /** The standard version a request is pinned to; versions never change, so they are cached. */
  async function pinnedService(row: Pick<RequestRow, 'agencyId' | 'standardVersion' | 'serviceCode'>) {
    const key = `${row.agencyId}:${row.standardVersion}`;
    let version = versionCache.get(key);
    if (!version) {
      const agency = await agencyById(row.agencyId);
      const stored = await deps.standards.getStoredVersion({ code: agency.code, version: row.standardVersion });
      version = { agency: stored.agency, services: stored.services };
      versionCache.set(key, version);
    }
    const service = version.services.find((s) => s.code === row.serviceCode);
    if (!service) throw new Error(`service ${row.serviceCode} missing from pinned version ${row.standardVersion}`);
    return { agencyStandard: version.agency, service };
  }

  // Calendars are loaded outside transactions (the embedded database has one connection: a
  // query outside an open transaction would wait for it forever) and kept for a minute.
  const calendarCache = new Map<string, { calendar: BusinessCalendar; loadedAt: number }>();
  const calendarTtlMs = 60_000;

  async function calendarOf(agencyId: string): Promise<BusinessCalendar> {
    const cached = calendarCache.get(agencyId);
    if (cached && Date.now() - cached.loadedAt < calendarTtlMs) return cached.calendar;
    const agency = await agencyById(agencyId);
    const { calendar } = await deps.calendar.calendarFor({ agencyCode: agency.code });
    calendarCache.set(agencyId, { calendar, loadedAt: Date.now() });
    return calendar;
  }

  /**
   * The version in force, kept for a minute per agency and local date: versions change by an
   * import (at start-up or by an administrator), and a decree takes effect on a date.
   */
  const inForceCache = new Map<string, { loadedAt: number; value: { version: number; agency: AgencyStandard; services: ServiceStandard[] } }>();
  async function standardInForce(agency: AgencyInfo, at: Date) {
    const key = `${agency.id}:${localDateOf(agency.timeZone, at.getTime())}`;
    const cached = inForceCache.get(key);
    if (cached && Date.now() - cached.loadedAt < calendarTtlMs) return cached.value;
    const value = await deps.standards.getStandardInForce({ agencyId: agency.id, at });
    if (inForceCache.size > 1000) inForceCache.clear();
    inForceCache.set(key, { loadedAt: Date.now(), value });
    versionCache.set(`${agency.id}:${value.version}`, { agency: value.agency, services: value.services });
    return value;
  }

  function cachedCalendar(agencyId: string): BusinessCalendar | undefined {
    return calendarCache.get(agencyId)?.calendar;
  }

  function cachedService(row: Pick<RequestRow, 'agencyId' | 'standardVersion' | 'serviceCode'>): ServiceStandard | undefined {
    return versionCache.get(`${row.agencyId}:${row.standardVersion}`)?.services.find((s) => s.code === row.serviceCode);
  }

  async function autoCloseDays(agencyId: string, tx: Executor = db): Promise<number> {
    return (await repo.findSettings(agencyId, tx))?.autoCloseWorkingDays ?? defaultAutoCloseDays;
  }

  async function loadByNumber(number: string, tx: Executor = db): Promise<RequestRow> {
    const parsed = parseNumber(number);
    if (!parsed) throw requestNotFound(number);
    const agency = await deps.agencies.findByCode(parsed.agencyCode);
    if (!agency) throw requestNotFound(number);
    const row = await repo.findByNumber(agency.id, number, tx);
    if (!row) throw requestNotFound(number);
    return row;
  }

  // -------------------------------------------------------------------------------------
  // Intake

  function checkLeadTime(options: { lang: Lang; service: ServiceStandard; channel: string; eventDate: string | undefined; at: Date; calendar: BusinessCalendar; timeZone: string }) {
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
    if (problems.length > 0) throw validationError(lang, problems);

    const calendar = await calendarOf(agency.id);
    checkLeadTime({ lang, service, channel: channel.code, eventDate: input.eventDate, at, calendar, timeZone: agency.timeZone });

    const step = entryStep(service, channel);
    const clockStartsNow = !channel.clockStartsAt || channel.clockStartsAt === step.code;
    const year = Number(localDateOf(agency.timeZone, at.getTime()).slice(0, 4));
    const secret = randomBytes(24).toString('base64url');
    const id = randomUUID();
    const auditActor = toAuditActor(ctx.actor);
    const email = requester.email?.toLowerCase() ?? null;

    const row = await db.transaction(async (tx) => {
      const keyFields = { requesterEmail: email, requesterPhone: requester.phone ?? null, requesterUserId: options.userId ?? null };
      const grant = await repo.claimPriorityGrant(agency.id, requesterKeys(keyFields), id, at, tx);
      // The counter row is locked from here to the commit: every intake of the agency and year
      // waits for it, so as little as possible comes after it.
      const seq = await repo.nextSeq(tx, agency.id, year);
      const number = formatNumber(agency.code, year, seq);
      const paused = clockPausedIn(step, undefined);
      const fields: ClockFields = {
        clockStartedAt: clockStartsNow ? at : null,
        responseLimit: toStoredLimit(channel.responseLimit),
        resolutionLimit: toStoredLimit(channel.timeLimit),
        respondedAt: null,
        resolvedAt: null,
        pauses: paused ? [{ from: at.getTime(), to: null }] : [],
        pausedSince: paused ? at : null,
        clockState: 'ok',
        autoCloseAt: null,
        closedAt: null,
      };
      const summary = summarizeClocks(calendar, fields, at.getTime());
      const inserted = await repo.insertRequest({
        agencyId: agency.id,
        id,
        number,
        year,
        seq,
        trackingSecretHash: hashSecret(secret),
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
            markedBy: given ? (actorLabel(auditActor) ?? 'requester') : null,
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

  // -------------------------------------------------------------------------------------
  // Actions

  interface Transition {
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
  }

  /** Validates what the action needs before anything is written. */
  async function prepareTransition(t: Omit<Transition, 'to'>): Promise<{ to: Step; handlingAgencyId: string; external: { system: string; reference: string } | null; productAttachment: AttachmentRow | undefined }> {
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
  async function applyTransition(tx: Executor, t: Transition, prepared: Awaited<ReturnType<typeof prepareTransition>>): Promise<RequestRow> {
    const { row, service, from, action, to, at, calendar } = t;
    const atMs = at.getTime();
    const wasPaused = row.pausedSince !== null;
    const willPause = clockPausedIn(to, action);
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
      tier: to.tier ?? (to.role === requesterRole && !to.final ? row.tier : null),
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
    patch.autoCloseAt = status === 'confirming' ? new Date(deadlineFor(calendar, atMs, 'working_days', await autoCloseDays(row.agencyId, tx))) : null;

    const fields: ClockFields = {
      ...clockFieldsOf(row),
      clockStartedAt: patch.clockStartedAt ?? row.clockStartedAt,
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
            request: { id: row.id, number: row.number, serviceCode: row.serviceCode, requesterEmail: row.requesterEmail, organisationNpwp: row.organisationNpwp },
            action: action.code,
            actor: t.actor,
            at,
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

  async function recordBreach(tx: Executor, row: RequestRow, at: Date): Promise<void> {
    await repo.insertEvent({
      agencyId: row.agencyId,
      requestId: row.id,
      occurredAt: at,
      kind: 'clock_breached',
      actorType: 'system',
      actorId: null,
      actorLabel: 'clock',
      visibility: 'public',
      data: { responseDueAt: iso(row.responseDueAt), resolutionDueAt: iso(row.resolutionDueAt), compensation: 'priority_next_service' },
    }, tx);
    await repo.insertPriorityGrant(row.agencyId, requesterKeys(row), row.id, at, tx);
  }

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
    const calendar = await calendarOf(row.agencyId);
    const at = now();
    const base = { row, service, from, action, input, actorKind: options.actorKind, actor, actorAgencyId: options.actorAgencyId, ctx, at, calendar };
    const prepared = await prepareTransition(base);
    const updated = await db.transaction((tx) => applyTransition(tx, { ...base, to: prepared.to }, prepared));
    // After the commit: the invitation is sent only for a closing that happened.
    if (updated.status === 'closed' && row.status !== 'closed') await inviteToSurvey(updated);
    return updated;
  }

  /**
   * Invites the requester to the satisfaction survey of a closed request (PermenPANRB 14/2017).
   * The link carries no secret: only its hash is stored, and the requester opens the survey
   * with the tracking link they were given. A mail failure is logged; the request stays closed.
   */
  async function inviteToSurvey(row: RequestRow): Promise<void> {
    if (!deps.mailer || !row.requesterEmail) return;
    const link = `${deps.publicUrl}/lacak/${row.number}/survei`;
    try {
      await deps.mailer.send({
        to: row.requesterEmail,
        subject: `Survei kepuasan permohonan ${row.number} / Satisfaction survey of request ${row.number}`,
        text: [
          `Yth. ${row.requesterName},`,
          '',
          `Permohonan ${row.number} telah selesai. Mohon luangkan dua menit untuk mengisi survei kepuasan (sembilan pertanyaan, satu kali per permohonan):`,
          link,
          'Buka halaman itu dari tautan lacak yang Anda terima saat mengajukan permohonan, atau tempelkan tautan lacak tersebut di halaman survei.',
          '',
          `Your request ${row.number} is closed. Please take two minutes to answer the satisfaction survey (nine questions, once per request):`,
          link,
          'Open it from the tracking link you were given when you filed the request, or paste that tracking link on the survey page.',
        ].join('\n'),
      });
    } catch (error) {
      (deps.log ?? { error: (details: object, message: string) => console.error(message, details) }).error(
        { err: error instanceof Error ? error.message : String(error), number: row.number },
        'survey invitation not sent',
      );
    }
  }

  async function rolesInHandling(ctx: CallContext, row: RequestRow): Promise<string[]> {
    if (ctx.actor.type !== 'user') return [];
    return deps.access.rolesOf({ userId: ctx.actor.userId, agencyId: row.handlingAgencyId });
  }

  async function canIntakeInOwner(ctx: CallContext, row: RequestRow): Promise<boolean> {
    return (await deps.access.permissionsIn({ actor: ctx.actor, agencyId: row.agencyId })).has('requests.intake');
  }

  async function assertStaffSees(row: RequestRow, workspaceId: string): Promise<void> {
    if (!staffCanSee(row, workspaceId)) throw requestNotFound(row.number);
  }

  // -------------------------------------------------------------------------------------
  // Views

  async function buildCommon(row: RequestRow, options: { audience: 'staff' | 'requester'; allowed: Action[]; service: ServiceStandard; agencyStandard: AgencyStandard }) {
    const { service } = options;
    const [events, checklist, attachments, owner, handling, calendar] = await Promise.all([
      repo.listEvents(row.agencyId, row.id),
      repo.listChecklist(row.agencyId, row.id),
      repo.listAttachments(row.agencyId, row.id),
      agencyById(row.agencyId),
      agencyById(row.handlingAgencyId),
      calendarOf(row.agencyId),
    ]);
    const at = now().getTime();
    const step = findStep(service, row.currentStep)!;
    const channel = service.channels.find((c) => c.code === row.channel);
    const tier = findTier(service, row.tier);
    const clocks = readClocks(calendar, clockFieldsOf(row), at).map((r) => {
      const paused = row.pausedSince !== null && r.stoppedAt === null;
      const state = !r.state
        ? ('not_started' as const)
        : r.stoppedAt !== null
          ? r.state.breached
            ? ('late' as const)
            : ('met' as const)
          : paused
            ? ('paused' as const)
            : r.state.breached
              ? ('late' as const)
              : ('running' as const);
      return {
        kind: r.kind,
        limit: { unit: r.limit.unit, max: r.limit.max, min: r.limit.min ?? null },
        dueAt: r.state ? new Date(r.state.due).toISOString() : null,
        remainingMinutes: r.state && r.stoppedAt === null ? Math.round(r.state.remainingMs / 60_000) : null,
        state,
        breached: r.state?.breached ?? false,
      };
    });
    const compensation =
      row.clockState === 'breached'
        ? (options.agencyStandard.compensation?.text ??
          'Batas waktu layanan terlampaui; permohonan Anda berikutnya mendapat prioritas. / The time limit was exceeded; your next request gets priority.')
        : null;
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
      step: { code: step.code, name: step.name, role: row.currentRole },
      tier: tier ? { code: tier.code, name: tier.name } : null,
      handlingAgency: handling.code,
      external: row.externalSystem && row.externalReference ? { system: row.externalSystem, reference: row.externalReference } : null,
      priority: row.priority,
      version: row.version,
      receivedAt: row.receivedAt.toISOString(),
      clocks,
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
          actor: options.audience === 'staff' ? e.actorLabel : e.actorType === 'system' ? 'sistem' : e.actorLabel?.startsWith('requester:') ? 'pemohon' : 'petugas',
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
              ? { kind: 'agency' as const, code: tierOf.agency }
              : tierOf.system
                ? { kind: 'system' as const, code: tierOf.system }
                : { kind: 'role' as const, code: tierOf.role! }
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

  function checkSecret(row: RequestRow, secret: string): void {
    const given = Buffer.from(hashSecret(secret));
    const stored = Buffer.from(row.trackingSecretHash);
    if (given.length !== stored.length || !given.equals(stored)) throw requestNotFound(row.number);
  }

  // -------------------------------------------------------------------------------------
  // Attachments

  async function storeAttachment(options: {
    tx: Executor;
    row: RequestRow;
    data: Buffer;
    fileName: string;
    confidential: boolean;
    requirementCode: string | null;
    uploader: AuditActor;
    lang: Lang;
    at: Date;
  }): Promise<AttachmentRow> {
    const { row, data, confidential } = options;
    const mimeType = await sniffType(data, options.lang);
    const sha256 = sha256Of(data);
    const storageKey = confidential ? `${sha256}.enc` : sha256;
    const existing = await repo.findStoredFile(row.agencyId, sha256, confidential, options.tx);
    if (!existing) {
      // The blob is written (and synced) before the row that points at it commits.
      if (!(await deps.files.storage.has(storageKey))) {
        await deps.files.storage.put(storageKey, confidential ? encryptFile(deps.files.key, data, sha256) : data);
      }
      await repo.insertStoredFile({ agencyId: row.agencyId, sha256, encrypted: confidential, size: data.length, mimeType, storageKey }, options.tx);
    }
    return repo.insertAttachment({
      agencyId: row.agencyId,
      requestId: row.id,
      sha256,
      encrypted: confidential,
      fileName: options.fileName.slice(0, 255),
      mimeType,
      size: data.length,
      confidential,
      requirementCode: options.requirementCode,
      uploadedByType: options.uploader.type,
      uploadedBy: options.uploader.label,
      uploadedAt: options.at,
    }, options.tx);
  }

  async function readAttachment(row: RequestRow, attachmentId: string): Promise<{ attachment: AttachmentRow; data: Buffer }> {
    const attachment = await repo.findAttachment(row.agencyId, row.id, attachmentId);
    if (!attachment) throw notFound({ id: 'Lampiran tidak ditemukan', en: 'Attachment not found' });
    const key = attachment.encrypted ? `${attachment.sha256}.enc` : attachment.sha256;
    const stored = await deps.files.storage.get(key);
    const data = attachment.encrypted ? decryptFile(deps.files.key, stored, attachment.sha256) : stored;
    return { attachment, data };
  }

  async function addAttachment(options: {
    ctx: CallContext;
    row: RequestRow;
    file: { data: Buffer; fileName: string };
    confidential: boolean;
    requirementCode: string | null;
    asRequester: boolean;
  }) {
    const { ctx, row } = options;
    const at = now();
    const uploader = options.asRequester ? requesterActor(row) : toAuditActor(ctx.actor);
    if (row.status === 'closed') throw refusal({ ok: false, reason: 'closed' }, null);
    return db.transaction(async (tx) => {
      if (options.requirementCode) {
        const items = await repo.listChecklist(row.agencyId, row.id, tx);
        const item = items.find((i) => i.code === options.requirementCode);
        if (!item) throw invalid(ctx.lang, 'requirementCode', 'request.requirement_unknown');
        // An upload fulfils a document item as received; the officer still checks it.
        if (item.kind === 'document' && item.state !== 'original_shown') {
          await repo.markChecklistItem({ agencyId: row.agencyId, requestId: row.id, code: item.code }, { state: 'received', markedBy: uploader.label ?? 'requester', markedAt: at }, tx);
        }
      }
      const attachment = await storeAttachment({ tx, row, data: options.file.data, fileName: options.file.fileName, confidential: options.confidential, requirementCode: options.requirementCode, uploader, lang: ctx.lang, at });
      await repo.insertEvent({
        agencyId: row.agencyId,
        requestId: row.id,
        occurredAt: at,
        kind: 'attachment',
        actorType: uploader.type,
        actorId: uploader.id,
        actorLabel: uploader.label,
        visibility: 'public',
        data: { attachmentId: attachment.id, fileName: attachment.fileName, confidential: attachment.confidential, requirementCode: options.requirementCode },
      }, tx);
      await deps.audit.record({
        tx,
        agencyId: row.agencyId,
        actor: uploader,
        action: 'requests.attachment_added',
        target: { type: 'request', id: row.id },
        after: { attachmentId: attachment.id, sha256: attachment.sha256, size: attachment.size, confidential: attachment.confidential },
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return {
        id: attachment.id,
        fileName: attachment.fileName,
        mimeType: attachment.mimeType,
        size: attachment.size,
        sha256: attachment.sha256,
        confidential: attachment.confidential,
        requirementCode: attachment.requirementCode,
        uploadedAt: attachment.uploadedAt.toISOString(),
      };
    });
  }

  // -------------------------------------------------------------------------------------
  // Clock sweep (one claimed row)

  async function sweepRow(tx: Executor, key: { agencyId: string; id: string }, at: Date, result: SweepOutcome, closed: RequestRow[]): Promise<void> {
    const row = await repo.findById(key.agencyId, key.id, tx);
    if (!row || row.nextCheckAt === null || row.nextCheckAt.getTime() > at.getTime()) return;
    // Only what was loaded before the transaction: a row claimed since waits for the next sweep.
    const calendar = cachedCalendar(row.agencyId);
    const service = cachedService(row);
    if (!calendar || !service) {
      result.deferred++;
      return;
    }
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
    intake,
    loadByNumber,
    staffView,
    publicView,

    async getForStaff({ ctx, workspaceId, number }: { ctx: CallContext; workspaceId: string; number: string }): Promise<RequestView> {
      const row = await loadByNumber(number);
      await assertStaffSees(row, workspaceId);
      return staffView(ctx, row, workspaceId);
    },

    async actAsOfficer({ ctx, workspaceId, number, input }: { ctx: CallContext; workspaceId: string; number: string; input: ActionInput }): Promise<RequestView> {
      const row = await loadByNumber(number);
      await assertStaffSees(row, workspaceId);
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

    async track({ number, email, phone, secret }: { number: string; email?: string | undefined; phone?: string | undefined; secret?: string | undefined }): Promise<PublicRequestView> {
      const row = await loadByNumber(number);
      const ok =
        (secret !== undefined && Buffer.from(hashSecret(secret)).equals(Buffer.from(row.trackingSecretHash))) ||
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

    async assign({ ctx, workspaceId, number, assigneeId, version }: { ctx: CallContext; workspaceId: string; number: string; assigneeId: string | null; version: number }): Promise<RequestView> {
      const row = await loadByNumber(number);
      await assertStaffSees(row, workspaceId);
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
      await assertStaffSees(row, workspaceId);
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

    async markChecklist({ ctx, workspaceId, number, items }: { ctx: CallContext; workspaceId: string; number: string; items: { code: string; state: 'pending' | 'received' | 'original_shown' | 'missing'; note?: string | undefined }[] }): Promise<RequestView> {
      const row = await loadByNumber(number);
      await assertStaffSees(row, workspaceId);
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

    async addNote({ ctx, workspaceId, number, body, visibility }: { ctx: CallContext; workspaceId: string; number: string; body: string; visibility: 'public' | 'internal' }): Promise<RequestView> {
      const row = await loadByNumber(number);
      await assertStaffSees(row, workspaceId);
      const actor = toAuditActor(ctx.actor);
      await db.transaction(async (tx) => {
        await repo.insertEvent({ agencyId: row.agencyId, requestId: row.id, occurredAt: now(), kind: visibility === 'public' ? 'reply' : 'note', actorType: actor.type, actorId: actor.id, actorLabel: actor.label, actorAgencyId: workspaceId, comment: body, visibility }, tx);
        await deps.audit.record({ tx, agencyId: row.agencyId, actor, action: visibility === 'public' ? 'requests.replied' : 'requests.noted', target: { type: 'request', id: row.id }, ip: ctx.ip, requestId: ctx.requestId });
      });
      return staffView(ctx, row, workspaceId);
    },

    async addStaffAttachment(options: { ctx: CallContext; workspaceId: string; number: string; file: { data: Buffer; fileName: string }; confidential: boolean; requirementCode: string | null }) {
      const row = await loadByNumber(options.number);
      await assertStaffSees(row, options.workspaceId);
      return addAttachment({ ...options, row, asRequester: false });
    },

    async addRequesterAttachment(options: { ctx: CallContext; number: string; secret: string; file: { data: Buffer; fileName: string }; confidential: boolean; requirementCode: string | null }) {
      const row = await loadByNumber(options.number);
      checkSecret(row, options.secret);
      return addAttachment({ ...options, row, asRequester: true });
    },

    async downloadForStaff({ workspaceId, number, attachmentId }: { workspaceId: string; number: string; attachmentId: string }) {
      const row = await loadByNumber(number);
      await assertStaffSees(row, workspaceId);
      return readAttachment(row, attachmentId);
    },

    async downloadForRequester({ number, secret, attachmentId }: { number: string; secret: string; attachmentId: string }) {
      const row = await loadByNumber(number);
      checkSecret(row, secret);
      return readAttachment(row, attachmentId);
    },

    async queue(options: { ctx: CallContext; workspaceId: string; view: 'mine' | 'role' | 'near_breach' | 'breached' | 'unassigned' | 'all'; limit: number; after?: string | undefined }) {
      const { ctx, workspaceId } = options;
      const roles = ctx.actor.type === 'user' ? await deps.access.rolesOf({ userId: ctx.actor.userId, agencyId: workspaceId }) : [];
      let after: { priority: boolean; sortDueAt: string | null; id: string } | undefined;
      if (options.after) {
        try {
          after = JSON.parse(Buffer.from(options.after, 'base64url').toString('utf8')) as typeof after;
        } catch {
          throw invalid(ctx.lang, 'after', 'custom');
        }
      }
      const rows = await repo.queue({ workspaceId, view: options.view, roles, userId: ctx.actor.type === 'user' ? ctx.actor.userId : null, limit: options.limit, after });
      const items = [];
      for (const r of rows) {
        items.push({
          number: r.number,
          agency: (await agencyById(r.agencyId)).code,
          title: r.title,
          service: r.serviceCode,
          step: r.currentStep,
          role: r.currentRole,
          status: r.status,
          assigneeId: r.assigneeId,
          priority: r.priority,
          clockState: r.clockState,
          dueAt: iso(r.sortDueAt),
          receivedAt: r.receivedAt.toISOString(),
          requesterName: r.requesterName,
          escalated: r.agencyId !== workspaceId,
        });
      }
      const last = rows[rows.length - 1];
      const next =
        rows.length === options.limit && last
          ? Buffer.from(JSON.stringify({ priority: last.priority, sortDueAt: iso(last.sortDueAt), id: last.id })).toString('base64url')
          : null;
      return { items, next };
    },

    async listCannedReplies({ agencyId, service }: { agencyId: string; service?: string | undefined }) {
      const rows = await repo.listCannedReplies(agencyId, service);
      return { items: rows.map((r) => ({ id: r.id, service: r.serviceCode, title: r.title, body: r.body })) };
    },

    async addCannedReply({ ctx, agencyId, input }: { ctx: CallContext; agencyId: string; input: { service: string | null; title: string; body: string } }) {
      return db.transaction(async (tx) => {
        const row = await repo.insertCannedReply({ agencyId, serviceCode: input.service, title: input.title, body: input.body }, tx);
        await deps.audit.record({ tx, agencyId, actor: toAuditActor(ctx.actor), action: 'requests.canned_reply_added', target: { type: 'canned_reply', id: row.id }, after: input, ip: ctx.ip, requestId: ctx.requestId });
        return { id: row.id, service: row.serviceCode, title: row.title, body: row.body };
      });
    },

    async getSettings({ agencyId }: { agencyId: string }) {
      return { autoCloseWorkingDays: await autoCloseDays(agencyId) };
    },

    async updateSettings({ ctx, agencyId, autoCloseWorkingDays }: { ctx: CallContext; agencyId: string; autoCloseWorkingDays: number }) {
      await db.transaction(async (tx) => {
        const before = await autoCloseDays(agencyId, tx);
        await repo.upsertSettings(agencyId, autoCloseWorkingDays, tx);
        await deps.audit.record({ tx, agencyId, actor: toAuditActor(ctx.actor), action: 'requests.settings_changed', target: { type: 'request_settings', id: agencyId }, before: { autoCloseWorkingDays: before }, after: { autoCloseWorkingDays }, ip: ctx.ip, requestId: ctx.requestId });
      });
      return { autoCloseWorkingDays };
    },

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
      await db.transaction(async (tx) => {
        const due = await repo.claimDue(when, limit, tx);
        result.claimed = due.length;
        for (const key of due) {
          // A savepoint per row: one request that cannot be read (say, a calendar without hours)
          // must not hold back the others.
          try {
            const closedHere: RequestRow[] = [];
            await tx.transaction((inner) => sweepRow(inner, key, when, result, closedHere));
            closed.push(...closedHere);
          } catch (error) {
            result.failed.push({ agencyId: key.agencyId, id: key.id, error: error instanceof Error ? error.message : String(error) });
          }
        }
      });
      // Committed: now the invitations of the requests this pass closed.
      for (const row of closed) await inviteToSurvey(row);
      return result;
    },

    /**
     * What the survey needs of a request, for the holder of its tracking link: which agency,
     * service and channel its response counts for, and whether it is closed.
     */
    async surveyTarget({ number, secret }: { number: string; secret: string }) {
      const row = await loadByNumber(number);
      checkSecret(row, secret);
      return { agencyId: row.agencyId, requestId: row.id, number: row.number, serviceCode: row.serviceCode, channel: row.channel, closed: row.status === 'closed' };
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;

