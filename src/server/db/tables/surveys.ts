import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';

/**
 * One upload of paper surveys (a CSV or XLSX typed from the forms), so its rows can be traced
 * back to the file they came from.
 */
export const surveyImportBatches = pgTable(
  'survey_import_batches',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    /** The user or API token that imported it, as the audit trail names actors. */
    importedBy: text('imported_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.id] })],
);

const answer = (name: string) => smallint(name).notNull();

/**
 * One respondent's answers to the SKM (PermenPANRB 14/2017): U1..U9 each 1–4, the profile, a
 * suggestion. Anonymous by design: no name, no contact. A response after a request (online)
 * carries that request's id, and there is at most one per request.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    serviceCode: text('service_code').notNull(),
    /** The channel code of the standard (walk-in, website, …); null when unknown (kiosk, paper). */
    channel: text('channel'),
    /** The request surveyed; requests arrive with their own issue, so no foreign key yet. */
    requestId: uuid('request_id'),
    mode: text('mode', { enum: ['online', 'kiosk', 'paper'] }).notNull(),
    u1: answer('u1'),
    u2: answer('u2'),
    u3: answer('u3'),
    u4: answer('u4'),
    u5: answer('u5'),
    u6: answer('u6'),
    u7: answer('u7'),
    u8: answer('u8'),
    u9: answer('u9'),
    sex: text('sex'),
    ageBand: text('age_band'),
    education: text('education'),
    occupation: text('occupation'),
    suggestion: text('suggestion'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    importBatchId: uuid('import_batch_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.importBatchId], foreignColumns: [surveyImportBatches.agencyId, surveyImportBatches.id] }).onDelete('cascade'),
    // One response per request; kiosk and paper responses have none.
    uniqueIndex('survey_responses_request_unique').on(t.agencyId, t.requestId).where(sql`${t.requestId} is not null`),
    // Results per period, per service and period, per channel and period.
    index('survey_responses_period_idx').on(t.agencyId, t.submittedAt),
    index('survey_responses_service_period_idx').on(t.agencyId, t.serviceCode, t.submittedAt),
    index('survey_responses_batch_idx').on(t.agencyId, t.importBatchId),
    check('survey_responses_mode_valid', sql`${t.mode} in ('online', 'kiosk', 'paper')`),
    check(
      'survey_responses_answers_range',
      sql`${t.u1} between 1 and 4 and ${t.u2} between 1 and 4 and ${t.u3} between 1 and 4 and ${t.u4} between 1 and 4 and ${t.u5} between 1 and 4 and ${t.u6} between 1 and 4 and ${t.u7} between 1 and 4 and ${t.u8} between 1 and 4 and ${t.u9} between 1 and 4`,
    ),
    check('survey_responses_sex_valid', sql`${t.sex} is null or ${t.sex} in ('male', 'female')`),
    check('survey_responses_age_band_valid', sql`${t.ageBand} is null or ${t.ageBand} in ('under_20', '20_29', '30_39', '40_49', '50_59', '60_plus')`),
    check('survey_responses_education_valid', sql`${t.education} is null or ${t.education} in ('sd', 'smp', 'sma', 'diploma', 's1', 's2', 's3')`),
    check(
      'survey_responses_occupation_valid',
      sql`${t.occupation} is null or ${t.occupation} in ('pns', 'tni', 'polri', 'swasta', 'wirausaha', 'penyedia', 'lainnya')`,
    ),
    check('survey_responses_paper_batch', sql`(${t.mode} = 'paper') = (${t.importBatchId} is not null)`),
    check('survey_responses_online_request', sql`${t.mode} <> 'kiosk' or ${t.requestId} is null`),
  ],
);
