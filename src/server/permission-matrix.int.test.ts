import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions, type Permission } from '../shared/permissions.js';
import { memberships } from './db/tables/index.js';
import type { CatalogueEntry } from './plugins/auth.js';
import { createTestApp, type TestApp } from './test/app.js';
import { createFactories, recordingMailer, type Factories, type Person } from './test/factories.js';
import { Browser, insertRole, manualClock } from './test/identity-fixtures.js';

/**
 * Every route the app registers, walked: each is either on this explicit list of public routes, or
 * declares an access rule that refuses the anonymous caller and, for permission routes, refuses an
 * actor holding every permission but the ones named, and admits one holding any one of them alone.
 * A new route that declares nothing fails here.
 */
const publicRoutes = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/',
  'GET /api/docs/static/index.html',
  'GET /api/docs/static/swagger-initializer.js',
  'GET /api/docs/json',
  'GET /api/docs/yaml',
  'GET /api/docs/static/*',
  'GET /api/agencies',
  'GET /api/agencies/:code',
  'POST /api/auth/sign-in',
  'POST /api/auth/register',
  'POST /api/auth/verify-email',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset',
  'POST /api/auth/invitation',
  'POST /api/auth/invitation/accept',
  'POST /api/auth/password-check',
  // The first-run setup page: open only with the deployment's token, and only while nobody can administer Sigap.
  'POST /api/setup/check',
  'POST /api/setup',
  // Published service standards, the charter and the calendar: public information by law.
  'GET /api/agencies/:code/standard',
  'GET /api/agencies/:code/standard/versions',
  'GET /api/agencies/:code/standard/versions/:version',
  'GET /api/agencies/:code/services/:service',
  'GET /api/services',
  'GET /api/agencies/:code/standard/annex.pdf',
  'GET /api/agencies/:code/maklumat.pdf',
  'GET /api/calendar/agencies/:agency/due',
  'GET /api/calendar/agencies/:agency/holidays',
  'GET /api/calendar/national/holidays',
  'GET /api/calendar/agencies/:agency/settings',
  // The survey kiosk in the service room and the published SKM score.
  'POST /api/surveys/agencies/:agency/kiosk',
  'GET /api/surveys/agencies/:agency/latest',
  // Complaints: anyone may file, track their own (number + code or e-mail) and see the anonymised statistics.
  'GET /api/complaints/agencies/:agency/form',
  'POST /api/complaints/agencies/:agency',
  'POST /api/complaints/agencies/:agency/track',
  'POST /api/complaints/agencies/:agency/track/complete',
  'POST /api/complaints/agencies/:agency/track/confirm',
  'POST /api/complaints/agencies/:agency/track/reopen',
  'GET /api/complaints/agencies/:agency/statistics',
  // Requests: anyone may file online without an account and follow (and answer) their request
  // by number with e-mail, phone or the tracking link's secret.
  'POST /api/public/agencies/:agency/requests',
  'POST /api/public/requests/track',
  'POST /api/public/requests/:number/actions',
  'POST /api/public/requests/:number/attachments',
  'GET /api/public/requests/:number/attachments/:id',
  // The satisfaction survey of a closed request, authorised by the request's tracking secret.
  'GET /api/public/surveys/requests/:number',
  'POST /api/public/surveys/requests/:number',
  // The e-mail change of a vendor's SPSE account, confirmed by the single-use link sent to the new address.
  'POST /api/public/vendors/email-confirmations',
]);

const clock = manualClock();
let t: TestApp;
let make: Factories;
let routes: CatalogueEntry[];
let agency: { id: string };
let member: Person;
let browser: Browser;
let outsider: Browser;
let pending: Browser;

const routeKey = (r: CatalogueEntry) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;

/** A concrete URL for a route pattern: the test agency, and a well-formed value for each other parameter. */
function concrete(url: string): string {
  return url
    .replace(/:(agency|code)\b/g, 'matrix-prov')
    .replace(/:role\b/g, 'helpdesk')
    .replace(/:date\b/g, '2026-08-17')
    .replace(/:version\b/g, '1')
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace(/\*$/, 'x');
}

async function call(who: Browser | { bearer: string } | null, route: CatalogueEntry) {
  const withBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
  const options = { method: route.method as 'GET', url: concrete(route.url), ...(withBody ? { payload: {} } : {}) };
  if (who instanceof Browser) return who.request(options);
  return t.app.inject({ ...options, headers: who ? { authorization: `Bearer ${who.bearer}` } : {}, remoteAddress: '10.9.9.9' });
}

const roleCodeFor = (prefix: string, perms: readonly Permission[]) => `${prefix}-${perms.map((p) => p.replace('.', '-')).join('-')}`;
const rolesMade = new Set<string>();

/** Gives the member exactly one role in the matrix agency: every permission but `without`. */
async function actWithout(without: readonly Permission[]) {
  const code = roleCodeFor('all-but', without);
  if (!rolesMade.has(code)) {
    await insertRole(t.database.db, agency.id, code, permissions.filter((q) => !without.includes(q)));
    rolesMade.add(code);
  }
  await actAs(code);
}

/** Gives the member exactly one role in the matrix agency. */
async function actAs(roleCode: string) {
  await t.database.db.delete(memberships).where(and(eq(memberships.agencyId, agency.id), eq(memberships.userId, member.id)));
  await t.database.db.insert(memberships).values({ agencyId: agency.id, userId: member.id, roleCode });
}

function tokenWith(perms: readonly Permission[]): Promise<string> {
  return make.apiToken({ agency: 'matrix-prov', permissions: perms, name: 'matrix' });
}

