import { z } from 'zod';

/**
 * Opening hours as agencies write them: per weekday, a list of "HH:MM-HH:MM" intervals in the
 * agency's local time, in order, not overlapping. A day with no intervals is closed
 * (weekends "by appointment" are closed for the clock). Shared by the standard's agency.yaml,
 * the calendar module and the web editor.
 */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const timeInterval = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'hours.interval_format')
  .refine((s) => toMinutes(s.slice(0, 5)) < toMinutes(s.slice(6)), 'hours.interval_order');

export const dayHours = z.array(timeInterval).refine((list) => {
  for (let i = 1; i < list.length; i++) {
    if (toMinutes(list[i]!.slice(0, 5)) < toMinutes(list[i - 1]!.slice(6))) return false;
  }
  return true;
}, 'hours.overlap');

export const weeklyHours = z.object({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours.default([]),
  sun: dayHours.default([]),
});
export type WeeklyHours = z.infer<typeof weeklyHours>;

/** Minutes since local midnight of "HH:MM" (24:00 allowed as the end of a day). */
export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
