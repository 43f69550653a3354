/**
 * Loads agencies' calendars from the database (national dates + the agency's own + its hours),
 * compiles and caches them, and keeps the non-working dates: add, edit, confirm, remove,
 * import an .ics file, seed the shipped years. Every change is audited in its own transaction.
 */
import type { CalendarDate, CalendarSettingsInput, CalendarSettingsView, DueResult, IcsImportResult, PrefillResult } from '../../../shared/contracts/calendar.js';
import type { Db, Executor } from '../../db/client.js';
import type { StoredCalendarProfile, StoredWeeklyHours } from '../../db/tables/index.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditActor, RecordAuditOptions } from '../audit/audit.service.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import { LimitQueryError, resolveServiceLimit, type ResolvedLimit } from '../standards/standards.limits.js';
import { calendarOnHours, computeDue, createCalendar, explainDue, type BusinessCalendar, type Pause } from './calendar.js';
import { IcsFormatError, readIcs } from './calendar.ics.js';
import { draftNationalYear, loadDateHolidays, type HolidaySource } from './calendar.prefill.js';
import type { AgencyDateRow, CalendarRepo, DateFields, NationalDateRow } from './calendar.repo.js';
import { isCheckedSource, shippedNationalYears, type NonWorkingKind } from './holidays.js';
import { formatLimit, parseLimit, type TimeLimit } from './limit.js';
import { MS_PER_MINUTE, formatInstant, formatLocalTime, parseDateTime } from './time-zone.js';

export interface CalendarAgency {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  level?: string;
}

/** Who changed something, and from where: what the audit trail records. */
export interface ChangeContext {
  actor: AuditActor;
  ip?: string | null | undefined;
  requestId?: string | null | undefined;
}

/** Weekly hours and profiles from the agency's service standard, when it has been imported. */
export type StandardHoursSource = (agencyId: string) => Promise<{ weeklyHours: StoredWeeklyHours; profiles: StoredCalendarProfile[] } | undefined>;

export interface CalendarServiceDeps {
  db: Db;
  repo: CalendarRepo;
  agencies: Pick<AgenciesService, 'getAgency'>;
  /** The audit service; its `record` runs inside the change's transaction. */
  audit: { record(options: RecordAuditOptions): Promise<unknown> };
  /**
   * Hours from the agency's standard (the standards module), used when the calendar sets none.
   * Required: without it, an agency set up only by importing its standard has no hours at all.
   */
  standardHours: StandardHoursSource;
  /**
   * A service of the agency's standard in force at an instant (the standards module), for a
   * deadline of a service's own channel, tier or stage; undefined when it has no such service.
   */
  serviceInForce?: (options: { agencyId: string; at: Date; service: string }) => Promise<ServiceStandard | undefined>;
  /** For the cache's age only; deadlines never read the clock. */
  now?: () => number;
  /** Other processes' changes are seen after this long; this process's at once. */
  cacheTtlMs?: number;
  /** Where a new year's national dates are drafted from; `date-holidays` unless a test gives one. */
  holidaySource?: () => Promise<HolidaySource>;
}

interface CacheEntry {
  loadedAt: number;
  agency: CalendarAgency;
  calendar: BusinessCalendar;
  settings: CalendarSettingsView;
}

type Scope = { agencyCode: string } | { agencyCode: null };

function toView(row: NationalDateRow | AgencyDateRow, scope: 'national' | 'agency'): CalendarDate {
  return { date: row.date, kind: row.kind, name: row.name, source: row.source, confirmed: row.confirmed, scope };
}

const invalid = (field: string, rule: string, id: string, en: string) =>
  new AppError('validation', { id, en }, [{ field, rule, message: id }]);

