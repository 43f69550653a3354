import { z } from 'zod';
import { weeklyHours } from './hours.js';

/**
 * The calendar API: deadlines for an agency's time limits, its non-working dates, and the
 * settings an administrator edits. Instants are ISO 8601 with the agency's offset.
 */

/** A date as YYYY-MM-DD that exists in the calendar: 2026-02-30 is refused here, not by the database. */
export const isoDateText = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'calendar.date')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'calendar.date');

export const nonWorkingKind = z.enum(['holiday', 'cuti_bersama', 'closure']);
export const nationalKind = z.enum(['holiday', 'cuti_bersama']);

export const calendarDate = z
  .object({
    date: z.string(),
    kind: nonWorkingKind,
    name: z.string(),
    source: z.string(),
    confirmed: z.boolean(),
    /** national: every agency's calendar has it; agency: this agency's own. */
    scope: z.enum(['national', 'agency']),
  })
  .meta({ id: 'CalendarDate' });
export type CalendarDate = z.infer<typeof calendarDate>;

export const holidayList = z
  .object({ agency: z.string().nullable(), year: z.number().int(), items: z.array(calendarDate) })
  .meta({ id: 'HolidayList' });
export type HolidayList = z.infer<typeof holidayList>;

export const yearQuery = z.object({ year: z.coerce.number().int().min(1970).max(2200) });

export const limitText = z.string().min(1).max(60);

const codeParam = z.string().min(1).max(80);

export const dueQuery = z.object({
  /** A local date-time of the agency ("2026-03-13T15:30"), or an instant with an offset. */
  from: z.string().min(10).max(40),
  /** "3 working days", "30-60 menit", "5 hari kerja", "30 hari kalender"… Required without `service`; with it, overrides the standard's limit. */
  limit: limitText.optional(),
  /** A service of the agency's standard in force at `from`: its channel's own limit, on the channel's own hours. */
  service: codeParam.optional(),
  /** The channel of `service` (required with it). */
  channel: codeParam.optional(),
  /** An escalation tier of the service: the tier's limit instead of the channel's. */
  tier: codeParam.optional(),
  /** A stage of the service's timeline: the stage's limit. */
  stage: codeParam.optional(),
  /** The timeline variant (selection method) of a stage limited per variant. */
  variant: codeParam.optional(),
  explain: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export const explainedDay = z.object({
  date: z.string(),
  weekday: z.string(),
  kind: z.enum(['working', 'closed', 'non_working']),
  name: z.string().nullable(),
  profile: z.string().nullable(),
  ordinal: z.number().int().nullable(),
  /** Local "HH:MM-HH:MM" stretches counted that day. */
  counted: z.array(z.string()),
  countedMinutes: z.number(),
});

export const dueResult = z
  .object({
    agency: z.string(),
    timeZone: z.string(),
    from: z.string(),
    /** Null when the standard states no limit: then there is no deadline (`notStated`). */
    limit: z.object({ unit: z.enum(['minutes', 'hours', 'working_days', 'calendar_days']), max: z.number(), min: z.number().nullable() }).nullable(),
    limitText: z.object({ id: z.string(), en: z.string() }).nullable(),
    receiptDate: z.string().nullable(),
    expected: z.string().nullable(),
    /** Null when the standard states no limit: "no deadline: not stated". */
    due: z.string().nullable(),
    notStated: z.boolean(),
    /** With `service`: which rule of the standard the limit comes from and whose hours it runs on. */
    basis: z
      .object({
        service: z.string(),
        channel: z.string(),
        rule: z.object({ kind: z.enum(['channel', 'tier', 'stage', 'component']), code: z.string(), name: z.string(), text: z.string().nullable() }),
        hours: z.enum(['channel', 'agency']),
        /** A tier worked by another agency or system that states no limit ("at LKPP, no limit stated"). */
        external: z.object({ agency: z.string().nullable(), system: z.string().nullable() }).nullable(),
        /** `limit` was given and overrides the standard's. */
        overridden: z.boolean(),
      })
      .nullable(),
    days: z.array(explainedDay).optional(),
  })
  .meta({ id: 'DueResult' });
export type DueResult = z.infer<typeof dueResult>;

export const calendarProfile = z.object({
  name: z.string().min(1).max(100),
  from: isoDateText,
  to: isoDateText,
  weeklyHours,
});

// No component id: with defaults, its input and output differ, and OpenAPI needs the two apart.
export const calendarSettingsInput = z.object({
  weeklyHours,
  profiles: z.array(calendarProfile).max(50).default([]),
  warningThreshold: z.number().gt(0).max(1).default(0.75),
});
export type CalendarSettingsInput = z.infer<typeof calendarSettingsInput>;

export const calendarSettingsView = z
  .object({
    agency: z.string(),
    timeZone: z.string(),
    weeklyHours: z.record(z.string(), z.array(z.string())).nullable(),
    /** Where the weekly hours come from: set here, from the agency's standard, or nowhere yet. */
    hoursSource: z.enum(['calendar', 'standard', 'none']),
    profiles: z.array(z.object({ name: z.string(), from: z.string(), to: z.string(), weeklyHours: z.record(z.string(), z.array(z.string())) })),
    warningThreshold: z.number(),
  })
  .meta({ id: 'CalendarSettings' });
export type CalendarSettingsView = z.infer<typeof calendarSettingsView>;

export const dateInput = z.object({
  date: isoDateText,
  kind: nonWorkingKind,
  name: z.string().trim().min(1).max(200),
  confirmed: z.boolean().default(true),
});

export const datePatch = z
  .object({
    kind: nonWorkingKind.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    confirmed: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'calendar.patch_empty');

export const icsImportInput = z.object({
  /** The .ics file's text. */
  ics: z.string().min(1).max(1_000_000),
  /** Imported dates are unconfirmed unless the administrator says they were checked. */
  confirmed: z.boolean().default(false),
  fileName: z.string().max(200).optional(),
});

export const icsImportResult = z
  .object({
    added: z.array(calendarDate),
    /** Dates already in the calendar, left as they were. */
    existing: z.array(z.string()),
    skippedEvents: z.array(z.object({ name: z.string(), reason: z.string() })),
  })
  .meta({ id: 'IcsImportResult' });
export type IcsImportResult = z.infer<typeof icsImportResult>;

/** Pre-fill a year's national dates from the `date-holidays` package (all unconfirmed). */
export const prefillInput = z.object({
  year: z.number().int().min(1970).max(2200),
  /** The year already has dates: add only the dates it lacks instead of refusing. */
  forceMissingOnly: z.boolean().default(false),
});

export const prefillResult = z
  .object({
    year: z.number().int(),
    source: z.string(),
    added: z.array(calendarDate),
    /** Dates the package has that were already in the calendar, left as they were. */
    existing: z.array(z.string()),
    /** What to check against the decree (cuti bersama missing, Islamic holidays a day off). */
    notes: z.array(z.object({ id: z.string(), en: z.string() })),
  })
  .meta({ id: 'PrefillResult' });
export type PrefillResult = z.infer<typeof prefillResult>;
