import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { agencies } from '../../db/tables/index.js';

const parent = alias(agencies, 'parent');

const summaryColumns = {
  id: agencies.id,
  code: agencies.code,
  name: agencies.name,
  level: agencies.level,
  timeZone: agencies.timeZone,
  parentId: agencies.parentId,
  parentCode: parent.code,
};

export function createAgenciesRepo(db: Executor) {
  return {
    async listAll(tx: Executor = db) {
      return tx
        .select(summaryColumns)
        .from(agencies)
        .leftJoin(parent, eq(agencies.parentId, parent.id))
        .orderBy(asc(agencies.name));
    },

    async findByCode(code: string, tx: Executor = db) {
      const rows = await tx
        .select(summaryColumns)
        .from(agencies)
        .leftJoin(parent, eq(agencies.parentId, parent.id))
        .where(eq(agencies.code, code))
        .limit(1);
      return rows[0];
    },

    async findById(id: string, tx: Executor = db) {
      const rows = await tx
        .select(summaryColumns)
        .from(agencies)
        .leftJoin(parent, eq(agencies.parentId, parent.id))
        .where(eq(agencies.id, id))
        .limit(1);
      return rows[0];
    },

    /**
     * Creates the agency or brings its row in line with its standard. The row stays locked until
     * the caller's transaction ends, so concurrent imports of one agency queue up behind it.
     */
    async upsert(values: Omit<typeof agencies.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>, tx: Executor = db) {
      const rows = await tx
        .insert(agencies)
        .values(values)
        .onConflictDoUpdate({
          target: agencies.code,
          set: {
            name: values.name,
            level: values.level,
            timeZone: values.timeZone,
            parentId: values.parentId ?? null,
            updatedAt: sql`case when (${agencies.name}, ${agencies.level}, ${agencies.timeZone}, ${agencies.parentId}) is distinct from (excluded.name, excluded.level, excluded.time_zone, excluded.parent_id) then now() else ${agencies.updatedAt} end`,
          },
        })
        .returning({ id: agencies.id });
      return rows[0]!.id;
    },
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;
