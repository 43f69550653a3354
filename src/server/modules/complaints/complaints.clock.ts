/**
 * The clocks of a complaint, pure: which limits apply (the agency's, a service's override, the
 * class's), their due instants counted by the agency's business calendar with the pauses of an
 * incomplete file, and how a clock reads at an instant.
 *
 * Every clock starts at receipt. The first response stops its clock (an "incomplete" verdict is
 * a response), so it never pauses; the resolution clock and the 60-day limit of Perpres 76/2013
 * ("60 hari sejak berkas lengkap") skip the time the file waited for the complainant.
 *
 * Shaped as `requests.clock.ts`: the row's clock fields in (`ClockFields`, pauses stored alike),
 * `openPause`/`closePause`/`dueFrom`/`readClocks` with the same names for the same things.
 */
import type { ComplaintClockState } from '../../../shared/contracts/complaints.js';
import type { Localized } from '../../../shared/i18n/languages.js';
import type { AgencyStandard, ServiceStandard, TimeLimit as StandardLimit } from '../../../shared/standard/schema.js';
import type { StoredLimit, StoredPause } from '../../db/tables/clock.js';
import { computeDue, readClock, type BusinessCalendar } from '../calendar/calendar.js';
import { formatLimit, type TimeLimit } from '../calendar/limit.js';
import { dateOfEpochDay, epochDayOf, localDateOf, localToInstant } from '../calendar/time-zone.js';

/** Perpres 76/2013: a complaint is resolved within 60 days of a complete file. */
export const hardLimit: TimeLimit = { unit: 'calendar_days', max: 60 };

/** The national rule behind `hardLimit`, as the pages name it. */
export const nationalRule: Localized = {
  id: 'Perpres 76/2013: pengaduan diselesaikan paling lambat 60 hari sejak berkas lengkap',
  en: 'Perpres 76/2013: a complaint is resolved within 60 days of a complete file',
};

/**
 * The due instant a complaint is judged by (on time, overdue). The standard is the law: the
 * resolution limit the agency wrote (its class's, a service's, the agency's) is applied as
 * written, even where it runs past the national 60 days (Kalimantan Utara's "Pengaduan berkadar
 * pengawasan dan memerlukan pemeriksaan": 60 hari kerja); only where the standard states no
 * resolution limit does the national rule's 60 days judge it. Both are shown.
 */
export function governingDueAt(fields: Pick<ClockFields, 'resolutionDueAt' | 'hardDueAt'>): Date {
  return fields.resolutionDueAt ?? fields.hardDueAt;
}

/** A closed complaint may be reopened by the complainant within this window unless configured otherwise. */
export const defaultReopenWindow: TimeLimit = { unit: 'working_days', max: 10 };

export function fromStandardLimit(limit: StandardLimit): TimeLimit {
  return Array.isArray(limit.amount) ? { unit: limit.unit, min: limit.amount[0], max: limit.amount[1] } : { unit: limit.unit, max: limit.amount };
}

export function toStored(limit: TimeLimit): StoredLimit {
  return limit.min === undefined ? { unit: limit.unit, max: limit.max } : { unit: limit.unit, max: limit.max, min: limit.min };
}

export function limitView(limit: StoredLimit | null | undefined) {
  if (!limit) return null;
  return { unit: limit.unit, max: limit.max, min: limit.min ?? null, text: { id: formatLimit(limit, 'id'), en: formatLimit(limit, 'en') } };
}

/**
 * Which rule of the standard the resolution limit of a complaint comes from, in its own words:
 * the class it was put in, else the service's own complaint rules, else the agency's. Null when
 * the standard states none (then the national rule alone judges it).
 */
export function resolutionRuleOf(
  standard: { agency: AgencyStandard; services: readonly ServiceStandard[] },
  complaint: { classCode: string | null; serviceCode: string | null; resolutionLimit: StoredLimit | null },
): Localized | null {
  const limit = complaint.resolutionLimit;
  if (!limit) return null;
  const text = { id: formatLimit(limit, 'id'), en: formatLimit(limit, 'en') };
  const found = standard.agency.complaints.classes.find((k) => k.code === complaint.classCode);
  if (found) return { id: `Kelas pengaduan "${found.name}": ${text.id}`, en: `Complaint class "${found.name}": ${text.en}` };
  const service = standard.services.find((s) => s.code === complaint.serviceCode);
  if (service?.complaints?.resolutionLimit) return { id: `Standar layanan "${service.name}": ${text.id}`, en: `The standard of the service "${service.name}": ${text.en}` };
  return { id: `Standar pelayanan ${standard.agency.name}: ${text.id}`, en: `The service standard of ${standard.agency.name}: ${text.en}` };
}

