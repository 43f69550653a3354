/**
 * A throwaway copy of Sigap for `sigap standards rehearse`: every service of the composition root
 * over a fresh in-memory PGlite with the migrations applied, whatever database is configured. Its
 * files stay in memory and its mails are kept, never sent. The real database is not touched: the
 * rehearsal only reads its stored standards, so nothing it files, numbers, audits or mails
 * reaches the real data or anyone, and it holds no lock there while it runs (a rolled-back
 * transaction on the real database would hold the agency's number counter for the whole run and
 * stop real intake, and its e-mails would already be gone).
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from './db/client.js';
import type { Mail } from './lib/mailer.js';
import type { FileStorage } from './modules/requests/requests.attachments.js';
import { createServices, type ServicesLog } from './services.js';

export async function openScratchServices(options: { clock: () => Date; log: ServicesLog }) {
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const mails: Mail[] = [];
  const files = new Map<string, Buffer>();
  const storage: FileStorage = {
    has: async (key) => files.has(key),
    put: async (key, data) => void files.set(key, data),
    get: async (key) => {
      const data = files.get(key);
      if (!data) throw new Error(`no file ${key} in the scratch copy`);
      return data;
    },
  };
  const services = createServices({
    database,
    clock: options.clock,
    mailer: { send: async (mail) => void mails.push(mail) },
    log: options.log,
    options: { publicUrl: 'http://gladi-resik.invalid', secretKey: randomBytes(32), requests: { storage } },
  });
  return { services, mails, close: () => database.close() };
}
