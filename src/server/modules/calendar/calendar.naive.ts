/**
 * A deliberately naive reference implementation: walks minute by minute from the start and
 * asks, for each minute, whether it is open. It is the oracle of the property tests and the
 * baseline of bench/calendar. Starts must fall on a whole minute (hours are whole minutes, so
 * every minute is then entirely open or entirely closed). Never use it in the application.
 */
import type { CalendarDefinition } from './calendar.js';
import { weekdayKeys } from './calendar.js';
import type { LimitUnit } from './limit.js';
import { MS_PER_DAY, MS_PER_MINUTE, epochDayOf, offsetAt } from './time-zone.js';

export interface NaiveCalendar {
  isOpenMinute(minuteStart: number): boolean;
  localDay(instant: number): number;
}

export function createNaiveCalendar(def: CalendarDefinition): NaiveCalendar {
  const offsets = new Map<number, number>();
  const offset = (instant: number): number => {
    const hour = Math.floor(instant / 3_600_000);
    let o = offsets.get(hour);
    if (o === undefined) {
      o = offsetAt(def.timeZone, hour * 3_600_000);
      offsets.set(hour, o);
    }
    return o;
  };
  const closed = new Set((def.nonWorkingDates ?? []).map((e) => epochDayOf(typeof e === 'string' ? e : e.date)));
  const profiles = (def.profiles ?? []).map((p) => ({ from: epochDayOf(p.from), to: epochDayOf(p.to), week: p.weeklyHours }));
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return {
    localDay: (instant) => Math.floor((instant + offset(instant)) / MS_PER_DAY),
    isOpenMinute(minuteStart) {
      const local = minuteStart + offset(minuteStart);
      const day = Math.floor(local / MS_PER_DAY);
      if (closed.has(day)) return false;
      const minute = Math.floor((local - day * MS_PER_DAY) / MS_PER_MINUTE);
      const weekday = weekdayKeys[(((day + 3) % 7) + 7) % 7]!;
      const week = profiles.find((p) => day >= p.from && day <= p.to)?.week ?? def.weeklyHours;
      for (const iv of week[weekday] ?? []) {
        if (minute >= toMin(iv.slice(0, 5)) && minute < toMin(iv.slice(6))) return true;
      }
      return false;
    },
  };
}

/** The deadline, found by walking minute by minute. */
export function naiveDeadline(cal: NaiveCalendar, start: number, unit: LimitUnit, amount: number): number {
  if (start % MS_PER_MINUTE !== 0) throw new RangeError('the naive calendar counts from whole minutes only');
  let t = start;
  if (unit === 'minutes' || unit === 'hours') {
    const target = unit === 'hours' ? amount * 60 : amount;
    let count = 0;
    for (;; t += MS_PER_MINUTE) {
      if (cal.isOpenMinute(t) && ++count === target) return t + MS_PER_MINUTE;
    }
  }
  // The day of receipt is the date of the first open minute at or after the start.
  while (!cal.isOpenMinute(t)) t += MS_PER_MINUTE;
  const receipt = cal.localDay(t);
  let targetDay = unit === 'calendar_days' ? receipt + amount : undefined;
  let workingDays = 0;
  let currentDay = receipt;
  let lastOpenEnd = t + MS_PER_MINUTE;
  for (;; t += MS_PER_MINUTE) {
    if (!cal.isOpenMinute(t)) continue;
    const day = cal.localDay(t);
    if (day !== currentDay) {
      if (targetDay !== undefined && currentDay >= targetDay) return lastOpenEnd;
      currentDay = day;
      if (unit === 'working_days' && ++workingDays > amount) return lastOpenEnd;
    }
    if (unit === 'working_days' && workingDays === amount) targetDay = day;
    lastOpenEnd = t + MS_PER_MINUTE;
  }
}