/** The standard's "closes without reply after …" as the pages show it; null where it states none. */
export function noReplyView(agency: AgencyStandard) {
  const stated = agency.complaints.closeAfterNoReply;
  return stated ? limitView(toStored(fromStandardLimit(stated))) : null;
}

export interface ComplaintRulesApplied {
  fileWithin: TimeLimit | null;
  responseLimit: TimeLimit | null;
  /** The resolution limit before any class: the service's, else the agency's. */
  resolutionLimit: TimeLimit | null;
}

/** The rules a complaint about `service` (or none) follows: a service's own limits win. */
export function rulesFor(agency: AgencyStandard, service: ServiceStandard | undefined): ComplaintRulesApplied {
  const rules = agency.complaints;
  const own = service?.complaints;
  const pick = (a: StandardLimit | undefined, b: StandardLimit | undefined) => {
    const limit = a ?? b;
    return limit ? fromStandardLimit(limit) : null;
  };
  return {
    fileWithin: rules.fileWithin ? fromStandardLimit(rules.fileWithin) : null,
    responseLimit: pick(own?.responseLimit, rules.responseLimit),
    resolutionLimit: pick(own?.resolutionLimit, rules.resolutionLimit),
  };
}

/**
 * Whether a complaint was filed after the window. The service date is day 0; a window in
 * calendar days ends on the service date plus that many days ("paling lambat 30 hari sejak
 * pengadu menerima pelayanan"), and a complaint is late from the next local date on. Other units
 * are counted by the agency's calendar from noon of the service date.
 */
export function filingDeadline(options: {
  calendar: BusinessCalendar;
  serviceDate: string;
  timeZone: string;
  fileWithin: TimeLimit;
  receivedLocalDate: string;
}): { fileBy: string; late: boolean } {
  const { serviceDate, fileWithin } = options;
  let fileBy: string;
  if (fileWithin.unit === 'calendar_days') {
    fileBy = dateOfEpochDay(epochDayOf(serviceDate) + fileWithin.max);
  } else {
    const [y, m, d] = serviceDate.split('-').map(Number) as [number, number, number];
    const start = localToInstant(options.timeZone, Date.UTC(y, m - 1, d, 12));
    fileBy = localDateOf(options.timeZone, computeDue(options.calendar, { start, limit: fileWithin }).due);
  }
  return { fileBy, late: options.receivedLocalDate > fileBy };
}

/** The clock fields of a complaint row. */
export interface ClockFields {
  receivedAt: Date;
  /** Where the clocks start when not at receipt: the last reopening. */
  clocksFrom?: Date | null | undefined;
  responseLimit: StoredLimit | null;
  responseDueAt: Date | null;
  respondedAt: Date | null;
  resolutionLimit: StoredLimit | null;
  resolutionDueAt: Date | null;
  hardDueAt: Date;
  answeredAt: Date | null;
  pauses: StoredPause[];
  pausedSince: Date | null;
}

export interface DueTimes {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  hardDueAt: Date;
}

/** Where the clocks start: the receipt, or the last reopening (which counts them again by the agency's rules). */
export const clocksStart = (fields: Pick<ClockFields, 'receivedAt' | 'clocksFrom'>): number => (fields.clocksFrom ?? fields.receivedAt).getTime();

