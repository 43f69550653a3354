/**
 * Vendor registry search over a million vendors on PostgreSQL, against a baseline measured in the
 * same run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/vendors/run.ts \
 *     [--vendors 1000000] [--samples 200]
 *
 * 1. Creates a fresh database on the server, migrates it, saves one agency (banjarmasin-kota).
 * 2. Adds `--vendors` vendors with INSERT … SELECT generate_series: company names made of
 *    Indonesian business words (many share words, as real registries do), valid old-form NPWPs
 *    (check digit computed in SQL), 13-digit NIBs, e-mails; 30 % hold an SPSE account at the agency
 *    with a user ID. VACUUM ANALYZE, as autovacuum would leave the tables.
 * 3. Times `--samples` sequential calls of the vendor service's `search` (what GET
 *    /api/vendors/agencies/:agency/vendors runs) for each way of searching: NPWP (dotted),
 *    NIB, name with a typo (one letter dropped from an existing name, legal form in front),
 *    user ID, e-mail; and the first page of the registry by name.
 * 4. Baseline: a plain indexed lookup (a vendor by its primary key) through the same driver and
 *    pool, the same number of times. Ratios are the figures to read on a shared machine.
 * The database is dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/client.js';
import { createServices } from '../../src/server/services.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const vendorCount = arg('vendors', 1_000_000);
const samples = arg('samples', 200);

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error('DATABASE_URL must point at a PostgreSQL server (the bench creates and drops its own database)');
  process.exit(2);
}
const dbName = `sigap_bench_vendors_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Both drivers return raw results as `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  found: number;
}

/** Sequential calls, one per target; latencies in ms; `found` counts calls that returned what was sought. */
async function time<T>(targets: T[], once: (target: T) => Promise<boolean>): Promise<Timing> {
  const latencies: number[] = [];
  let found = 0;
  for (const target of targets) {
    const t0 = performance.now();
    if (await once(target)) found++;
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), found };
}

const fmt = (t: Timing, base: Timing) =>
  `p50 ${t.p50.toFixed(2).padStart(7)} ms  p95 ${t.p95.toFixed(2).padStart(7)} ms  p99 ${t.p99.toFixed(2).padStart(7)} ms  ` +
  `(p50 ×${(t.p50 / base.p50).toFixed(1)}, p95 ×${(t.p95 / base.p95).toFixed(1)} the baseline; found ${t.found}/${samples})`;

// Words of Indonesian company names; four lists so that names share words the way real ones do.
const first = ['Maju', 'Karya', 'Sinar', 'Cahaya', 'Bumi', 'Mitra', 'Putra', 'Berkah', 'Sentosa', 'Anugerah', 'Harapan', 'Cipta', 'Mandiri', 'Sejahtera', 'Prima', 'Bintang', 'Citra', 'Mulia', 'Jaya', 'Abadi', 'Tunas', 'Surya', 'Indah', 'Nusa', 'Graha', 'Mega', 'Duta', 'Rizki', 'Barito', 'Banua'];
const second = ['Jaya', 'Abadi', 'Makmur', 'Sentosa', 'Utama', 'Perkasa', 'Mandiri', 'Lestari', 'Bersama', 'Gemilang', 'Sakti', 'Agung', 'Raya', 'Persada', 'Teknik', 'Konstruksi', 'Niaga', 'Sarana', 'Karya', 'Pratama'];
const third = ['Borneo', 'Kalimantan', 'Banjar', 'Martapura', 'Nusantara', 'Indonesia', 'Sejati', 'Multi', 'Global', 'Engineering', 'Konsultan', 'Trading', 'Elektrik', 'Medika', 'Digital', 'Logistik', 'Pangan', 'Bangun', 'Samudra', 'Kencana', 'Wijaya', 'Perdana', 'Lancar', 'Sukses', 'Tama'];
const arr = (words: string[]) => `array[${words.map((w) => `'${w}'`).join(',')}]`;

