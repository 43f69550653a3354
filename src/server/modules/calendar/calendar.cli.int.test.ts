import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openDatabase, type Database } from '../../db/client.js';
import { agencies, agencyNonWorkingDates, auditEvents, calendarSettings } from '../../db/tables/index.js';

const run = promisify(execFile);
const cli = path.resolve('bin/sigap.js');

/**
 * The real `sigap` process against its own database: a PGlite folder, or, when DATABASE_URL is
 * set, a fresh database on that server. The test puts its agency rows there directly (the
 * standards import does not exist yet).
 */
describe('sigap calendar', () => {
  const { databaseUrl } = loadConfig();
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let openIt: () => Promise<Database>;

  const sigap = (args: string[]) => run(process.execPath, [cli, ...args], { env });

  beforeAll(async () => {
    if (databaseUrl) {
      const name = `sigap_cli_${randomBytes(6).toString('hex')}`;
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(sql).finally(() => client.end());
      };
      await admin(`create database "${name}"`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      env = { ...process.env, DATABASE_URL: url.toString() };
      openIt = () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
      cleanup = () => admin(`drop database if exists "${name}" with (force)`);
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-calendar-cli-'));
      env = { ...process.env, SIGAP_DATA_DIR: dir };
      delete env.DATABASE_URL;
      openIt = () => openDatabase({ dataDir: dir });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    // PGlite keeps one process per folder: open, write, close before each CLI run.
    const database = await openIt();
    await database.migrate();
    const [ntt] = await database.db
      .insert(agencies)
      .values({ code: 'ntt-prov', name: 'Biro PBJ Provinsi NTT', level: 'provinsi', timeZone: 'Asia/Makassar' })
      .returning();
    const h = ['08:00-12:00', '13:00-16:00'];
    await database.db.insert(calendarSettings).values({ agencyId: ntt!.id, weeklyHours: { mon: h, tue: h, wed: h, thu: h, fri: ['08:00-11:30', '13:00-16:00'] } });
    await database.close();
  }, 60_000);
  afterAll(async () => {
    await cleanup();
  });

  it('prints the deadline as ISO 8601 with the agency offset', async () => {
    const { stdout } = await sigap(['calendar', 'due', '--agency', 'ntt-prov', '--from', '2026-03-13T15:30', '--limit', '3 working days']);
    expect(stdout).toBe('2026-03-25T16:00:00+08:00\n');
  });

  it('explains the days and intervals it counted', async () => {
    const { stdout } = await sigap(['calendar', 'due', '--agency', 'ntt-prov', '--from', '2026-03-06T14:30', '--limit', '3 jam', '--explain']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('2026-03-09T09:30:00+08:00');
    expect(lines).toContain('2026-03-06 fri kerja / working           14:30-16:00 (90 min)');
    expect(lines).toContain('2026-03-09 mon kerja / working           08:00-09:30 (90 min)');
    expect(lines.at(-1)).toBe('batas waktu / deadline 2026-03-09T09:30:00+08:00');
  });

  it('refuses an unknown limit or agency with a non-zero exit and both languages', async () => {
    await expect(sigap(['calendar', 'due', '--agency', 'ntt-prov', '--from', '2026-03-13T15:30', '--limit', '3 fortnights'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not understood'),
    });
    await expect(sigap(['calendar', 'due', '--agency', 'nowhere', '--from', '2026-03-13T15:30', '--limit', '3 jam'])).rejects.toMatchObject({
      code: 3,
      stderr: expect.stringContaining('tidak ditemukan'),
    });
  });

  it('imports an .ics file for an agency, then lists the year with it', async () => {
    const file = path.resolve('src/server/modules/calendar/testdata/holidays.ics');
    const imported = await sigap(['calendar', 'import-ics', file, '--agency', 'ntt-prov']);
    expect(imported.stdout).toContain('+ 2027-03-09  closure       Hari Suci Nyepi  (belum dikonfirmasi / unconfirmed)');
    expect(imported.stdout).toContain('- Rapat koordinasi  dilewati / skipped: timed_event');

    const { stdout } = await sigap(['calendar', 'holidays', '--agency', 'ntt-prov', '--year', '2027']);
    expect(stdout).toContain('2027-03-10  closure       Idul Fitri 1448 H  (instansi/agency, belum dikonfirmasi/unconfirmed)');
    const national = await sigap(['calendar', 'holidays', '--year', '2026']);
    expect(national.stdout).toContain('2026-03-19  holiday       Hari Suci Nyepi Tahun Baru Saka 1948  (nasional/national)');
    expect(national.stdout.trim().split('\n').at(-1)).toBe('25 tanggal / dates');

    const database = await openIt();
    try {
      const rows = await database.db.select().from(agencyNonWorkingDates);
      expect(rows.map((r) => r.date).sort()).toEqual(['2027-01-01', '2027-03-09', '2027-03-10', '2027-03-11', '2028-01-01']);
      const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'calendar.ics_imported'));
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actorType).toBe('system');
      expect(audit[0]!.actorLabel).toMatch(/^cli:/);
    } finally {
      await database.close();
    }
  });
});
