import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, calendarSettings, nationalNonWorkingDates } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createCliTarget, type CliTarget } from '../../test/cli.js';
import { createFactories } from '../../test/factories.js';

const hours = { mon: ['08:00-16:00'], tue: ['08:00-16:00'], wed: ['08:00-16:00'], thu: ['08:00-16:00'], fri: ['08:00-16:00'] };

/** A bare agency with service hours, and a token of it that may edit the calendar. */
async function agencyWithEditor(t: TestApp, code: string, level: 'national' | 'provinsi') {
  const make = createFactories(t);
  const agency = await make.agency({ code, level });
  await t.database.db.insert(calendarSettings).values({ agencyId: agency.id, weeklyHours: hours });
  return { authorization: `Bearer ${await make.apiToken({ agency, permissions: ['calendar.edit'] })}` };
}

type Item = { date: string; confirmed: boolean; source: string; name: string; kind: string };

describe('pre-fill of national dates from date-holidays (API)', () => {
  let t: TestApp;
  let lkppEditor: { authorization: string };
  let nttEditor: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    lkppEditor = await agencyWithEditor(t, 'lkpp', 'national');
    nttEditor = await agencyWithEditor(t, 'ntt-prov', 'provinsi');
  });
  afterAll(async () => {
    await t.close();
  });

  const prefill = (agency: string, payload: object, headers?: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/calendar/agencies/${agency}/national-prefill`, payload, ...(headers ? { headers } : {}) });
  const national = async (year: number): Promise<Item[]> => (await t.app.inject({ url: `/api/calendar/national/holidays?year=${year}` })).json().items;
  const due = async (from: string, limit: string) =>
    (await t.app.inject({ url: `/api/calendar/agencies/ntt-prov/due?from=${encodeURIComponent(from)}&limit=${encodeURIComponent(limit)}` })).json().due;

  it('refuses anonymous callers, and agencies that are not national', async () => {
    expect((await prefill('lkpp', { year: 2027 })).statusCode).toBe(401);
    const fromNtt = await prefill('ntt-prov', { year: 2027 }, nttEditor);
    expect(fromNtt.statusCode).toBe(403);
    expect(fromNtt.json().error.details[0].rule).toBe('calendar.national_authority');
    expect(await national(2027)).toEqual([]);
  });

  it('fills an empty year, every date unconfirmed and counted, and says what is missing', async () => {
    // 16 August 2027 is a Monday; without the pre-fill 17 August counts as a working day.
    expect(await due('2027-08-16T10:00', '1 working day')).toBe('2027-08-17T16:00:00+08:00');
    const res = await prefill('lkpp', { year: 2027 }, lkppEditor);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2027);
    expect(body.source).toMatch(/^date-holidays@/);
    expect(body.existing).toEqual([]);
    const dates = body.added.map((d: Item) => d.date);
    expect(dates).toEqual(expect.arrayContaining(['2027-01-01', '2027-08-17', '2027-12-25']));
    expect(body.added.every((d: Item) => d.confirmed === false && d.kind === 'holiday' && d.source === body.source)).toBe(true);
    expect(body.notes.map((n: { en: string }) => n.en).join(' ')).toMatch(/Cuti bersama are MISSING/);
    expect(body.notes.map((n: { id: string }) => n.id).join(' ')).toMatch(/Cuti bersama TIDAK ADA/);
    expect(body.notes.some((n: { en: string }) => /may be a day off/.test(n.en))).toBe(true);

    const listed = await national(2027);
    expect(listed.map((d) => d.date)).toEqual(dates);
    expect(listed.every((d) => !d.confirmed)).toBe(true);
    // Unconfirmed dates still count, so no deadline falls on a likely holiday.
    expect(await due('2027-08-16T10:00', '1 working day')).toBe('2027-08-18T16:00:00+08:00');

    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'calendar.national_year_prefilled'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.targetId).toBe('2027');
  });

  it('refuses a year that already has dates, saying so in the reader’s language', async () => {
    const again = await prefill('lkpp', { year: 2027 }, { ...lkppEditor, 'accept-language': 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toMatchObject({ field: 'year', rule: 'calendar.year_has_dates' });
    expect(again.json().error.message).toContain('already has');
    // The shipped 2026 is refused too: it comes from the decree.
    expect((await prefill('lkpp', { year: 2026 }, lkppEditor)).statusCode).toBe(409);
  });

  it('with forceMissingOnly adds only the missing dates and never changes an edited one', async () => {
    // The administrator renames and confirms New Year, then removes 17 August by mistake.
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/calendar/agencies/lkpp/national-dates/2027-01-01`,
      payload: { name: 'Tahun Baru 2027 Masehi', confirmed: true },
      headers: lkppEditor,
    });
    expect(rename.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/agencies/lkpp/national-dates/2027-08-17', headers: lkppEditor })).statusCode).toBe(204);

    const res = await prefill('lkpp', { year: 2027, forceMissingOnly: true }, lkppEditor);
    expect(res.statusCode).toBe(200);
    expect(res.json().added.map((d: Item) => d.date)).toEqual(['2027-08-17']);
    expect(res.json().existing).toContain('2027-01-01');
    const newYear = (await national(2027)).find((d) => d.date === '2027-01-01')!;
    expect(newYear).toMatchObject({ name: 'Tahun Baru 2027 Masehi', confirmed: true });
  });
});


