/**
 * The business calendar: an agency's working time, and time limits counted in it.
 *
 * Pure and dependency-free. Every function takes the calendar and the instants explicitly
 * (epoch milliseconds); nothing reads the system clock or the process time zone.
 *
 * Speed: a calendar is compiled once into flat arrays of its open intervals as UTC instants,
 * with the open time accumulated before each interval, and per local day its last closing
 * time and its working-day ordinal. A deadline is then a couple of binary searches. Intl is
 * used only while compiling. The compiled range grows by whole years when a count runs past it.
 * The rules are written out, with worked examples, in docs/time-limits.md.
 */
import type { LimitUnit, TimeLimit } from './limit.js';
import { validateLimit } from './limit.js';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  dateOfEpochDay,
  epochDayOf,
  isValidTimeZone,
  localToInstant,
  zoneOffset,
} from './time-zone.js';

export const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];

/** Per weekday, "HH:MM-HH:MM" intervals in local time (the format of shared/contracts/hours.ts). */
export type WeeklyHoursInput = { readonly [K in WeekdayKey]?: readonly string[] };

/** Other hours for a date range (Ramadan), both ends included. */
export interface CalendarProfile {
  name: string;
  from: string;
  to: string;
  weeklyHours: WeeklyHoursInput;
}

export interface NonWorkingDay {
  date: string;
  name?: string | undefined;
}

export interface CalendarDefinition {
  /** IANA zone: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT). */
  timeZone: string;
  weeklyHours: WeeklyHoursInput;
  /** Holidays, cuti bersama and closures: whole local dates without working time. */
  nonWorkingDates?: readonly (string | NonWorkingDay)[] | undefined;
  profiles?: readonly CalendarProfile[] | undefined;
  /** Fraction of the limit after which a clock warns; default 0.75. */
  warningThreshold?: number | undefined;
}

export const defaultWarningThreshold = 0.75;

/** A time the clock did not run (waiting for the requester). `to: null` is still paused. */
export interface Pause {
  from: number;
  to: number | null;
}

/** Compiled years beyond the first instant asked for, before a count gives up (no working time). */
const maxCoveredYears = 60;

interface ParsedWeek {
  /** Index 0 = Monday … 6 = Sunday; each a flat list [start, end, start, end…] in minutes. */
  days: number[][];
}

function parseWeek(week: WeeklyHoursInput, where: string): ParsedWeek {
  const days = weekdayKeys.map((key) => {
    const list = week[key] ?? [];
    const flat: number[] = [];
    for (const item of list) {
      const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(item);
      if (!m) throw new RangeError(`${where}.${key}: "${item}" is not HH:MM-HH:MM`);
      const start = Number(m[1]) * 60 + Number(m[2]);
      const end = Number(m[3]) * 60 + Number(m[4]);
      if (end > 24 * 60 || start >= end) throw new RangeError(`${where}.${key}: "${item}" must start before it ends`);
      if (flat.length > 0 && start < flat[flat.length - 1]!) {
        throw new RangeError(`${where}.${key}: intervals must be in order and must not overlap`);
      }
      // Touching intervals (12:00-13:00 and 13:00-14:00) are one open stretch.
      if (flat.length > 0 && start === flat[flat.length - 1]) flat[flat.length - 1] = end;
      else flat.push(start, end);
    }
    return flat;
  });
  return { days };
}

