import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';

export interface TestDatabase extends Database {
  /** Closes the connection and drops the database this test created. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when
 * DATABASE_URL is set (as CI does), a new database created on that PostgreSQL server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    return { ...database, destroy: () => database.close() };
  }

  const name = `sigap_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(databaseUrl, `create database "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await database.migrate();
  return {
    ...database,
    destroy: async () => {
      await database.close();
      await adminQuery(databaseUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** One statement on the server's maintenance connection (create or drop a test database). */
export async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