export function createCalendarService(deps: CalendarServiceDeps) {
  const now = deps.now ?? (() => Date.now());
  const ttl = deps.cacheTtlMs ?? 60_000;
  const cache = new Map<string, CacheEntry>();
  let seeding: Promise<void> | undefined;

  /**
   * Inserts the shipped national years that have no date at all in the database yet, so an
   * administrator who removed a shipped date does not see it come back. Safe to race.
   */
  function ensureShippedHolidays(): Promise<void> {
    seeding ??= (async () => {
      for (const year of shippedNationalYears) {
        if ((await deps.repo.countNationalDatesInYear(year.year)) > 0) continue;
        await deps.db.transaction(async (tx) => {
          const rows = year.dates.map((d) => ({
            date: d.date,
            kind: d.kind,
            name: d.name,
            source: `shipped:${d.source}`,
            confirmed: isCheckedSource(d.source),
          }));
          const inserted = await deps.repo.insertNationalDates(rows, tx);
          if (inserted.length > 0) {
            await deps.audit.record({
              tx,
              agencyId: null,
              actor: { type: 'system', id: null, label: 'calendar.seed' },
              action: 'calendar.national_year_seeded',
              target: { type: 'calendar_year', id: String(year.year) },
              after: { year: year.year, decree: year.decree, dates: inserted.map((r) => r.date) },
            });
          }
        });
      }
      cache.clear();
    })().catch((error: unknown) => {
      seeding = undefined;
      throw error;
    });
    return seeding;
  }

  async function loadSettings(agency: CalendarAgency, tx: Executor = deps.db): Promise<CalendarSettingsView> {
    const row = await deps.repo.findSettings(agency.id, tx);
    const fromStandard = row?.weeklyHours ? undefined : await deps.standardHours(agency.id);
    const weeklyHours = row?.weeklyHours ?? fromStandard?.weeklyHours ?? null;
    return {
      agency: agency.code,
      timeZone: agency.timeZone,
      weeklyHours: weeklyHours as Record<string, string[]> | null,
      hoursSource: row?.weeklyHours ? 'calendar' : fromStandard ? 'standard' : 'none',
      profiles: (row?.weeklyHours ? row.profiles : (fromStandard?.profiles ?? row?.profiles ?? [])) as CalendarSettingsView['profiles'],
      warningThreshold: row?.warningThreshold ?? 0.75,
    };
  }

  /** The agency's compiled calendar, from the cache while it is fresh. */
  async function calendarFor({ agencyCode }: { agencyCode: string }): Promise<CacheEntry> {
    await ensureShippedHolidays();
    const agency = await deps.agencies.getAgency({ code: agencyCode });
    const cached = cache.get(agency.id);
    if (cached && now() - cached.loadedAt < ttl) return cached;
    const [settings, national, own] = await Promise.all([
      loadSettings(agency),
      deps.repo.listNationalDates(),
      deps.repo.listAgencyDates(agency.id),
    ]);
    if (!settings.weeklyHours || Object.values(settings.weeklyHours).every((l) => l.length === 0)) {
      throw new AppError('conflict', {
        id: `Jam layanan instansi "${agency.code}" belum diatur`,
        en: `The service hours of agency "${agency.code}" are not set`,
      });
    }
    // Every date counts as non-working, confirmed or not: see docs/time-limits.md.
    const names = new Map<string, string>();
    for (const d of national) names.set(d.date, d.name);
    for (const d of own) names.set(d.date, d.name);
    const calendar = createCalendar({
      timeZone: agency.timeZone,
      weeklyHours: settings.weeklyHours,
      profiles: settings.profiles,
      nonWorkingDates: [...names].map(([date, name]) => ({ date, name })),
      warningThreshold: settings.warningThreshold,
    });
    const entry = { loadedAt: now(), agency, calendar, settings };
    cache.set(agency.id, entry);
    return entry;
  }

  function invalidate(agencyId: string | null): void {
    if (agencyId === null) cache.clear();
    else cache.delete(agencyId);
  }

  function readLimit(limit: string | TimeLimit): TimeLimit {
    if (typeof limit !== 'string') return limit;
    const parsed = parseLimit(limit);
    if (!parsed) {
      throw invalid(
        'limit',
        'calendar.limit',
        `Batas waktu "${limit}" tidak dikenali; contoh: "3 hari kerja", "30-60 menit", "30 hari kalender"`,
        `The limit "${limit}" is not understood; e.g. "3 working days", "30-60 minutes", "30 calendar days"`,
      );
    }
    return parsed;
  }

  /** The limit and the calendar a deadline is counted by: the one given, or a service's channel, tier or stage. */
  async function limitOf(
    agency: CalendarAgency,
    agencyCalendar: BusinessCalendar,
    start: number,
    options: { limit?: string | TimeLimit | undefined; service?: string | undefined; channel?: string | undefined; tier?: string | undefined; stage?: string | undefined; variant?: string | undefined; lang?: Language },
  ): Promise<{ limit: TimeLimit | null; calendar: BusinessCalendar; basis: DueResult['basis'] }> {
    const byService = [options.service, options.channel, options.tier, options.stage, options.variant].some((v) => v !== undefined);
    if (!byService) {
      if (options.limit === undefined) {
        throw invalid('limit', 'calendar.limit', 'Sebutkan batas waktu, atau layanan dan salurannya', 'Give a limit, or a service and its channel');
      }
      return { limit: readLimit(options.limit), calendar: agencyCalendar, basis: null };
    }
    if (options.service === undefined) throw invalid('service', 'request.service_unknown', 'Sebutkan layanannya', 'Name the service');
    const service = await deps.serviceInForce?.({ agencyId: agency.id, at: new Date(start), service: options.service });
    if (!service) {
      throw invalid(
        'service',
        'request.service_unknown',
        `Layanan "${options.service}" tidak ada dalam standar pelayanan ${agency.code} yang berlaku pada waktu itu`,
        `The service "${options.service}" is not in the service standard of ${agency.code} in force at that time`,
      );
    }
    if (options.channel === undefined) {
      throw invalid('channel', 'request.channel_unknown', `Sebutkan salurannya: ${service.channels.map((c) => c.code).join(', ')}`, `Name the channel: ${service.channels.map((c) => c.code).join(', ')}`);
    }
    let resolved: ResolvedLimit;
    try {
      resolved = resolveServiceLimit(service, { channel: options.channel, tier: options.tier, stage: options.stage, variant: options.variant });
    } catch (error) {
      if (error instanceof LimitQueryError) throw error.toAppError(options.lang ?? 'id');
      throw error;
    }
    const calendar = resolved.hours.source === 'channel' ? calendarOnHours(agencyCalendar, resolved.hours.weeklyHours) : agencyCalendar;
    const overridden = options.limit !== undefined;
    return {
      limit: overridden ? readLimit(options.limit!) : resolved.limit,
      calendar,
      basis: { service: service.code, channel: options.channel, rule: resolved.rule, hours: resolved.hours.source, external: resolved.external, overridden },
    };
  }

  async function scopeAgency(scope: Scope): Promise<CalendarAgency | null> {
    return scope.agencyCode === null ? null : deps.agencies.getAgency({ code: scope.agencyCode });
  }

  function refuseNationalClosure(agency: CalendarAgency | null, kind: NonWorkingKind): void {
    if (agency === null && kind === 'closure') {
      throw invalid(
        'kind',
        'calendar.national_kind',
        'Tanggal nasional hanya hari libur atau cuti bersama; penutupan kantor diatur per instansi',
        'A national date is a holiday or cuti bersama; office closures belong to one agency',
      );
    }
  }

  async function audit(tx: Executor, agency: CalendarAgency | null, context: ChangeContext, action: string, targetId: string, before: unknown, after: unknown) {
    await deps.audit.record({
      tx,
      agencyId: agency?.id ?? null,
      actor: context.actor,
      action,
      target: { type: agency ? 'calendar_agency_date' : 'calendar_national_date', id: targetId },
      before,
      after,
      ip: context.ip,
      requestId: context.requestId,
    });
  }

  async function findDate(agency: CalendarAgency | null, date: string, tx: Executor) {
    return agency ? deps.repo.findAgencyDate(agency.id, date, tx) : deps.repo.findNationalDate(date, tx);
  }

  function dateNotFound(agency: CalendarAgency | null, date: string): AppError {
    return notFound({
      id: `Tanggal ${date} tidak ada dalam kalender ${agency ? `instansi "${agency.code}"` : 'nasional'}`,
      en: `${date} is not in the ${agency ? `calendar of agency "${agency.code}"` : 'national calendar'}`,
    });
  }

  return {
    ensureShippedHolidays,
    calendarFor,

    /** Only a national-level agency (LKPP) keeps the national dates. */
    async assertNationalAuthority({ agencyCode }: { agencyCode: string }): Promise<void> {
      const agency = await deps.agencies.getAgency({ code: agencyCode });
      if (agency.level !== 'national') {
        throw new AppError(
          'forbidden',
          {
            id: 'Tanggal libur nasional hanya diubah melalui instansi tingkat nasional (LKPP)',
            en: 'National dates are changed only through a national-level agency (LKPP)',
          },
          [{ field: 'agency', rule: 'calendar.national_authority', message: agencyCode }],
        );
      }
    },

    /** The deadline of a limit started at `from` (a local date-time of the agency, or an instant). */
    /**
     * The deadline of a limit started at `from`: the `limit` given, on the agency's hours; or,
     * with `service` and `channel`, the limit the agency's standard in force at `from` gives
     * that channel (or its `tier`, or its timeline `stage` and `variant`), on the channel's own
     * hours when the standard states them (`limit` then overrides the figure, not the hours).
     * Where the standard states no limit there is no deadline: `due` is null and `notStated`.
     */
    async computeDue(options: {
      agencyCode: string;
      from: string | number;
      limit?: string | TimeLimit | undefined;
      service?: string | undefined;
      channel?: string | undefined;
      tier?: string | undefined;
      stage?: string | undefined;
      variant?: string | undefined;
      pauses?: Pause[];
      explain?: boolean;
      lang?: Language;
    }): Promise<DueResult> {
      const { agency, calendar: agencyCalendar } = await calendarFor({ agencyCode: options.agencyCode });
      const start = typeof options.from === 'number' ? options.from : parseDateTime(agency.timeZone, options.from);
      if (start === undefined) {
        throw invalid(
          'from',
          'calendar.date_time',
          `"${String(options.from)}" bukan tanggal-waktu; contoh: 2026-03-13T15:30`,
          `"${String(options.from)}" is not a date-time; e.g. 2026-03-13T15:30`,
        );
      }
      const tz = agency.timeZone;
      const { limit, calendar, basis } = await limitOf(agency, agencyCalendar, start, options);
      if (limit === null) {
        return { agency: agency.code, timeZone: tz, from: formatInstant(tz, start), limit: null, limitText: null, receiptDate: null, expected: null, due: null, notStated: true, basis };
      }
      const dueOptions = { start, limit, pauses: options.pauses, at: start };
      let r: ReturnType<typeof computeDue>;
      let days: DueResult['days'];
      try {
        if (options.explain) {
          const explained = explainDue(calendar, dueOptions);
          r = explained.due;
          days = explained.days.map((d) => ({
            date: d.date,
            weekday: d.weekday,
            kind: d.kind,
            name: d.name ?? null,
            profile: d.profile ?? null,
            ordinal: d.ordinal ?? null,
            counted: d.counted.map(([a, b]) => `${formatLocalTime(tz, a)}-${formatLocalTime(tz, b) === '00:00' ? '24:00' : formatLocalTime(tz, b)}`),
            countedMinutes: d.countedMs / MS_PER_MINUTE,
          }));
        } else {
          r = computeDue(calendar, dueOptions);
        }
      } catch (error) {
        if (error instanceof RangeError) throw invalid('limit', 'calendar.limit', `Batas waktu tidak valid: ${error.message}`, `Invalid limit: ${error.message}`);
        throw error;
      }
      return {
        agency: agency.code,
        timeZone: tz,
        from: formatInstant(tz, start),
        limit: { unit: limit.unit, max: limit.max, min: limit.min ?? null },
        limitText: { id: formatLimit(limit, 'id'), en: formatLimit(limit, 'en') },
        receiptDate: r.receiptDate ?? null,
        expected: r.expected === undefined ? null : formatInstant(tz, r.expected),
        due: formatInstant(tz, r.due),
        notStated: false,
        basis,
        ...(days ? { days } : {}),
      };
    },

    /** National dates of a year, with the agency's own when an agency is given. */
    async listHolidays({ agencyCode, year }: { agencyCode: string | null; year: number }): Promise<CalendarDate[]> {
      await ensureShippedHolidays();
      const national = (await deps.repo.listNationalDates({ year })).map((r) => toView(r, 'national'));
      if (agencyCode === null) return national;
      const agency = await deps.agencies.getAgency({ code: agencyCode });
      const own = (await deps.repo.listAgencyDates(agency.id, { year })).map((r) => toView(r, 'agency'));
      return [...national, ...own].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.scope === 'agency' ? 1 : -1));
    },

    async getSettings({ agencyCode }: { agencyCode: string }): Promise<CalendarSettingsView> {
      return loadSettings(await deps.agencies.getAgency({ code: agencyCode }));
    },

    async updateSettings({ agencyCode, settings, context }: { agencyCode: string; settings: CalendarSettingsInput; context: ChangeContext }) {
      const agency = await deps.agencies.getAgency({ code: agencyCode });
      try {
        // Compiling checks what zod cannot see across fields (a profile ending before it starts).
        createCalendar({ timeZone: agency.timeZone, weeklyHours: settings.weeklyHours, profiles: settings.profiles });
      } catch (error) {
        throw invalid('profiles', 'calendar.settings', `Pengaturan kalender tidak valid: ${(error as Error).message}`, `Invalid calendar settings: ${(error as Error).message}`);
      }
      const view = await deps.db.transaction(async (tx) => {
        const before = await deps.repo.findSettings(agency.id, tx);
        const after = await deps.repo.upsertSettings(
          agency.id,
          { weeklyHours: settings.weeklyHours, profiles: settings.profiles, warningThreshold: settings.warningThreshold },
          tx,
        );
        await deps.audit.record({
          tx,
          agencyId: agency.id,
          actor: context.actor,
          action: 'calendar.settings_updated',
          target: { type: 'calendar_settings', id: agency.id },
          before: before ? { weeklyHours: before.weeklyHours, profiles: before.profiles, warningThreshold: before.warningThreshold } : null,
          after: { weeklyHours: after.weeklyHours, profiles: after.profiles, warningThreshold: after.warningThreshold },
          ip: context.ip,
          requestId: context.requestId,
        });
        return loadSettings(agency, tx);
      });
      invalidate(agency.id);
      return view;
    },

    async addDate(
      options: Scope & { date: string; kind: NonWorkingKind; name: string; confirmed: boolean; source?: string; context: ChangeContext },
    ): Promise<CalendarDate> {
      await ensureShippedHolidays();
      const agency = await scopeAgency(options);
      refuseNationalClosure(agency, options.kind);
      const fields: DateFields = {
        date: options.date,
        kind: options.kind,
        name: options.name,
        source: options.source ?? `admin:${options.context.actor.label ?? options.context.actor.type}`,
        confirmed: options.confirmed,
      };
      const row = await deps.db.transaction(async (tx) => {
        const inserted = agency
          ? await deps.repo.insertAgencyDates(agency.id, [fields], tx)
          : await deps.repo.insertNationalDates([fields as DateFields & { kind: 'holiday' | 'cuti_bersama' }], tx);
        const created = inserted[0];
        if (!created) {
          throw new AppError(
            'conflict',
            { id: `Tanggal ${options.date} sudah ada dalam kalender`, en: `${options.date} is already in the calendar` },
            [{ field: 'date', rule: 'calendar.date_exists', message: options.date }],
          );
        }
        await audit(tx, agency, options.context, 'calendar.date_added', created.date, null, toView(created, agency ? 'agency' : 'national'));
        return created;
      });
      invalidate(agency?.id ?? null);
      return toView(row, agency ? 'agency' : 'national');
    },

    async updateDate(
      options: Scope & { date: string; patch: { kind?: NonWorkingKind | undefined; name?: string | undefined; confirmed?: boolean | undefined }; context: ChangeContext },
    ): Promise<CalendarDate> {
      const agency = await scopeAgency(options);
      if (options.patch.kind) refuseNationalClosure(agency, options.patch.kind);
      const patch = Object.fromEntries(Object.entries(options.patch).filter(([, v]) => v !== undefined)) as Partial<DateFields>;
      const row = await deps.db.transaction(async (tx) => {
        const before = await findDate(agency, options.date, tx);
        if (!before) throw dateNotFound(agency, options.date);
        const after = agency
          ? await deps.repo.updateAgencyDate(agency.id, options.date, patch, tx)
          : await deps.repo.updateNationalDate(options.date, patch as Parameters<CalendarRepo['updateNationalDate']>[1], tx);
        const scope = agency ? 'agency' : 'national';
        const action = Object.keys(patch).length === 1 && patch.confirmed === true ? 'calendar.date_confirmed' : 'calendar.date_updated';
        await audit(tx, agency, options.context, action, options.date, toView(before, scope), toView(after!, scope));
        return after!;
      });
      invalidate(agency?.id ?? null);
      return toView(row, agency ? 'agency' : 'national');
    },

    async removeDate(options: Scope & { date: string; context: ChangeContext }): Promise<void> {
      const agency = await scopeAgency(options);
      await deps.db.transaction(async (tx) => {
        const removed = agency ? await deps.repo.deleteAgencyDate(agency.id, options.date, tx) : await deps.repo.deleteNationalDate(options.date, tx);
        if (!removed) throw dateNotFound(agency, options.date);
        await audit(tx, agency, options.context, 'calendar.date_removed', options.date, toView(removed, agency ? 'agency' : 'national'), null);
      });
      invalidate(agency?.id ?? null);
    },

    /**
     * Adds the whole-day events of an .ics file as non-working dates; dates already in the
     * calendar are left alone and listed. A name with "cuti bersama" makes a cuti bersama; other
     * dates are holidays (national) or closures (agency).
     */
    async importIcs(options: Scope & { ics: string; confirmed: boolean; fileName?: string | undefined; untilYear: number; context: ChangeContext }): Promise<IcsImportResult> {
      await ensureShippedHolidays();
      const agency = await scopeAgency(options);
      let read: ReturnType<typeof readIcs>;
      try {
        read = readIcs(options.ics, { untilYear: options.untilYear });
      } catch (error) {
        if (error instanceof IcsFormatError) {
          throw invalid('ics', 'calendar.ics', `Berkas bukan iCalendar yang valid: ${error.message}`, `The file is not valid iCalendar: ${error.message}`);
        }
        throw error;
      }
      const source = `ics:${options.fileName ?? 'upload'}`;
      const fields: DateFields[] = read.dates.map((d) => ({
        date: d.date,
        kind: /cuti\s*bersama/i.test(d.name) ? 'cuti_bersama' : agency ? 'closure' : 'holiday',
        name: d.name,
        source,
        confirmed: options.confirmed,
      }));
      const scope = agency ? 'agency' : 'national';
      const added = await deps.db.transaction(async (tx) => {
        const inserted = agency
          ? await deps.repo.insertAgencyDates(agency.id, fields, tx)
          : await deps.repo.insertNationalDates(fields as (DateFields & { kind: 'holiday' | 'cuti_bersama' })[], tx);
        await deps.audit.record({
          tx,
          agencyId: agency?.id ?? null,
          actor: options.context.actor,
          action: 'calendar.ics_imported',
          target: { type: agency ? 'calendar_agency_dates' : 'calendar_national_dates', id: source },
          after: { added: inserted.map((r) => toView(r, scope)), skippedEvents: read.skipped },
          ip: options.context.ip,
          requestId: options.context.requestId,
        });
        return inserted;
      });
      invalidate(agency?.id ?? null);
      const addedDates = new Set(added.map((r) => r.date));
      return {
        added: added.map((r) => toView(r, scope)).sort((a, b) => (a.date < b.date ? -1 : 1)),
        existing: fields.map((f) => f.date).filter((d) => !addedDates.has(d)),
        skippedEvents: read.skipped,
      };
    },

    /**
     * Drafts a year's national holidays from `date-holidays`, all unconfirmed. A year that has
     * national dates already is refused unless `forceMissingOnly`, and then only the dates it
     * lacks are added: a date an administrator entered or corrected is never overwritten.
     */
    async prefillNationalYear(options: { year: number; forceMissingOnly: boolean; context: ChangeContext }): Promise<PrefillResult> {
      await ensureShippedHolidays();
      const draft = draftNationalYear(await (deps.holidaySource ?? loadDateHolidays)(), options.year);
      const added = await deps.db.transaction(async (tx) => {
        const present = await deps.repo.countNationalDatesInYear(options.year, tx);
        if (present > 0 && !options.forceMissingOnly) {
          throw new AppError(
            'conflict',
            {
              id: `Tahun ${options.year} sudah punya ${present} tanggal nasional; pra-isi hanya untuk tahun kosong (atau hanya tanggal yang belum ada, dengan --force-missing-only)`,
              en: `${options.year} already has ${present} national dates; pre-fill is for an empty year (or only the missing dates, with --force-missing-only)`,
            },
            [{ field: 'year', rule: 'calendar.year_has_dates', message: String(present) }],
          );
        }
        const inserted = await deps.repo.insertNationalDates(
          draft.dates.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: draft.source, confirmed: false })),
          tx,
        );
        await deps.audit.record({
          tx,
          agencyId: null,
          actor: options.context.actor,
          action: 'calendar.national_year_prefilled',
          target: { type: 'calendar_year', id: String(options.year) },
          after: { year: options.year, source: draft.source, forceMissingOnly: options.forceMissingOnly, added: inserted.map((r) => r.date) },
          ip: options.context.ip,
          requestId: options.context.requestId,
        });
        return inserted;
      });
      invalidate(null);
      const addedDates = new Set(added.map((r) => r.date));
      return {
        year: options.year,
        source: draft.source,
        added: added.map((r) => toView(r, 'national')).sort((a, b) => (a.date < b.date ? -1 : 1)),
        existing: draft.dates.map((d) => d.date).filter((d) => !addedDates.has(d)),
        notes: draft.notes,
      };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
