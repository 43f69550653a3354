import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { requesterTypes } from '../../../shared/standard/schema.js';
import { agencies } from './agencies.js';

const stamp = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A person, global to the deployment: one account may hold roles in several agencies (staff)
 * or none (vendors, OPD/PPK officers, members of the public). E-mail is stored lower-cased.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    emailVerifiedAt: stamp('email_verified_at'),
    // Null until an invited officer sets a password.
    passwordHash: text('password_hash'),
    name: text('name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    // What an external user says they are when registering (vendor, government unit, public):
    // the standards name which services each kind may ask for. Null for staff and for anyone
    // who did not say.
    requesterType: text('requester_type', { enum: requesterTypes }),
    disabledAt: stamp('disabled_at'),
    // Progressive lockout on sign-in; reset by a successful sign-in.
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: stamp('locked_until'),
    passwordChangedAt: stamp('password_changed_at'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_requester_type', sql`${t.requesterType} in ('vendor', 'government', 'public')`),
  ],
);

/**
 * The roles an agency defines (from its standard's agency.yaml `roles:`), each a set of
 * permission codes from `src/shared/permissions.ts`. The standards import fills it.
 */
export const agencyRoles = pgTable(
  'agency_roles',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.code] })],
);

/** A person holding a role in an agency. */
export const memberships = pgTable(
  'memberships',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleCode: text('role_code').notNull(),
    grantedBy: uuid('granted_by').references(() => users.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.userId, t.roleCode] }),
    // Resolving an actor's roles on each request starts from the user; the one index not led by
    // agency_id, because a person's memberships span agencies.
    index('memberships_user_idx').on(t.userId),
  ],
);

/**
 * A role an agency offers to a person who already has an account (an officer of another agency, a
 * registered requester). It grants nothing until the person accepts it after signing in: an
 * administrator cannot make someone a member of their agency, and so gain staff powers over their
 * account, without being asked. Accepting moves the offers to `memberships`; declining deletes them.
 */
export const membershipOffers = pgTable(
  'membership_offers',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    roleCode: text('role_code').notNull(),
    offeredBy: uuid('offered_by').references(() => users.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId, t.roleCode] }), index('membership_offers_user_idx').on(t.userId)],
);

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a
 * leaked table does not leak sessions. `id` is the public handle shown in the sessions list.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
    lastSeenAt: stamp('last_seen_at').notNull().defaultNow(),
    expiresAt: stamp('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    // False while the second factor (TOTP or enrolment) is still owed: such a session can do
    // nothing but finish it.
    totpVerified: boolean('totp_verified').notNull().default(false),
    // Synchronizer token for cookie-authenticated writes; not a secret from its own browser.
    csrfToken: text('csrf_token').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** A user's TOTP authenticator. The secret is AES-256-GCM encrypted; it is never logged. */
export const totpCredentials = pgTable('totp_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  secretEncrypted: text('secret_encrypted').notNull(),
  // Null while enrolment awaits its first code.
  confirmedAt: stamp('confirmed_at'),
  // The last accepted RFC 6238 time step: a code of the same or an earlier step is a replay.
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: stamp('locked_until'),
  createdAt: stamp('created_at').notNull().defaultNow(),
});

/** One-time recovery codes for a lost authenticator, stored as SHA-256 of a high-entropy code. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: stamp('used_at'),
    createdAt: stamp('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

export const tokenPurposes = ['email_verification', 'password_reset', 'invitation'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

/** E-mailed single-use tokens; only their SHA-256 is stored. */
export const userTokens = pgTable(
  'user_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose', { enum: tokenPurposes }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // The inviting agency, for invitations.
    agencyId: uuid('agency_id').references(() => agencies.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
    expiresAt: stamp('expires_at').notNull(),
    usedAt: stamp('used_at'),
  },
  (t) => [
    index('user_tokens_user_idx').on(t.userId, t.purpose),
    check('user_tokens_purpose_valid', sql`${t.purpose} in ('email_verification', 'password_reset', 'invitation')`),
  ],
);

/** Bearer tokens for integrations, scoped to one agency and a set of permissions. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // The first characters of the token, so an administrator can recognise it in the list.
    prefix: text('prefix').notNull(),
    permissions: text('permissions').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: stamp('created_at').notNull().defaultNow(),
    expiresAt: stamp('expires_at'),
    lastUsedAt: stamp('last_used_at'),
    revokedAt: stamp('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.id] }),
    // A presented token is looked up by its hash before its agency is known.
    uniqueIndex('api_tokens_token_hash_unique').on(t.tokenHash),
  ],
);
