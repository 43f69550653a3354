import type { Db, Executor } from '../../db/client.js';
import { safeEqual, signToken } from '../../lib/secrets.js';
import { globalAuditChain } from '../../db/tables/index.js';
import { genesisHash, hashEntry, toJsonValue, unkeyedHashEntry } from './audit.hash.js';
import type { AuditEventRow, AuditFilter, AuditRepo } from './audit.repo.js';

/** Who did it, as the audit trail keeps it. */
export interface AuditActor {
  type: 'user' | 'api_token' | 'system' | 'anonymous';
  id: string | null;
  /** E-mail of a user, name of an API token, command of the system. */
  label: string | null;
}

export const systemActor = (label: string): AuditActor => ({ type: 'system', id: null, label });

export interface RecordAuditOptions {
  /** The transaction of the change itself: the entry commits or rolls back with it. */
  tx: Executor;
  /** The agency whose chain gets the entry; null for events of no single agency. */
  agencyId: string | null;
  actor: AuditActor;
  /** Dotted verb, e.g. `users.role_granted`, `auth.sign_in_failed`. */
  action: string;
  target?: { type: string; id: string } | null | undefined;
  before?: unknown;
  after?: unknown;
  ip?: string | null | undefined;
  requestId?: string | null | undefined;
}

export interface ChainVerdict {
  chainId: string;
  agencyId: string | null;
  checked: number;
  ok: boolean;
  /** The first entry that does not hold, and why. */
  broken?: { seq: number; reason: 'hash_mismatch' | 'unkeyed' | 'prev_hash_mismatch' | 'seq_gap' | 'missing_tail' | 'head_mismatch' | 'checkpoint_missing' | 'checkpoint_forged' };
}

const pageSize = 1000;

/** A chain's head as `sigap audit checkpoint` exports it, signed with the audit key, to be kept outside the database. */
export interface AuditCheckpoint {
  chainId: string;
  seq: number;
  hash: string;
  signature: string;
}

