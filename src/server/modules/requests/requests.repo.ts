import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { QueueFilters, queueViews } from '../../../shared/contracts/requests.js';
import type { Db, Executor } from '../../db/client.js';
import { nextNumber } from '../counters/counters.repo.js';
import {
  cannedReplies,
  requestAttachments,
  requestChecklistItems,
  requestEvents,
  requestPriorityGrants,
  requests,
  requestSettings,
  storedFiles,
} from '../../db/tables/index.js';

export type RequestRow = typeof requests.$inferSelect;
export type RequestInsert = typeof requests.$inferInsert;
export type RequestPatch = Partial<Omit<RequestInsert, 'agencyId' | 'id' | 'number' | 'version'>>;
export type EventInsert = typeof requestEvents.$inferInsert;
export type ChecklistRow = typeof requestChecklistItems.$inferSelect;
export type AttachmentRow = typeof requestAttachments.$inferSelect;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export type QueueView = (typeof queueViews)[number];

export interface QueueCursor {
  priority: boolean;
  sortDueAt: string | null;
  id: string;
}

const queueColumns = {
  agencyId: requests.agencyId,
  id: requests.id,
  number: requests.number,
  title: requests.title,
  serviceCode: requests.serviceCode,
  currentStep: requests.currentStep,
  currentRole: requests.currentRole,
  status: requests.status,
  assigneeId: requests.assigneeId,
  priority: requests.priority,
  clockState: requests.clockState,
  sortDueAt: requests.sortDueAt,
  receivedAt: requests.receivedAt,
  requesterName: requests.requesterName,
  handlingAgencyId: requests.handlingAgencyId,
};
export type QueueRow = { [K in keyof typeof queueColumns]: (typeof requests.$inferSelect)[K extends keyof typeof requests.$inferSelect ? K : never] };

/** A LIKE pattern matching the text anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The words a request is found by: its text, the requester and the company. */
const searchText = sql`coalesce(${requests.title}, '') || ' ' || coalesce(${requests.description}, '') || ' ' || ${requests.requesterName} || ' ' || coalesce(${requests.organisationName}, '')`;

/**
 * The filters every queue and its counts share. The search matches whole words with PostgreSQL's
 * full text under the 'simple' configuration (no English stemming of Indonesian words), a part of
 * the number, the requester's or company's name or the text (ILIKE), a misspelt name (trigram word
 * similarity), or the NPWP by its digits however they were typed.
 */
function queueFilterSql(filters: QueueFilters): SQL[] {
  const where: SQL[] = [];
  const q = filters.q?.trim();
  if (q) {
    const like = containing(q);
    const digits = q.replace(/\D/g, '');
    where.push(
      or(
        ilike(requests.number, like),
        ilike(requests.requesterName, like),
        ilike(requests.organisationName, like),
        ilike(requests.title, like),
        ilike(requests.description, like),
        sql`to_tsvector('simple', ${searchText}) @@ plainto_tsquery('simple', ${q})`,
        q.length >= 4 ? sql`word_similarity(${q}, coalesce(${requests.organisationName}, '') || ' ' || ${requests.requesterName}) >= 0.6` : undefined,
        digits.length >= 6 ? sql`regexp_replace(${requests.organisationNpwp}, '[^0-9]', '', 'g') like ${containing(digits)}` : undefined,
      )!,
    );
  }
  if (filters.service) where.push(eq(requests.serviceCode, filters.service));
  if (filters.channel) where.push(eq(requests.channel, filters.channel));
  if (filters.status) where.push(eq(requests.status, filters.status));
  if (filters.clock) where.push(eq(requests.clockState, filters.clock));
  if (filters.officer) where.push(eq(requests.assigneeId, filters.officer));
  return where;
}

