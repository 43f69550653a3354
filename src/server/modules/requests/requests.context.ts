/**
 * What every use case of the requests service shares: its dependencies, who calls, the agency,
 * the pinned standard and the calendar of a request (cached), a request loaded by its number or
 * refused, the tracking secret, and the bilingual refusals. The use cases (requests.intake.ts,
 * .transitions.ts, …) take this context; requests.service.ts composes them.
 */
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import type { Permission } from '../../../shared/permissions.js';
import { requesterRole, type AgencyStandard, type ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Mailer } from '../../lib/mailer.js';
import { hashToken, safeEqual } from '../../lib/secrets.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditActor, RecordAuditOptions } from '../audit/audit.service.js';
import type { BusinessCalendar } from '../calendar/calendar.js';
import { localDateOf } from '../calendar/time-zone.js';
import type { Actor } from '../identity/identity.actor.js';
import type { FileStorage } from './requests.attachments.js';
import type { ClockFields } from './requests.clock.js';
import type { EffectsRegistry } from './requests.effects.js';
import { staffCanSee, type Verdict } from './requests.policy.js';
import type { RequestRow, RequestsRepo } from './requests.repo.js';

/** Who is calling and from where, for events and the audit trail. */
export interface CallContext {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  lang: Language;
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
  agencies: Pick<AgenciesService, 'getAgency' | 'findByCode'>;
  access: {
    rolesOf(options: { userId: string; agencyId: string }): Promise<string[]>;
    permissionsIn(options: { actor: Actor; agencyId: string }): Promise<ReadonlySet<Permission>>;
  };
  audit: { record(options: RecordAuditOptions): Promise<unknown> };
  effects: EffectsRegistry;
  files: { storage: FileStorage; key: Buffer };
  /** Signs the survey links mailed when a request closes (derived from the deployment's key). */
  surveyLinkKey: Buffer;
  publicUrl: string;
  clock?: () => Date;
  /** Sends the survey invitation when a request closes; absent: no invitation (the CLI without mail). */
  mailer?: Mailer | undefined;
  /** Where a failed invitation is reported; the closing itself stands. */
  log?: { error(details: object, message: string): void } | undefined;
}

// ---------------------------------------------------------------------------------------
// Refusals, each with the field and the rule in both languages

export function ruleProblem(lang: Language, field: string, rule: RuleKey, params: Record<string, string | number> = {}): FieldProblem {
  let message: string = ruleMessages[rule][lang];
  for (const [k, v] of Object.entries(params)) message = message.replaceAll(`{${k}}`, String(v));
  return { field, rule, message };
}

export function validationError(problems: FieldProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(
    'validation',
    { id: `Data yang dikirim tidak valid: ${first.field} ${first.message}`, en: `The data sent is not valid: ${first.field} ${first.message}` },
    problems,
  );
}

export const invalid = (lang: Language, field: string, rule: RuleKey, params?: Record<string, string | number>) =>
  validationError([ruleProblem(lang, field, rule, params)]);

export const requestNotFound = (number: string) =>
  notFound({ id: `Permohonan ${number} tidak ditemukan`, en: `Request ${number} not found` });

export const staleVersion = (number: string, current: number, sent: number) =>
  new AppError(
    'conflict',
    {
      id: `Permohonan ${number} telah diubah oleh orang lain (versi ${current}, Anda mengirim versi ${sent}). Muat ulang dan periksa sebelum bertindak lagi.`,
      en: `Request ${number} was changed by someone else (version ${current}, you sent version ${sent}). Reload it and check before acting again.`,
    },
    [{ field: 'version', rule: 'stale_version', message: String(current) }],
  );

