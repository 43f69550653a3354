import type { FastifyInstance } from 'fastify';
import { buildApp, type IdentityOptions } from '../app.js';
import type { RequestsOptions } from '../modules/requests/requests.module.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole application on a fresh database, for `app.inject()` integration tests. */
export async function createTestApp(options: { webRoot?: string; identity?: IdentityOptions; requests?: RequestsOptions } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    // As behind a reverse proxy, so tests can speak for a client's address and https.
    config: { bodyLimit: 1_048_576, logLevel: 'silent', trustProxy: true },
    database,
    logger: false,
    webRoot: options.webRoot ?? '/nonexistent',
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