export function createRequestsRepo(db: Db) {
  return {
    /** Requests of a service received in [from, to): the service users Sigap has recorded then. */
    async countReceived(options: { agencyId: string; serviceCode: string; from: Date; to: Date }): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(requests)
        .where(
          and(
            eq(requests.agencyId, options.agencyId),
            eq(requests.serviceCode, options.serviceCode),
            sql`${requests.receivedAt} >= ${options.from.toISOString()} and ${requests.receivedAt} < ${options.to.toISOString()}`,
          ),
        );
      return row?.n ?? 0;
    },

    /** The next number of the agency and year, bumped in the caller's transaction (gap-free). */
    nextSeq(agencyId: string, year: number, tx: Executor): Promise<number> {
      return nextNumber({ agencyId, series: 'request', year }, tx);
    },

    async insertRequest(values: RequestInsert, tx: Executor = db): Promise<RequestRow> {
      const rows = await tx.insert(requests).values(values).returning();
      return rows[0]!;
    },

    async findByNumber(agencyId: string, number: string, tx: Executor = db): Promise<RequestRow | undefined> {
      const rows = await tx.select().from(requests).where(and(eq(requests.agencyId, agencyId), eq(requests.number, number)));
      return rows[0];
    },

    async findById(agencyId: string, id: string, tx: Executor = db): Promise<RequestRow | undefined> {
      const rows = await tx.select().from(requests).where(and(eq(requests.agencyId, agencyId), eq(requests.id, id)));
      return rows[0];
    },

    /**
     * Writes a new state when the row is still at `expectedVersion` (optimistic concurrency) and
     * bumps the version; undefined when someone else changed it first.
     */
    async updateRequest(agencyId: string, id: string, expectedVersion: number, patch: RequestPatch, tx: Executor = db): Promise<RequestRow | undefined> {
      const rows = await tx
        .update(requests)
        .set({ ...patch, version: sql`${requests.version} + 1`, updatedAt: new Date() })
        .where(and(eq(requests.agencyId, agencyId), eq(requests.id, id), eq(requests.version, expectedVersion)))
        .returning();
      return rows[0];
    },

    /** Clock marks and next check by the sweeper: not a change an officer must reload for. */
    async updateClockMarks(agencyId: string, id: string, patch: RequestPatch, tx: Executor = db): Promise<RequestRow | undefined> {
      const rows = await tx
        .update(requests)
        .set(patch)
        .where(and(eq(requests.agencyId, agencyId), eq(requests.id, id)))
        .returning();
      return rows[0];
    },

    async insertEvent(values: EventInsert, tx: Executor = db): Promise<void> {
      await tx.insert(requestEvents).values(values);
    },

    async listEvents(agencyId: string, requestId: string, tx: Executor = db) {
      return tx
        .select()
        .from(requestEvents)
        .where(and(eq(requestEvents.agencyId, agencyId), eq(requestEvents.requestId, requestId)))
        .orderBy(asc(requestEvents.seq));
    },

    async insertChecklist(rows: (typeof requestChecklistItems.$inferInsert)[], tx: Executor = db): Promise<void> {
      if (rows.length > 0) await tx.insert(requestChecklistItems).values(rows);
    },

    async listChecklist(agencyId: string, requestId: string, tx: Executor = db): Promise<ChecklistRow[]> {
      return tx
        .select()
        .from(requestChecklistItems)
        .where(and(eq(requestChecklistItems.agencyId, agencyId), eq(requestChecklistItems.requestId, requestId)))
        .orderBy(asc(requestChecklistItems.position));
    },

    async markChecklistItem(
      key: { agencyId: string; requestId: string; code: string },
      patch: { state: ChecklistRow['state']; note?: string | null; markedBy: string; markedAt: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx
        .update(requestChecklistItems)
        .set(patch)
        .where(
          and(
            eq(requestChecklistItems.agencyId, key.agencyId),
            eq(requestChecklistItems.requestId, key.requestId),
            eq(requestChecklistItems.code, key.code),
          ),
        );
    },

    async insertStoredFile(values: typeof storedFiles.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(storedFiles).values(values).onConflictDoNothing();
    },

    async findStoredFile(agencyId: string, sha256: string, encrypted: boolean, tx: Executor = db) {
      const rows = await tx
        .select()
        .from(storedFiles)
        .where(and(eq(storedFiles.agencyId, agencyId), eq(storedFiles.sha256, sha256), eq(storedFiles.encrypted, encrypted)));
      return rows[0];
    },

    async insertAttachment(values: typeof requestAttachments.$inferInsert, tx: Executor = db): Promise<AttachmentRow> {
      const rows = await tx.insert(requestAttachments).values(values).returning();
      return rows[0]!;
    },

    async listAttachments(agencyId: string, requestId: string, tx: Executor = db): Promise<AttachmentRow[]> {
      return tx
        .select()
        .from(requestAttachments)
        .where(and(eq(requestAttachments.agencyId, agencyId), eq(requestAttachments.requestId, requestId)))
        .orderBy(asc(requestAttachments.uploadedAt));
    },

    async findAttachment(agencyId: string, requestId: string, id: string, tx: Executor = db): Promise<AttachmentRow | undefined> {
      const rows = await tx
        .select()
        .from(requestAttachments)
        .where(and(eq(requestAttachments.agencyId, agencyId), eq(requestAttachments.requestId, requestId), eq(requestAttachments.id, id)));
      return rows[0];
    },

    async listCannedReplies(agencyId: string, serviceCode: string | undefined, tx: Executor = db) {
      return tx
        .select()
        .from(cannedReplies)
        .where(
          and(
            eq(cannedReplies.agencyId, agencyId),
            serviceCode ? or(isNull(cannedReplies.serviceCode), eq(cannedReplies.serviceCode, serviceCode)) : undefined,
          ),
        )
        .orderBy(asc(cannedReplies.title));
    },

    async insertCannedReply(values: typeof cannedReplies.$inferInsert, tx: Executor = db) {
      const rows = await tx.insert(cannedReplies).values(values).returning();
      return rows[0]!;
    },

    async findSettings(agencyId: string, tx: Executor = db) {
      const rows = await tx.select().from(requestSettings).where(eq(requestSettings.agencyId, agencyId));
      return rows[0];
    },

    async upsertSettings(agencyId: string, autoCloseWorkingDays: number, tx: Executor = db) {
      await tx
        .insert(requestSettings)
        .values({ agencyId, autoCloseWorkingDays })
        .onConflictDoUpdate({ target: requestSettings.agencyId, set: { autoCloseWorkingDays, updatedAt: new Date() } });
    },

    /** An unused grant for any of the requester's keys, locked so two intakes cannot both use it. */
    async claimPriorityGrant(agencyId: string, keys: string[], requestId: string, at: Date, tx: Executor = db): Promise<string | undefined> {
      if (keys.length === 0) return undefined;
      const found = await tx
        .select({ grantedFor: requestPriorityGrants.grantedForRequestId })
        .from(requestPriorityGrants)
        .where(and(eq(requestPriorityGrants.agencyId, agencyId), inArray(requestPriorityGrants.requesterKey, keys), isNull(requestPriorityGrants.usedAt)))
        .orderBy(asc(requestPriorityGrants.grantedAt))
        .limit(1)
        .for('update', { skipLocked: true });
      const grant = found[0]?.grantedFor;
      if (!grant) return undefined;
      await tx
        .update(requestPriorityGrants)
        .set({ usedByRequestId: requestId, usedAt: at })
        .where(and(eq(requestPriorityGrants.agencyId, agencyId), eq(requestPriorityGrants.grantedForRequestId, grant)));
      return grant;
    },

    async insertPriorityGrant(agencyId: string, keys: string[], requestId: string, at: Date, tx: Executor = db): Promise<void> {
      if (keys.length === 0) return;
      await tx
        .insert(requestPriorityGrants)
        .values(keys.map((requesterKey) => ({ agencyId, requesterKey, grantedForRequestId: requestId, grantedAt: at })))
        .onConflictDoNothing();
    },

    /**
     * One page of a queue of `workspaceId`: its own requests in its own hands, and those other
     * agencies escalated to it. Priority first, then the nearest deadline (paused ones last).
     */
    async queue(
      options: {
        workspaceId: string;
        view: QueueView;
        roles: string[];
        userId: string | null;
        limit: number;
        after?: QueueCursor | undefined;
        filters?: QueueFilters | undefined;
      },
      tx: Executor = db,
    ): Promise<QueueRow[]> {
      const { workspaceId, view, roles, userId, limit, after } = options;
      const open = sql`${requests.status} <> 'closed'`;
      const filters: SQL[] = queueFilterSql(options.filters ?? {});
      if (view === 'mine') filters.push(userId ? eq(requests.assigneeId, userId) : sql`false`);
      // One role is an equality the index serves in order; several are merged by the planner.
      if (view === 'role') filters.push(roles.length === 1 ? eq(requests.currentRole, roles[0]!) : roles.length > 1 ? inArray(requests.currentRole, roles) : sql`false`);
      if (view === 'unassigned') filters.push(isNull(requests.assigneeId), sql`${requests.currentRole} <> 'requester'`);
      if (view === 'near_breach') filters.push(eq(requests.clockState, 'warning'));
      if (view === 'breached') filters.push(eq(requests.clockState, 'breached'));
      if (after) {
        // Keyset on (priority desc, sort_due_at asc nulls last, id asc).
        const due = after.sortDueAt === null ? sql`null::timestamptz` : sql`${after.sortDueAt}::timestamptz`;
        filters.push(sql`(
          ${requests.priority} < ${after.priority}
          or (${requests.priority} = ${after.priority} and (
            ${after.sortDueAt === null ? sql`false` : sql`${requests.sortDueAt} is null or ${requests.sortDueAt} > ${due}`}
            or (${requests.sortDueAt} is not distinct from ${due} and ${requests.id} > ${after.id})
          ))
        )`);
      }
      // Exactly the indexes' order (drizzle writes DESC NULLS LAST), so an index scan can serve it.
      const order = [sql`${requests.priority} desc nulls last`, sql`${requests.sortDueAt} asc nulls last`, asc(requests.id)];
      const own = tx
        .select(queueColumns)
        .from(requests)
        .where(and(eq(requests.agencyId, workspaceId), eq(requests.handlingAgencyId, workspaceId), open, ...filters))
        .orderBy(...order)
        .limit(limit);
      const escalated = tx
        .select(queueColumns)
        .from(requests)
        .where(and(eq(requests.handlingAgencyId, workspaceId), eq(requests.escalated, true), open, ...filters))
        .orderBy(...order)
        .limit(limit);
      const [a, b] = await Promise.all([own, escalated]);
      const merged = [...a, ...b].sort((x, y) => {
        if (x.priority !== y.priority) return x.priority ? -1 : 1;
        const dx = x.sortDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
        const dy = y.sortDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
        if (dx !== dy) return dx - dy;
        return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
      });
      return merged.slice(0, limit) as QueueRow[];
    },

    /**
     * How many open requests each queue of `workspaceId` holds under the filters, in one pass:
     * what the tabs and the staff home show, counted by the database rather than by listing.
     */
    async queueCounts(options: { workspaceId: string; roles: string[]; userId: string | null; filters?: QueueFilters | undefined }, tx: Executor = db) {
      const { workspaceId, roles, userId } = options;
      const inRole = roles.length > 0 ? inArray(requests.currentRole, roles) : sql`false`;
      const rows = await tx
        .select({
          mine: userId ? sql<number>`count(*) filter (where ${requests.assigneeId} = ${userId})::int` : sql<number>`0`,
          role: sql<number>`count(*) filter (where ${inRole})::int`,
          near_breach: sql<number>`count(*) filter (where ${requests.clockState} = 'warning')::int`,
          breached: sql<number>`count(*) filter (where ${requests.clockState} = 'breached')::int`,
          unassigned: sql<number>`count(*) filter (where ${requests.assigneeId} is null and ${requests.currentRole} <> 'requester')::int`,
          all: sql<number>`count(*)::int`,
        })
        .from(requests)
        // Its own requests in its own hands, and those other agencies escalated to it: the queue's two halves.
        .where(and(eq(requests.handlingAgencyId, workspaceId), sql`${requests.status} <> 'closed'`, ...queueFilterSql(options.filters ?? {})));
      const counts = rows[0]!;
      return { mine: Number(counts.mine), role: Number(counts.role), near_breach: Number(counts.near_breach), breached: Number(counts.breached), unassigned: Number(counts.unassigned), all: Number(counts.all) };
    },

    /** Every request of a portal user: filed from the account, or with its verified e-mail. */
    async listMine(userId: string, email: string, tx: Executor = db) {
      return tx
        .select({
          agencyId: requests.agencyId,
          number: requests.number,
          title: requests.title,
          serviceCode: requests.serviceCode,
          status: requests.status,
          currentStep: requests.currentStep,
          receivedAt: requests.receivedAt,
          clockState: requests.clockState,
        })
        .from(requests)
        .where(or(eq(requests.requesterUserId, userId), eq(requests.requesterEmail, email.toLowerCase())))
        .orderBy(desc(requests.receivedAt))
        .limit(500);
    },

    /** What is due, without locking: the sweeper warms its caches from this before claiming. */
    async findDue(at: Date, limit: number, tx: Executor = db) {
      const result = await tx.execute(sql`
        select r.agency_id, r.id, r.standard_version, r.service_code
        from agencies a
        cross join lateral (
          select q.agency_id, q.id, q.standard_version, q.service_code from requests q
          where q.agency_id = a.id and q.next_check_at is not null and q.next_check_at <= ${at.toISOString()}::timestamptz
          order by q.next_check_at
          limit ${limit}
        ) r
        limit ${limit}`);
      return rowsOf<{ agency_id: string; id: string; standard_version: number; service_code: string }>(result).map((r) => ({
        agencyId: r.agency_id,
        id: r.id,
        standardVersion: r.standard_version,
        serviceCode: r.service_code,
      }));
    },

    /**
     * The sweeper's claim: rows whose next check is due, locked and skipped by other sweepers,
     * walked agency by agency so the (agency_id, next_check_at) index serves each.
     */
    async claimDue(at: Date, limit: number, tx: Executor = db): Promise<{ agencyId: string; id: string }[]> {
      const result = await tx.execute(sql`
        select r.agency_id, r.id
        from agencies a
        cross join lateral (
          select q.agency_id, q.id from requests q
          where q.agency_id = a.id and q.next_check_at is not null and q.next_check_at <= ${at.toISOString()}::timestamptz
          order by q.next_check_at
          limit ${limit}
          for update of q skip locked
        ) r
        limit ${limit}`);
      return rowsOf<{ agency_id: string; id: string }>(result).map((r) => ({ agencyId: r.agency_id, id: r.id }));
    },
  };
}

export type RequestsRepo = ReturnType<typeof createRequestsRepo>;
