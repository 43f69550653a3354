import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarSettings } from '../../../../server/db/tables/index.js';
import { createTestApp, type TestApp } from '../../../../server/test/app.js';
import { Browser, insertAgency, insertRole, insertUser, manualClock } from '../../../../server/test/identity-fixtures.js';
import { calendarAccessOf } from '../components/access.js';
import { calendarRequests, limitText, type CalendarRequest } from './requests.js';

/**
 * The calendar pages' requests (requests.ts) as a signed-in browser sends them: session cookie and
 * the CSRF header on writes. Proves that what the web sends is what the server accepts, and that
 * the server refuses it without the permission the page checks for.
 */
const key = Buffer.alloc(32, 7);
const clock = manualClock(new Date('2026-03-02T01:00:00Z'));
const ntt = { mon: ['08:00-12:00', '13:00-16:00'], tue: ['08:00-12:00', '13:00-16:00'], wed: ['08:00-12:00', '13:00-16:00'], thu: ['08:00-12:00', '13:00-16:00'], fri: ['08:00-11:30', '13:00-16:00'] };

describe('the calendar pages’ requests against the server', () => {
  let t: TestApp;
  let admin: Browser;
  let national: Browser;
  let viewer: Browser;

  const send = (browser: Browser, r: CalendarRequest) =>
    browser.request({ method: r.method, url: r.path, ...(r.body === undefined ? {} : { payload: r.body as object }) });
  /** Who is signed in, as every page reads it (features/identity useMe). */
  const me: CalendarRequest = { method: 'GET', path: '/api/me' };
  const anonymousGet = (path: string) => send(new Browser(t.app), { method: 'GET', path });

  async function signedIn(agencyId: string, role: string): Promise<Browser> {
    const user = await insertUser(t.database.db, { roles: [{ agencyId, role }], totpKey: key });
    const browser = new Browser(t.app);
    clock.advance(30_000);
    const res = await browser.signIn(user.email, user.password, { secret: user.totpSecret!, at: clock.now() });
    expect(res.json()).toMatchObject({ status: 'signed_in' });
    return browser;
  }

  beforeAll(async () => {
    t = await createTestApp({ identity: { secretKey: key, clock: clock.now } });
    const db = t.database.db;
    const nttProv = await insertAgency(db, 'ntt-prov');
    const lkpp = await insertAgency(db, 'lkpp', { level: 'national' });
    await db.insert(calendarSettings).values({ agencyId: nttProv.id, weeklyHours: ntt });
    await insertRole(db, nttProv.id, 'admin-sistem', ['calendar.view', 'calendar.edit']);
    await insertRole(db, nttProv.id, 'helpdesk', ['calendar.view']);
    await insertRole(db, lkpp.id, 'admin-sistem', ['calendar.edit']);
    admin = await signedIn(nttProv.id, 'admin-sistem');
    viewer = await signedIn(nttProv.id, 'helpdesk');
    national = await signedIn(lkpp.id, 'admin-sistem');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes limits the way the due API reads them', () => {
    expect(limitText({ amount: 3, unit: 'working_days' })).toBe('3 working days');
    expect(limitText({ amount: [30, 60], unit: 'minutes' })).toBe('30-60 minutes');
    expect(limitText({ amount: 30, unit: 'calendar_days' })).toBe('30 calendar days');
  });

  it('reads settings, holidays and a deadline (with its expected time) without signing in', async () => {
    const anonymous = new Browser(t.app);
    expect((await send(anonymous, calendarRequests.settings('ntt-prov'))).json()).toMatchObject({ timeZone: 'Asia/Makassar', hoursSource: 'calendar' });
    const holidays = (await send(anonymous, calendarRequests.holidays('ntt-prov', 2026))).json();
    expect(holidays.items.find((d: { date: string }) => d.date === '2026-03-19')).toMatchObject({ kind: 'holiday' });
    const due = (await send(anonymous, calendarRequests.due('ntt-prov', '2026-03-13T15:30', { amount: 3, unit: 'working_days' }))).json();
    expect(due.due).toBe('2026-03-25T16:00:00+08:00');
    const range = (await send(anonymous, calendarRequests.due('ntt-prov', '2026-03-02T11:15', { amount: [30, 60], unit: 'minutes' }))).json();
    expect([range.expected, range.due]).toEqual(['2026-03-02T11:45:00+08:00', '2026-03-02T13:15:00+08:00']);
    expect((await send(anonymous, me)).statusCode).toBe(401);
  });

  it('tells the page who may edit: /api/me lists calendar.edit per agency, /api/agencies the national level', async () => {
    const agencies = (await anonymousGet('/api/agencies')).json().items;
    expect(calendarAccessOf((await send(admin, me)).json(), agencies, 'ntt-prov')).toEqual({ signedIn: true, canEdit: true, nationalThrough: null });
    expect(calendarAccessOf((await send(viewer, me)).json(), agencies, 'ntt-prov')).toEqual({ signedIn: true, canEdit: false, nationalThrough: null });
    expect(calendarAccessOf((await send(national, me)).json(), agencies, 'ntt-prov')).toEqual({ signedIn: true, canEdit: false, nationalThrough: 'lkpp' });
  });

  it('saves hours and a Ramadan profile, and the server names the field of a bad interval', async () => {
    const ramadan = { name: 'Ramadan 1448 H', from: '2027-02-08', to: '2027-03-09', weeklyHours: { ...ntt, sat: [], sun: [], fri: ['08:00-11:00', '13:00-15:00'] } };
    const saved = await send(admin, calendarRequests.saveSettings('ntt-prov', { weeklyHours: { ...ntt, sat: [], sun: [] }, profiles: [ramadan], warningThreshold: 0.8 }));
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ warningThreshold: 0.8, profiles: [ramadan] });
    const bad = await send(admin, calendarRequests.saveSettings('ntt-prov', { weeklyHours: { ...ntt, sat: [], sun: [], tue: ['08:00-12:00', '12:30-12:00'] }, profiles: [], warningThreshold: 0.75 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'weeklyHours.tue.1', rule: 'hours.interval_order' });
    expect((await send(viewer, calendarRequests.saveSettings('ntt-prov', { weeklyHours: { ...ntt, sat: [], sun: [] }, profiles: [], warningThreshold: 0.75 }))).statusCode).toBe(403);
  });

  it('adds, edits, confirms and removes an agency closure; a helpdesk officer is refused', async () => {
    const scope = { scope: 'agency', agency: 'ntt-prov' } as const;
    const fields = { date: '2026-04-08', kind: 'closure', name: 'Stock opname', confirmed: false } as const;
    expect((await send(viewer, calendarRequests.addDate(scope, fields))).statusCode).toBe(403);
    const added = await send(admin, calendarRequests.addDate(scope, fields));
    expect(added.statusCode).toBe(201);
    expect((await send(admin, calendarRequests.updateDate(scope, '2026-04-08', { name: 'Stock opname tahunan' }))).json()).toMatchObject({ name: 'Stock opname tahunan', confirmed: false });
    expect((await send(admin, calendarRequests.updateDate(scope, '2026-04-08', { confirmed: true }))).json()).toMatchObject({ confirmed: true });
    expect((await send(admin, calendarRequests.removeDate(scope, '2026-04-08'))).statusCode).toBe(204);
  });

  it('refuses a write whose CSRF header is missing, as the page would be without it', async () => {
    admin.sendCsrf = false;
    try {
      const res = await send(admin, calendarRequests.addDate({ scope: 'agency', agency: 'ntt-prov' }, { date: '2026-04-09', kind: 'closure', name: 'x', confirmed: true }));
      expect(res.statusCode).toBe(403);
      expect(res.json().error.details[0].rule).toBe('csrf');
    } finally {
      admin.sendCsrf = true;
    }
  });

  it('imports an uploaded .ics file and keeps national dates through the national agency only', async () => {
    const ics = readFileSync(new URL('../../../../server/modules/calendar/testdata/holidays.ics', import.meta.url), 'utf8');
    const imported = await send(admin, calendarRequests.importIcs({ scope: 'agency', agency: 'ntt-prov' }, { ics, fileName: 'libur.ics', confirmed: false }));
    expect(imported.statusCode).toBe(200);
    expect(imported.json().added.length).toBeGreaterThan(0);

    const nationalScope = { scope: 'national', through: 'lkpp' } as const;
    const fields = { date: '2026-04-10', kind: 'holiday', name: 'Libur tambahan', confirmed: false } as const;
    expect((await send(admin, calendarRequests.addDate({ scope: 'national', through: 'ntt-prov' }, fields))).statusCode).toBe(403);
    expect((await send(national, calendarRequests.addDate(nationalScope, fields))).statusCode).toBe(201);
    expect((await send(national, calendarRequests.updateDate(nationalScope, '2026-04-10', { confirmed: true }))).json()).toMatchObject({ scope: 'national', confirmed: true });
    expect((await send(national, calendarRequests.removeDate(nationalScope, '2026-04-10'))).statusCode).toBe(204);
    const prefill = await send(national, calendarRequests.prefill('lkpp', 2028, false));
    expect(prefill.statusCode).toBe(200);
    expect(prefill.json().added.every((d: { confirmed: boolean }) => !d.confirmed)).toBe(true);
  });
});
