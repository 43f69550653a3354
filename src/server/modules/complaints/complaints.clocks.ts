/**
 * The clocks of a complaint, pure: which limits apply (the agency's, a service's override, the
 * class's), their due instants counted by the agency's business calendar with the pauses of an
 * incomplete file, and how a clock reads at an instant.
 *
 * Every clock starts at receipt. The first response stops its clock (an "incomplete" verdict is
 * a response), so it never pauses; the resolution clock and the 60-day limit of Perpres 76/2013
 * ("60 hari sejak berkas lengkap") skip the time the file waited for the complainant.
 */
import type { AgencyStandard, ServiceStandard, TimeLimit as StandardLimit } from '../../../shared/standard/schema.js';
import { computeDue, readClock, type BusinessCalendar, type Pause } from '../calendar/calendar.js';
import { formatLimit, type TimeLimit } from '../calendar/limit.js';
import type { ComplaintLimit } from '../../db/tables/index.js';
import { dateOfEpochDay, epochDayOf, localDateOf, localToInstant } from '../calendar/time-zone.js';

/** Perpres 76/2013: a complaint is resolved within 60 days of a complete file. */
export const hardLimit: TimeLimit = { unit: 'calendar_days', max: 60 };

/** A closed complaint may be reopened by the complainant within this window unless configured otherwise. */
export const defaultReopenWindow: TimeLimit = { unit: 'working_days', max: 10 };

export function fromStandardLimit(limit: StandardLimit): TimeLimit {
  return Array.isArray(limit.amount) ? { unit: limit.unit, min: limit.amount[0], max: limit.amount[1] } : { unit: limit.unit, max: limit.amount };
}

export function toStored(limit: TimeLimit): ComplaintLimit {
  return limit.min === undefined ? { unit: limit.unit, max: limit.max } : { unit: limit.unit, max: limit.max, min: limit.min };
}

export function limitView(limit: TimeLimit | ComplaintLimit | null | undefined) {
  if (!limit) return null;
  return { unit: limit.unit, max: limit.max, min: limit.min ?? null, text: { id: formatLimit(limit, 'id'), en: formatLimit(limit, 'en') } };
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

export interface DueTimes {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  hardDueAt: Date;
}

/** Due instants from receipt, with the pauses (an open one counted up to `at`). */
export function dueTimes(options: {
  calendar: BusinessCalendar;
  receivedAt: Date;
  responseLimit: TimeLimit | ComplaintLimit | null;
  resolutionLimit: TimeLimit | ComplaintLimit | null;
  pauses: readonly Pause[];
  at: Date;
}): DueTimes {
  const start = options.receivedAt.getTime();
  const at = Math.max(options.at.getTime(), start);
  const due = (limit: TimeLimit, pauses: readonly Pause[]) => new Date(computeDue(options.calendar, { start, limit, pauses, at }).due);
  return {
    responseDueAt: options.responseLimit ? due(options.responseLimit, []) : null,
    resolutionDueAt: options.resolutionLimit ? due(options.resolutionLimit, options.pauses) : null,
    hardDueAt: due(hardLimit, options.pauses),
  };
}

export type ClockStateName = 'ok' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';

/** How one clock reads at `at`: stopped in time or late, paused, or running (ok, warning, breached). */
export function clockState(options: {
  calendar: BusinessCalendar;
  receivedAt: Date;
  limit: TimeLimit | ComplaintLimit | null;
  dueAt: Date | null;
  stoppedAt: Date | null;
  pauses: readonly Pause[];
  pausable: boolean;
  at: Date;
}): ClockStateName {
  const { dueAt, stoppedAt } = options;
  if (!dueAt || !options.limit) return 'ok';
  if (stoppedAt) return stoppedAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  const pauses = options.pausable ? options.pauses : [];
  if (pauses.some((p) => p.to === null)) return 'paused';
  const start = options.receivedAt.getTime();
  const at = Math.max(options.at.getTime(), start);
  const read = readClock(options.calendar, { start, limit: options.limit, pauses, at });
  return read.breached ? 'breached' : read.warning ? 'warning' : 'ok';
}

/** The latest instant the complainant may reopen a complaint closed at `closedAt`. */
export function reopenDeadline(calendar: BusinessCalendar, closedAt: Date, window: TimeLimit): Date {
  return new Date(computeDue(calendar, { start: closedAt.getTime(), limit: window }).due);
}
