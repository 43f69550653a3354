/**
 * Intake throughput and queue latency over HTTP, against a baseline measured in the same run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/intake/run.ts \
 *     [--seconds 15] [--concurrency 16] [--queue-rows 1000000] [--queue-samples 200]
 *
 * 1. Starts the real server (`bin/sigap.js serve`) on loopback against a fresh PostgreSQL database
 *    with the Kalimantan Selatan standard, and an API token with requests.intake and requests.view.
 * 2. Intake: `--concurrency` clients POST intakes for `--seconds`; requests/s and p50/p95/p99.
 * 3. Baseline: the same rows (request, checklist item, filing event) written by plain INSERTs, one
 *    transaction per request, through the same driver (node-postgres) at the same concurrency.
 * 4. Queue: `--queue-rows` requests added with INSERT … SELECT generate_series (20 % open), then
 *    GET …/queue pages timed one after another: first page, fifth page (cursor), breached.
 * Everything is bounded in time and size and stays on 127.0.0.1; the database is dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hashToken, randomToken } from '../../src/server/lib/secrets.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const seconds = arg('seconds', 15);
const concurrency = arg('concurrency', 16);
const queueRows = arg('queue-rows', 1_000_000);
const queueSamples = arg('queue-samples', 200);

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('DATABASE_URL must point at a PostgreSQL server (the bench creates and drops its own database)');
  process.exit(2);
}
const root = fileURLToPath(new URL('../..', import.meta.url));
const dbName = `sigap_bench_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Run {
  count: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** `workers` loops calling `once` for `durationMs`; latencies in ms. */
