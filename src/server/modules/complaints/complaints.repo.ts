import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { ComplaintStatus } from '../../../shared/contracts/complaints.js';
import type { Executor } from '../../db/client.js';
import { nextNumber } from '../counters/counters.repo.js';
import { complaintComplainants, complaintEvents, complaintLaporSync, complaints } from '../../db/tables/index.js';

export type ComplaintRow = typeof complaints.$inferSelect;
export type NewComplaint = typeof complaints.$inferInsert;
export type ComplainantRow = typeof complaintComplainants.$inferSelect;
export type EventRow = typeof complaintEvents.$inferSelect;
export type NewEvent = Omit<typeof complaintEvents.$inferInsert, 'agencyId' | 'complaintId' | 'seq'>;

export interface ListFilter {
  status?: ComplaintStatus | undefined;
  classCode?: string | undefined;
  q?: string | undefined;
  requestId?: string | undefined;
  requestNumber?: string | undefined;
  limit: number;
  offset: number;
}

/** The columns lists, exports and statistics read: never the complainant's identity, which lives elsewhere. */
const listColumns = {
  id: complaints.id,
  number: complaints.number,
  status: complaints.status,
  subject: complaints.subject,
  serviceCode: complaints.serviceCode,
  channel: complaints.channel,
  classCode: complaints.classCode,
  receivedAt: complaints.receivedAt,
  late: complaints.late,
  anonymous: complaints.anonymous,
  confidential: complaints.confidential,
  laporTrackingId: complaints.laporTrackingId,
  requestNumber: complaints.requestNumber,
  assigneeName: complaints.assigneeName,
  responseDueAt: complaints.responseDueAt,
  respondedAt: complaints.respondedAt,
  resolutionDueAt: complaints.resolutionDueAt,
  hardDueAt: complaints.hardDueAt,
  outcome: complaints.outcome,
  answeredAt: complaints.answeredAt,
  closedAt: complaints.closedAt,
};
export type ComplaintListRow = Pick<ComplaintRow, keyof typeof listColumns>;

