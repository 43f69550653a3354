import { and, asc, desc, eq, gt, gte, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditChainHeads, auditEvents } from '../../db/tables/index.js';
import { genesisHash } from './audit.hash.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEventRow = typeof auditEvents.$inferInsert;

export interface AuditFilter {
  chainId: string;
  action?: string | undefined;
  actorId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
}

function where(filter: AuditFilter): SQL | undefined {
  return and(
    eq(auditEvents.chainId, filter.chainId),
    // "auth." matches every auth action; a full name matches itself.
    filter.action ? (filter.action.endsWith('.') ? like(auditEvents.action, `${filter.action}%`) : eq(auditEvents.action, filter.action)) : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
    filter.to ? lte(auditEvents.occurredAt, filter.to) : undefined,
    filter.beforeSeq ? lt(auditEvents.seq, filter.beforeSeq) : undefined,
  );
}

export function createAuditRepo(db: Executor) {
  return {
    /** Locks the chain's head (creating it first), so appends to one chain run one at a time. */
    async lockChainHead(chainId: string, tx: Executor) {
      await tx.insert(auditChainHeads).values({ chainId, lastSeq: 0, lastHash: genesisHash }).onConflictDoNothing();
      const rows = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.chainId, chainId)).for('update');
      const head = rows[0];
      if (!head) throw new Error(`audit chain head ${chainId} vanished`);
      return head;
    },

    async append(row: NewAuditEventRow, tx: Executor) {
      await tx.insert(auditEvents).values(row);
      await tx
        .update(auditChainHeads)
        .set({ lastSeq: row.seq, lastHash: row.hash })
        .where(eq(auditChainHeads.chainId, row.chainId));
    },

    /**
     * `sigap audit reseal` only: rewrites the hashes of a chain (and its head) in `tx`, with the append-only
     * trigger lifted for that transaction alone. Needs the role that owns `audit_events`.
     */
    async rewriteHashes(chainId: string, rows: ReadonlyArray<{ seq: number; prevHash: string; hash: string }>, tx: Executor) {
      const last = rows.at(-1);
      if (!last) return;
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
      for (const row of rows) {
        await tx
          .update(auditEvents)
          .set({ prevHash: row.prevHash, hash: row.hash })
          .where(and(eq(auditEvents.chainId, chainId), eq(auditEvents.seq, row.seq)));
      }
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
      await tx.update(auditChainHeads).set({ lastHash: last.hash }).where(eq(auditChainHeads.chainId, chainId));
    },

    async findHead(chainId: string, tx: Executor = db) {
      const rows = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.chainId, chainId));
      return rows[0];
    },

    async listChains(tx: Executor = db) {
      return tx.select().from(auditChainHeads).orderBy(asc(auditChainHeads.chainId));
    },

    /** One page of a chain in order, for verification. */
    async readChain(chainId: string, afterSeq: number, limit: number, tx: Executor = db) {
      return tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.chainId, chainId), gt(auditEvents.seq, afterSeq)))
        .orderBy(asc(auditEvents.seq))
        .limit(limit);
    },

    async search(filter: AuditFilter, limit: number, tx: Executor = db) {
      return tx.select().from(auditEvents).where(where(filter)).orderBy(desc(auditEvents.seq)).limit(limit);
    },

    async count(filter: AuditFilter, tx: Executor = db) {
      const rows = await tx.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where(filter));
      return rows[0]?.n ?? 0;
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
