/**
 * The days of a month as the agency's calendar sees them: working (with the day's hours), closed
 * (no hours that weekday), or a non-working date (holiday, cuti bersama, closure). The same
 * definitions as docs/time-limits.md: a working day is a date with at least one open interval that
 * is not a non-working date; inside a profile's range its hours replace the weekly hours. Pure.
 */
import type { CalendarDate } from '../../../../shared/contracts/calendar.js';
import { weekdays, type Weekday } from '../../../../shared/contracts/hours.js';

export type DayStatus = 'working' | 'closed' | CalendarDate['kind'];

export type MonthDate = Pick<CalendarDate, 'date' | 'kind' | 'name' | 'confirmed' | 'scope'>;

export interface MonthSettings {
  weeklyHours: Record<string, string[]> | null;
  profiles: { name: string; from: string; to: string; weeklyHours: Record<string, string[]> }[];
}

export interface DayCell {
  date: string;
  day: number;
  weekday: Weekday;
  status: DayStatus;
  /** Open intervals that day ("08:00-12:00"), empty when not working. */
  hours: string[];
  /** The profile in force that day (Ramadan hours), if any. */
  profile: string | null;
  /** Names of the non-working dates on it (a national holiday and an agency closure may coincide). */
  names: string[];
  /** False when a non-working date on it still awaits confirmation against the decree. */
  confirmed: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The weekday of a local date, Monday first. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return weekdays[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Weeks (Monday to Sunday) of the month; days outside it are null. */
export function monthWeeks(month: string, settings: MonthSettings, dates: readonly MonthDate[]): (DayCell | null)[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const byDate = new Map<string, MonthDate[]>();
  for (const d of dates) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  const cells: (DayCell | null)[] = [];
  const lead = weekdays.indexOf(weekdayOf(`${month}-01`));
  for (let i = 0; i < lead; i++) cells.push(null);
  for (let day = 1; day <= length; day++) {
    const date = `${month}-${pad(day)}`;
    const weekday = weekdayOf(date);
    const profile = settings.profiles.find((p) => p.from <= date && date <= p.to) ?? null;
    const hours = (profile ? profile.weeklyHours[weekday] : settings.weeklyHours?.[weekday]) ?? [];
    const off = byDate.get(date) ?? [];
    // A national holiday outranks a cuti bersama, which outranks an agency closure.
    const first = [...off].sort((a, b) => rank(a.kind) - rank(b.kind))[0];
    cells.push({
      date,
      day,
      weekday,
      status: first ? first.kind : hours.length > 0 ? 'working' : 'closed',
      hours: first ? [] : hours,
      profile: profile?.name ?? null,
      names: off.map((d) => d.name),
      confirmed: off.every((d) => d.confirmed),
    });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

function rank(kind: MonthDate['kind']): number {
  return kind === 'holiday' ? 0 : kind === 'cuti_bersama' ? 1 : 2;
}