/** Monday = 0 … Sunday = 6 of an epoch day (1970-01-01 was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export class BusinessCalendar {
  readonly timeZone: string;
  readonly warningThreshold: number;
  private readonly week: ParsedWeek;
  private readonly profiles: { from: number; to: number; name: string; week: ParsedWeek }[];
  private readonly closedDays: Map<number, string>;

  // Compiled range: local days [firstDay, firstDay + dayCount).
  private firstDay = 0;
  private dayCount = 0;
  /** UTC instant of each local midnight; one extra entry for the end of the range. */
  private dayStart = new Float64Array(0);
  /** Index of each day's first interval; one extra entry. */
  private dayFirstInterval = new Int32Array(0);
  private lastClose = new Float64Array(0);
  /** Working days strictly before each day, counted from firstDay. */
  private workOrdinal = new Int32Array(0);
  /** The working days, as day indices. */
  private workDays = new Int32Array(0);
  private ivStart = new Float64Array(0);
  private ivEnd = new Float64Array(0);
  /** Open time before each interval, from the start of the range. */
  private ivCum = new Float64Array(0);
  private ivCumEnd = new Float64Array(0);
  private ivCount = 0;

  constructor(readonly definition: CalendarDefinition) {
    if (!isValidTimeZone(definition.timeZone)) throw new RangeError(`unknown time zone ${definition.timeZone}`);
    const threshold = definition.warningThreshold ?? defaultWarningThreshold;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError('warningThreshold must be in (0, 1]');
    this.timeZone = definition.timeZone;
    this.warningThreshold = threshold;
    this.week = parseWeek(definition.weeklyHours, 'weeklyHours');
    this.profiles = (definition.profiles ?? []).map((p, i) => ({
      name: p.name,
      from: epochDayOf(p.from),
      to: epochDayOf(p.to),
      week: parseWeek(p.weeklyHours, `profiles[${i}].weeklyHours`),
    }));
    for (const p of this.profiles) {
      if (p.to < p.from) throw new RangeError(`profile ${p.name}: ends before it starts`);
    }
    if (this.week.days.every((d) => d.length === 0)) {
      throw new RangeError('weeklyHours has no working time at all');
    }
    this.closedDays = new Map();
    for (const entry of definition.nonWorkingDates ?? []) {
      const e = typeof entry === 'string' ? { date: entry } : entry;
      this.closedDays.set(epochDayOf(e.date), e.name ?? '');
    }
  }

  // ---- compiling -----------------------------------------------------------------------

  /** The open intervals of a local day, in minutes, and the profile that gave them. */
  hoursOfDay(day: number): { minutes: number[]; profile: string | undefined; closedAs: string | undefined } {
    const closedAs = this.closedDays.get(day);
    if (closedAs !== undefined) return { minutes: [], profile: undefined, closedAs };
    const wd = weekdayIndex(day);
    for (const p of this.profiles) {
      if (day >= p.from && day <= p.to) return { minutes: p.week.days[wd]!, profile: p.name, closedAs: undefined };
    }
    return { minutes: this.week.days[wd]!, profile: undefined, closedAs: undefined };
  }

  private build(firstDay: number, dayCount: number): void {
    const tz = this.timeZone;
    const dayStart = new Float64Array(dayCount + 1);
    const dayFirstInterval = new Int32Array(dayCount + 1);
    const lastClose = new Float64Array(dayCount);
    const workOrdinal = new Int32Array(dayCount);
    const starts: number[] = [];
    const ends: number[] = [];
    const workDays: number[] = [];
    let midnight = localToInstant(tz, firstDay * MS_PER_DAY);
    for (let i = 0; i < dayCount; i++) {
      const day = firstDay + i;
      const nextMidnight = localToInstant(tz, (day + 1) * MS_PER_DAY);
      dayStart[i] = midnight;
      dayFirstInterval[i] = starts.length;
      workOrdinal[i] = workDays.length;
      const { minutes } = this.hoursOfDay(day);
      // Without a transition inside the day (always, in Indonesia) the offset is the midnight's.
      const steady = nextMidnight - midnight === MS_PER_DAY;
      for (let k = 0; k < minutes.length; k += 2) {
        const a = minutes[k]!;
        const b = minutes[k + 1]!;
        starts.push(steady ? midnight + a * MS_PER_MINUTE : localToInstant(tz, day * MS_PER_DAY + a * MS_PER_MINUTE));
        ends.push(steady ? midnight + b * MS_PER_MINUTE : localToInstant(tz, day * MS_PER_DAY + b * MS_PER_MINUTE));
      }
      if (minutes.length > 0) {
        lastClose[i] = ends[ends.length - 1]!;
        workDays.push(i);
      } else {
        lastClose[i] = Number.NaN;
      }
      midnight = nextMidnight;
    }
    dayStart[dayCount] = midnight;
    dayFirstInterval[dayCount] = starts.length;

    const n = starts.length;
    const ivStart = Float64Array.from(starts);
    const ivEnd = Float64Array.from(ends);
    const ivCum = new Float64Array(n);
    const ivCumEnd = new Float64Array(n);
    let cum = 0;
    for (let k = 0; k < n; k++) {
      ivCum[k] = cum;
      cum += ivEnd[k]! - ivStart[k]!;
      ivCumEnd[k] = cum;
    }
    this.firstDay = firstDay;
    this.dayCount = dayCount;
    this.dayStart = dayStart;
    this.dayFirstInterval = dayFirstInterval;
    this.lastClose = lastClose;
    this.workOrdinal = workOrdinal;
    this.workDays = Int32Array.from(workDays);
    this.ivStart = ivStart;
    this.ivEnd = ivEnd;
    this.ivCum = ivCum;
    this.ivCumEnd = ivCumEnd;
    this.ivCount = n;
  }

  /**
   * Makes the compiled range cover an instant, growing by whole years. Growing backwards
   * renumbers everything, so it is only called when an operation begins; growing forwards
   * keeps every index and accumulated time already handed out.
   */
  private coverInstant(instant: number): void {
    if (this.dayCount > 0 && instant >= this.dayStart[0]! && instant < this.dayStart[this.dayCount]!) return;
    // A day's UTC span is within ±1 day of its local date for every real zone.
    const approxDay = Math.floor(instant / MS_PER_DAY);
    const year = new Date(approxDay * MS_PER_DAY).getUTCFullYear();
    const wantFirst = Date.UTC(year - 1, 0, 1) / MS_PER_DAY;
    const wantEnd = Date.UTC(year + 2, 0, 1) / MS_PER_DAY;
    if (this.dayCount === 0) {
      this.build(wantFirst, wantEnd - wantFirst);
      return;
    }
    const first = Math.min(this.firstDay, wantFirst);
    const end = Math.max(this.firstDay + this.dayCount, wantEnd);
    this.build(first, end - first);
  }

  /** Grows the range forwards by a year; false when it would exceed the cap. */
  private growForward(): boolean {
    const endDay = this.firstDay + this.dayCount;
    const endYear = new Date(endDay * MS_PER_DAY).getUTCFullYear();
    const newEnd = Date.UTC(endYear + 1, 0, 1) / MS_PER_DAY;
    if (newEnd - this.firstDay > maxCoveredYears * 366) return false;
    this.build(this.firstDay, newEnd - this.firstDay);
    return true;
  }

  private growOrFail(): void {
    if (!this.growForward()) throw new RangeError('the calendar has no working time within reach of this limit');
  }

  // ---- primitives on the compiled arrays ------------------------------------------------

  /** Index of the local day holding an instant (covered). */
  private dayIndexOf(instant: number): number {
    const a = this.dayStart;
    let lo = 0;
    let hi = this.dayCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (a[mid]! <= instant) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Open time from the start of the range to an instant (covered). */
  private position(instant: number): number {
    let k = this.firstIntervalEndingAfter(instant);
    while (k === this.ivCount) {
      this.growOrFail();
      k = this.firstIntervalEndingAfter(instant);
    }
    const s = this.ivStart[k]!;
    return instant > s ? this.ivCum[k]! + (instant - s) : this.ivCum[k]!;
  }

  private firstIntervalEndingAfter(instant: number): number {
    const a = this.ivEnd;
    let lo = 0;
    let hi = this.ivCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! > instant) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The instant at which the open time counted from the range start reaches `target` (> 0). */
  private instantAtPosition(target: number): number {
    for (;;) {
      const a = this.ivCumEnd;
      let lo = 0;
      let hi = this.ivCount;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (a[mid]! >= target) hi = mid;
        else lo = mid + 1;
      }
      if (lo < this.ivCount) return this.ivStart[lo]! + (target - this.ivCum[lo]!);
      this.growOrFail();
    }
  }

  private isWorkingDay(i: number): boolean {
    return this.lastClose[i] === this.lastClose[i];
  }

  /** The k-th working day (index into workDays), growing the range as needed. */
  private workDay(k: number): number {
    while (k >= this.workDays.length) this.growOrFail();
    return this.workDays[k]!;
  }

  private ensureDay(i: number): void {
    while (i >= this.dayCount) this.growOrFail();
  }

  private receiptDayIndex(start: number): number {
    const d = this.dayIndexOf(start);
    if (this.isWorkingDay(d) && start < this.lastClose[d]!) return d;
    return this.workDay(this.workOrdinal[d]! + (this.isWorkingDay(d) ? 1 : 0));
  }

  /** The first working day on or after day index i, as a day index. */
  private workingDayOnOrAfter(i: number): number {
    this.ensureDay(i);
    return this.isWorkingDay(i) ? i : this.workDay(this.workOrdinal[i]!);
  }

  // ---- the operations, exported below as functions -----------------------------------------

  /** @internal */
  _openTimeBetween(from: number, to: number): number {
    if (to <= from) return 0;
    this.coverInstant(from);
    return this.position(to) - this.position(from);
  }

  /** @internal Counts `ms` of open time forward from `from`. */
  _addOpenTime(from: number, ms: number): number {
    this.coverInstant(from);
    if (ms <= 0) return from;
    return this.instantAtPosition(this.position(from) + ms);
  }

  /** @internal */
  _deadline(start: number, unit: LimitUnit, amount: number): number {
    this.coverInstant(start);
    switch (unit) {
      case 'minutes':
        return this.instantAtPosition(this.position(start) + amount * MS_PER_MINUTE);
      case 'hours':
        return this.instantAtPosition(this.position(start) + amount * MS_PER_HOUR);
      case 'working_days': {
        // Index first: growing the range replaces the arrays.
        const r = this.receiptDayIndex(start);
        const d = this.workDay(this.workOrdinal[r]! + amount);
        return this.lastClose[d]!;
      }
      case 'calendar_days': {
        const r = this.receiptDayIndex(start);
        const d = this.workingDayOnOrAfter(r + amount);
        return this.lastClose[d]!;
      }
    }
  }

  /** @internal The day's last closing time of the working day holding or following `instant`. */
  _closeOnOrAfter(instant: number): number {
    this.coverInstant(instant);
    const d = this.dayIndexOf(instant);
    if (this.isWorkingDay(d) && instant <= this.lastClose[d]!) return this.lastClose[d]!;
    const next = this.workDay(this.workOrdinal[d]! + (this.isWorkingDay(d) ? 1 : 0));
    return this.lastClose[next]!;
  }

  /** @internal The local date of the day of receipt. */
  _receiptDate(start: number): string {
    this.coverInstant(start);
    return dateOfEpochDay(this.firstDay + this.receiptDayIndex(start));
  }

  /** @internal True when the instant lies inside an open interval or is a closing time. */
  _isOpenOrClosing(instant: number): boolean {
    this.coverInstant(instant);
    const k = this.firstIntervalEndingAfter(instant);
    if (k > 0 && this.ivEnd[k - 1] === instant) return true;
    return k < this.ivCount && this.ivStart[k]! <= instant;
  }

  /** @internal Open intervals (UTC ms) of the local date, in order. */
  _intervalsOfDate(date: string): [number, number][] {
    const day = epochDayOf(date);
    this.coverInstant(localToInstant(this.timeZone, day * MS_PER_DAY + MS_PER_DAY / 2));
    const i = day - this.firstDay;
    this.ensureDay(i);
    const out: [number, number][] = [];
    for (let k = this.dayFirstInterval[i]!; k < this.dayFirstInterval[i + 1]!; k++) out.push([this.ivStart[k]!, this.ivEnd[k]!]);
    return out;
  }
}

