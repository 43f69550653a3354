import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  accountStatuses,
  aggregationStates,
  documentKinds,
  historyFields,
  legalForms,
  personRoles,
  vendorEffects,
  vendorRequestStates,
  type ChangeInput,
} from '../../../shared/contracts/vendors.js';
import { agencies } from './agencies.js';
import { users } from './identity.js';

const stamp = (name: string) => timestamp(name, { withTimezone: true });
/** The values of a check constraint, from the one list the contracts define. */
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * A vendor (penyedia): a business or a person offering goods and services to government. Shared
 * by every agency of the deployment, as people (`users`) are: one NPWP or NIB is one vendor
 * wherever it registered, so its rows are not led by an agency. What belongs to one agency (the
 * SPSE account, the requests, the receipts) lives in the agency-owned tables below.
 */
export const vendors = pgTable(
  'vendors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The proper name, without its legal form ("Maju Jaya Abadi", legal form `pt`). */
    name: text('name').notNull(),
    legalForm: text('legal_form', { enum: legalForms }).notNull(),
    /** The NPWP as written, digits only: 15 (old form) or 16. */
    npwp: text('npwp').notNull(),
    /**
     * The NPWP normalised to 16 digits (`0` + the old 15, or the new form), so the old and new
     * forms of one NPWP are one vendor, and moving from 15 to 16 digits keeps the key.
     */
    npwpKey: text('npwp_key').notNull(),
    nib: text('nib'),
    address: text('address').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    /** Raised by every change of the vendor's own fields; a stale one is refused. */
    version: integer('version').notNull().default(1),
    /** The last history entry's number (`vendor_history.seq`). */
    historySeq: integer('history_seq').notNull().default(0),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vendors_npwp_key_unique').on(t.npwpKey),
    uniqueIndex('vendors_nib_unique').on(t.nib),
    // Search by name: the words of the name as full text; typos are corrected against the
    // vocabulary of name words first (vendor_name_words), so the index looks up real words.
    index('vendors_name_tsv_idx').using('gin', sql`to_tsvector('simple', ${t.name})`),
    index('vendors_email_idx').on(t.email),
    // The registry listed by name, a page at a time (keyset on name, id).
    index('vendors_name_idx').on(t.name, t.id),
    check('vendors_legal_form', sql`${t.legalForm} in (${inList(legalForms)})`),
    check('vendors_npwp_digits', sql`${t.npwp} ~ '^[0-9]{15,16}$' and ${t.npwpKey} ~ '^[0-9]{16}$'`),
    check('vendors_nib_digits', sql`${t.nib} ~ '^[0-9]{13}$'`),
    check('vendors_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * Every word that occurs in a vendor's name, lower-cased: the vocabulary a misspelt search word is
 * matched against by trigram similarity (pg_trgm). A trigram index over the names themselves reads
 * the long lists of common words ("jaya", "karya", "mandiri") on every search; over this small
 * table it does not. Words are added with the names that bring them and never removed: a word no
 * name holds any more only finds nothing.
 */
export const vendorNameWords = pgTable(
  'vendor_name_words',
  {
    word: text('word').primaryKey(),
  },
  (t) => [index('vendor_name_words_trgm_idx').using('gin', t.word.op('gin_trgm_ops'))],
);

/** Who acts for a vendor (direktur, pemilik, kuasa), with NIK; `user_id` when they sign in to Sigap. */
export const vendorPersons = pgTable(
  'vendor_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    role: text('role', { enum: personRoles }).notNull(),
    name: text('name').notNull(),
    nik: text('nik').notNull(),
    position: text('position'),
    email: text('email'),
    phone: text('phone'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
    removedAt: stamp('removed_at'),
  },
  (t) => [
    index('vendor_persons_vendor_idx').on(t.vendorId),
    // A person's companies, when they sign in.
    index('vendor_persons_user_idx').on(t.userId),
    uniqueIndex('vendor_persons_nik_unique').on(t.vendorId, t.nik).where(sql`${t.removedAt} is null`),
    check('vendor_persons_role', sql`${t.role} in (${inList(personRoles)})`),
  ],
);

/**
 * A document of the vendor's file (deeds, NIB, NPWP, KTP, licences), uploaded once and reused by
 * every request that asks for it. The content lives in the file store, encrypted (identity
 * documents); the verification mark says whether the original was shown, who checked and when.
 */
export const vendorDocuments = pgTable(
  'vendor_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: documentKinds }).notNull(),
    title: text('title'),
    number: text('number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    personId: uuid('person_id').references(() => vendorPersons.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedAt: stamp('uploaded_at').notNull(),
    uploadedByLabel: text('uploaded_by_label'),
    supersededAt: stamp('superseded_at'),
    supersededBy: uuid('superseded_by'),
    verifiedAt: stamp('verified_at'),
    verifiedById: uuid('verified_by_id'),
    verifiedByLabel: text('verified_by_label'),
    verifiedAgencyId: uuid('verified_agency_id').references(() => agencies.id),
    originalShown: boolean('original_shown'),
    verificationNote: text('verification_note'),
  },
  (t) => [
    index('vendor_documents_vendor_idx').on(t.vendorId),
    check('vendor_documents_kind', sql`${t.kind} in (${inList(documentKinds)})`),
  ],
);

/**
 * A vendor's SPSE user account at one agency's LPSE: its user ID, the e-mail of record, its
 * status, and who activated or deactivated it by which request.
 */
export const vendorAccounts = pgTable(
  'vendor_accounts',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    /** The SPSE user ID as written; `user_login_key` lower-cased for uniqueness and search. */
    userLogin: text('user_login').notNull(),
    userLoginKey: text('user_login_key').notNull(),
    email: text('email').notNull(),
    status: text('status', { enum: accountStatuses }).notNull(),
    registeredAt: stamp('registered_at').notNull(),
    activatedAt: stamp('activated_at'),
    activatedByLabel: text('activated_by_label'),
    activatedRequestId: uuid('activated_request_id'),
    activatedRequestNumber: text('activated_request_number'),
    deactivatedAt: stamp('deactivated_at'),
    deactivatedByLabel: text('deactivated_by_label'),
    deactivatedRequestId: uuid('deactivated_request_id'),
    deactivatedRequestNumber: text('deactivated_request_number'),
    deactivationReason: text('deactivation_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    uniqueIndex('vendor_accounts_vendor_unique').on(t.agencyId, t.vendorId),
    uniqueIndex('vendor_accounts_login_unique').on(t.agencyId, t.userLoginKey),
    index('vendor_accounts_email_idx').on(t.agencyId, t.email),
    // Not led by agency_id, by design: an e-mail held by another vendor's account is refused
    // deployment-wide, and a vendor's people see its accounts at every agency.
    index('vendor_accounts_email_any_idx').on(t.email),
    index('vendor_accounts_vendor_idx').on(t.vendorId),
    check('vendor_accounts_status', sql`${t.status} in (${inList(accountStatuses)})`),
    check('vendor_accounts_email_lower', sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * The versioned history of a vendor: every change, who, when, old → new, and the request that did
 * it. `agency_id` is where it was done (null: the vendor's own change); account entries belong to
 * that agency alone.
 */
export const vendorHistory = pgTable(
  'vendor_history',
  {
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    occurredAt: stamp('occurred_at').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    accountId: uuid('account_id'),
    field: text('field', { enum: historyFields }).notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    requestId: uuid('request_id'),
    requestNumber: text('request_number'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
  },
  (t) => [primaryKey({ columns: [t.vendorId, t.seq] }), check('vendor_history_field', sql`${t.field} in (${inList(historyFields)})`)],
);

/**
 * An account service of a vendor at an agency as the vendor module follows it: prepared online
 * (walk-in services are filed at the counter), filed as a request, applied by the request's
 * effect. It is also the link from a request to its vendor and what the service changes.
 */
export const vendorRequests = pgTable(
  'vendor_requests',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    serviceCode: text('service_code').notNull(),
    serviceName: text('service_name').notNull(),
    effect: text('effect', { enum: vendorEffects }),
    state: text('state', { enum: vendorRequestStates }).notNull(),
    /** Said at the counter: six characters, unique in the agency. */
    reference: text('reference').notNull(),
    change: jsonb('change').$type<ChangeInput>().notNull(),
    documents: jsonb('documents').$type<{ requirementCode: string; documentId: string }[]>().notNull(),
    /** The person who asked (their Sigap account), to be the requester of the filed request. */
    requesterUserId: uuid('requester_user_id'),
    requestId: uuid('request_id'),
    requestNumber: text('request_number'),
    preparedByLabel: text('prepared_by_label'),
    onBehalf: boolean('on_behalf').notNull(),
    createdAt: stamp('created_at').notNull(),
    filedAt: stamp('filed_at'),
    appliedAt: stamp('applied_at'),
    result: jsonb('result').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    uniqueIndex('vendor_requests_request_unique').on(t.agencyId, t.requestId),
    uniqueIndex('vendor_requests_reference_unique').on(t.agencyId, t.reference),
    index('vendor_requests_state_idx').on(t.agencyId, t.state, t.createdAt),
    index('vendor_requests_vendor_idx').on(t.vendorId),
    check('vendor_requests_state', sql`${t.state} in (${inList(vendorRequestStates)})`),
  ],
);

/** A change of an account's e-mail waiting for the single-use link sent to the new address. */
export const vendorEmailChanges = pgTable(
  'vendor_email_changes',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id'),
    requestNumber: text('request_number'),
    oldEmail: text('old_email').notNull(),
    newEmail: text('new_email').notNull(),
    /** SHA-256 of the link's token; the token itself is only in the e-mail. */
    tokenHash: text('token_hash').notNull(),
    requestedAt: stamp('requested_at').notNull(),
    expiresAt: stamp('expires_at').notNull(),
    confirmedAt: stamp('confirmed_at'),
    /** A newer link for the same account, or the account's e-mail changed otherwise. */
    supersededAt: stamp('superseded_at'),
    requestedByLabel: text('requested_by_label'),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.accountId], foreignColumns: [vendorAccounts.agencyId, vendorAccounts.id] }).onDelete('cascade'),
    // The link carries no agency: the token finds its row.
    uniqueIndex('vendor_email_changes_token_unique').on(t.tokenHash),
    index('vendor_email_changes_account_idx').on(t.agencyId, t.accountId),
  ],
);

/** Agregasi Data Penyedia: handed to LKPP by the agency's verifier with its reference, then LKPP's answer. */
export const vendorAggregations = pgTable(
  'vendor_aggregations',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').notNull(),
    requestId: uuid('request_id'),
    requestNumber: text('request_number'),
    state: text('state', { enum: aggregationStates }).notNull(),
    submittedAt: stamp('submitted_at').notNull(),
    submittedByLabel: text('submitted_by_label'),
    lkppReference: text('lkpp_reference'),
    resultAt: stamp('result_at'),
    resultByLabel: text('result_by_label'),
    resultReference: text('result_reference'),
    resultNote: text('result_note'),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    foreignKey({ columns: [t.agencyId, t.accountId], foreignColumns: [vendorAccounts.agencyId, vendorAccounts.id] }).onDelete('cascade'),
    index('vendor_aggregations_vendor_idx').on(t.agencyId, t.vendorId),
    check('vendor_aggregations_state', sql`${t.state} in (${inList(aggregationStates)})`),
  ],
);

/**
 * The receipt of an activation: a snapshot of what was verified, against which originals, by
 * whom, taken in the action's transaction. The PDF is rendered from it whenever it is asked for,
 * so it always says what was true at activation.
 */
export const vendorReceipts = pgTable(
  'vendor_receipts',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull().defaultRandom(),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').notNull(),
    requestId: uuid('request_id').notNull(),
    requestNumber: text('request_number').notNull(),
    kind: text('kind', { enum: ['activation'] }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    index('vendor_receipts_vendor_idx').on(t.agencyId, t.vendorId),
    check('vendor_receipts_kind', sql`${t.kind} in ('activation')`),
  ],
);
