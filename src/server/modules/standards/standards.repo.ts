import { and, asc, desc, eq, gt, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DecreeInstrument } from '../../../shared/standard/schema.js';
import type { Executor } from '../../db/client.js';
import { standardServices, standardVersions } from '../../db/tables/index.js';

/** Both drivers (node-postgres and PGlite) return raw query results as `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Any constant shared by every Sigap process: the first key of the per-agency import lock. */
const importLockKey = 7_307_015;

const versionColumns = {
  agencyId: standardVersions.agencyId,
  version: standardVersions.version,
  decreeNumber: standardVersions.decreeNumber,
  decreeDate: standardVersions.decreeDate,
  effectiveFrom: standardVersions.effectiveFrom,
  contentHash: standardVersions.contentHash,
  importedAt: standardVersions.importedAt,
};

export type VersionRow = typeof standardVersions.$inferSelect;
export type ServiceRow = typeof standardServices.$inferSelect;

/** The only SQL of the standards module. Every query is filtered by agency. */
export function createStandardsRepo(db: Executor) {
  return {
    /**
     * Serialises imports of one agency across processes (several may start at once against one
     * PostgreSQL): held until the transaction ends.
     */
    async lockAgencyImports(agencyId: string, tx: Executor) {
      await tx.execute(sql`select pg_advisory_xact_lock(${importLockKey}, hashtext(${agencyId}))`);
    },

    async findLatestVersion(agencyId: string, tx: Executor = db) {
      const rows = await tx
        .select(versionColumns)
        .from(standardVersions)
        .where(eq(standardVersions.agencyId, agencyId))
        .orderBy(desc(standardVersions.version))
        .limit(1);
      return rows[0];
    },

    async insertVersion(
      version: typeof standardVersions.$inferInsert,
      services: (typeof standardServices.$inferInsert)[],
      tx: Executor,
    ) {
      await tx.insert(standardVersions).values(version);
      if (services.length > 0) await tx.insert(standardServices).values(services);
    },

    /** Every version of an agency, newest first, with its number of services. */
    async listVersions(agencyId: string, tx: Executor = db) {
      return tx
        .select({
          ...versionColumns,
          serviceCount: sql<number>`count(${standardServices.serviceCode})::int`,
          // Null for a document that does not say (then it is a keputusan); not worth a column.
          decreeInstrument: sql<DecreeInstrument | null>`${standardVersions.document}->'decree'->>'instrument'`,
        })
        .from(standardVersions)
        .leftJoin(
          standardServices,
          and(eq(standardServices.agencyId, standardVersions.agencyId), eq(standardServices.version, standardVersions.version)),
        )
        .where(eq(standardVersions.agencyId, agencyId))
        .groupBy(standardVersions.agencyId, standardVersions.version)
        .orderBy(desc(standardVersions.version));
    },

    async findVersion(agencyId: string, version: number, tx: Executor = db): Promise<VersionRow | undefined> {
      const rows = await tx
        .select()
        .from(standardVersions)
        .where(and(eq(standardVersions.agencyId, agencyId), eq(standardVersions.version, version)));
      return rows[0];
    },

    /** The version in force on a local date: the highest whose decree is effective by then. */
    async findVersionNumberInForce(agencyId: string, localDate: string, tx: Executor = db): Promise<number | undefined> {
      const rows = await tx
        .select({ version: standardVersions.version })
        .from(standardVersions)
        .where(and(eq(standardVersions.agencyId, agencyId), lte(standardVersions.effectiveFrom, localDate)))
        .orderBy(desc(standardVersions.version))
        .limit(1);
      return rows[0]?.version;
    },

    /** The first version that comes into force after a local date, when none is in force yet. */
    async findFirstUpcomingVersionNumber(agencyId: string, localDate: string, tx: Executor = db): Promise<number | undefined> {
      const rows = await tx
        .select({ version: standardVersions.version })
        .from(standardVersions)
        .where(and(eq(standardVersions.agencyId, agencyId), gt(standardVersions.effectiveFrom, localDate)))
        .orderBy(asc(standardVersions.effectiveFrom), desc(standardVersions.version))
        .limit(1);
      return rows[0]?.version;
    },

    /**
     * For each (agency, local date) pair, the version in force there: one query for the whole
     * catalogue, each agency judged by the date in its own time zone.
     */
    async findVersionsInForce(pairs: readonly { agencyId: string; localDate: string }[], tx: Executor = db) {
      if (pairs.length === 0) return [];
      const ids = pairs.map((p) => p.agencyId);
      const dates = pairs.map((p) => p.localDate);
      const result = await tx.execute(sql`
        select distinct on (v.agency_id) v.agency_id, v.version
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(dates)}::date[]) as q(agency_id, local_date)
        join ${standardVersions} v on v.agency_id = q.agency_id and v.effective_from <= q.local_date
        order by v.agency_id, v.version desc`);
      return rowsOf<{ agency_id: string; version: number }>(result).map((r) => ({ agencyId: r.agency_id, version: r.version }));
    },

    async listServices(agencyId: string, version: number, tx: Executor = db): Promise<ServiceRow[]> {
      return tx
        .select()
        .from(standardServices)
        .where(and(eq(standardServices.agencyId, agencyId), eq(standardServices.version, version)))
        .orderBy(asc(standardServices.position));
    },

    async findService(agencyId: string, version: number, serviceCode: string, tx: Executor = db): Promise<ServiceRow | undefined> {
      const rows = await tx
        .select()
        .from(standardServices)
        .where(
          and(eq(standardServices.agencyId, agencyId), eq(standardServices.version, version), eq(standardServices.serviceCode, serviceCode)),
        );
      return rows[0];
    },

    /** Services of the given (agency, version) pairs that match every filter given. */
    async searchServices(
      options: {
        versions: readonly { agencyId: string; version: number }[];
        requesterType?: string | undefined;
        channel?: string | undefined;
        q?: string | undefined;
      },
      tx: Executor = db,
    ): Promise<ServiceRow[]> {
      if (options.versions.length === 0) return [];
      const filters: SQL[] = [];
      if (options.requesterType) filters.push(sql`${options.requesterType} = any(${standardServices.requesterTypes})`);
      if (options.channel) filters.push(sql`${options.channel} = any(${standardServices.channels})`);
      if (options.q) {
        const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push(
          or(
            ilike(standardServices.name, pattern),
            ilike(standardServices.serviceCode, pattern),
            sql`${standardServices.definition}->>'description' ilike ${pattern}`,
          )!,
        );
      }
      const byAgency = new Map<string, number[]>();
      for (const v of options.versions) byAgency.set(v.agencyId, [...(byAgency.get(v.agencyId) ?? []), v.version]);
      const pinned = [...byAgency].map(([agencyId, versions]) =>
        and(eq(standardServices.agencyId, agencyId), inArray(standardServices.version, versions))!,
      );
      return tx
        .select()
        .from(standardServices)
        .where(and(or(...pinned), ...filters))
        .orderBy(asc(standardServices.agencyId), asc(standardServices.position));
    },
  };
}

export type StandardsRepo = ReturnType<typeof createStandardsRepo>;