async function load(workers: number, durationMs: number, once: (i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await once(next++).catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, errors, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

const fmt = (r: Run) =>
  `${r.perSecond.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  (${r.count} ok, ${r.errors} errors)`;

const intakeBody = (i: number) => ({
  service: 'dukungan-spse',
  channel: 'lpse-support',
  title: `Bench ${i}: gagal unggah dokumen penawaran`,
  description: 'Error 500 saat unggah dokumen penawaran pada paket tender.',
  requester: { type: 'vendor', name: `Penyedia ${i}`, email: `p${i}@bench.co.id`, phone: '0811 500 550' },
  organisation: { name: `CV Bench ${i}`, npwp: '01.312.166.0-091.000', nib: '9120001234567' },
});

async function main() {
  await admin(`create database "${dbName}"`);
  let server: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  try {
    const port = await freePort();
    server = spawn(process.execPath, [path.join(root, 'bin', 'sigap.js'), 'serve'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', SIGAP_STANDARDS_DIR: path.join(root, 'standards', 'kalsel-prov'), SIGAP_SWEEP_SECONDS: '0', SIGAP_DATA_DIR: path.join('/tmp', dbName) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error('server exited');
      if (Date.now() > deadline) throw new Error('server not ready');
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {
        // starting
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const agency = (await pool.query<{ id: string }>(`select id from agencies where code = 'kalsel-prov'`)).rows[0]!.id;
    const token = randomToken();
    await pool.query(`insert into api_tokens (agency_id, name, token_hash, prefix, permissions) values ($1, 'bench', $2, $3, $4)`, [
      agency,
      hashToken(token),
      token.slice(0, 6),
      ['requests.intake', 'requests.view'],
    ]);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    console.log(`sigap bench/intake — node ${process.version}, PostgreSQL, ${concurrency} concurrent clients, ${seconds} s per run, loopback`);

    // Warm-up: JIT, caches (standard version, calendar), connection pools.
    await load(concurrency, 2000, async (i) => (await fetch(`${base}/api/requests/agencies/kalsel-prov/intake`, { method: 'POST', headers, body: JSON.stringify(intakeBody(-i - 1)) })).status === 201);

    const intakeOnce = async (i: number) => {
      const res = await fetch(`${base}/api/requests/agencies/kalsel-prov/intake`, { method: 'POST', headers, body: JSON.stringify(intakeBody(i)) });
      await res.arrayBuffer();
      return res.status === 201;
    };
    const http = await load(concurrency, seconds * 1000, intakeOnce);
    console.log(`intake over HTTP         : ${fmt(http)}`);

    // Baseline: the rows an intake stores, as plain INSERTs through the same driver.
    const received = new Date();
    let seq = 10_000_000;
    const baselineOnce = async (i: number) => {
      const client = await pool.connect();
      try {
        const id = randomUUID();
        const n = seq++;
        await client.query('begin');
        await client.query(
          `insert into requests (agency_id, id, number, year, seq, tracking_secret_hash, service_code, standard_version, channel, channel_kind, source, title, description,
             requester_type, requester_name, requester_email, requester_phone, organisation_name, organisation_npwp, organisation_nib, current_step, "current_role",
             handling_agency_id, involved_agency_ids, status, received_at, clock_started_at, response_limit, response_due_at, sort_due_at, next_check_at, pauses)
           values ($1, $2, $3, 2099, $4, $5, 'dukungan-spse', 1, 'lpse-support', 'application', 'api', $6, $7, 'vendor', $8, $9, '62811500550', $10,
             '0013121660091000', '9120001234567', 'tiket-lpse', 'helpdesk', $1, array[$1]::uuid[], 'open', $11, $11, '{"unit":"working_days","max":3}', $11, $11, $11, '[]')`,
          [agency, id, `KALSEL-PROV-2099-${n}`, n, randomBytes(32).toString('hex'), `Bench ${i}`, 'Error 500 saat unggah dokumen penawaran pada paket tender.', `Penyedia ${i}`, `p${i}@bench.co.id`, `CV Bench ${i}`, received],
        );
        await client.query(
          `insert into request_checklist_items (agency_id, request_id, code, position, label, kind, required, state) values ($1, $2, 'data-dukung', 0, 'Data dukung', 'document', true, 'pending')`,
          [agency, id],
        );
        await client.query(
          `insert into request_events (agency_id, request_id, occurred_at, kind, actor_type, actor_id, actor_label, to_step, visibility, data)
           values ($1, $2, $3, 'filed', 'api_token', null, 'bench', 'tiket-lpse', 'public', '{"channel":"lpse-support"}')`,
          [agency, id, received],
        );
        await client.query('commit');
        return true;
      } catch {
        await client.query('rollback').catch(() => {});
        return false;
      } finally {
        client.release();
      }
    };
    const baseline = await load(concurrency, seconds * 1000, baselineOnce);
    console.log(`baseline plain INSERTs   : ${fmt(baseline)}`);
    console.log(`ratio HTTP / baseline    : ${(http.perSecond / baseline.perSecond).toFixed(2)} of the throughput, p50 ×${(http.p50 / baseline.p50).toFixed(1)}, p99 ×${(http.p99 / baseline.p99).toFixed(1)}`);
    // One client: the cost of one intake without waiting for the agency's counter and audit chain.
    const single = Math.max(3, Math.round(seconds / 3)) * 1000;
    const http1 = await load(1, single, (i) => intakeOnce(1_000_000 + i));
    const base1 = await load(1, single, (i) => baselineOnce(1_000_000 + i));
    console.log(`intake over HTTP, 1 client: ${fmt(http1)}`);
    console.log(`baseline, 1 client        : ${fmt(base1)}`);
    console.log(`ratio, 1 client           : ${(http1.perSecond / base1.perSecond).toFixed(2)} of the throughput, p50 ×${(http1.p50 / base1.p50).toFixed(1)}, p99 ×${(http1.p99 / base1.p99).toFixed(1)}`);

    // Queue with a million requests.
    const t0 = performance.now();
    const chunk = 100_000;
    for (let from = 1; from <= queueRows; from += chunk) {
      const to = Math.min(queueRows, from + chunk - 1);
      await pool.query(
        `insert into requests (agency_id, id, number, year, seq, tracking_secret_hash, service_code, standard_version, channel, channel_kind, source, title,
           requester_type, requester_name, requester_email, current_step, "current_role", handling_agency_id, involved_agency_ids, status, priority,
           received_at, pauses, sort_due_at, clock_state, next_check_at)
         select $1, gen_random_uuid(), 'KALSEL-PROV-2025-' || lpad(g::text, 7, '0'), 2025, g, md5(g::text), 'dukungan-spse', 1, 'lpse-support', 'application', 'api',
           'Bench queue ' || g, 'vendor', 'Penyedia ' || g, 'q' || g || '@bench.co.id',
           case when g % 5 = 0 then 'tiket-lpse' else 'selesai' end,
           case when g % 5 = 0 then (array['helpdesk', 'petugas-pelayanan', 'call-centre'])[1 + (g / 5) % 3] end,
           $1, array[$1]::uuid[], case when g % 5 = 0 then 'open' else 'closed' end, g % 997 = 0,
           now() - make_interval(mins => g), '[]',
           case when g % 5 = 0 then now() + make_interval(mins => ((g::bigint * 7919) % 20000 - 5000)::int) end,
           case when g % 5 <> 0 then 'ok' when (g::bigint * 7919) % 20000 < 5000 then 'breached' when (g::bigint * 7919) % 20000 < 6000 then 'warning' else 'ok' end,
           null
         from generate_series($2::int, $3::int) g`,
        [agency, from, to],
      );
    }
    await pool.query('analyze requests');
    const total = (await pool.query<{ n: string }>('select count(*) as n from requests')).rows[0]!.n;
    console.log(`queue data               : ${total} requests (${queueRows} generated in ${((performance.now() - t0) / 1000).toFixed(0)} s, 20 % open)`);

    async function timeQueue(label: string, url: () => Promise<string>) {
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < queueSamples; i++) {
        const u = await url();
        const s = performance.now();
        const res = await fetch(u, { headers });
        const json = (await res.json()) as { items: unknown[] };
        times.push(performance.now() - s);
        if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
        items = json.items.length;
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(25)}: p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  (${items} items, ${queueSamples} sequential GETs)`);
    }
    const q = `${base}/api/requests/agencies/kalsel-prov/queue`;
    await timeQueue('queue all, first page', async () => `${q}?view=all&limit=50`);
    let cursor: string | null = null;
    for (let page = 0; page < 4; page++) {
      const res: Response = await fetch(`${q}?view=all&limit=50${cursor ? `&after=${cursor}` : ''}`, { headers });
      cursor = ((await res.json()) as { next: string | null }).next;
    }
    await timeQueue('queue all, fifth page', async () => `${q}?view=all&limit=50&after=${cursor}`);
    await timeQueue('queue breached', async () => `${q}?view=breached&limit=50`);
    await timeQueue('queue near breach', async () => `${q}?view=near_breach&limit=50`);
    const plan = await pool.query(
      `explain (analyze, format text) select id from requests where agency_id = $1 and handling_agency_id = $1 and status <> 'closed' and "current_role" = $2
       order by priority desc nulls last, sort_due_at asc nulls last, id asc limit 50`,
      [agency, 'helpdesk'],
    );
    const planText = plan.rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n');
    const exec = /Execution Time: ([\d.]+) ms/.exec(planText)?.[1];
    console.log(`role queue (SQL, helpdesk): ${exec} ms, ${/Index (?:Only )?Scan using (\w+)/.exec(planText)?.[1] ? `index ${/Index (?:Only )?Scan using (\w+)/.exec(planText)![1]}` : 'no index scan'}`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await pool.end();
    await admin(`drop database if exists "${dbName}" with (force)`);
  }
}

await main();
