import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, agencyNonWorkingDates, auditEvents, calendarSettings } from '../../db/tables/index.js';
import { createCliTarget, type CliTarget } from '../../test/cli.js';

/**
 * The real `sigap` process against its own database (see createCliTarget). The test puts its
 * agency rows there directly.
 */
describe('sigap calendar', () => {
  let target: CliTarget;
  const sigap = (args: string[]) => target.sigap(args);
  const openIt = () => target.open();

  beforeAll(async () => {
    target = await createCliTarget('calendar-cli');
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
    await target.destroy();
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