type Reply = { statusCode: number; body: string; json(): { error?: { details?: { rule: string }[] } } };
/** The rule of a refusal; a HEAD answer has no body, so its 403 stands for itself. */
const refusalRule = (res: Reply) => (res.body ? res.json().error?.details?.[0]?.rule : 'head');
const isPermissionDenial = (res: Reply) => res.statusCode === 403 && ['permission', 'head'].includes(refusalRule(res) ?? '');

beforeAll(async () => {
  const mailer = recordingMailer();
  t = await createTestApp({ identity: { clock: clock.now, mailer } });
  make = createFactories({ ...t, mails: mailer.sent });
  routes = t.app.routeCatalogue;
  const allBut = roleCodeFor('all-but', ['requests.view']);
  agency = await make.agency({
    code: 'matrix-prov',
    roles: [
      ...permissions.map((p) => ({ code: roleCodeFor('only', [p]), permissions: [p] })),
      { code: allBut, permissions: permissions.filter((q) => q !== 'requests.view') },
      { code: 'helpdesk', permissions: ['requests.view'] },
    ],
  });
  rolesMade.add(allBut);
  await make.agency({ code: 'other-prov', roles: [{ code: 'everything', permissions }] });

  member = await make.officer({ agency: 'matrix-prov', roles: ['helpdesk'] });
  browser = new Browser(t.app);
  expect((await browser.signIn(member.email, member.password, { secret: member.totpSecret!, at: clock.now() })).json().status).toBe('signed_in');

  const stranger = await make.officer({ agency: 'other-prov', roles: ['everything'] });
  outsider = new Browser(t.app);
  expect((await outsider.signIn(stranger.email, stranger.password, { secret: stranger.totpSecret!, at: clock.now() })).json().status).toBe('signed_in');

  const halfway = await make.officer({ agency: 'matrix-prov', roles: [allBut] });
  pending = new Browser(t.app);
  expect((await pending.post('/api/auth/sign-in', { email: halfway.email, password: halfway.password })).json().status).toBe('totp_required');
});

afterAll(async () => {
  await t?.close();
});

describe('permission matrix', () => {
  it('knows every route: each is on the public list or declares its access', () => {
    const undeclared = routes.filter((r) => !publicRoutes.has(routeKey(r)) && (!r.access || r.access.kind === 'public')).map(routeKey);
    expect(undeclared).toEqual([]);
    const listedButGuarded = routes.filter((r) => publicRoutes.has(routeKey(r)) && r.access && r.access.kind !== 'public').map(routeKey);
    expect(listedButGuarded).toEqual([]);
  });

  it('refuses the anonymous caller on every non-public route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !publicRoutes.has(routeKey(r)))) {
      const res = await call(null, route);
      if (res.statusCode !== 401) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a half-signed-in session (TOTP owed) everywhere but the sign-in steps', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access && r.access.kind !== 'public' && !(r.access.kind === 'signed_in' && r.access.allowPending))) {
      const res = await call(pending, route);
      if (res.statusCode !== 401) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an API token on routes meant for people', async () => {
    const token = await tokenWith(permissions);
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.access?.kind === 'signed_in')) {
      const res = await call({ bearer: token }, route);
      if (res.statusCode !== 403) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  type PermissionRoute = CatalogueEntry & { access: { kind: 'permission'; permissions: readonly Permission[] } };
  const permissionRoutes = () => routes.filter((r): r is PermissionRoute => r.access?.kind === 'permission');
  const named = (route: PermissionRoute) => `${route.method} ${route.url} (${route.access.permissions.join(' | ')})`;

  it('reads each permission route as one permission or a list meaning any of them', () => {
    expect(permissionRoutes().every((r) => r.access.permissions.length >= 1)).toBe(true);
    const anyOf = permissionRoutes().filter((r) => r.access.permissions.length > 1).map(routeKey);
    // The SKM results and report serve survey officers and report-compiling supervisors alike.
    expect(anyOf).toEqual(expect.arrayContaining(['GET /api/surveys/agencies/:agency/results', 'GET /api/surveys/agencies/:agency/report.pdf']));
  });

  it('refuses, on every permission route, a member holding every permission but the ones it names', async () => {
    const wrong: string[] = [];
    for (const route of permissionRoutes()) {
      await actWithout(route.access.permissions);
      const res = await call(browser, route);
      if (!isPermissionDenial(res)) wrong.push(`${named(route)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets through, on every permission route, a member holding only one of the permissions it names, each in turn', async () => {
    const wrong: string[] = [];
    for (const route of permissionRoutes()) {
      for (const permission of route.access.permissions) {
        await actAs(roleCodeFor('only', [permission]));
        const res = await call(browser, route);
        if (res.statusCode === 401 || isPermissionDenial(res) || (res.statusCode === 403 && refusalRule(res) === 'csrf')) {
          wrong.push(`${named(route)} with ${permission} → ${res.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses, on every permission route, an officer with every permission in another agency', async () => {
    const wrong: string[] = [];
    for (const route of permissionRoutes()) {
      const res = await call(outsider, route);
      if (!isPermissionDenial(res)) wrong.push(`${route.method} ${route.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses, on every permission route, an API token lacking the permissions it names', async () => {
    const wrong: string[] = [];
    for (const route of permissionRoutes()) {
      const token = await tokenWith(permissions.filter((p) => !route.access.permissions.includes(p)));
      const res = await call({ bearer: token }, route);
      if (!isPermissionDenial(res)) wrong.push(`${named(route)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets through, on every permission route, an API token holding only one of the permissions it names', async () => {
    const wrong: string[] = [];
    for (const route of permissionRoutes().filter((r) => r.method !== 'HEAD')) {
      for (const permission of route.access.permissions) {
        const res = await call({ bearer: await tokenWith([permission]) }, route);
        if (res.statusCode === 401 || isPermissionDenial(res)) wrong.push(`${named(route)} with ${permission} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
