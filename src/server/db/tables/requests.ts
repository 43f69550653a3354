import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { agencies } from './agencies.js';
import {
  checklistStates,
  clockStates,
  eventVisibilities,
  requestEventKinds,
  requestSources,
  requestStatuses,
} from '../../../shared/contracts/requests.js';
import { channelKinds, requesterTypes, requirementKinds, stepOutcomes } from '../../../shared/standard/schema.js';
import type { StoredLimit, StoredPause, StoredStageClock } from './clock.js';

/** The values of a check constraint, from the one list the contracts define. */
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A service request: one service of the agency's standard, pinned to the version in force when it
 * was received, moving through that version's workflow. The current state lives here beside its
 * events (`request_events`), written in the same transaction; `version` guards concurrent changes.
 */
export const requests = pgTable(
  'requests',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    /** `<AGENCY>-<YEAR>-<SEQ>`, e.g. KALSEL-PROV-2026-00042. */
    number: text('number').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** SHA-256 of the secret in the tracking link; the secret itself is shown once. */
    trackingSecretHash: text('tracking_secret_hash').notNull(),
    serviceCode: text('service_code').notNull(),
    standardVersion: integer('standard_version').notNull(),
    channel: text('channel').notNull(),
    channelKind: text('channel_kind', { enum: channelKinds }).notNull(),
    source: text('source', { enum: requestSources }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    requesterType: text('requester_type', { enum: requesterTypes }).notNull(),
    requesterName: text('requester_name').notNull(),
    requesterNik: text('requester_nik'),
    requesterPhone: text('requester_phone'),
    requesterEmail: text('requester_email'),
    /** The portal account that filed it or that it was linked to. */
    requesterUserId: uuid('requester_user_id'),
    organisationName: text('organisation_name'),
    /** Normalised 16 digits. */
    organisationNpwp: text('organisation_npwp'),
    organisationNib: text('organisation_nib'),
    /** The government unit (OPD) of a government requester. */
    governmentUnit: text('government_unit'),
    /** The date of the visit or event that lead-time rules count back from (agency's local date). */
    eventDate: date('event_date'),
    currentStep: text('current_step').notNull(),
    /** The role that acts in the current step (`requester` for the requester); null when final. */
    currentRole: text('current_role'),
    /** The agency whose officers work the current step: this one, or an escalation tier's. */
    handlingAgencyId: uuid('handling_agency_id').notNull(),
    /** Every agency that has handled it, so an escalation tier keeps seeing what it worked. */
    involvedAgencyIds: uuid('involved_agency_ids').array().notNull(),
    /**
     * Worked by another agency now (an escalation tier). Stored apart so the planner has
     * statistics for it: it cannot estimate "handling_agency_id <> agency_id" and would scan.
     */
    escalated: boolean('escalated')
      .notNull()
      .generatedAlwaysAs(sql`handling_agency_id <> agency_id`),
    tier: text('tier'),
    externalSystem: text('external_system'),
    externalReference: text('external_reference'),
    status: text('status', { enum: requestStatuses }).notNull(),
    /** The final step's outcome once closed. */
    outcome: text('outcome', { enum: stepOutcomes }),
    assigneeId: uuid('assignee_id'),
    version: integer('version').notNull().default(1),
    /** Compensation: the requester's earlier request breached its limit. */
    priority: boolean('priority').notNull().default(false),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When the clocks started: receipt, or arrival at the channel's `clockStartsAt` step. */
    clockStartedAt: timestamp('clock_started_at', { withTimezone: true }),
    responseLimit: jsonb('response_limit').$type<StoredLimit>(),
    resolutionLimit: jsonb('resolution_limit').$type<StoredLimit>(),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    /** The first officer's action: the response clock stops here. */
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** The product was delivered: the resolution clock stops here (reopened by "not solved"). */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    pauses: jsonb('pauses').$type<StoredPause[]>().notNull().default([]),
    /**
     * The timeline's stages as clocks of their own, each started and stopped by the workflow
     * steps the standard names (`requests.clock.ts`); the request's pauses apply to them too.
     */
    stageClocks: jsonb('stage_clocks').$type<StoredStageClock[]>().notNull().default([]),
    /** The timeline variant (selection method: tender, seleksi, tender cepat) the stage limits follow. */
    timelineVariant: text('timeline_variant'),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    /** The earliest open deadline, for sorting queues; null while paused or closed. */
    sortDueAt: timestamp('sort_due_at', { withTimezone: true }),
    clockState: text('clock_state', { enum: clockStates }).notNull().default('ok'),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    /** When the sweeper must look at it next (a warning, a deadline, an auto-close). */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    autoCloseAt: timestamp('auto_close_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    productText: text('product_text'),
    productAttachmentId: uuid('product_attachment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    uniqueIndex('requests_number_unique').on(t.agencyId, t.number),
    uniqueIndex('requests_seq_unique').on(t.agencyId, t.year, t.seq),
    // Queues of the agency's own officers: by the role that acts, by assignee, by clock state;
    // priority (compensation) first, then the nearest deadline.
    // (The handling agency is a column, not the predicate "handling = agency": the planner drops
    // that clause once both equal the same agency, and then cannot prove such a predicate.)
    index('requests_queue_role_idx')
      .on(t.agencyId, t.handlingAgencyId, t.currentRole, t.priority.desc(), t.sortDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    // Every open request of the agency in its own hands (the supervisor's view).
    index('requests_queue_all_idx')
      .on(t.agencyId, t.handlingAgencyId, t.priority.desc(), t.sortDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    index('requests_queue_assignee_idx')
      .on(t.agencyId, t.assigneeId, t.priority.desc(), t.sortDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    index('requests_queue_clock_idx')
      .on(t.agencyId, t.handlingAgencyId, t.clockState, t.priority.desc(), t.sortDueAt, t.id)
      .where(sql`${t.status} <> 'closed'`),
    // The one index not led by the owner: requests escalated to another agency on this deployment,
    // looked up by the agency now working them (few rows: only those currently escalated).
    index('requests_escalated_idx')
      .on(t.handlingAgencyId, t.priority.desc(), t.sortDueAt, t.id)
      .where(sql`${t.status} <> 'closed' and ${t.escalated}`),
    index('requests_received_idx').on(t.agencyId, t.receivedAt),
    index('requests_requester_user_idx').on(t.agencyId, t.requesterUserId),
    index('requests_requester_email_idx').on(t.agencyId, t.requesterEmail),
    // The sweeper's claim: only rows with something due, agency by agency.
    index('requests_next_check_idx').on(t.agencyId, t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
    check('requests_status_valid', sql`${t.status} in (${inList(requestStatuses)})`),
    check('requests_clock_state_valid', sql`${t.clockState} in (${inList(clockStates)})`),
    check('requests_source_valid', sql`${t.source} in (${inList(requestSources)})`),
    check('requests_contact', sql`${t.requesterEmail} is not null or ${t.requesterPhone} is not null or ${t.requesterUserId} is not null`),
  ],
);

/**
 * The timeline of a request: every intake, action, assignment, checklist mark, note, reply, clock
 * warning and breach. `public` events are what the requester sees; `internal` ones are notes.
 */
export const requestEvents = pgTable(
  'request_events',
  {
    agencyId: uuid('agency_id').notNull(),
    requestId: uuid('request_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    kind: text('kind', { enum: requestEventKinds }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    /** The agency the actor acted for (an escalation tier's officers act for their own agency). */
    actorAgencyId: uuid('actor_agency_id'),
    action: text('action'),
    fromStep: text('from_step'),
    toStep: text('to_step'),
    comment: text('comment'),
    visibility: text('visibility', { enum: eventVisibilities }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.requestId, t.seq] }),
    foreignKey({ columns: [t.agencyId, t.requestId], foreignColumns: [requests.agencyId, requests.id] }).onDelete('cascade'),
    check('request_events_visibility_valid', sql`${t.visibility} in (${inList(eventVisibilities)})`),
  ],
);

/** The request's copy of its service's requirements, each marked by whom and when. */
export const requestChecklistItems = pgTable(
  'request_checklist_items',
  {
    agencyId: uuid('agency_id').notNull(),
    requestId: uuid('request_id').notNull(),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    kind: text('kind', { enum: requirementKinds }).notNull(),
    required: boolean('required').notNull(),
    state: text('state', { enum: checklistStates }).notNull().default('pending'),
    /** A form field's value, or the note of the officer who marked it. */
    value: text('value'),
    note: text('note'),
    markedBy: text('marked_by'),
    markedAt: timestamp('marked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.requestId, t.code] }),
    foreignKey({ columns: [t.agencyId, t.requestId], foreignColumns: [requests.agencyId, requests.id] }).onDelete('cascade'),
    check('request_checklist_state_valid', sql`${t.state} in (${inList(checklistStates)})`),
  ],
);

/**
 * File contents, once per agency and SHA-256 of the plain content: a re-upload of the same file
 * points at the stored blob. `encrypted`: stored under AES-256-GCM (a confidential upload).
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    encrypted: boolean('encrypted').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.sha256, t.encrypted] })],
);

export const requestAttachments = pgTable(
  'request_attachments',
  {
    agencyId: uuid('agency_id').notNull(),
    requestId: uuid('request_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sha256: text('sha256').notNull(),
    encrypted: boolean('encrypted').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    confidential: boolean('confidential').notNull(),
    /** The checklist item it fulfils, if any. */
    requirementCode: text('requirement_code'),
    uploadedByType: text('uploaded_by_type').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.requestId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.requestId], foreignColumns: [requests.agencyId, requests.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.agencyId, t.sha256, t.encrypted], foreignColumns: [storedFiles.agencyId, storedFiles.sha256, storedFiles.encrypted] }),
  ],
);

/** Ready answers per service (or for every service when `service_code` is null). */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    serviceCode: text('service_code'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] }), index('canned_replies_service_idx').on(t.agencyId, t.serviceCode)],
);

/**
 * Compensation owed: a request that breached its limit gives its requester priority for the next
 * request (the maklumat's promise). One row per way of recognising the requester (e-mail, phone,
 * account); using the grant through any of them marks every row of that grant used.
 */
export const requestPriorityGrants = pgTable(
  'request_priority_grants',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    requesterKey: text('requester_key').notNull(),
    grantedForRequestId: uuid('granted_for_request_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    usedByRequestId: uuid('used_by_request_id'),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.requesterKey, t.grantedForRequestId] }),
    index('request_priority_grants_grant_idx').on(t.agencyId, t.grantedForRequestId),
  ],
);

/** Per-agency settings of the request engine. */
export const requestSettings = pgTable('request_settings', {
  agencyId: uuid('agency_id')
    .primaryKey()
    .references(() => agencies.id, { onDelete: 'cascade' }),
  /** Working days after resolution before an unconfirmed request closes by itself. */
  autoCloseWorkingDays: integer('auto_close_working_days').notNull().default(5),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
