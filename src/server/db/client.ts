import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './tables/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema>;
/** What a repo method runs its SQL on: the database, or a transaction a service opened. */
export type Executor = Db | Transaction;

export const migrationsFolder = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

/** An arbitrary constant shared by every Sigap process: the advisory lock held while migrating. */
const migrationLockKey = 7_307_015_525;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a directory, or the server without credentials. */
  location: string;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
}

/** Each driver is loaded only when it is the one in use: a process talks to one kind of database. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzleNodePg }, { migrate: migrateNodePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = drizzleNodePg({ client: pool, schema });
  const url = new URL(databaseUrl);
  return {
    db,
    kind: 'postgres',
    location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
    migrate: async () => {
      // Several processes may start at once against one server: one migrates, the others wait.
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [migrationLockKey]);
        await migrateNodePg(db, { migrationsFolder });
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => {});
        lock.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : path.join(dataDir, 'pglite');
  // Before anything is read or written: a second process on the folder is refused (data-dir-lock.ts).
  const lock = inMemory ? undefined : await lockDataDir(dataDir);
  if (!inMemory) mkdirSync(location, { recursive: true });
  const [{ PGlite }, { pg_trgm }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  // pg_trgm backs the typo-tolerant vendor search; PostgreSQL ships it as a trusted extension.
  const client = await PGlite.create(location, { extensions: { pg_trgm } }).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    location,
    migrate: () => migratePglite(db, { migrationsFolder }),
    ping: async () => {
      if (client.closed) throw new Error('embedded database is closed');
      await client.query('select 1');
    },
    close: async () => {
      if (!client.closed) await client.close();
      await lock?.release();
    },
  };
}