/** Compiles a calendar. Keep the result: it caches its compiled years. */
export function createCalendar(definition: CalendarDefinition): BusinessCalendar {
  return new BusinessCalendar(definition);
}

const onHoursCache = new WeakMap<BusinessCalendar, Map<string, BusinessCalendar>>();

/**
 * The same calendar (time zone, holidays, closures, warning threshold) on other weekly hours: a
 * channel's own ("pukul 09.00-15.00 WITA setiap hari kerja"). The agency's hour profiles
 * (Ramadan) replace the agency's hours, not the channel's, so they do not apply. Kept per
 * calendar and hours, since a compiled calendar caches its years.
 */
export function calendarOnHours(calendar: BusinessCalendar, weeklyHours: WeeklyHoursInput): BusinessCalendar {
  const key = JSON.stringify(weekdayKeys.map((k) => weeklyHours[k] ?? []));
  let byHours = onHoursCache.get(calendar);
  if (!byHours) onHoursCache.set(calendar, (byHours = new Map()));
  let derived = byHours.get(key);
  if (!derived) {
    derived = createCalendar({ ...calendar.definition, weeklyHours, profiles: [] });
    byHours.set(key, derived);
  }
  return derived;
}

// ---- public functions ------------------------------------------------------------------------

/** Open (business) time between two instants, in ms. */
export function openTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  return calendar._openTimeBetween(from, to);
}

