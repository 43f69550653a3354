import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';

/** The chain of events that concern no single agency (sign-ins, self-registration…). */
export const globalAuditChain = '00000000-0000-0000-0000-000000000000';

/**
 * The append-only audit trail. Each agency has its own hash chain (`chain_id` = the agency's id,
 * or the nil UUID for global events); `hash` covers the entry and the previous entry's hash, so
 * altering, inserting or removing a row breaks the chain from there on. A trigger in the
 * migrations refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    chainId: uuid('chain_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorType: text('actor_type', { enum: ['user', 'api_token', 'system', 'anonymous'] }).notNull(),
    actorId: uuid('actor_id'),
    // Who it was at the time (e-mail, token name), kept even if the account changes later.
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chainId, t.seq] }),
    index('audit_events_chain_time_idx').on(t.chainId, t.occurredAt),
    index('audit_events_chain_action_idx').on(t.chainId, t.action),
    index('audit_events_chain_actor_idx').on(t.chainId, t.actorId),
    index('audit_events_chain_target_idx').on(t.chainId, t.targetType, t.targetId),
    check('audit_events_chain_matches_agency', sql`${t.chainId} = coalesce(${t.agencyId}, '${sql.raw(globalAuditChain)}'::uuid)`),
    check('audit_events_seq_positive', sql`${t.seq} > 0`),
  ],
);

/**
 * The head of each chain: appends lock this row (SELECT … FOR UPDATE), so concurrent
 * transactions of one agency append one after another while agencies proceed in parallel.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  chainId: uuid('chain_id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});
