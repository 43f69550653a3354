import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, calendarSettings } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories } from '../../test/factories.js';

const nttHours = {
  mon: ['08:00-12:00', '13:00-16:00'],
  tue: ['08:00-12:00', '13:00-16:00'],
  wed: ['08:00-12:00', '13:00-16:00'],
  thu: ['08:00-12:00', '13:00-16:00'],
  fri: ['08:00-11:30', '13:00-16:00'],
};

describe('calendar API', () => {
  let t: TestApp;
  let ntt: { id: string };
  let lkpp: { id: string };
  let nttEditor: { authorization: string };
  let nttViewer: { authorization: string };
  let lkppEditor: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const make = createFactories(t);
    ntt = await make.agency({ code: 'ntt-prov', level: 'provinsi', timeZone: 'Asia/Makassar' });
    lkpp = await make.agency({ code: 'lkpp', level: 'national', timeZone: 'Asia/Jakarta' });
    await make.agency({ code: 'no-hours', level: 'provinsi', timeZone: 'Asia/Jayapura' });
    await db.insert(calendarSettings).values([
      { agencyId: ntt.id, weeklyHours: nttHours },
      { agencyId: lkpp.id, weeklyHours: { mon: ['08:00-16:00'], tue: ['08:00-16:00'], wed: ['08:00-16:00'], thu: ['08:00-16:00'], fri: ['08:00-16:30'] } },
    ]);
    const bearer = async (agency: string, permission: 'calendar.edit' | 'calendar.view') => ({
      authorization: `Bearer ${await make.apiToken({ agency, permissions: [permission] })}`,
    });
    nttEditor = await bearer('ntt-prov', 'calendar.edit');
    nttViewer = await bearer('ntt-prov', 'calendar.view');
    lkppEditor = await bearer('lkpp', 'calendar.edit');
  });
  afterAll(async () => {
    await t.close();
  });

  const due = async (from: string, limit: string, agency = 'ntt-prov', extra = '') =>
    t.app.inject({ url: `/api/calendar/agencies/${agency}/due?from=${encodeURIComponent(from)}&limit=${encodeURIComponent(limit)}${extra}` });

  const auditActions = async (agencyId: string | null) =>
    (await t.database.db.select({ action: auditEvents.action, targetId: auditEvents.targetId }).from(auditEvents).where(
      agencyId === null ? eq(auditEvents.chainId, '00000000-0000-0000-0000-000000000000') : eq(auditEvents.agencyId, agencyId),
    )).map((r) => `${r.action} ${r.targetId}`);

  it('documents its routes in the OpenAPI description', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/calendar/agencies/{agency}/due', '/api/calendar/agencies/{agency}/national-dates/{date}']),
    );
  });

  it('computes a deadline for anyone, with the agency offset, across Nyepi and the Idul Fitri cuti bersama', async () => {
    const res = await due('2026-03-13T15:30', '3 working days');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      agency: 'ntt-prov',
      timeZone: 'Asia/Makassar',
      from: '2026-03-13T15:30:00+08:00',
      limit: { unit: 'working_days', max: 3, min: null },
      limitText: { id: '3 hari kerja', en: '3 working days' },
      receiptDate: '2026-03-13',
      expected: null,
      due: '2026-03-25T16:00:00+08:00',
    });
    expect(res.json().days).toBeUndefined();
  });

  it('explains the days counted, and gives a range its expected time', async () => {
    const res = await due('2026-03-13T15:30', '3 hari kerja', 'ntt-prov', '&explain=true');
    const days = res.json().days as { date: string; kind: string; counted: string[]; name: string | null }[];
    expect(days[0]).toMatchObject({ date: '2026-03-13', kind: 'working', counted: ['15:30-16:00'] });
    expect(days.find((d) => d.date === '2026-03-19')).toMatchObject({ kind: 'non_working', name: 'Hari Suci Nyepi Tahun Baru Saka 1948' });
    const range = (await due('2026-03-02T11:15', '30-60 menit')).json();
    expect([range.expected, range.due]).toEqual(['2026-03-02T11:45:00+08:00', '2026-03-02T13:15:00+08:00']);
  });

  it('says what is wrong with a limit or a start, in the reader’s language', async () => {
    const bad = await due('2026-03-13T15:30', '3 fortnights');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'limit', rule: 'calendar.limit' });
    const en = await t.app.inject({ url: '/api/calendar/agencies/ntt-prov/due?from=2026-13-45T10:00&limit=3%20jam', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toContain('is not a date-time');
    expect((await due('2026-03-13T15:30', '3 jam', 'nowhere')).statusCode).toBe(404);
    const noHours = await due('2026-03-13T15:30', '3 jam', 'no-hours');
    expect(noHours.statusCode).toBe(409);
    expect(noHours.json().error.message).toContain('Jam layanan');
  });

  it('lists the shipped national dates of a year, marking those still to be checked against the decree', async () => {
    const y2026 = (await t.app.inject({ url: '/api/calendar/national/holidays?year=2026' })).json();
    expect(y2026.items).toHaveLength(25);
    expect(y2026.items.find((d: { date: string }) => d.date === '2026-03-19')).toMatchObject({ kind: 'holiday', scope: 'national', confirmed: true });
    const y2025 = (await t.app.inject({ url: '/api/calendar/national/holidays?year=2025' })).json();
    expect(y2025.items.find((d: { date: string }) => d.date === '2025-03-31')).toMatchObject({ confirmed: true });
    expect(y2025.items.find((d: { date: string }) => d.date === '2025-05-12')).toMatchObject({ confirmed: false });
    expect((await auditActions(null)).filter((a) => a.startsWith('calendar.national_year_seeded'))).toEqual([
      'calendar.national_year_seeded 2025',
      'calendar.national_year_seeded 2026',
    ]);
  });

  it('refuses writes without sign-in, and without calendar.edit in that agency', async () => {
    const body = { date: '2026-04-08', kind: 'closure', name: 'Stock opname' };
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/ntt-prov/dates', payload: body })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/ntt-prov/dates', payload: body, headers: nttViewer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/ntt-prov/dates', payload: body, headers: lkppEditor })).statusCode).toBe(403);
  });

  it('adds, confirms and removes an agency closure, moving deadlines at once, each change audited', async () => {
    expect((await due('2026-04-07T10:00', '1 working day')).json().due).toBe('2026-04-08T16:00:00+08:00');
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/agencies/ntt-prov/dates',
      payload: { date: '2026-04-08', kind: 'closure', name: 'Stock opname', confirmed: false },
      headers: nttEditor,
    });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ date: '2026-04-08', kind: 'closure', scope: 'agency', confirmed: false });
    expect((await due('2026-04-07T10:00', '1 working day')).json().due).toBe('2026-04-09T16:00:00+08:00');

    const again = await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/ntt-prov/dates', payload: { date: '2026-04-08', kind: 'closure', name: 'x' }, headers: nttEditor });
    expect(again.statusCode).toBe(409);

    const confirm = await t.app.inject({ method: 'PATCH', url: '/api/calendar/agencies/ntt-prov/dates/2026-04-08', payload: { confirmed: true }, headers: nttEditor });
    expect(confirm.json()).toMatchObject({ confirmed: true, name: 'Stock opname' });
    const list = (await t.app.inject({ url: '/api/calendar/agencies/ntt-prov/holidays?year=2026' })).json();
    expect(list.items.filter((d: { scope: string }) => d.scope === 'agency').map((d: { date: string }) => d.date)).toEqual(['2026-04-08']);
    expect(list.items).toHaveLength(26);

    const removed = await t.app.inject({ method: 'DELETE', url: '/api/calendar/agencies/ntt-prov/dates/2026-04-08', headers: nttEditor });
    expect(removed.statusCode).toBe(204);
    expect((await due('2026-04-07T10:00', '1 working day')).json().due).toBe('2026-04-08T16:00:00+08:00');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/agencies/ntt-prov/dates/2026-04-08', headers: nttEditor })).statusCode).toBe(404);

    expect(await auditActions(ntt.id)).toEqual(
      expect.arrayContaining(['calendar.date_added 2026-04-08', 'calendar.date_confirmed 2026-04-08', 'calendar.date_removed 2026-04-08']),
    );
  });

  it('keeps national dates through a national-level agency only, and every agency counts them', async () => {
    const body = { date: '2026-04-09', kind: 'holiday', name: 'Hari libur tambahan' };
    const fromNtt = await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/ntt-prov/national-dates', payload: body, headers: nttEditor });
    expect(fromNtt.statusCode).toBe(403);
    expect(fromNtt.json().error.details[0].rule).toBe('calendar.national_authority');
    const closure = await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/lkpp/national-dates', payload: { ...body, kind: 'closure' }, headers: lkppEditor });
    expect(closure.statusCode).toBe(400);

    expect((await due('2026-04-08T10:00', '1 working day')).json().due).toBe('2026-04-09T16:00:00+08:00');
    const add = await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/lkpp/national-dates', payload: body, headers: lkppEditor });
    expect(add.statusCode).toBe(201);
    expect(add.json()).toMatchObject({ scope: 'national', confirmed: true });
    expect((await due('2026-04-08T10:00', '1 working day')).json().due).toBe('2026-04-10T16:00:00+08:00');

    const patch = await t.app.inject({ method: 'PATCH', url: '/api/calendar/agencies/lkpp/national-dates/2026-04-09', payload: { kind: 'cuti_bersama' }, headers: lkppEditor });
    expect(patch.json().kind).toBe('cuti_bersama');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/agencies/lkpp/national-dates/2026-04-09', headers: lkppEditor })).statusCode).toBe(204);
    expect((await due('2026-04-08T10:00', '1 working day')).json().due).toBe('2026-04-09T16:00:00+08:00');
    expect(await auditActions(null)).toEqual(
      expect.arrayContaining(['calendar.date_added 2026-04-09', 'calendar.date_updated 2026-04-09', 'calendar.date_removed 2026-04-09']),
    );
  });

  it('imports an .ics file as unconfirmed dates, leaving existing ones alone', async () => {
    const ics = readFileSync(new URL('./testdata/holidays.ics', import.meta.url), 'utf8');
    const res = await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/lkpp/national-import-ics', payload: { ics, fileName: 'libur-2027.ics' }, headers: lkppEditor });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.added.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2027-01-01', '2027-03-09', '2027-03-10', '2027-03-11']));
    expect(body.added.every((d: { confirmed: boolean; source: string }) => !d.confirmed && d.source === 'ics:libur-2027.ics')).toBe(true);
    expect(body.skippedEvents).toEqual([{ name: 'Rapat koordinasi', reason: 'timed_event' }]);
    const again = (await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/lkpp/national-import-ics', payload: { ics }, headers: lkppEditor })).json();
    expect(again.added).toEqual([]);
    expect(again.existing).toContain('2027-03-09');
    // Unconfirmed dates count: 30 Dec 2026 + 3 working days skips New Year 2027.
    expect((await due('2026-12-30T10:00', '3 working days')).json().due).toBe('2027-01-05T16:00:00+08:00');
    const notIcs = await t.app.inject({ method: 'POST', url: '/api/calendar/agencies/ntt-prov/import-ics', payload: { ics: 'not a calendar' }, headers: nttEditor });
    expect(notIcs.statusCode).toBe(400);
    expect(notIcs.json().error.details[0].rule).toBe('calendar.ics');
  });

  it('edits the weekly hours and the warning threshold, and deadlines follow', async () => {
    const before = (await t.app.inject({ url: '/api/calendar/agencies/ntt-prov/settings' })).json();
    expect(before).toMatchObject({ hoursSource: 'calendar', warningThreshold: 0.75, timeZone: 'Asia/Makassar' });
    const ramadan = { name: 'Ramadan 1448 H', from: '2027-02-08', to: '2027-03-09', weeklyHours: { ...nttHours, mon: ['08:00-14:00'] } };
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/agencies/ntt-prov/settings',
      payload: { weeklyHours: { ...nttHours, mon: ['13:00-16:00', '08:00-12:00'] } },
      headers: nttEditor,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].rule).toBe('hours.overlap');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/agencies/ntt-prov/settings',
      payload: { weeklyHours: { ...nttHours, sat: ['08:00-12:00'] }, profiles: [ramadan], warningThreshold: 0.8 },
      headers: nttEditor,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ warningThreshold: 0.8, profiles: [ramadan] });
    // Saturday mornings now count.
    expect((await due('2026-03-06T15:30', '60 minutes')).json().due).toBe('2026-03-07T08:30:00+08:00');
    expect(await auditActions(ntt.id)).toContain(`calendar.settings_updated ${ntt.id}`);
    const rows = await t.database.db.select().from(calendarSettings).where(and(eq(calendarSettings.agencyId, ntt.id)));
    expect(rows[0]!.warningThreshold).toBeCloseTo(0.8);
  });
});
