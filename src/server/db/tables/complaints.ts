import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { complaintOutcomes, complaintStatuses, type ComplaintActorType } from '../../../shared/contracts/complaints.js';
import { agencies } from './agencies.js';
import type { StoredLimit, StoredPause } from './clock.js';

/** The values of a check constraint, from the one list the contracts define. */
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * One complaint (pengaduan). The complainant's identity is in `complaint_complainants`, so that
 * lists, exports and statistics never even read it. Clocks: the first response (the agency's
 * response limit), the resolution (its class's limit, or the service's or agency's resolution
 * limit) and the 60-day limit of Perpres 76/2013; each counted from receipt with the pauses of an
 * incomplete file (stored as the requests store theirs), and stored as due instants recounted
 * whenever a pause ends.
 */
export const complaints = pgTable(
  'complaints',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    /** `<AGENCY>-ADU-<YEAR>-<SEQ>`, e.g. KALTARA-PROV-ADU-2026-00001. */
    number: text('number').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** SHA-256 of the tracking secret given once to the complainant. */
    trackingSecretHash: text('tracking_secret_hash').notNull(),
    /** The standard version in force at receipt: the rules the complaint is judged by. */
    standardVersion: integer('standard_version'),
    /** A complaint channel code of the agency's standard, or `web` for Sigap's own form. */
    channel: text('channel').notNull(),
    channelKind: text('channel_kind').notNull(),
    serviceCode: text('service_code'),
    /** The request complained about. Requests arrive with their own module: no foreign key yet. */
    requestNumber: text('request_number'),
    requestId: uuid('request_id'),
    /** The SP4N-LAPOR! tracking ID of a report forwarded from LAPOR!. */
    laporTrackingId: text('lapor_tracking_id'),
    /** Identity hidden from officers outside the complaint team (without complaints.identity). */
    anonymous: boolean('anonymous').notNull().default(false),
    /** Never shown with its text in public statistics (rahasia). */
    confidential: boolean('confidential').notNull().default(false),
    subject: text('subject').notNull(),
    /** What did not meet the standard. */
    description: text('description').notNull(),
    /** The loss suffered (kerugian materiil dan immateriil). */
    loss: text('loss'),
    requestedResolution: text('requested_resolution'),
    /** Where the complaint was written or handed in (tempat penyampaian). */
    place: text('place'),
    /** The complainant signed (a letter) or declared the complaint true (a form). */
    signed: boolean('signed').notNull().default(false),
    /** Answers to required contents of the agency that have no field of their own, by their text. */
    otherContents: jsonb('other_contents').$type<Record<string, string>>().notNull().default({}),
    /** What the complainant added after an incomplete verdict. */
    additions: jsonb('additions').$type<{ at: string; text: string }[]>().notNull().default([]),
    /** When the agency received it: the start of every clock. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** The local date the complainant received the service. */
    serviceDate: date('service_date'),
    /** The last local date on which the complaint was in time (service date + filing window). */
    fileBy: date('file_by'),
    late: boolean('late').notNull().default(false),
    status: text('status', { enum: complaintStatuses }).notNull().default('received'),
    classCode: text('class_code'),
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    responseLimit: jsonb('response_limit').$type<StoredLimit>(),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    resolutionLimit: jsonb('resolution_limit').$type<StoredLimit>(),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    /** Perpres 76/2013: resolved within 60 days of a complete file. */
    hardDueAt: timestamp('hard_due_at', { withTimezone: true }).notNull(),
    /** The times the file waited for the complainant (incomplete): the resolution and 60-day clocks skip them. */
    pauses: jsonb('pauses').$type<StoredPause[]>().notNull().default([]),
    /** The start of the pause now open, if any. */
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    answer: text('answer'),
    outcome: text('outcome', { enum: complaintOutcomes }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Until when the complainant may reopen it. */
    reopenUntil: timestamp('reopen_until', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Where the current clocks start: null is the receipt; a reopening starts them again. */
    clocksFrom: timestamp('clocks_from', { withTimezone: true }),
    /**
     * When an answered complaint closes by itself if the complainant does not reply, by the
     * agency's `complaints.closeAfterNoReply`; null when the standard states none.
     */
    autoCloseAt: timestamp('auto_close_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    uniqueIndex('complaints_number_unique').on(t.agencyId, t.number),
    uniqueIndex('complaints_seq_unique').on(t.agencyId, t.year, t.seq),
    uniqueIndex('complaints_lapor_unique').on(t.agencyId, t.laporTrackingId).where(sql`${t.laporTrackingId} is not null`),
    index('complaints_status_idx').on(t.agencyId, t.status, t.receivedAt),
    index('complaints_received_idx').on(t.agencyId, t.receivedAt),
    index('complaints_request_idx').on(t.agencyId, t.requestId),
    index('complaints_auto_close_idx').on(t.agencyId, t.autoCloseAt).where(sql`${t.autoCloseAt} is not null`),
    check('complaints_status_valid', sql`${t.status} in (${inList(complaintStatuses)})`),
    check('complaints_outcome_valid', sql`${t.outcome} is null or ${t.outcome} in (${inList(complaintOutcomes)})`),
    check('complaints_seq_positive', sql`${t.seq} > 0`),
  ],
);

/** Who complained. Read only by the complaint page, and then only when the reader may see it. */
export const complaintComplainants = pgTable(
  'complaint_complainants',
  {
    agencyId: uuid('agency_id').notNull(),
    complaintId: uuid('complaint_id').notNull(),
    name: text('name'),
    address: text('address'),
    email: text('email'),
    phone: text('phone'),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.complaintId] }),
    foreignKey({ columns: [t.agencyId, t.complaintId], foreignColumns: [complaints.agencyId, complaints.id] }).onDelete('cascade'),
  ],
);

/**
 * The complaint's timeline: every step, who took it (never the complainant's name) and what it
 * said. `visibleToComplainant` events make the public tracking page.
 */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    agencyId: uuid('agency_id').notNull(),
    complaintId: uuid('complaint_id').notNull(),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorType: text('actor_type').$type<ComplaintActorType>().notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    visibleToComplainant: boolean('visible_to_complainant').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.complaintId, t.seq] }),
    foreignKey({ columns: [t.agencyId, t.complaintId], foreignColumns: [complaints.agencyId, complaints.id] }).onDelete('cascade'),
  ],
);

/** Where the last SP4N-LAPOR! pull of an agency stopped, so the next one asks only for newer reports. */
export const complaintLaporSync = pgTable('complaint_lapor_sync', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  cursor: text('cursor'),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }).notNull(),
});
