import { createHash } from 'node:crypto';

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

export function hashEntry(entry: HashedFields): string {
  // Named one by one: a row read back carries its own `hash`, which must not hash itself.
  const payload = canonicalJson({
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
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/** Dates become ISO strings and undefined disappears, as they would after a jsonb round trip. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
