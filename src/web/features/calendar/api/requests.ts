/**
 * Every request the calendar pages make, as plain data (method, path, body), so that one
 * integration test can send exactly these to the real server with a signed-in session. The
 * hooks in calendar.ts send them through apiFetch. No React, no i18n here.
 */
import type { z } from 'zod';
import type { CalendarSettingsInput, dateInput, datePatch, icsImportInput, nonWorkingKind, prefillInput } from '../../../../shared/contracts/calendar.js';
import type { TimeLimit } from '../../../../shared/standard/schema.js';

export interface CalendarRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

export type DateKind = z.infer<typeof nonWorkingKind>;
export type DateFields = z.infer<typeof dateInput>;
export type DatePatch = z.input<typeof datePatch>;
type IcsImportInput = z.input<typeof icsImportInput>;
type PrefillInput = z.input<typeof prefillInput>;

/**
 * Where a date is written: the agency's own dates, or the national dates through a national-level
 * agency (LKPP) in which the person holds calendar.edit.
 */
export type DateScope = { scope: 'agency'; agency: string } | { scope: 'national'; through: string };

const enc = encodeURIComponent;
const base = (agency: string) => `/api/calendar/agencies/${enc(agency)}`;
const datesPath = (s: DateScope) => (s.scope === 'agency' ? `${base(s.agency)}/dates` : `${base(s.through)}/national-dates`);

/** The limit as the due API reads it: "3 working days", "30-60 minutes". */
export function limitText(limit: TimeLimit): string {
  const words = { minutes: 'minutes', hours: 'hours', working_days: 'working days', calendar_days: 'calendar days' }[limit.unit];
  const amount = Array.isArray(limit.amount) ? `${limit.amount[0]}-${limit.amount[1]}` : String(limit.amount);
  return `${amount} ${words}`;
}

export const calendarRequests = {
  settings: (agency: string): CalendarRequest => ({ method: 'GET', path: `${base(agency)}/settings` }),
  holidays: (agency: string, year: number): CalendarRequest => ({ method: 'GET', path: `${base(agency)}/holidays?year=${year}` }),
  due: (agency: string, from: string, limit: TimeLimit): CalendarRequest => ({
    method: 'GET',
    path: `${base(agency)}/due?from=${enc(from)}&limit=${enc(limitText(limit))}`,
  }),
  saveSettings: (agency: string, settings: CalendarSettingsInput): CalendarRequest => ({ method: 'PUT', path: `${base(agency)}/settings`, body: settings }),
  addDate: (scope: DateScope, fields: DateFields): CalendarRequest => ({ method: 'POST', path: datesPath(scope), body: fields }),
  updateDate: (scope: DateScope, date: string, patch: DatePatch): CalendarRequest => ({ method: 'PATCH', path: `${datesPath(scope)}/${enc(date)}`, body: patch }),
  removeDate: (scope: DateScope, date: string): CalendarRequest => ({ method: 'DELETE', path: `${datesPath(scope)}/${enc(date)}` }),
  importIcs: (scope: DateScope, file: IcsImportInput): CalendarRequest => ({
    method: 'POST',
    path: scope.scope === 'agency' ? `${base(scope.agency)}/import-ics` : `${base(scope.through)}/national-import-ics`,
    body: file,
  }),
  prefill: (through: string, year: number, forceMissingOnly: boolean): CalendarRequest => ({
    method: 'POST',
    path: `${base(through)}/national-prefill`,
    body: { year, forceMissingOnly } satisfies PrefillInput,
  }),
};
