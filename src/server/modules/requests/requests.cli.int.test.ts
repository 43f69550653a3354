import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { requests } from '../../db/tables/index.js';
import { createTestServices } from '../../test/app.js';
import { systemActor } from '../audit/audit.service.js';
import { loadStandards } from '../standards/standards.loader.js';

const run = promisify(execFile);

describe('sigap requests sweep', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sigap-sweep-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('marks a request filed last week as breached, once', async () => {
    // Filed on Tuesday 10 March 2026 at 09:00 WITA with a 30-minute limit: long breached by now.
    const filedAt = new Date('2026-03-10T01:00:00Z');
    const database = await openDatabase({ dataDir });
    let number: string;
    try {
      await database.migrate();
      const loaded = await loadStandards(path.resolve('standards/banjarmasin-kota'));
      const services = createTestServices(database, { identity: { clock: () => filedAt }, requests: { filesDir: path.join(dataDir, 'files') } });
      await services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
      const receipt = await services.requests.intake({
        ctx: { actor: { type: 'anonymous' }, ip: null, requestId: null, lang: 'id' },
        agencyCode: 'banjarmasin-kota',
        source: 'staff',
        input: {
          service: 'aktivasi-user-id',
          channel: 'walk-in',
          title: 'Aktivasi',
          requester: { type: 'vendor', name: 'Budi', email: 'budi@cv.co.id' },
          organisation: { name: 'CV Maju', nib: '9120001234567' },
          fields: {},
          statements: [],
        },
      });
      number = receipt.number;
    } finally {
      await database.close();
    }
    const env = { ...process.env, SIGAP_DATA_DIR: dataDir, DATABASE_URL: '' };
    const first = await run(process.execPath, ['bin/sigap.js', 'requests', 'sweep'], { env });
    expect(first.stdout).toMatch(/breaches 1\b/);
    const second = await run(process.execPath, ['bin/sigap.js', 'requests', 'sweep'], { env });
    expect(second.stdout).toMatch(/claimed 0, warnings 0, breaches 0/);
    const check = await openDatabase({ dataDir });
    try {
      const [row] = await check.db.select().from(requests).where(eq(requests.number, number));
      expect(row!.clockState).toBe('breached');
      expect(row!.nextCheckAt).toBeNull();
    } finally {
      await check.close();
    }
  });
});