export function createComplaintsRepo(db: Executor) {
  return {
    /** The next number of the agency's year, in the filing's transaction: a rollback gives it back. */
    nextSeq(agencyId: string, year: number, tx: Executor): Promise<number> {
      return nextNumber({ agencyId, series: 'complaint', year }, tx);
    },

    async insertComplaint(row: NewComplaint, tx: Executor = db): Promise<ComplaintRow> {
      const [inserted] = await tx.insert(complaints).values(row).returning();
      return inserted!;
    },

    async insertComplainant(row: typeof complaintComplainants.$inferInsert, tx: Executor = db): Promise<void> {
      await tx.insert(complaintComplainants).values(row);
    },

    async findByNumber(agencyId: string, number: string, tx: Executor = db): Promise<ComplaintRow | undefined> {
      const [row] = await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.number, number)));
      return row;
    },

    /** The same, locked until the caller's transaction ends: a step reads and changes it alone. */
    async findByNumberForUpdate(agencyId: string, number: string, tx: Executor = db): Promise<ComplaintRow | undefined> {
      const [row] = await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.number, number)))
        .for('update');
      return row;
    },

    async findByLaporId(agencyId: string, laporTrackingId: string, tx: Executor = db): Promise<ComplaintRow | undefined> {
      const [row] = await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.laporTrackingId, laporTrackingId)));
      return row;
    },

    async findComplainant(agencyId: string, complaintId: string, tx: Executor = db): Promise<ComplainantRow | undefined> {
      const [row] = await tx
        .select()
        .from(complaintComplainants)
        .where(and(eq(complaintComplainants.agencyId, agencyId), eq(complaintComplainants.complaintId, complaintId)));
      return row;
    },

    /** Only the e-mail, to check a tracking request: the rest of the identity is not read. */
    /** Answered complaints whose time to reply has run out (`auto_close_at`), oldest first, with their agency's id. */
    async findAutoCloseDue(at: Date, limit: number, tx: Executor = db): Promise<{ agencyId: string; number: string }[]> {
      return tx
        .select({ agencyId: complaints.agencyId, number: complaints.number })
        .from(complaints)
        .where(and(eq(complaints.status, 'answered'), isNotNull(complaints.autoCloseAt), lte(complaints.autoCloseAt, at)))
        .orderBy(asc(complaints.autoCloseAt))
        .limit(limit);
    },

    async findComplainantEmail(agencyId: string, complaintId: string, tx: Executor = db): Promise<string | null> {
      const [row] = await tx
        .select({ email: complaintComplainants.email })
        .from(complaintComplainants)
        .where(and(eq(complaintComplainants.agencyId, agencyId), eq(complaintComplainants.complaintId, complaintId)));
      return row?.email ?? null;
    },

    async updateComplaint(agencyId: string, id: string, patch: Partial<NewComplaint>, tx: Executor = db): Promise<ComplaintRow> {
      const [row] = await tx
        .update(complaints)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.id, id)))
        .returning();
      return row!;
    },

    /** Appends to the timeline; the caller holds the complaint's row lock, so `seq` cannot race. */
    async appendEvent(agencyId: string, complaintId: string, event: NewEvent, tx: Executor = db): Promise<EventRow> {
      const [last] = await tx
        .select({ seq: sql<number>`coalesce(max(${complaintEvents.seq}), 0)::int` })
        .from(complaintEvents)
        .where(and(eq(complaintEvents.agencyId, agencyId), eq(complaintEvents.complaintId, complaintId)));
      const [row] = await tx
        .insert(complaintEvents)
        .values({ ...event, agencyId, complaintId, seq: (last?.seq ?? 0) + 1 })
        .returning();
      return row!;
    },

    async listEvents(agencyId: string, complaintId: string, options: { visibleToComplainant?: boolean } = {}, tx: Executor = db): Promise<EventRow[]> {
      return tx
        .select()
        .from(complaintEvents)
        .where(
          and(
            eq(complaintEvents.agencyId, agencyId),
            eq(complaintEvents.complaintId, complaintId),
            options.visibleToComplainant ? eq(complaintEvents.visibleToComplainant, true) : undefined,
          ),
        )
        .orderBy(asc(complaintEvents.seq));
    },

    async list(agencyId: string, filter: ListFilter, tx: Executor = db): Promise<{ rows: ComplaintListRow[]; total: number }> {
      const like = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
      const where = and(
        eq(complaints.agencyId, agencyId),
        filter.status ? eq(complaints.status, filter.status) : undefined,
        filter.classCode ? eq(complaints.classCode, filter.classCode) : undefined,
        filter.requestId ? eq(complaints.requestId, filter.requestId) : undefined,
        filter.requestNumber ? eq(complaints.requestNumber, filter.requestNumber) : undefined,
        like ? or(ilike(complaints.number, like), ilike(complaints.subject, like), ilike(complaints.laporTrackingId, like)) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        tx.select(listColumns).from(complaints).where(where).orderBy(desc(complaints.receivedAt), desc(complaints.seq)).limit(filter.limit).offset(filter.offset),
        tx.select({ n: count() }).from(complaints).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** What waits for the agency's complaint officers, counted in one pass: new, sent back, and in this officer's hands. */
    async countWaiting(agencyId: string, userId: string | null, tx: Executor = db): Promise<{ received: number; reopened: number; mine: number }> {
      const [row] = await tx
        .select({
          received: sql<number>`count(*) filter (where ${complaints.status} = 'received')::int`,
          reopened: sql<number>`count(*) filter (where ${complaints.status} = 'reopened')::int`,
          mine: userId ? sql<number>`count(*) filter (where ${complaints.assigneeId} = ${userId} and ${complaints.status} <> 'closed')::int` : sql<number>`0`,
        })
        .from(complaints)
        .where(eq(complaints.agencyId, agencyId));
      return { received: Number(row?.received ?? 0), reopened: Number(row?.reopened ?? 0), mine: Number(row?.mine ?? 0) };
    },

    async listReceivedBetween(agencyId: string, from: Date | undefined, to: Date | undefined, tx: Executor = db): Promise<ComplaintListRow[]> {
      return tx
        .select(listColumns)
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), from ? gte(complaints.receivedAt, from) : undefined, to ? lt(complaints.receivedAt, to) : undefined))
        .orderBy(asc(complaints.receivedAt), asc(complaints.seq));
    },

    /** Complaints forwarded from LAPOR! with answer or closing events not yet posted back. */
    async listLaporPending(agencyId: string, tx: Executor = db): Promise<{ complaint: ComplaintRow; events: EventRow[] }[]> {
      const rows = await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), isNotNull(complaints.laporTrackingId), inArray(complaints.status, ['followed_up', 'answered', 'closed', 'reopened', 'assigned'])))
        .orderBy(asc(complaints.receivedAt));
      const out: { complaint: ComplaintRow; events: EventRow[] }[] = [];
      for (const complaint of rows) {
        const events = await tx
          .select()
          .from(complaintEvents)
          .where(and(eq(complaintEvents.agencyId, agencyId), eq(complaintEvents.complaintId, complaint.id)))
          .orderBy(asc(complaintEvents.seq));
        out.push({ complaint, events });
      }
      return out;
    },

    async getLaporCursor(agencyId: string, tx: Executor = db): Promise<string | null> {
      const [row] = await tx.select({ cursor: complaintLaporSync.cursor }).from(complaintLaporSync).where(eq(complaintLaporSync.agencyId, agencyId));
      return row?.cursor ?? null;
    },

    async setLaporCursor(agencyId: string, cursor: string | null, at: Date, tx: Executor = db): Promise<void> {
      await tx
        .insert(complaintLaporSync)
        .values({ agencyId, cursor, lastSyncedAt: at })
        .onConflictDoUpdate({ target: complaintLaporSync.agencyId, set: { cursor, lastSyncedAt: at } });
    },
  };
}

export type ComplaintsRepo = ReturnType<typeof createComplaintsRepo>;

