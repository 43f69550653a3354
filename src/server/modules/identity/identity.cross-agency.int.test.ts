import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, memberships, totpCredentials } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories, type Person } from '../../test/factories.js';
import { Browser } from '../../test/identity-fixtures.js';

/**
 * Issue #19, finding 1: an administrator of one agency invited an officer of another agency (who
 * was added at once, unasked), read their profile and reset their TOTP, deleting their
 * authenticator and recovery codes. Now a person with an account is only offered roles, which
 * they accept or decline after signing in; the second factor is reset only by someone who
 * manages every agency the person belongs to, and the reset is in each of those agencies' trails.
 */
describe('staff of one agency cannot take over an officer of another', () => {
  let t: TestApp;
  let f: Factories;
  let satuAdmin: Person;
  let duaAdmin: Person;
  let bothAdmin: Person;
  let officer: Person;
  let satuId: string;
  let duaId: string;
  const admin = ['users.view', 'users.manage', 'audit.view'] as const;

  // One sign-in per person: a second one in the same 30 s would replay the TOTP code.
  const browsers = new Map<string, Browser>();
  const browserOf = async (person: Person) => {
    const known = browsers.get(person.id);
    if (known) return known;
    const browser = new Browser(t.app);
    const res = await browser.signIn(person.email, person.password, person.totpSecret ? { secret: person.totpSecret, at: new Date() } : undefined);
    expect(res.statusCode, res.body).toBe(200);
    browsers.set(person.id, browser);
    return browser;
  };
  const totpOf = async (userId: string) => (await t.database.db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)))[0];
  const trail = (agencyId: string, action: string, userId: string) =>
    t.database.db.select().from(auditEvents).where(and(eq(auditEvents.agencyId, agencyId), eq(auditEvents.action, action), eq(auditEvents.targetId, userId)));
  const rolesIn = async (agencyId: string, userId: string) =>
    (await t.database.db.select().from(memberships).where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)))).map((m) => m.roleCode);

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { mailer } });
    f = createFactories({ services: t.services, mails: mailer.sent });
    satuId = (await f.agency({ code: 'satu-prov', roles: [{ code: 'admin', permissions: [...admin] }, { code: 'petugas', permissions: ['requests.view'] }] })).id;
    duaId = (await f.agency({ code: 'dua-prov', roles: [{ code: 'admin', permissions: [...admin] }, { code: 'petugas', permissions: ['requests.view'] }] })).id;
    satuAdmin = await f.officer({ agency: 'satu-prov', roles: ['admin'] });
    duaAdmin = await f.officer({ agency: 'dua-prov', roles: ['admin'] });
    bothAdmin = await f.officer({ agency: 'satu-prov', roles: ['admin'], also: [{ agency: 'dua-prov', roles: ['admin'] }] });
    officer = await f.officer({ agency: 'dua-prov', roles: ['petugas'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("offers roles to another agency's officer instead of adding them, and shows the administrator nothing of them until accepted", async () => {
    const attacker = await browserOf(satuAdmin);
    const invited = await attacker.post('/api/agencies/satu-prov/staff/invitations', { email: officer.email, name: 'Siapa Saja', roles: ['admin'] });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toEqual({ id: officer.id, invitationSent: false, offered: true });
    expect(await rolesIn(satuId, officer.id)).toEqual([]);

    expect((await attacker.get(`/api/agencies/satu-prov/staff/${officer.id}`)).statusCode).toBe(404);
    expect((await attacker.post(`/api/agencies/satu-prov/staff/${officer.id}/totp-reset`)).statusCode).toBe(404);
    expect((await totpOf(officer.id))?.confirmedAt).toBeTruthy();

    const list = (await attacker.get('/api/agencies/satu-prov/staff')).json();
    expect(list.items.map((s: { id: string }) => s.id)).not.toContain(officer.id);
    expect(list.offered).toEqual([{ id: officer.id, email: officer.email, name: officer.name, roles: ['admin'] }]);
    expect(await trail(satuId, 'users.membership_offered', officer.id)).toHaveLength(1);
  });

  it('lets the person decline, or accept on signing in; a reset of their TOTP by one of their two agencies is refused and audited', async () => {
    const person = await browserOf(officer);
    const offers = (await person.get('/api/me/membership-offers')).json();
    expect(offers.items).toEqual([
      expect.objectContaining({ agency: { code: 'satu-prov', name: 'Agency satu-prov' }, roles: [{ code: 'admin', name: 'Role admin' }], offeredBy: satuAdmin.name }),
    ]);
    expect((await person.post('/api/me/membership-offers/dua-prov/accept')).statusCode).toBe(404);
    expect((await person.post('/api/me/membership-offers/satu-prov/accept')).statusCode).toBe(200);
    expect(await rolesIn(satuId, officer.id)).toEqual(['admin']);
    expect((await person.get('/api/me/membership-offers')).json().items).toEqual([]);
    expect(await trail(satuId, 'users.membership_accepted', officer.id)).toHaveLength(1);

    // A member of both now: neither agency's administrator alone may reset the second factor.
    for (const [who, agency] of [[satuAdmin, 'satu-prov'], [duaAdmin, 'dua-prov']] as const) {
      const refused = await (await browserOf(who)).post(`/api/agencies/${agency}/staff/${officer.id}/totp-reset`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.details[0]).toMatchObject({ rule: 'policy.other_agency' });
    }
    expect((await totpOf(officer.id))?.confirmedAt).toBeTruthy();
    expect((await trail(satuId, 'access.denied', officer.id)).map((e) => e.after)).toEqual([expect.objectContaining({ attempted: 'users.totp_reset', policy: 'other_agency' })]);

    // Someone who manages both may; the reset is in both agencies' trails.
    const reset = await (await browserOf(bothAdmin)).post(`/api/agencies/dua-prov/staff/${officer.id}/totp-reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(await totpOf(officer.id)).toBeUndefined();
    expect(await trail(duaId, 'users.totp_reset', officer.id)).toHaveLength(1);
    expect((await trail(satuId, 'users.totp_reset', officer.id)).map((e) => e.after)).toEqual([{ totpEnabled: false, resetIn: 'dua-prov' }]);
  });

  it('forgets a declined offer', async () => {
    const other = await f.officer({ agency: 'dua-prov', roles: ['petugas'] });
    expect((await (await browserOf(satuAdmin)).post('/api/agencies/satu-prov/staff/invitations', { email: other.email, name: other.name, roles: ['admin'] })).json().offered).toBe(true);
    const person = await browserOf(other);
    expect((await person.post('/api/me/membership-offers/satu-prov/decline')).statusCode).toBe(200);
    expect(await rolesIn(satuId, other.id)).toEqual([]);
    expect((await person.get('/api/me/membership-offers')).json().items).toEqual([]);
    expect(await trail(satuId, 'users.membership_declined', other.id)).toHaveLength(1);
  });

  it('lets users.manage grant the work of the unit, but no power its holder lacks (issue #19, finding 9)', async () => {
    const tigaId = (
      await f.agency({
        code: 'tiga-prov',
        roles: [
          { code: 'pengelola', permissions: ['users.view', 'users.manage'] },
          { code: 'kepala', permissions: ['users.view', 'users.manage', 'audit.view', 'complaints.identity', 'requests.view'] },
          { code: 'helpdesk', permissions: ['requests.intake', 'requests.view', 'requests.act', 'complaints.view'] },
        ],
      })
    ).id;
    const manager = await f.officer({ agency: 'tiga-prov', roles: ['pengelola'] });
    const browser = await browserOf(manager);
    const refused = await browser.post('/api/agencies/tiga-prov/staff/invitations', { email: 'kaki.tangan@example.id', name: 'Kaki Tangan', roles: ['kepala'] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'roles', rule: 'policy.role_beyond_own' });
    expect(refused.json().error.message).toContain('wewenang yang tidak Anda miliki: audit.view, complaints.identity');

    const invited = await browser.post('/api/agencies/tiga-prov/staff/invitations', { email: 'kaki.tangan@example.id', name: 'Kaki Tangan', roles: ['pengelola'] });
    expect(invited.statusCode, invited.body).toBe(201);
    const id = invited.json().id as string;
    expect((await browser.request({ method: 'PUT', url: `/api/agencies/tiga-prov/staff/${id}/roles/kepala` })).statusCode).toBe(403);
    expect(await rolesIn(tigaId, id)).toEqual(['pengelola']);
    // The help desk's work is the administrator's to hand out.
    expect((await browser.request({ method: 'PUT', url: `/api/agencies/tiga-prov/staff/${id}/roles/helpdesk` })).statusCode).toBe(200);
    const denied = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.agencyId, tigaId), eq(auditEvents.action, 'access.denied')));
    expect(denied.map((e) => (e.after as { policy: string }).policy)).toEqual(['role_beyond_own', 'role_beyond_own']);
  });
});