/** The instant after `ms` of open time counted from `from` (a closing time when it ends there). */
export function addOpenTime(calendar: BusinessCalendar, from: number, ms: number): number {
  return calendar._addOpenTime(from, ms);
}

/** The deadline of one amount of a unit from a start, without pauses: the hot path. */
export function deadlineFor(calendar: BusinessCalendar, start: number, unit: LimitUnit, amount: number): number {
  return calendar._deadline(start, unit, amount);
}

/** The local date of the day of receipt (working and calendar days). */
export function receiptDate(calendar: BusinessCalendar, start: number): string {
  return calendar._receiptDate(start);
}

/** True when the instant lies in an open interval or is exactly a closing time. */
export function isOpenOrClosing(calendar: BusinessCalendar, instant: number): boolean {
  return calendar._isOpenOrClosing(instant);
}

/** The open intervals of a local date as UTC instants. */
export function openIntervalsOn(calendar: BusinessCalendar, date: string): [number, number][] {
  return calendar._intervalsOfDate(date);
}

/** Whether a local date has working time, and if not why (its holiday name, or the weekly hours). */
export function describeDate(
  calendar: BusinessCalendar,
  date: string,
): { working: boolean; closedAs: string | undefined; profile: string | undefined } {
  const { minutes, profile, closedAs } = calendar.hoursOfDay(epochDayOf(date));
  return { working: minutes.length > 0, closedAs, profile };
}

