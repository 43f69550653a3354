import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../app.js';
import type { Database } from '../db/client.js';
import type { Mailer } from '../lib/mailer.js';
import type { IdentityOptions } from '../modules/identity/identity.config.js';
import type { FileStorage } from '../modules/requests/requests.attachments.js';
import type { EffectHandlers } from '../modules/requests/requests.effects.js';
import { createServices, type Services, type ServicesLog } from '../services.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** The services the app was built with, for factories and for calls the API does not offer. */
  services: Services;
  close(): Promise<void>;
}

export interface TestAppOptions {
  webRoot?: string;
  /** Where the services report what they cannot return (a failed mail); default: nowhere. */
  log?: Partial<ServicesLog>;
  identity?: IdentityOptions & {
    mailer?: Mailer;
    /** The deployment key (TOTP secrets, the file key); absent: `requests.secretKey`, or a random key for this app only. */
    secretKey?: Buffer;
    publicUrl?: string;
    rateLimits?: BuildAppOptions['rateLimits'];
    /** Every service's clock. */
    clock?: () => Date;
  };
  requests?: {
    /** Absent (with no `storage`): a fresh folder under the system's temporary directory. */
    filesDir?: string;
    storage?: FileStorage;
    /** The same deployment key as `identity.secretKey` (either may give it). */
    secretKey?: Buffer;
    effects?: EffectHandlers;
    maxFileBytes?: number;
  };
}

/** The whole application on a fresh database, for `app.inject()` integration tests. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const services = createTestServices(database, options);
  const app = await buildApp(services, {
    // As behind a reverse proxy, so tests can speak for a client's address and https.
    config: { bodyLimit: 1_048_576, logLevel: 'silent', trustProxy: true },
    logger: false,
    webRoot: options.webRoot ?? '/nonexistent',
    rateLimits: options.identity?.rateLimits,
    maxFileBytes: options.requests?.maxFileBytes,
  });
  await app.ready();
  return {
    app,
    database,
    services,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/**
 * Every service over a database, from the composition root, with the test defaults: a random
 * deployment key, a temporary attachments folder, no mail unless a mailer is given, no log.
 */
export function createTestServices(database: Database, options: Omit<TestAppOptions, 'webRoot'> = {}): Services {
  const { mailer, secretKey, publicUrl, rateLimits: _routesOnly, clock, ...identity } = options.identity ?? {};
  const requests = options.requests ?? {};
  return createServices({
    database,
    clock,
    mailer: mailer ?? unconfiguredMailer,
    log: { ...silentLog, ...options.log },
    options: {
      publicUrl: publicUrl ?? 'http://localhost:3000',
      // One deployment key, as in production: TOTP secrets and the file key both come from it.
      secretKey: secretKey ?? requests.secretKey ?? randomBytes(32),
      identity,
      requests: {
        ...(requests.storage
          ? { storage: requests.storage }
          : // Created by the first upload only, so most tests leave nothing behind.
            { filesDir: requests.filesDir ?? path.join(os.tmpdir(), `sigap-files-${randomBytes(6).toString('hex')}`) }),
        effects: requests.effects,
      },
    },
  });
}

/** Tests that send no mail: nothing is sent (a test that expects mail passes its own mailer). */
const unconfiguredMailer: Mailer = { send: async () => undefined };

const silentLog: ServicesLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
