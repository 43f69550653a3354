import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import { requestChecklistItems, requestEvents, requests } from '../../db/tables/index.js';

/**
 * Kills the real server (`bin/sigap.js serve`) with SIGKILL while intakes are in flight, starts it
 * again on the same data, and checks that every request that got a 201 is there, complete: the
 * 201 is sent only after the transaction committed. Runs on the embedded database, and on
 * PostgreSQL when DATABASE_URL is set.
 */

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const bin = path.join(root, 'bin', 'sigap.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startServe(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: root,
    // The clients below speak for many addresses through X-Forwarded-For, so the per-address
    // limit of anonymous filing does not turn the load into 429s.
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', SIGAP_SWEEP_SECONDS: '0', SIGAP_TRUST_PROXY: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('serve did not become ready');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM and wait: the server closes its database cleanly, so the test can open it. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const body = (i: number) => ({
  service: 'dukungan-spse',
  channel: 'lpse-support',
  title: `Durability ${i}`,
  description: `Permohonan nomor urut ${i}`,
  requester: { type: 'vendor', name: `Penyedia ${i}`, email: `p${i}@vendor.co.id` },
  organisation: { name: `CV ${i}`, npwp: '01.312.166.0-091.000' },
});

async function fireUntilKilled(url: string, child: ChildProcess, killAfter: number) {
  const acknowledged: { number: string; i: number }[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const i = next++;
      try {
        const res = await fetch(`${url}/api/public/agencies/kalsel-prov/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${i % 250}.${(i >> 8) % 250}` },
          body: JSON.stringify(body(i)),
        });
        if (res.status === 201) {
          acknowledged.push({ number: ((await res.json()) as { number: string }).number, i });
          if (acknowledged.length >= killAfter && !killed) {
            killed = true;
            // Mid-flight: the other workers' requests are being processed right now.
            await kill(child);
          }
        } else {
          throw new Error(`unexpected ${res.status}: ${await res.text()}`);
        }
      } catch (error) {
        if (!killed) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return acknowledged;
}

const modes: ('pglite' | 'postgres')[] = ['pglite', ...(loadConfig().databaseUrl ? (['postgres'] as const) : [])];

describe.each(modes)('durability of intake on %s', (mode) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sigap-durability-'));
  const adminUrl = loadConfig().databaseUrl;
  const dbName = `sigap_durability_${randomBytes(5).toString('hex')}`;
  let child: ChildProcess | undefined;

  async function admin(sql: string) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    if (child) await kill(child);
    rmSync(dataDir, { recursive: true, force: true });
    if (mode === 'postgres') await admin(`drop database if exists "${dbName}" with (force)`);
  });

  it('keeps every request that got a 201 across a SIGKILL, complete', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SIGAP_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    if (mode === 'postgres') {
      await admin(`create database "${dbName}"`);
      const url = new URL(adminUrl!);
      url.pathname = `/${dbName}`;
      env.DATABASE_URL = url.toString();
    }
    const first = await startServe(env);
    child = first.child;
    const acknowledged = await fireUntilKilled(first.url, first.child, 40);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await startServe(env);
    child = second.child;
    // Numbers stay gap-free after the crash: the next intake follows the highest committed one.
    const after = await fetch(`${second.url}/api/public/agencies/kalsel-prov/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.2.0.1' },
      body: JSON.stringify(body(100_000)),
    });
    expect(after.status).toBe(201);
    const seqOf = (n: string) => Number(n.split('-').at(-1));
    const highest = Math.max(...acknowledged.map((a) => seqOf(a.number)));
    const afterNumber = ((await after.json()) as { number: string }).number;
    expect(seqOf(afterNumber)).toBeGreaterThan(highest);
    // A clean stop, then the stored rows read straight from the database the server used.
    await stop(second.child);
    child = undefined;
    const database = await openDatabase(mode === 'postgres' ? { databaseUrl: env.DATABASE_URL } : { dataDir });
    try {
      const db = database.db;
      for (const { number, i } of acknowledged) {
        const [row] = await db.select().from(requests).where(eq(requests.number, number));
        expect(row, `${number} after restart`).toMatchObject({ title: `Durability ${i}`, description: `Permohonan nomor urut ${i}`, status: 'open', requesterEmail: `p${i}@vendor.co.id` });
        const items = await db.select().from(requestChecklistItems).where(and(eq(requestChecklistItems.agencyId, row!.agencyId), eq(requestChecklistItems.requestId, row!.id)));
        expect(items.length).toBeGreaterThan(0);
        const events = await db.select().from(requestEvents).where(and(eq(requestEvents.agencyId, row!.agencyId), eq(requestEvents.requestId, row!.id)));
        expect(events.map((e) => e.kind)).toEqual(['filed']);
      }
      // No half-written request: every stored request has its checklist and its filing event.
      const [{ orphans }] = (await db
        .select({ orphans: sql<number>`count(*)::int` })
        .from(requests)
        .where(sql`not exists (select 1 from request_events e where e.agency_id = ${requests.agencyId} and e.request_id = ${requests.id})`)) as [{ orphans: number }];
      expect(orphans).toBe(0);
      // Gap-free: the stored numbers are exactly 1..n, the one filed after the restart last.
      const seqs = (await db.select({ seq: requests.seq }).from(requests)).map((r) => r.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, k) => k + 1));
      expect(seqs.at(-1)).toBe(seqOf(afterNumber));
    } finally {
      await database.close();
    }

  });
});