/** Pauses sorted, merged, clipped to the start, with a pause still open ending at `at`. */
export function normalizePauses(pauses: readonly Pause[], start: number, at?: number): { from: number; to: number }[] {
  const closed: { from: number; to: number }[] = [];
  for (const p of pauses) {
    let to = p.to;
    if (to === null) {
      if (at === undefined) throw new RangeError('a pause is still open: give the instant `at` to count it up to');
      to = Math.max(at, p.from);
    }
    if (to < p.from) throw new RangeError('a pause ends before it starts');
    const from = Math.max(p.from, start);
    if (to > from) closed.push({ from, to });
  }
  closed.sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const p of closed) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}

function isBusinessUnit(unit: LimitUnit): boolean {
  return unit !== 'calendar_days';
}

/**
 * Counting with pauses, from a deadline without them. For minutes, hours and working days the
 * deadline moves later by the open time inside each pause that began before it; for calendar
 * days by the wall time, then to the last closing time of that (or the next working) day.
 */
function shiftForPauses(calendar: BusinessCalendar, unit: LimitUnit, base: number, pauses: { from: number; to: number }[]): number {
  let due = base;
  if (isBusinessUnit(unit)) {
    for (const p of pauses) {
      if (p.from >= due) break;
      due = calendar._addOpenTime(due, calendar._openTimeBetween(p.from, p.to));
    }
    return due;
  }
  for (const p of pauses) {
    if (p.from >= due) break;
    due += p.to - p.from;
  }
  return due === base ? base : calendar._closeOnOrAfter(due);
}