describe('sigap calendar prefill', () => {
  let target: CliTarget;
  const sigap = (args: string[]) => target.sigap(args);
  const openIt = () => target.open();

  beforeAll(async () => {
    target = await createCliTarget('prefill-cli');
    const database = await openIt();
    await database.migrate();
    await database.close();
  }, 60_000);
  afterAll(async () => {
    await target.destroy();
  });

  // Each run starts a process that loads the whole app: slow on a busy machine.
  it('fills a new year unconfirmed and prints what to check, in both languages', { timeout: 120_000 }, async () => {
    const { stdout } = await sigap(['calendar', 'prefill', '--year', '2028']);
    expect(stdout).toMatch(/^\+ 2028-08-17 {2}holiday {6} .+ {2}\(belum dikonfirmasi \/ UNCONFIRMED\)$/m);
    expect(stdout).toContain('Cuti bersama TIDAK ADA');
    expect(stdout).toContain('Cuti bersama are MISSING');
    expect(stdout).toMatch(/Islamic holidays .* may be a day off/);
    const database = await openIt();
    try {
      const rows = await database.db.select().from(nationalNonWorkingDates);
      const y2028 = rows.filter((r) => r.date.startsWith('2028-'));
      expect(y2028.length).toBeGreaterThan(10);
      expect(y2028.every((r) => !r.confirmed && r.source.startsWith('date-holidays@'))).toBe(true);
      const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'calendar.national_year_prefilled'));
      expect(audit[0]!.actorLabel).toMatch(/^cli:/);
    } finally {
      await database.close();
    }
  });

  it('refuses a year with dates, then adds only the missing ones with --force-missing-only', { timeout: 180_000 }, async () => {
    await expect(sigap(['calendar', 'prefill', '--year', '2026'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('calendar.year_has_dates'),
    });
    const { stdout } = await sigap(['calendar', 'prefill', '--year', '2026', '--force-missing-only']);
    // Every date the package has for 2026 is already there from the decree (its early Idul Fitri,
    // 20 March, is a cuti bersama there), so nothing is added and nothing changes.
    expect(stdout).toContain('= 2026-03-19  sudah ada, tidak diubah / already there, left as it was');
    expect(stdout).toMatch(/^0 ditambahkan \/ added, \d+ sudah ada \/ already there/m);
    await expect(sigap(['calendar', 'prefill', '--year', 'next'])).rejects.toMatchObject({ code: 1 });
  });
});
