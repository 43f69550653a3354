import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  agencyNonWorkingDates,
  calendarSettings,
  nationalNonWorkingDates,
  type StoredCalendarProfile,
  type StoredWeeklyHours,
} from '../../db/tables/index.js';

export type NationalDateRow = typeof nationalNonWorkingDates.$inferSelect;
export type AgencyDateRow = typeof agencyNonWorkingDates.$inferSelect;
export type CalendarSettingsRow = typeof calendarSettings.$inferSelect;

export interface DateFields {
  date: string;
  kind: 'holiday' | 'cuti_bersama' | 'closure';
  name: string;
  source: string;
  confirmed: boolean;
}

const yearBounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export function createCalendarRepo(db: Executor) {
  return {
    async findSettings(agencyId: string, tx: Executor = db): Promise<CalendarSettingsRow | undefined> {
      const rows = await tx.select().from(calendarSettings).where(eq(calendarSettings.agencyId, agencyId)).limit(1);
      return rows[0];
    },

    async upsertSettings(
      agencyId: string,
      values: { weeklyHours: StoredWeeklyHours | null; profiles: StoredCalendarProfile[]; warningThreshold: number },
      tx: Executor = db,
    ): Promise<CalendarSettingsRow> {
      const rows = await tx
        .insert(calendarSettings)
        .values({ agencyId, ...values })
        .onConflictDoUpdate({ target: calendarSettings.agencyId, set: { ...values, updatedAt: sql`now()` } })
        .returning();
      return rows[0]!;
    },

    /** Every national date, or those of one year. */
    async listNationalDates(options: { year?: number } = {}, tx: Executor = db): Promise<NationalDateRow[]> {
      const where = options.year === undefined ? undefined : between(nationalNonWorkingDates.date, ...yearBounds(options.year));
      return tx.select().from(nationalNonWorkingDates).where(where).orderBy(asc(nationalNonWorkingDates.date));
    },

    async listAgencyDates(agencyId: string, options: { year?: number } = {}, tx: Executor = db): Promise<AgencyDateRow[]> {
      const byAgency = eq(agencyNonWorkingDates.agencyId, agencyId);
      const where = options.year === undefined ? byAgency : and(byAgency, between(agencyNonWorkingDates.date, ...yearBounds(options.year)));
      return tx.select().from(agencyNonWorkingDates).where(where).orderBy(asc(agencyNonWorkingDates.date));
    },

    async countNationalDatesInYear(year: number, tx: Executor = db): Promise<number> {
      const rows = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(nationalNonWorkingDates)
        .where(between(nationalNonWorkingDates.date, ...yearBounds(year)));
      return rows[0]?.n ?? 0;
    },

    async findNationalDate(date: string, tx: Executor = db): Promise<NationalDateRow | undefined> {
      const rows = await tx.select().from(nationalNonWorkingDates).where(eq(nationalNonWorkingDates.date, date)).limit(1);
      return rows[0];
    },

    async findAgencyDate(agencyId: string, date: string, tx: Executor = db): Promise<AgencyDateRow | undefined> {
      const rows = await tx
        .select()
        .from(agencyNonWorkingDates)
        .where(and(eq(agencyNonWorkingDates.agencyId, agencyId), eq(agencyNonWorkingDates.date, date)))
        .limit(1);
      return rows[0];
    },

    /** Inserts dates that are not there yet; returns those inserted. */
    async insertNationalDates(rows: (DateFields & { kind: 'holiday' | 'cuti_bersama' })[], tx: Executor = db): Promise<NationalDateRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(nationalNonWorkingDates).values(rows).onConflictDoNothing().returning();
    },

    async insertAgencyDates(agencyId: string, rows: DateFields[], tx: Executor = db): Promise<AgencyDateRow[]> {
      if (rows.length === 0) return [];
      return tx
        .insert(agencyNonWorkingDates)
        .values(rows.map((r) => ({ ...r, agencyId })))
        .onConflictDoNothing()
        .returning();
    },

    async updateNationalDate(
      date: string,
      patch: Partial<Omit<DateFields, 'kind'>> & { kind?: 'holiday' | 'cuti_bersama' },
      tx: Executor = db,
    ): Promise<NationalDateRow | undefined> {
      const rows = await tx
        .update(nationalNonWorkingDates)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(eq(nationalNonWorkingDates.date, date))
        .returning();
      return rows[0];
    },

    async updateAgencyDate(agencyId: string, date: string, patch: Partial<DateFields>, tx: Executor = db): Promise<AgencyDateRow | undefined> {
      const rows = await tx
        .update(agencyNonWorkingDates)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(agencyNonWorkingDates.agencyId, agencyId), eq(agencyNonWorkingDates.date, date)))
        .returning();
      return rows[0];
    },

    async deleteNationalDate(date: string, tx: Executor = db): Promise<NationalDateRow | undefined> {
      const rows = await tx.delete(nationalNonWorkingDates).where(eq(nationalNonWorkingDates.date, date)).returning();
      return rows[0];
    },

    async deleteAgencyDate(agencyId: string, date: string, tx: Executor = db): Promise<AgencyDateRow | undefined> {
      const rows = await tx
        .delete(agencyNonWorkingDates)
        .where(and(eq(agencyNonWorkingDates.agencyId, agencyId), eq(agencyNonWorkingDates.date, date)))
        .returning();
      return rows[0];
    },
  };
}

export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