export interface DueOptions {
  start: number;
  limit: TimeLimit;
  pauses?: readonly Pause[] | undefined;
  /** Needed when a pause is still open: it is counted as if it ended at this instant. */
  at?: number | undefined;
}

export interface Due {
  /** The deadline: the upper end of the limit. */
  due: number;
  /** For a range, the instant of its lower end, shown as the expected time. */
  expected: number | undefined;
  /** The local date of the day of receipt (working and calendar days). */
  receiptDate: string | undefined;
}

function assertLimit(limit: TimeLimit): void {
  const problem = validateLimit(limit);
  if (problem) throw new RangeError(`invalid limit: ${problem}`);
}

/** The deadline (and expected time of a range) of a limit started at `start`, with its pauses. */
export function computeDue(calendar: BusinessCalendar, options: DueOptions): Due {
  const { start, limit } = options;
  assertLimit(limit);
  const pauses = normalizePauses(options.pauses ?? [], start, options.at);
  const due = shiftForPauses(calendar, limit.unit, calendar._deadline(start, limit.unit, limit.max), pauses);
  const expected =
    limit.min === undefined ? undefined : shiftForPauses(calendar, limit.unit, calendar._deadline(start, limit.unit, limit.min), pauses);
  const countsDays = limit.unit === 'working_days' || limit.unit === 'calendar_days';
  return { due, expected, receiptDate: countsDays ? calendar._receiptDate(start) : undefined };
}

export interface ClockOptions extends DueOptions {
  /** The instant the clock is read at. */
  at: number;
}

export interface ClockState extends Due {
  unit: LimitUnit;
  /**
   * The budget in ms: open time for minutes, hours and working days (for working days, the open
   * time from the start to the deadline without pauses); wall time from the start to the
   * deadline, less the pauses, for calendar days.
   */
  limitMs: number;
  /** Budget used by `at`, pauses excluded. */
  elapsedMs: number;
  /** Budget left at `at`; negative once the deadline has passed by that much. */
  remainingMs: number;
  /** elapsed / limit. */
  fraction: number;
  paused: boolean;
  /** The instant the elapsed time reaches the warning threshold. */
  warningAt: number;
  warning: boolean;
  breached: boolean;
}

/** Measures time the clock's way: open time, or wall time for calendar days. */
function measure(calendar: BusinessCalendar, unit: LimitUnit, from: number, to: number): number {
  if (to <= from) return 0;
  return isBusinessUnit(unit) ? calendar._openTimeBetween(from, to) : to - from;
}

function measureOutsidePauses(
  calendar: BusinessCalendar,
  unit: LimitUnit,
  from: number,
  to: number,
  pauses: { from: number; to: number }[],
): number {
  let total = measure(calendar, unit, from, to);
  for (const p of pauses) {
    const a = Math.max(p.from, from);
    const b = Math.min(p.to, to);
    if (b > a) total -= measure(calendar, unit, a, b);
  }
  return total;
}

/**
 * The clock of a limit read at an instant: deadline, elapsed and remaining business time,
 * warning and breach. The warning threshold is the calendar's unless given.
 */