/** Due instants from the clocks' start, with the pauses (an open one counted up to `at`). */
export function dueTimes(
  calendar: BusinessCalendar,
  fields: Pick<ClockFields, 'receivedAt' | 'clocksFrom' | 'responseLimit' | 'resolutionLimit' | 'pauses'>,
  at: number,
): DueTimes {
  const start = clocksStart(fields);
  const readAt = Math.max(at, start);
  const due = (limit: StoredLimit, pauses: readonly StoredPause[]) => new Date(computeDue(calendar, { start, limit, pauses, at: readAt }).due);
  return {
    responseDueAt: fields.responseLimit ? due(fields.responseLimit, []) : null,
    resolutionDueAt: fields.resolutionLimit ? due(fields.resolutionLimit, fields.pauses) : null,
    hardDueAt: due(hardLimit, fields.pauses),
  };
}

export type ClockKind = 'response' | 'resolution' | 'hard';

export interface ClockReading {
  kind: ClockKind;
  limit: StoredLimit | null;
  dueAt: Date | null;
  state: ComplaintClockState;
  /** Whether the complaint is judged by this clock (`governingDueAt`); the other is shown beside it. */
  governs: boolean;
}

/** How one clock reads at `at`: stopped in time or late, paused, or running (ok, warning, breached). */
function readOne(
  calendar: BusinessCalendar,
  fields: ClockFields,
  clock: { kind: ClockKind; limit: StoredLimit | null; dueAt: Date | null; stoppedAt: Date | null; pausable: boolean },
  at: number,
): ClockReading {
  const { kind, limit, dueAt, stoppedAt } = clock;
  const governs = kind === 'resolution' ? fields.resolutionLimit !== null : kind === 'hard' ? fields.resolutionLimit === null : false;
  const reading = (state: ComplaintClockState): ClockReading => ({ kind, limit, dueAt, state, governs });
  if (!dueAt || !limit) return reading('ok');
  if (stoppedAt) return reading(stoppedAt.getTime() <= dueAt.getTime() ? 'met' : 'missed');
  if (clock.pausable && fields.pausedSince) return reading('paused');
  const start = clocksStart(fields);
  const read = readClock(calendar, { start, limit, pauses: clock.pausable ? fields.pauses : [], at: Math.max(at, start) });
  return reading(read.breached ? 'breached' : read.warning ? 'warning' : 'ok');
}

/**
 * The three clocks of a complaint at `at`: the first response (never paused: the verdict that
 * pauses the others is itself a response), the resolution and the 60-day limit.
 */
export function readClocks(calendar: BusinessCalendar, fields: ClockFields, at: number): Record<ClockKind, ClockReading> {
  return {
    response: readOne(calendar, fields, { kind: 'response', limit: fields.responseLimit, dueAt: fields.responseDueAt, stoppedAt: fields.respondedAt, pausable: false }, at),
    resolution: readOne(calendar, fields, { kind: 'resolution', limit: fields.resolutionLimit, dueAt: fields.resolutionDueAt, stoppedAt: fields.answeredAt, pausable: true }, at),
    hard: readOne(calendar, fields, { kind: 'hard', limit: hardLimit, dueAt: fields.hardDueAt, stoppedAt: fields.answeredAt, pausable: true }, at),
  };
}

/** Opens a pause at `at` unless one is open. */
export function openPause(fields: Pick<ClockFields, 'pauses' | 'pausedSince'>, at: number): { pauses: StoredPause[]; pausedSince: Date } {
  if (fields.pausedSince) return { pauses: fields.pauses, pausedSince: fields.pausedSince };
  return { pauses: [...fields.pauses, { from: at, to: null }], pausedSince: new Date(at) };
}

/** Closes the open pause at `at`. */
export function closePause(fields: Pick<ClockFields, 'pauses' | 'pausedSince'>, at: number): { pauses: StoredPause[]; pausedSince: null } {
  return { pauses: fields.pauses.map((p) => (p.to === null ? { from: p.from, to: Math.max(at, p.from) } : p)), pausedSince: null };
}

/** A deadline without pauses: the end of the reopening window after closing. */
export function dueFrom(calendar: BusinessCalendar, start: number, limit: StoredLimit): number {
  return computeDue(calendar, { start, limit }).due;
}

/** Answered by the due time it is judged by (`governingDueAt`). */
export function answeredOnTime(fields: Pick<ClockFields, 'answeredAt' | 'resolutionDueAt' | 'hardDueAt'>): boolean {
  return fields.answeredAt !== null && fields.answeredAt <= governingDueAt(fields);
}
