import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { nextNumber } from '../counters/counters.repo.js';
import {
  complaintClockPauses,
  complaintComplainants,
  complaintEvents,
  complaintLaporSync,
  complaints,
  type ComplaintStatus,
} from '../../db/tables/index.js';

export type ComplaintRow = typeof complaints.$inferSelect;
export type NewComplaint = typeof complaints.$inferInsert;
export type ComplainantRow = typeof complaintComplainants.$inferSelect;
export type EventRow = typeof complaintEvents.$inferSelect;
export type PauseRow = typeof complaintClockPauses.$inferSelect;
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

    async insertComplaint(row: NewComplaint, tx: Executor): Promise<ComplaintRow> {
      const [inserted] = await tx.insert(complaints).values(row).returning();
      return inserted!;
    },

    async insertComplainant(row: typeof complaintComplainants.$inferInsert, tx: Executor): Promise<void> {
      await tx.insert(complaintComplainants).values(row);
    },

    async findByNumber(agencyId: string, number: string, options: { tx?: Executor; forUpdate?: boolean } = {}): Promise<ComplaintRow | undefined> {
      const query = (options.tx ?? db)
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.number, number)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
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
    async findComplainantEmail(agencyId: string, complaintId: string, tx: Executor = db): Promise<string | null> {
      const [row] = await tx
        .select({ email: complaintComplainants.email })
        .from(complaintComplainants)
        .where(and(eq(complaintComplainants.agencyId, agencyId), eq(complaintComplainants.complaintId, complaintId)));
      return row?.email ?? null;
    },

    async updateComplaint(agencyId: string, id: string, patch: Partial<NewComplaint>, tx: Executor): Promise<ComplaintRow> {
      const [row] = await tx
        .update(complaints)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.id, id)))
        .returning();
      return row!;
    },

    /** Appends to the timeline; the caller holds the complaint's row lock, so `seq` cannot race. */
    async appendEvent(agencyId: string, complaintId: string, event: NewEvent, tx: Executor): Promise<EventRow> {
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

    async listPauses(agencyId: string, complaintId: string, tx: Executor = db): Promise<PauseRow[]> {
      return tx
        .select()
        .from(complaintClockPauses)
        .where(and(eq(complaintClockPauses.agencyId, agencyId), eq(complaintClockPauses.complaintId, complaintId)))
        .orderBy(asc(complaintClockPauses.startedAt));
    },

    async openPause(agencyId: string, complaintId: string, startedAt: Date, reason: string, tx: Executor): Promise<void> {
      await tx.insert(complaintClockPauses).values({ agencyId, complaintId, startedAt, reason });
    },

    async closePause(agencyId: string, complaintId: string, endedAt: Date, tx: Executor): Promise<void> {
      await tx
        .update(complaintClockPauses)
        .set({ endedAt })
        .where(and(eq(complaintClockPauses.agencyId, agencyId), eq(complaintClockPauses.complaintId, complaintId), isNull(complaintClockPauses.endedAt)));
    },

    async list(agencyId: string, filter: ListFilter): Promise<{ rows: ComplaintListRow[]; total: number }> {
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
        db.select(listColumns).from(complaints).where(where).orderBy(desc(complaints.receivedAt), desc(complaints.seq)).limit(filter.limit).offset(filter.offset),
        db.select({ n: count() }).from(complaints).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async listReceivedBetween(agencyId: string, from: Date | undefined, to: Date | undefined): Promise<ComplaintListRow[]> {
      return db
        .select(listColumns)
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), from ? gte(complaints.receivedAt, from) : undefined, to ? lt(complaints.receivedAt, to) : undefined))
        .orderBy(asc(complaints.receivedAt), asc(complaints.seq));
    },

    /** Complaints forwarded from LAPOR! with answer or closing events not yet posted back. */
    async listLaporPending(agencyId: string): Promise<{ complaint: ComplaintRow; events: EventRow[] }[]> {
      const rows = await db
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), isNotNull(complaints.laporTrackingId), inArray(complaints.status, ['followed_up', 'answered', 'closed', 'reopened', 'assigned'])))
        .orderBy(asc(complaints.receivedAt));
      const out: { complaint: ComplaintRow; events: EventRow[] }[] = [];
      for (const complaint of rows) {
        const events = await db
          .select()
          .from(complaintEvents)
          .where(and(eq(complaintEvents.agencyId, agencyId), eq(complaintEvents.complaintId, complaint.id)))
          .orderBy(asc(complaintEvents.seq));
        out.push({ complaint, events });
      }
      return out;
    },

    async findComplaintByIdForUpdate(agencyId: string, id: string, tx: Executor): Promise<ComplaintRow | undefined> {
      const [row] = await tx
        .select()
        .from(complaints)
        .where(and(eq(complaints.agencyId, agencyId), eq(complaints.id, id)))
        .for('update');
      return row;
    },

    async getLaporCursor(agencyId: string): Promise<string | null> {
      const [row] = await db.select({ cursor: complaintLaporSync.cursor }).from(complaintLaporSync).where(eq(complaintLaporSync.agencyId, agencyId));
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