export function refusal(verdict: Exclude<Verdict, { ok: true }>, role: string | null): AppError {
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
// Small pure helpers

export function formatNumber(agencyCode: string, year: number, seq: number): string {
  return `${agencyCode.toUpperCase()}-${year}-${String(seq).padStart(5, '0')}`;
}

/** The agency code and year inside a number: `KALSEL-PROV-2026-00042` → kalsel-prov. */
export function parseNumber(number: string): { agencyCode: string; year: number; seq: number } | undefined {
  const m = /^([A-Z0-9]+(?:-[A-Z0-9]+)*)-(\d{4})-(\d{5,})$/.exec(number);
  return m ? { agencyCode: m[1]!.toLowerCase(), year: Number(m[2]), seq: Number(m[3]) } : undefined;
}

/** The tracking secret as stored (hex: the column was first written so). */
export const hashTrackingSecret = (secret: string) => hashToken(secret, 'hex');

export function trackingSecretMatches(row: Pick<RequestRow, 'trackingSecretHash'>, secret: string): boolean {
  return safeEqual(hashTrackingSecret(secret), row.trackingSecretHash);
}

/** The ways a requester is recognised again (for compensation): e-mail, phone, account. */
export function requesterKeys(row: Pick<RequestRow, 'requesterEmail' | 'requesterPhone' | 'requesterUserId'>): string[] {
  const keys: string[] = [];
  if (row.requesterEmail) keys.push(`email:${row.requesterEmail}`);
  if (row.requesterPhone) keys.push(`phone:${row.requesterPhone}`);
  if (row.requesterUserId) keys.push(`user:${row.requesterUserId}`);
  return keys;
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const requesterActor = (row: RequestRow): AuditActor => ({
  type: 'anonymous',
  id: row.requesterUserId,
  label: `requester:${row.requesterEmail ?? row.requesterPhone ?? ''}`,
});

export function clockFieldsOf(row: RequestRow): ClockFields {
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
    stageClocks: row.stageClocks,
  };
}

const defaultAutoCloseDays = 5;

// ---------------------------------------------------------------------------------------
// The context

export function createRequestsContext(deps: RequestsServiceDeps) {
  const { db, repo } = deps;
  const now = deps.clock ?? (() => new Date());
  const versionCache = new Map<string, { agency: AgencyStandard; services: ServiceStandard[] }>();
  const agencyCache = new Map<string, AgencyInfo>();

  function remember(agency: AgencyInfo): AgencyInfo {
    agencyCache.set(`code:${agency.code}`, agency);
    agencyCache.set(`id:${agency.id}`, agency);
    return agency;
  }

  /** The agency named in a URL; 404 when there is none. Agencies are few and kept. */
  async function agencyByCode(code: string): Promise<AgencyInfo> {
    return agencyCache.get(`code:${code}`) ?? remember(await deps.agencies.getAgency({ code }));
  }

  async function agencyById(id: string): Promise<AgencyInfo> {
    return agencyCache.get(`id:${id}`) ?? remember(await deps.agencies.getAgency({ id }));
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

  /** Only what is loaded already: inside a transaction nothing else may be read (see above). */
  function cachedCalendar(agencyId: string): BusinessCalendar | undefined {
    return calendarCache.get(agencyId)?.calendar;
  }

  function cachedService(row: Pick<RequestRow, 'agencyId' | 'standardVersion' | 'serviceCode'>): ServiceStandard | undefined {
    return versionCache.get(`${row.agencyId}:${row.standardVersion}`)?.services.find((s) => s.code === row.serviceCode);
  }

  async function autoCloseDays(agencyId: string, tx: Executor = db): Promise<number> {
    return (await repo.findSettings(agencyId, tx))?.autoCloseWorkingDays ?? defaultAutoCloseDays;
  }

  /** A request by its number; 404 alike for a malformed number, an unknown agency or request. */
  async function loadByNumber(number: string, tx: Executor = db): Promise<RequestRow> {
    const parsed = parseNumber(number);
    if (!parsed) throw requestNotFound(number);
    const agency = await deps.agencies.findByCode(parsed.agencyCode);
    if (!agency) throw requestNotFound(number);
    const row = await repo.findByNumber(agency.id, number, tx);
    if (!row) throw requestNotFound(number);
    return row;
  }

  async function rolesInHandling(ctx: CallContext, row: RequestRow): Promise<string[]> {
    if (ctx.actor.type !== 'user') return [];
    return deps.access.rolesOf({ userId: ctx.actor.userId, agencyId: row.handlingAgencyId });
  }

  async function canIntakeInOwner(ctx: CallContext, row: RequestRow): Promise<boolean> {
    return (await deps.access.permissionsIn({ actor: ctx.actor, agencyId: row.agencyId })).has('requests.intake');
  }

  /** A request outside the workspace's sight answers as unknown. */
  function assertStaffSees(row: RequestRow, workspaceId: string): void {
    if (!staffCanSee(row, workspaceId)) throw requestNotFound(row.number);
  }

  /** The holder of the tracking link; a wrong secret answers as an unknown number. */
  function checkSecret(row: RequestRow, secret: string): void {
    if (!trackingSecretMatches(row, secret)) throw requestNotFound(row.number);
  }

  return {
    deps,
    db,
    repo,
    now,
    agencyByCode,
    agencyById,
    pinnedService,
    calendarOf,
    standardInForce,
    cachedCalendar,
    cachedService,
    autoCloseDays,
    loadByNumber,
    rolesInHandling,
    canIntakeInOwner,
    assertStaffSees,
    checkSecret,
  };
}

export type RequestsContext = ReturnType<typeof createRequestsContext>;
