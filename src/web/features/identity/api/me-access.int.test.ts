import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../../../shared/contracts/identity.js';
import type { CatalogueEntry } from '../../../../server/plugins/auth.js';
import { createTestApp, type TestApp } from '../../../../server/test/app.js';
import { Browser, insertAgency, insertRole, insertUser, manualClock } from '../../../../server/test/identity-fixtures.js';
import { holdsAny } from '../../../lib/access.js';
import { tierAgencies } from '../components/agency-access.js';

/**
 * /api/me as the web guards read it, against what the server then does: an officer of a tier
 * agency (a province above a kota) is listed in the agency below with the permissions the server
 * grants there, and for every permission route the page guard's answer is the server's answer.
 */
const key = Buffer.alloc(32, 5);
const clock = manualClock(new Date('2026-03-02T01:00:00Z'));

let t: TestApp;
let tierOfficer: Browser;
let cityOfficer: Browser;

async function signedIn(agencyId: string, role: string): Promise<Browser> {
  const user = await insertUser(t.database.db, { roles: [{ agencyId, role }], totpKey: key });
  const browser = new Browser(t.app);
  clock.advance(30_000);
  expect((await browser.signIn(user.email, user.password, { secret: user.totpSecret!, at: clock.now() })).json()).toMatchObject({ status: 'signed_in' });
  return browser;
}

/** The permissions a route accepts (any of), whatever form its declaration takes. */
function accepted(route: CatalogueEntry): string[] {
  const access = route.access as { kind: string; permission?: string; permissions?: readonly string[] } | undefined;
  if (access?.kind !== 'permission') return [];
  return access.permissions ? [...access.permissions] : [access.permission!];
}

function concrete(url: string, agency: string): string {
  return url
    .replace(/:agency\b/g, agency)
    .replace(/:role\b/g, 'helpdesk')
    .replace(/:date\b/g, '2026-08-17')
    .replace(/:[A-Za-z]+/g, () => randomUUID());
}

beforeAll(async () => {
  t = await createTestApp({ identity: { secretKey: key, clock: clock.now } });
  const db = t.database.db;
  const province = await insertAgency(db, 'ntt-prov');
  const city = await insertAgency(db, 'kupang-kota', { parentId: province.id, level: 'kota' });
  await insertAgency(db, 'kalsel-prov');
  await insertRole(db, province.id, 'supervisor', ['users.view', 'audit.view', 'reports.view']);
  await insertRole(db, city.id, 'helpdesk', ['requests.view']);
  tierOfficer = await signedIn(province.id, 'supervisor');
  cityOfficer = await signedIn(city.id, 'helpdesk');
});

afterAll(async () => {
  await t?.close();
});

describe('/api/me through escalation tiers', () => {
  it('lists the agency below a tier with the permissions held there and how', async () => {
    const me = (await tierOfficer.get('/api/me')).json() as Me;
    expect(me.agencies.map((a) => a.code)).toEqual(['ntt-prov', 'kupang-kota']);
    const city = me.agencies.find((a) => a.code === 'kupang-kota')!;
    expect(city).toMatchObject({
      roles: [],
      permissions: ['audit.view', 'reports.view', 'users.view'],
      sources: [{ via: 'tier', agencyCode: 'ntt-prov', roleCode: 'supervisor', roleName: 'Role supervisor' }],
    });
    expect(tierAgencies(city)).toEqual(['ntt-prov']);
    expect(me.agencies[0]).toMatchObject({ roles: [{ code: 'supervisor' }], sources: [{ via: 'direct', agencyCode: 'ntt-prov' }] });
    expect(holdsAny(me, 'kupang-kota', 'users.view')).toBe(true);
    expect((await tierOfficer.get('/api/agencies/kupang-kota/staff')).statusCode).toBe(200);
  });

  it('does not list the tier above to an officer of the agency below', async () => {
    const me = (await cityOfficer.get('/api/me')).json() as Me;
    expect(me.agencies.map((a) => a.code)).toEqual(['kupang-kota']);
    expect(holdsAny(me, 'ntt-prov', 'requests.view')).toBe(false);
  });

  it('answers, on every permission route, as the server does: the guard admits exactly whom the route admits', async () => {
    const routes = t.app.routeCatalogue.filter((r) => r.access?.kind === 'permission' && r.url.includes(':agency') && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(10);
    const disagreements: string[] = [];
    for (const [who, browser] of [['tier officer', tierOfficer], ['city officer', cityOfficer]] as const) {
      const me = (await browser.get('/api/me')).json() as Me;
      for (const agency of ['ntt-prov', 'kupang-kota', 'kalsel-prov']) {
        for (const route of routes) {
          const withBody = !['GET', 'DELETE'].includes(route.method);
          const res = await browser.request({ method: route.method as 'GET', url: concrete(route.url, agency), ...(withBody ? { payload: {} } : {}) });
          const refused = res.statusCode === 401 || (res.statusCode === 403 && res.json().error?.details?.[0]?.rule === 'permission');
          if (holdsAny(me, agency, accepted(route)) === refused) disagreements.push(`${who} ${route.method} ${concrete(route.url, agency)} → ${res.statusCode}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
