import { and, asc, desc, eq, gte, isNotNull, lt, max, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { surveyImportBatches, surveyResponses } from '../../db/tables/index.js';
import type { ProfileCounts, SkmTotals } from './surveys.compute.js';

export type NewSurveyResponse = typeof surveyResponses.$inferInsert;
export type NewImportBatch = typeof surveyImportBatches.$inferInsert;

export interface ResponseFilter {
  agencyId: string;
  from: Date;
  /** Exclusive. */
  to: Date;
  serviceCode?: string | undefined;
  /** A channel code, or null for the responses without one. */
  channel?: string | null | undefined;
}

export interface GroupTotals {
  key: string | null;
  respondents: number;
  /** Sum of every answer of every respondent (Σ over U1..U9). */
  sum: number;
}

const answerColumns = [
  surveyResponses.u1,
  surveyResponses.u2,
  surveyResponses.u3,
  surveyResponses.u4,
  surveyResponses.u5,
  surveyResponses.u6,
  surveyResponses.u7,
  surveyResponses.u8,
  surveyResponses.u9,
] as const;

const sumOfAnswers = sql<number>`coalesce(sum(${sql.join(
  answerColumns.map((c) => sql`${c}`),
  sql` + `,
)}), 0)::int`;

function where(filter: ResponseFilter): SQL | undefined {
  return and(
    eq(surveyResponses.agencyId, filter.agencyId),
    gte(surveyResponses.submittedAt, filter.from),
    lt(surveyResponses.submittedAt, filter.to),
    filter.serviceCode === undefined ? undefined : eq(surveyResponses.serviceCode, filter.serviceCode),
    filter.channel === undefined
      ? undefined
      : filter.channel === null
        ? sql`${surveyResponses.channel} is null`
        : eq(surveyResponses.channel, filter.channel),
  );
}

export function createSurveysRepo(db: Executor) {
  return {
    async insertResponse(row: NewSurveyResponse, tx: Executor = db) {
      const [inserted] = await tx
        .insert(surveyResponses)
        .values(row)
        .returning({ id: surveyResponses.id, submittedAt: surveyResponses.submittedAt });
      return inserted!;
    },

    async insertBatch(batch: NewImportBatch, rows: Omit<NewSurveyResponse, 'importBatchId' | 'agencyId'>[], tx: Executor = db) {
      const [created] = await tx.insert(surveyImportBatches).values(batch).returning({ id: surveyImportBatches.id });
      const batchId = created!.id;
      // In chunks: one statement's parameters are limited (65 535 in PostgreSQL).
      for (let i = 0; i < rows.length; i += 1_000) {
        await tx.insert(surveyResponses).values(rows.slice(i, i + 1_000).map((r) => ({ ...r, agencyId: batch.agencyId, importBatchId: batchId })));
      }
      return batchId;
    },

    /** Respondents, sum per element and profile counts: what the formula needs, summed in SQL. */
    async aggregate(filter: ResponseFilter, tx: Executor = db): Promise<SkmTotals> {
      const [row] = await tx
        .select({
          respondents: sql<number>`count(*)::int`,
          ...Object.fromEntries(answerColumns.map((c, i) => [`t${i + 1}`, sql<number>`coalesce(sum(${c}), 0)::int`])),
        })
        .from(surveyResponses)
        .where(where(filter));
      const totals = answerColumns.map((_, i) => Number((row as Record<string, number> | undefined)?.[`t${i + 1}`] ?? 0));
      const profile: ProfileCounts = { sex: {}, ageBand: {}, education: {}, occupation: {} };
      const fields = { sex: surveyResponses.sex, ageBand: surveyResponses.ageBand, education: surveyResponses.education, occupation: surveyResponses.occupation };
      for (const [field, column] of Object.entries(fields) as [keyof ProfileCounts, typeof surveyResponses.sex][]) {
        const groups = await tx
          .select({ key: column, count: sql<number>`count(*)::int` })
          .from(surveyResponses)
          .where(and(where(filter), isNotNull(column)))
          .groupBy(column);
        for (const g of groups) if (g.key !== null) profile[field][g.key] = Number(g.count);
      }
      return { respondents: Number(row?.respondents ?? 0), totals, profile };
    },

    async totalsByService(filter: ResponseFilter, tx: Executor = db): Promise<GroupTotals[]> {
      const rows = await tx
        .select({ key: surveyResponses.serviceCode, respondents: sql<number>`count(*)::int`, sum: sumOfAnswers })
        .from(surveyResponses)
        .where(where(filter))
        .groupBy(surveyResponses.serviceCode)
        .orderBy(asc(surveyResponses.serviceCode));
      return rows.map((r) => ({ key: r.key, respondents: Number(r.respondents), sum: Number(r.sum) }));
    },

    async totalsByChannel(filter: ResponseFilter, tx: Executor = db): Promise<GroupTotals[]> {
      const rows = await tx
        .select({ key: surveyResponses.channel, respondents: sql<number>`count(*)::int`, sum: sumOfAnswers })
        .from(surveyResponses)
        .where(where(filter))
        .groupBy(surveyResponses.channel)
        .orderBy(asc(surveyResponses.channel));
      return rows.map((r) => ({ key: r.key, respondents: Number(r.respondents), sum: Number(r.sum) }));
    },

    /** The newest response per service of an agency. */
    async latestPerService(agencyId: string, tx: Executor = db): Promise<{ serviceCode: string; latest: Date }[]> {
      const rows = await tx
        .select({ serviceCode: surveyResponses.serviceCode, latest: max(surveyResponses.submittedAt) })
        .from(surveyResponses)
        .where(eq(surveyResponses.agencyId, agencyId))
        .groupBy(surveyResponses.serviceCode)
        .orderBy(asc(surveyResponses.serviceCode));
      return rows.filter((r) => r.latest !== null).map((r) => ({ serviceCode: r.serviceCode, latest: new Date(r.latest as Date | string) }));
    },

    /** The suggestions written in a period, newest first, for the report. */
    async listSuggestions(filter: ResponseFilter & { limit: number }, tx: Executor = db) {
      return tx
        .select({ serviceCode: surveyResponses.serviceCode, suggestion: surveyResponses.suggestion, submittedAt: surveyResponses.submittedAt })
        .from(surveyResponses)
        .where(and(where(filter), sql`coalesce(btrim(${surveyResponses.suggestion}), '') <> ''`))
        .orderBy(desc(surveyResponses.submittedAt))
        .limit(filter.limit);
    },

    async findByRequest(agencyId: string, requestId: string, tx: Executor = db) {
      const [row] = await tx
        .select({ id: surveyResponses.id, submittedAt: surveyResponses.submittedAt })
        .from(surveyResponses)
        .where(and(eq(surveyResponses.agencyId, agencyId), eq(surveyResponses.requestId, requestId)))
        .limit(1);
      return row;
    },
  };
}

export type SurveysRepo = ReturnType<typeof createSurveysRepo>;
