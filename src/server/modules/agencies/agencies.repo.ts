import { asc, eq } from 'drizzle-orm';
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
  };
}

export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;
