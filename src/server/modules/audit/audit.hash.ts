import { createHash, createHmac } from 'node:crypto';
import { deriveKey } from '../../lib/secrets.js';

/** The audit chain's key, derived from the deployment's secret key (kept outside the database, like it). */
export function deriveAuditKey(secretKey: Buffer): Buffer {
  return deriveKey(secretKey, 'sigap audit chain v1');
}

/** The hash that starts every chain. */
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so a value and its jsonb round trip hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What an entry's hash covers: every column but the hash itself. */
export interface HashedFields {
  chainId: string;
  seq: number;
  agencyId: string | null;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** What is hashed: every field named one by one (a row read back carries its own `hash`, which must not hash itself). */
function payloadOf(entry: HashedFields): string {
  return canonicalJson({
    chainId: entry.chainId,
    seq: entry.seq,
    agencyId: entry.agencyId,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    requestId: entry.requestId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    prevHash: entry.prevHash,
  });
}

/**
 * An entry's hash: HMAC-SHA256 under the deployment's audit key (`deriveAuditKey`),
 * which lives outside the database. Whoever can write to the database but does not hold the key cannot
 * recompute a chain after changing a row.
 */
export function hashEntry(entry: HashedFields, key: Buffer): string {
  return createHmac('sha256', key).update(payloadOf(entry), 'utf8').digest('hex');
}

/**
 * The plain SHA-256 that chains were hashed with before the key (anyone can recompute it). Only to tell
 * verification that an entry was hashed without the key, and for `sigap audit reseal`.
 */
export function unkeyedHashEntry(entry: HashedFields): string {
  return createHash('sha256').update(payloadOf(entry), 'utf8').digest('hex');
}

/** Dates become ISO strings and undefined disappears, as they would after a jsonb round trip. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
