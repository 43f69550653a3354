import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, deriveAuditKey, genesisHash, hashEntry, unkeyedHashEntry } from './audit.hash.js';

const key = deriveAuditKey(Buffer.alloc(32, 7));

const entry = {
  chainId: '00000000-0000-0000-0000-000000000000',
  seq: 1,
  agencyId: null,
  occurredAt: new Date('2026-01-05T01:02:03.004Z'),
  actorType: 'user',
  actorId: null,
  actorLabel: 'a@b.id',
  action: 'auth.sign_in',
  targetType: null,
  targetId: null,
  ip: '127.0.0.1',
  requestId: 'r1',
  before: null,
  after: { b: 1, a: [2, { d: 3, c: 4 }] },
  prevHash: genesisHash,
};

describe('audit hashing', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same hash whatever the key order of before/after', () => {
    expect(hashEntry(entry, key)).toBe(hashEntry({ ...entry, after: { a: [2, { c: 4, d: 3 }], b: 1 } }, key));
  });

  it('ignores fields outside the entry, such as the stored hash of a row read back', () => {
    expect(hashEntry({ ...entry, hash: 'x' } as typeof entry, key)).toBe(hashEntry(entry, key));
  });

  it.each([
    ['action', { action: 'auth.sign_out' }],
    ['after', { after: { b: 2, a: [2, { d: 3, c: 4 }] } }],
    ['previous hash', { prevHash: 'f'.repeat(64) }],
    ['time', { occurredAt: new Date('2026-01-05T01:02:03.005Z') }],
  ])('changes when the %s changes', (_, change) => {
    expect(hashEntry({ ...entry, ...change }, key)).not.toBe(hashEntry(entry, key));
  });

  it('depends on the key: another key, or none, gives another hash', () => {
    expect(hashEntry(entry, deriveAuditKey(Buffer.alloc(32, 8)))).not.toBe(hashEntry(entry, key));
    expect(unkeyedHashEntry(entry)).not.toBe(hashEntry(entry, key));
    // The unkeyed scheme is the plain SHA-256 of the canonical entry that chains were written with before the key.
    expect(unkeyedHashEntry(entry)).toMatch(/^[0-9a-f]{64}$/);
    expect(unkeyedHashEntry(entry)).toBe(createHash('sha256').update(canonicalJson({ ...entry, occurredAt: entry.occurredAt.toISOString() }), 'utf8').digest('hex'));
  });
});