export function createAuditService(deps: {
  repo: AuditRepo;
  db: Db;
  /** The chain key, kept outside the database: `deriveAuditKey(secretKey)` (services.ts). */
  chainKey: Buffer;
  clock?: () => Date;
}) {
  const now = deps.clock ?? (() => new Date());

  async function record(options: RecordAuditOptions): Promise<{ seq: number; hash: string }> {
    const chainId = options.agencyId ?? globalAuditChain;
    const head = await deps.repo.lockChainHead(chainId, options.tx);
    // Milliseconds only: what a timestamptz gives back to JavaScript must hash the same.
    const occurredAt = new Date(now().getTime());
    const fields = {
      chainId,
      seq: head.lastSeq + 1,
      agencyId: options.agencyId,
      occurredAt,
      actorType: options.actor.type,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      action: options.action,
      targetType: options.target?.type ?? null,
      targetId: options.target?.id ?? null,
      ip: options.ip ?? null,
      requestId: options.requestId ?? null,
      before: toJsonValue(options.before),
      after: toJsonValue(options.after),
      prevHash: head.lastHash,
    };
    const hash = hashEntry(fields, deps.chainKey);
    await deps.repo.append({ ...fields, hash }, options.tx);
    return { seq: fields.seq, hash };
  }

  type Reason = NonNullable<ChainVerdict['broken']>['reason'];

  /** Walks one chain from its first entry (seq, links, each hash by `judge`, then the head) and names the first entry that does not hold. */
  async function walkChain(chainId: string, judge: (row: AuditEventRow) => Reason | undefined, tx: Executor = deps.db): Promise<ChainVerdict> {
    const head = await deps.repo.findHead(chainId, tx);
    let prevHash = genesisHash;
    let expectedSeq = 1;
    let checked = 0;
    let agencyId: string | null = chainId === globalAuditChain ? null : chainId;
    for (;;) {
      const rows = await deps.repo.readChain(chainId, expectedSeq - 1, pageSize, tx);
      for (const row of rows) {
        agencyId = row.agencyId;
        const fail = (reason: Reason, seq = row.seq): ChainVerdict => ({ chainId, agencyId, checked, ok: false, broken: { seq, reason } });
        if (row.seq !== expectedSeq) return fail('seq_gap', expectedSeq);
        if (row.prevHash !== prevHash) return fail('prev_hash_mismatch');
        const wrong = judge(row);
        if (wrong) return fail(wrong);
        prevHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      if (rows.length < pageSize) break;
    }
    const lastSeq = expectedSeq - 1;
    // Entries removed from the end leave the head pointing past the last row.
    if (head && head.lastSeq > lastSeq) return { chainId, agencyId, checked, ok: false, broken: { seq: lastSeq + 1, reason: 'missing_tail' } };
    if (head && head.lastSeq === lastSeq && lastSeq > 0 && head.lastHash !== prevHash) {
      return { chainId, agencyId, checked, ok: false, broken: { seq: lastSeq, reason: 'head_mismatch' } };
    }
    return { chainId, agencyId, checked, ok: true };
  }

  const keyed = (row: AuditEventRow) => hashEntry(row, deps.chainKey) === row.hash;

  /** Every entry must carry its keyed hash. */
  function verifyChain(chainId: string): Promise<ChainVerdict> {
    // Without the key, a changed entry can only be rehashed with plain SHA-256 (or a wrong key): both fail here.
    return walkChain(chainId, (row) => (keyed(row) ? undefined : unkeyedHashEntry(row) === row.hash ? 'unkeyed' : 'hash_mismatch'));
  }

  /**
   * `sigap audit reseal`, once after upgrading: a chain whose first entries were hashed before the key
   * (plain SHA-256) and that otherwise holds is rehashed under the key from its first entry on. Unkeyed
   * entries are accepted only before every keyed one: an unkeyed entry after a keyed one is a forgery,
   * and the chain is left as it is, named broken there.
   */
  async function resealChain(chainId: string): Promise<{ verdict: ChainVerdict; resealed: number }> {
    return deps.db.transaction(async (tx) => {
      await deps.repo.lockChainHead(chainId, tx);
      const rows: AuditEventRow[] = [];
      let legacy = 0;
      const verdict = await walkChain(
        chainId,
        (row) => {
          rows.push(row);
          if (keyed(row)) return undefined;
          if (unkeyedHashEntry(row) !== row.hash) return 'hash_mismatch';
          if (legacy < rows.length - 1) return 'unkeyed';
          legacy += 1;
          return undefined;
        },
        tx,
      );
      if (!verdict.ok || legacy === 0) return { verdict, resealed: 0 };
      let prevHash = genesisHash;
      const sealed = rows.map((row) => {
        const hash = hashEntry({ ...row, prevHash }, deps.chainKey);
        const next = { seq: row.seq, prevHash, hash };
        prevHash = hash;
        return next;
      });
      await deps.repo.rewriteHashes(chainId, sealed, tx);
      return { verdict, resealed: sealed.length };
    });
  }

  const signCheckpoint = (chainId: string, seq: number, hash: string) => signToken(deps.chainKey, `sigap audit checkpoint v1|${chainId}|${seq}|${hash}`);

  async function reachesCheckpoints(verdict: ChainVerdict, checkpoints: readonly AuditCheckpoint[]): Promise<ChainVerdict> {
    for (const c of checkpoints) {
      const fail = (reason: Reason): ChainVerdict => ({ ...verdict, ok: false, broken: { seq: c.seq, reason } });
      if (!safeEqual(String(c.signature), signCheckpoint(c.chainId, c.seq, c.hash))) return fail('checkpoint_forged');
      const [row] = await deps.repo.readChain(c.chainId, c.seq - 1, 1);
      if (row?.seq !== c.seq || row.hash !== c.hash) return fail('checkpoint_missing');
    }
    return verdict;
  }

  const chainsOf = async (options: { agencyId?: string | null }) =>
    options.agencyId !== undefined ? [options.agencyId ?? globalAuditChain] : (await deps.repo.listChains()).map((h) => h.chainId);

  return {
    record,
    verifyChain,
    resealChain,

    /**
     * Every chain (or one agency's); with `checkpoints`, a chain must still reach each checkpointed head
     * (entry `seq` with that hash): entries removed from the end and the head moved back are caught only so.
     */
    async verifyAll(options: { agencyId?: string | null; checkpoints?: readonly AuditCheckpoint[] } = {}): Promise<ChainVerdict[]> {
      const chainIds = await chainsOf(options);
      const checkpoints = (options.checkpoints ?? []).filter((c) => options.agencyId === undefined || chainIds.includes(c.chainId));
      // A checkpointed chain whose head is gone altogether is still walked, and found short.
      for (const c of checkpoints) if (!chainIds.includes(c.chainId)) chainIds.push(c.chainId);
      const verdicts: ChainVerdict[] = [];
      for (const chainId of chainIds) {
        const verdict = await verifyChain(chainId);
        verdicts.push(verdict.ok ? await reachesCheckpoints(verdict, checkpoints.filter((c) => c.chainId === chainId)) : verdict);
      }
      return verdicts;
    },

    /** The head of every chain that holds, signed, for `sigap audit checkpoint`; chains that do not hold are left out. */
    async checkpoint(): Promise<{ checkpoints: AuditCheckpoint[]; verdicts: ChainVerdict[] }> {
      const verdicts = await this.verifyAll();
      const checkpoints: AuditCheckpoint[] = [];
      for (const v of verdicts) {
        const head = v.ok ? await deps.repo.findHead(v.chainId) : undefined;
        if (head && head.lastSeq > 0) checkpoints.push({ chainId: v.chainId, seq: head.lastSeq, hash: head.lastHash, signature: signCheckpoint(v.chainId, head.lastSeq, head.lastHash) });
      }
      return { checkpoints, verdicts };
    },

    async resealAll(options: { agencyId?: string | null } = {}): Promise<Array<{ verdict: ChainVerdict; resealed: number }>> {
      const results: Array<{ verdict: ChainVerdict; resealed: number }> = [];
      for (const chainId of await chainsOf(options)) results.push(await resealChain(chainId));
      return results;
    },

    async searchEvents(options: { agencyId: string | null; filter: Omit<AuditFilter, 'chainId'>; limit: number }): Promise<AuditEventRow[]> {
      return deps.repo.search({ ...options.filter, chainId: options.agencyId ?? globalAuditChain }, options.limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/** One row of the CSV export; cells that a spreadsheet would run as a formula are defused. */
export function auditCsv(rows: readonly AuditEventRow[]): string {
  const header = ['seq', 'occurred_at', 'actor_type', 'actor_id', 'actor', 'action', 'target_type', 'target_id', 'ip', 'request_id', 'before', 'after', 'hash'];
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((r) =>
    [r.seq, r.occurredAt, r.actorType, r.actorId, r.actorLabel, r.action, r.targetType, r.targetId, r.ip, r.requestId, r.before, r.after, r.hash].map(cell).join(','),
  );
  // A BOM so that Excel, which most offices open CSV with, reads UTF-8 names correctly.
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