async function main() {
  await admin(`create database "${dbName}"`);
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 4 });
  try {
    await database.migrate();
    const services = createServices({
      database,
      mailer: { send: async () => undefined },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      options: { publicUrl: 'http://127.0.0.1', secretKey: randomBytes(32), requests: { filesDir: mkdtempSync(path.join(tmpdir(), 'sigap-bench-vendors-')) } },
    });
    const agency = await database.db.transaction((tx) =>
      services.agencies.saveAgencyFromStandard({ tx, code: 'banjarmasin-kota', name: 'Bagian Layanan Pengadaan Setdako Banjarmasin', level: 'kota', timeZone: 'Asia/Makassar' }),
    );
    const db = database.db;

    console.log(`sigap bench/vendors — node ${process.version}, PostgreSQL, ${vendorCount} vendors, ${samples} sequential calls per search`);
    const t0 = performance.now();
    // The NPWP: '0' + seven digits of i, the Luhn check digit over those eight computed here, then
    // six more digits. The key is '0' + the fifteen, as the registry normalises it.
    await db.execute(sql.raw(`
      insert into vendors (id, name, legal_form, npwp, npwp_key, nib, address, email, phone, created_at, updated_at)
      select gen_random_uuid(), name, legal_form, npwp, '0' || npwp, nib, address, email, phone, now(), now()
      from (
        select i,
          (${arr(first)})[1 + i % ${first.length}] || ' ' || (${arr(second)})[1 + (i / ${first.length}) % ${second.length}] || ' ' ||
            (${arr(third)})[1 + (i / ${first.length * second.length}) % ${third.length}] ||
            case when i % 3 = 0 then ' ' || (i / ${first.length * second.length * third.length})::text else '' end as name,
          (array['cv','pt','pt','cv','firma','koperasi','usaha_perorangan'])[1 + i % 7] as legal_form,
          d8 || ((10 - ((
            substr(d8,1,1)::int + substr(d8,3,1)::int + substr(d8,5,1)::int + substr(d8,7,1)::int +
            (case when substr(d8,2,1)::int * 2 > 9 then substr(d8,2,1)::int * 2 - 9 else substr(d8,2,1)::int * 2 end) +
            (case when substr(d8,4,1)::int * 2 > 9 then substr(d8,4,1)::int * 2 - 9 else substr(d8,4,1)::int * 2 end) +
            (case when substr(d8,6,1)::int * 2 > 9 then substr(d8,6,1)::int * 2 - 9 else substr(d8,6,1)::int * 2 end) +
            (case when substr(d8,8,1)::int * 2 > 9 then substr(d8,8,1)::int * 2 - 9 else substr(d8,8,1)::int * 2 end)
          ) % 10)) % 10)::text || lpad((i % 1000000)::text, 6, '0') as npwp,
          '91' || lpad(i::text, 11, '0') as nib,
          'Jl. Bench No. ' || i || ', Banjarmasin' as address,
          'v' || i || '@vendor' || (i % 97) || '.co.id' as email,
          '62811' || lpad((i % 10000000)::text, 7, '0') as phone
        from (select i, '0' || lpad(i::text, 7, '0') as d8 from generate_series(1, ${vendorCount}) as i) s
      ) v`));
    await db.execute(sql.raw(`
      insert into vendor_accounts (agency_id, id, vendor_id, user_login, user_login_key, email, status, registered_at, updated_at)
      select '${agency.id}', gen_random_uuid(), id, 'user' || n, 'user' || n, 'spse' || n || '@vendor.co.id',
        (array['active','active','inactive','awaiting_verification'])[1 + n % 4], now(), now()
      from (select id, row_number() over () as n from vendors) v where n % 10 < 3`));
    // The vocabulary of name words, as the registry keeps it when it writes a name.
    await db.execute(sql.raw(`
      insert into vendor_name_words (word)
      select distinct lower(w) from vendors, regexp_split_to_table(name, '[^[:alnum:]]+') as w where w <> ''
      on conflict do nothing`));
    // As autovacuum leaves a table in steady state: the GIN pending list of a bulk load merged, statistics fresh.
    await db.execute(sql`vacuum analyze vendor_name_words`);
    await db.execute(sql`vacuum analyze vendors`);
    await db.execute(sql`vacuum analyze vendor_accounts`);
    console.log(`data                     : ${vendorCount} vendors, ${Math.round(vendorCount * 0.3)} accounts, generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const targets = rowsOf<{ id: string; name: string; legal_form: string; npwp: string; nib: string; email: string }>(
      await db.execute(sql.raw(`select id, name, legal_form, npwp, nib, email from vendors order by random() limit ${samples}`)),
    );
    const withLogin = rowsOf<{ id: string; login: string }>(
      await db.execute(sql.raw(`select vendor_id as id, user_login as login from vendor_accounts order by random() limit ${samples}`)),
    );
    const dotted = (d: string) => `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}.${d.slice(8, 9)}-${d.slice(9, 12)}.${d.slice(12, 15)}`;
    /** One letter dropped from the name's longest word, and PT or CV in front, as people type. */
    const typo = (p: { name: string; legal_form: string }) => {
      const words = p.name.split(' ');
      const longest = words.reduce((a, w, i) => (w.length > words[a]!.length ? i : a), 0);
      const w = words[longest]!;
      words[longest] = w.slice(0, Math.floor(w.length / 2)) + w.slice(Math.floor(w.length / 2) + 1);
      const prefix = p.legal_form === 'pt' ? 'PT ' : p.legal_form === 'cv' ? 'CV. ' : '';
      return `${prefix}${words.join(' ')}`;
    };
    const workspace = { id: agency.id };
    const search = (q: string, by: 'any' | 'name' | 'user_id' = 'any') => services.vendors.search(workspace, { q, by, limit: 20 });
    const hit = (items: { id: string }[], id: string) => items.some((v) => v.id === id);

    // Warm-up: plans, caches, the pool.
    for (const p of targets.slice(0, 20)) {
      await search(dotted(p.npwp));
      await search(typo(p));
    }

    const baseline = await time(targets, async (p) => rowsOf(await db.execute(sql`select * from vendors where id = ${p.id}`)).length === 1);
    console.log(`baseline (by primary key): p50 ${baseline.p50.toFixed(2).padStart(7)} ms  p95 ${baseline.p95.toFixed(2).padStart(7)} ms  p99 ${baseline.p99.toFixed(2).padStart(7)} ms`);
    const byNpwp = await time(targets, async (p) => hit((await search(dotted(p.npwp))).items, p.id));
    console.log(`NPWP (dotted)            : ${fmt(byNpwp, baseline)}`);
    const byNib = await time(targets, async (p) => hit((await search(p.nib)).items, p.id));
    console.log(`NIB                      : ${fmt(byNib, baseline)}`);
    const byName = await time(targets, async (p) => {
      const items = (await search(typo(p), 'name')).items;
      // Names repeat across vendors: found when a vendor of exactly that name is on the first page.
      return items.some((v) => v.name === p.name);
    });
    console.log(`name with a typo (top 20): ${fmt(byName, baseline)}`);
    const byUserId = await time(withLogin, async (p) => hit((await search(p.login.toUpperCase(), 'user_id')).items, p.id));
    console.log(`user ID                  : ${fmt(byUserId, baseline)}`);
    const byEmail = await time(targets, async (p) => hit((await search(p.email)).items, p.id));
    console.log(`e-mail                   : ${fmt(byEmail, baseline)}`);
    const firstPage = await time(targets, async () => (await services.vendors.search(workspace, { by: 'any', limit: 20 })).items.length === 20);
    console.log(`registry by name, page 1 : ${fmt(firstPage, baseline)}`);

    const plan = rowsOf<{ 'QUERY PLAN': string }>(
      await db.execute(sql`explain select id from vendors where to_tsvector('simple', name) @@ to_tsquery('simple', ${'(sentosa | sentana) & makmur & borneo'}) limit 500`),
    )
      .map((r) => r['QUERY PLAN'].trim())
      .filter((l) => /Index|Scan/.test(l));
    console.log(`name lookup plan         : ${plan.join(' | ')}`);
    const vocabulary = rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from vendor_name_words`))[0]!.n;
    console.log(`name vocabulary          : ${vocabulary} words`);
  } finally {
    await database.close();
    await admin(`drop database if exists "${dbName}" with (force)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
