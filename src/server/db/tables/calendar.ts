import { sql } from 'drizzle-orm';
import { boolean, check, date, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';

/** Weekly hours as stored: the format of shared/contracts/hours.ts. */
export type StoredWeeklyHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
export interface StoredCalendarProfile {
  name: string;
  from: string;
  to: string;
  weeklyHours: StoredWeeklyHours;
}

/**
 * An agency's calendar settings. Weekly hours null: not set here (they come from the agency's
 * standard once it is imported, else the calendar cannot count). The time zone is the agency's.
 */
export const calendarSettings = pgTable(
  'calendar_settings',
  {
    agencyId: uuid('agency_id')
      .primaryKey()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    weeklyHours: jsonb('weekly_hours').$type<StoredWeeklyHours>(),
    profiles: jsonb('profiles').$type<StoredCalendarProfile[]>().notNull().default([]),
    warningThreshold: real('warning_threshold').notNull().default(0.75),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_settings_threshold_range', sql`${t.warningThreshold} > 0 and ${t.warningThreshold} <= 1`)],
);

/**
 * National holidays and cuti bersama: every agency's calendar has them. Fixed yearly by the
 * joint decree of three ministers; shipped for the first years, then kept by an administrator.
 * `confirmed` is false for dates not yet checked against the decree (pre-filled, imported).
 */
export const nationalNonWorkingDates = pgTable(
  'national_non_working_dates',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    kind: text('kind', { enum: ['holiday', 'cuti_bersama'] }).notNull(),
    name: text('name').notNull(),
    source: text('source').notNull(),
    confirmed: boolean('confirmed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('national_non_working_dates_kind', sql`${t.kind} in ('holiday', 'cuti_bersama')`)],
);

/**
 * An agency's own non-working dates: closures, regional holidays. Listing a year is a range
 * scan of the primary key (agency_id, date).
 */
export const agencyNonWorkingDates = pgTable(
  'agency_non_working_dates',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['holiday', 'cuti_bersama', 'closure'] }).notNull(),
    name: text('name').notNull(),
    source: text('source').notNull(),
    confirmed: boolean('confirmed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.date] }),
    check('agency_non_working_dates_kind', sql`${t.kind} in ('holiday', 'cuti_bersama', 'closure')`),
  ],
);
