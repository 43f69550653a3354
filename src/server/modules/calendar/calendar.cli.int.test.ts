import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, agencyNonWorkingDates, auditEvents, calendarSettings } from '../../db/tables/index.js';
import { createTestServices } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { calendarDue, calendarHolidays, calendarImportIcs } from './calendar.cli.js';
import type { CalendarService } from './calendar.service.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/**
 * What `sigap calendar …` prints and the exit code it returns, with the calendar service of the
 * composition root over an agency whose hours the test sets. The real process, on a database set
 * up as the README says, is run by src/server/main.int.test.ts.
 */
describe('sigap calendar (the commands, in process)', () => {
  let database: TestDatabase;
  let calendar: CalendarService;

  beforeAll(async () => {
    database = await createTestDatabase();
    const [ntt] = await database.db
      .insert(agencies)
      .values({ code: 'ntt-prov', name: 'Biro PBJ Provinsi NTT', level: 'provinsi', timeZone: 'Asia/Makassar' })
      .returning();
    const h = ['08:00-12:00', '13:00-16:00'];
    await database.db.insert(calendarSettings).values({ agencyId: ntt!.id, weeklyHours: { mon: h, tue: h, wed: h, thu: h, fri: ['08:00-11:30', '13:00-16:00'] } });
    calendar = createTestServices(database).calendar;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('prints the deadline as ISO 8601 with the agency offset', async () => {
    const { io, out } = capture();
    expect(await calendarDue(calendar, { agency: 'ntt-prov', from: '2026-03-13T15:30', limit: '3 working days' }, io)).toBe(0);
    expect(out).toEqual(['2026-03-25T16:00:00+08:00']);
  });

  it('explains the days and intervals it counted', async () => {
    const { io, out } = capture();
    await calendarDue(calendar, { agency: 'ntt-prov', from: '2026-03-06T14:30', limit: '3 jam', explain: true }, io);
    expect(out[0]).toBe('2026-03-09T09:30:00+08:00');
    expect(out).toContain('2026-03-06 fri kerja / working           14:30-16:00 (90 min)');
    expect(out).toContain('2026-03-09 mon kerja / working           08:00-09:30 (90 min)');
    expect(out.at(-1)).toBe('batas waktu / deadline 2026-03-09T09:30:00+08:00');
  });

  it('refuses an unknown limit (exit 1) or agency (exit 3) in both languages', async () => {
    const limit = capture();
    expect(await calendarDue(calendar, { agency: 'ntt-prov', from: '2026-03-13T15:30', limit: '3 fortnights' }, limit.io)).toBe(1);
    expect(limit.err.join('\n')).toContain('not understood');
    const agency = capture();
    expect(await calendarDue(calendar, { agency: 'nowhere', from: '2026-03-13T15:30', limit: '3 jam' }, agency.io)).toBe(3);
    expect(agency.err.join('\n')).toContain('Instansi "nowhere" tidak ditemukan / Agency "nowhere" not found');
    expect(agency.err).toContain('  agency: agency.not_found');
  });

  it('imports an .ics file for an agency, audited as the operator, then lists the year with it', async () => {
    const file = path.resolve('src/server/modules/calendar/testdata/holidays.ics');
    const imported = capture();
    expect(await calendarImportIcs(calendar, { file, agency: 'ntt-prov', untilYear: 2028, operator: 'root' }, imported.io)).toBe(0);
    expect(imported.out).toContain('+ 2027-03-09  closure       Hari Suci Nyepi  (belum dikonfirmasi / unconfirmed)');
    expect(imported.out).toContain('- Rapat koordinasi  dilewati / skipped: timed_event');

    const year = capture();
    await calendarHolidays(calendar, { agency: 'ntt-prov', year: 2027 }, year.io);
    expect(year.out).toContain('2027-03-10  closure       Idul Fitri 1448 H  (instansi/agency, belum dikonfirmasi/unconfirmed)');
    const national = capture();
    await calendarHolidays(calendar, { year: 2026 }, national.io);
    expect(national.out).toContain('2026-03-19  holiday       Hari Suci Nyepi Tahun Baru Saka 1948  (nasional/national)');
    expect(national.out.at(-1)).toBe('25 tanggal / dates');

    const rows = await database.db.select().from(agencyNonWorkingDates);
    expect(rows.map((r) => r.date).sort()).toEqual(['2027-01-01', '2027-03-09', '2027-03-10', '2027-03-11', '2028-01-01']);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'calendar.ics_imported'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'system', actorLabel: 'cli:root' });
  });
});