export function readClock(calendar: BusinessCalendar, options: ClockOptions & { warningThreshold?: number | undefined }): ClockState {
  const { start, limit, at } = options;
  const threshold = options.warningThreshold ?? calendar.warningThreshold;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('warningThreshold must be in (0, 1]');
  const due = computeDue(calendar, options);
  const pauses = normalizePauses(options.pauses ?? [], start, at);
  const unit = limit.unit;
  const limitMs = measureOutsidePauses(calendar, unit, start, due.due, pauses);
  const elapsedMs = at <= start ? 0 : measureOutsidePauses(calendar, unit, start, at, pauses);
  const remainingMs =
    at <= due.due
      ? measureOutsidePauses(calendar, unit, Math.max(at, start), due.due, pauses)
      : 0 - measureOutsidePauses(calendar, unit, due.due, at, pauses);
  const open = (options.pauses ?? []).some((p) => p.to === null && p.from <= at);
  const warnBudget = Math.ceil(limitMs * threshold);
  let warningAt: number;
  if (isBusinessUnit(unit)) {
    warningAt = calendar._addOpenTime(start, warnBudget);
    for (const p of pauses) {
      if (p.from >= warningAt) break;
      warningAt = calendar._addOpenTime(warningAt, calendar._openTimeBetween(p.from, p.to));
    }
  } else {
    warningAt = start + warnBudget;
    for (const p of pauses) {
      if (p.from >= warningAt) break;
      warningAt += p.to - p.from;
    }
  }
  const breached = at > due.due;
  return {
    ...due,
    unit,
    limitMs,
    elapsedMs,
    remainingMs,
    fraction: limitMs > 0 ? elapsedMs / limitMs : 1,
    paused: open,
    warningAt,
    warning: !breached && at >= warningAt,
    breached,
  };
}

export interface ExplainedDay {
  date: string;
  weekday: WeekdayKey;
  /** 'working': counted; 'closed': no hours that weekday; 'non_working': a holiday, cuti bersama or closure. */
  kind: 'working' | 'closed' | 'non_working';
  name: string | undefined;
  profile: string | undefined;
  /** For working and calendar days: which day of the count this is (the day of receipt is 0). */
  ordinal: number | undefined;
  /** Open intervals counted this day (UTC ms), after the start, before the deadline, outside pauses. */
  counted: [number, number][];
  countedMs: number;
}

/**
 * The days from the start to the deadline and the open time counted on each: what
 * `sigap calendar due --explain` prints. Slow on purpose (readable, not for hot paths).
 */
export function explainDue(calendar: BusinessCalendar, options: DueOptions): { due: Due; days: ExplainedDay[] } {
  const due = computeDue(calendar, options);
  const { start, limit } = options;
  const pauses = normalizePauses(options.pauses ?? [], start, options.at);
  const tz = calendar.timeZone;
  const firstDate = new Date(start + zoneOffset(tz, start)).toISOString().slice(0, 10);
  const lastDate = new Date(due.due + zoneOffset(tz, due.due)).toISOString().slice(0, 10);
  const receipt = limit.unit === 'working_days' || limit.unit === 'calendar_days' ? calendar._receiptDate(start) : undefined;
  const receiptDay = receipt === undefined ? undefined : epochDayOf(receipt);
  const days: ExplainedDay[] = [];
  let workingCount = 0;
  for (let day = epochDayOf(firstDate); day <= epochDayOf(lastDate); day++) {
    const date = dateOfEpochDay(day);
    const info = calendar.hoursOfDay(day);
    const kind = info.closedAs !== undefined ? 'non_working' : info.minutes.length > 0 ? 'working' : 'closed';
    let ordinal: number | undefined;
    if (receiptDay !== undefined && day >= receiptDay) {
      if (limit.unit === 'calendar_days') ordinal = day - receiptDay;
      else if (kind === 'working') ordinal = workingCount++;
    }
    const counted: [number, number][] = [];
    for (const [a, b] of calendar._intervalsOfDate(date)) {
      let pieces: [number, number][] = [[Math.max(a, start), Math.min(b, due.due)]];
      for (const p of pauses) {
        pieces = pieces.flatMap(([x, y]): [number, number][] => {
          if (p.to <= x || p.from >= y) return [[x, y]];
          const out: [number, number][] = [];
          if (p.from > x) out.push([x, p.from]);
          if (p.to < y) out.push([p.to, y]);
          return out;
        });
      }
      for (const piece of pieces) if (piece[1] > piece[0]) counted.push(piece);
    }
    days.push({
      date,
      weekday: weekdayKeys[weekdayIndex(day)]!,
      kind,
      name: info.closedAs || undefined,
      profile: info.profile,
      ordinal,
      counted,
      countedMs: counted.reduce((s, [a, b]) => s + (b - a), 0),
    });
  }
  return { due, days };
}

