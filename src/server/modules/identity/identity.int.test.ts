import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../../db/tables/index.js';
import { createMailer } from '../../lib/mailer.js';
import type { Agency } from '../agencies/agencies.service.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories } from '../../test/factories.js';
import { Browser, manualClock, startSmtp, strongPassword, tokenInMail, type TestSmtp } from '../../test/identity-fixtures.js';
import { totpCodeAt } from './identity.totp.js';

const clock = manualClock();
let smtp: TestSmtp;
let t: TestApp;
let make: Factories;
let ntt: Agency;
let kupang: Agency;
let kalsel: Agency;

const adminPermissions = ['users.view', 'users.manage', 'audit.view', 'tokens.manage', 'requests.view'] as const;
const roles = [
  { code: 'admin-sistem', permissions: adminPermissions },
  { code: 'helpdesk', permissions: ['requests.view'] as const },
];

/** Moves past the current TOTP step, so the next code is a new one. */
const nextStep = () => clock.advance(30_000);

beforeAll(async () => {
  smtp = await startSmtp();
  // Every mail goes to the SMTP server; the factories read their invitation links from the record.
  const mailer = recordingMailer(createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' }));
  t = await createTestApp({ identity: { mailer, clock: clock.now, publicUrl: 'https://sigap.test' } });
  make = createFactories({ ...t, mails: mailer.sent });
  ntt = await make.agency({ code: 'ntt-prov', roles });
  kupang = await make.agency({ code: 'kupang-kota', parent: 'ntt-prov', level: 'kota', roles });
  kalsel = await make.agency({ code: 'kalsel-prov', roles });
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function signedInAdmin(agency: Agency = ntt) {
  const admin = await make.officer({ agency, roles: ['admin-sistem'] });
  const browser = new Browser(t.app);
  nextStep();
  const res = await browser.signIn(admin.email, admin.password, { secret: admin.totpSecret!, at: clock.now() });
  expect(res.json()).toMatchObject({ status: 'signed_in' });
  return { admin, browser };
}

describe('sign-in with TOTP', () => {
  it('asks staff for a TOTP code and allows nothing but finishing sign-in before it', async () => {
    const officer = await make.officer({ agency: ntt, roles: ['admin-sistem'] });
    const browser = new Browser(t.app);
    const first = await browser.post('/api/auth/sign-in', { email: officer.email, password: officer.password });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('totp_required');
    const cookie = first.cookies.find((c) => c.name === 'sigap_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    expect((await browser.get('/api/me')).json().pending).toBe('totp');
    const blocked = await browser.get('/api/agencies/ntt-prov/staff');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.details[0].rule).toBe('auth.second_factor');

    nextStep();
    const second = await browser.post('/api/auth/second-factor', { code: await totpCodeAt(officer.totpSecret!, clock.now()) });
    expect(second.json().status).toBe('signed_in');
    expect((await browser.get('/api/agencies/ntt-prov/staff')).statusCode).toBe(200);
  });

  it('refuses a wrong TOTP code, then locks the second step after five failures', async () => {
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'] });
    const browser = new Browser(t.app);
    await browser.post('/api/auth/sign-in', { email: officer.email, password: officer.password });
    const right = await totpCodeAt(officer.totpSecret!, clock.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 4; i++) {
      const res = await browser.post('/api/auth/second-factor', { code: wrong });
      expect(res.statusCode).toBe(401);
    }
    expect((await browser.post('/api/auth/second-factor', { code: wrong })).statusCode).toBe(429);
    // Locked: even the right code is refused until the lock lifts.
    expect((await browser.post('/api/auth/second-factor', { code: right })).statusCode).toBe(429);
    const failures = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.totp_failed'));
    expect(failures.filter((e) => e.targetId === officer.id)).toHaveLength(5);
  });

  it('refuses a TOTP code replayed within its window', async () => {
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'] });
    nextStep();
    const code = await totpCodeAt(officer.totpSecret!, clock.now());
    const first = new Browser(t.app);
    await first.post('/api/auth/sign-in', { email: officer.email, password: officer.password });
    expect((await first.post('/api/auth/second-factor', { code })).statusCode).toBe(200);

    clock.advance(5_000);
    const attacker = new Browser(t.app);
    await attacker.post('/api/auth/sign-in', { email: officer.email, password: officer.password });
    const replay = await attacker.post('/api/auth/second-factor', { code });
    expect(replay.statusCode).toBe(401);
  });

  it('rotates the session id at each step: a token planted before sign-in, or the half-signed-in one, is dead after', async () => {
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'] });
    const browser = new Browser(t.app);
    browser.cookies.set('sigap_session', 'planted-by-attacker');
    await browser.post('/api/auth/sign-in', { email: officer.email, password: officer.password });
    const halfway = browser.cookies.get('sigap_session')!;
    expect(halfway).not.toBe('planted-by-attacker');
    nextStep();
    await browser.post('/api/auth/second-factor', { code: await totpCodeAt(officer.totpSecret!, clock.now()) });
    const full = browser.cookies.get('sigap_session')!;
    expect(full).not.toBe(halfway);

    const oldCookie = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `sigap_session=${halfway}` } });
    expect(oldCookie.statusCode).toBe(401);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
  });
});

describe('password sign-in', () => {
  it('locks the account progressively after five wrong passwords, even against the right one', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app, '10.0.0.5');
    for (let i = 1; i <= 4; i++) {
      expect((await browser.post('/api/auth/sign-in', { email: person.email, password: `Wrong!pass${i}x` })).statusCode).toBe(401);
    }
    const fifth = await browser.post('/api/auth/sign-in', { email: person.email, password: 'Wrong!pass5x' });
    expect(fifth.statusCode).toBe(429);
    expect((await browser.post('/api/auth/sign-in', { email: person.email, password: person.password })).statusCode).toBe(429);

    clock.advance(61_000);
    // One more failure after the first lock doubles it (2 minutes).
    expect((await browser.post('/api/auth/sign-in', { email: person.email, password: 'Wrong!pass6x' })).statusCode).toBe(429);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, person.id));
    expect(row!.lockedUntil!.getTime() - clock.now().getTime()).toBe(120_000);
    clock.advance(121_000);
    expect((await browser.post('/api/auth/sign-in', { email: person.email, password: person.password })).json().status).toBe('signed_in');
  });

  it('locks an address without an account as it locks an account, so a lockout does not say which addresses exist', async () => {
    const person = await make.requester();
    const answers = async (email: string, ip: string) => {
      const browser = new Browser(t.app, ip);
      const seen: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const res = await browser.post('/api/auth/sign-in', { email, password: `Wrong!pass${i}x` });
        seen.push(`${res.statusCode} ${res.json().error.code} ${res.json().error.details.map((d: { rule: string }) => d.rule).join(',')}`);
      }
      return seen;
    };
    const known = await answers(person.email, '10.0.1.5');
    expect(known.at(-1)).toBe('429 rate_limited locked_until');
    expect(await answers('tidak.ada.akun@example.id', '10.0.1.6')).toEqual(known);
  });

  it('answers 429 from the rate limit when one address tries too many sign-ins', async () => {
    const browser = new Browser(t.app, '10.0.0.99');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await browser.post('/api/auth/sign-in', { email: `nobody${i}@example.id`, password: 'Whatever!123' })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('says the same for an unknown e-mail and a wrong password', async () => {
    const person = await make.requester();
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ghost@example.id', password: 'Xx!12345678' }, remoteAddress: '10.0.1.1' });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: 'Xx!12345678' }, remoteAddress: '10.0.1.1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });
});

describe('sessions', () => {
  it('ends a session left idle for longer than 30 minutes', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    clock.advance(29 * 60_000);
    expect((await browser.get('/api/me')).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    for (let i = 0; i < 35; i++) {
      clock.advance(20 * 60_000);
      expect((await browser.get('/api/me')).statusCode).toBe(200);
    }
    clock.advance(20 * 60_000 + 1);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });

  it('lists sessions and signs out everywhere', async () => {
    const person = await make.requester();
    const laptop = new Browser(t.app);
    const phone = new Browser(t.app);
    await laptop.signIn(person.email, person.password);
    await phone.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password }, headers: { 'user-agent': 'Phone' } });
    const list = (await laptop.get('/api/me/sessions')).json().items;
    expect(list).toHaveLength(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list.map((s: { userAgent: string | null }) => s.userAgent)).toContain('Phone');

    expect((await laptop.post('/api/me/sessions/sign-out-everywhere')).statusCode).toBe(200);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
  });

  it('signs out this browser only', async () => {
    const person = await make.requester();
    const a = new Browser(t.app);
    const b = new Browser(t.app);
    await a.signIn(person.email, person.password);
    await b.signIn(person.email, person.password);
    expect((await a.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.get('/api/me')).statusCode).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF header, or with a wrong one', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    browser.sendCsrf = false;
    const missing = await browser.post('/api/me/password', { currentPassword: person.password, newPassword: 'Another!Strong#Pass42' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.details[0].rule).toBe('csrf');
    const wrong = await browser.request({ method: 'POST', url: '/api/me/password', payload: { currentPassword: person.password, newPassword: 'Another!Strong#Pass42' }, headers: { 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    browser.sendCsrf = true;
    const ok = await browser.post('/api/me/password', { currentPassword: person.password, newPassword: 'Another!Strong#Pass42' });
    expect(ok.statusCode).toBe(200);
  });

  it('does not need the header for reads', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    browser.sendCsrf = false;
    expect((await browser.get('/api/me')).statusCode).toBe(200);
  });
});

describe('invitation of an officer', () => {
  it('takes the officer from the e-mailed link through password rules and TOTP enrolment to their agency only', async () => {
    const { browser: admin } = await signedInAdmin();
    const since = smtp.messages.length;
    const invited = await admin.post('/api/agencies/ntt-prov/staff/invitations', { email: 'Maria.Officer@NTTprov.go.id', name: 'Maria Officer', roles: ['helpdesk'] });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().invitationSent).toBe(true);
    const mail = await smtp.waitFor('maria.officer@nttprov.go.id', since);
    expect(mail.text).toContain('Agency ntt-prov');
    expect(mail.text).toContain('https://sigap.test/invitation#token=');
    const token = tokenInMail(mail.text);

    const officer = new Browser(t.app);
    expect((await officer.post('/api/auth/invitation', { token })).json()).toMatchObject({ email: 'maria.officer@nttprov.go.id', agencyCode: 'ntt-prov' });

    const weak = await officer.request({ method: 'POST', url: '/api/auth/invitation/accept', payload: { token, password: 'maria' }, headers: { 'accept-language': 'en' } });
    expect(weak.statusCode).toBe(400);
    const rules = weak.json().error.details.map((d: { rule: string }) => d.rule);
    expect(rules).toEqual(expect.arrayContaining(['password.min_length', 'password.uppercase', 'password.digit', 'password.punctuation', 'password.personal']));
    expect(weak.json().error.details.find((d: { rule: string }) => d.rule === 'password.min_length').message).toBe('the password must have at least 10 characters');
    const personal = await officer.post('/api/auth/invitation/accept', { token, password: 'Maria!Officer2024' });
    expect(personal.json().error.details.map((d: { rule: string }) => d.rule)).toContain('password.personal');
    expect(personal.json().error.details[0].message).toMatch(/kata sandi/);

    expect((await officer.post('/api/auth/invitation/accept', { token, password: strongPassword })).statusCode).toBe(200);
    expect((await officer.post('/api/auth/invitation/accept', { token, password: strongPassword })).statusCode).toBe(400);

    const signIn = await officer.post('/api/auth/sign-in', { email: 'maria.officer@nttprov.go.id', password: strongPassword });
    expect(signIn.json().status).toBe('totp_enrolment_required');
    expect((await officer.get('/api/agencies/ntt-prov/requests-nothing')).statusCode).toBe(404);
    expect((await officer.get('/api/agencies/ntt-prov/roles')).statusCode).toBe(401);

    const enrolment = (await officer.post('/api/me/totp/enrolment')).json();
    expect(enrolment.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.otpauthUri).toContain('issuer=Sigap');
    nextStep();
    const confirmed = await officer.post('/api/me/totp/enrolment/confirm', { code: await totpCodeAt(enrolment.secret, clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect(confirmed.json().status).toBe('signed_in');

    const me = (await officer.get('/api/me')).json();
    // Their own agency, and the kota below it that the province is the escalation tier of.
    expect(me.agencies.map((a: { code: string }) => a.code)).toEqual(['ntt-prov', 'kupang-kota']);
    expect(me.agencies[0].permissions).toEqual(['requests.view']);
    expect(me.agencies[1]).toMatchObject({ roles: [], permissions: ['requests.view'], sources: [{ via: 'tier', agencyCode: 'ntt-prov' }] });
    expect((await officer.get('/api/agencies/ntt-prov/staff')).statusCode).toBe(403);
    expect((await officer.get('/api/agencies/kalsel-prov/staff')).statusCode).toBe(403);

    // A recovery code works once, in place of the TOTP code.
    const again = new Browser(t.app);
    await again.post('/api/auth/sign-in', { email: 'maria.officer@nttprov.go.id', password: strongPassword });
    const recovery = confirmed.json().recoveryCodes[0] as string;
    expect((await again.post('/api/auth/second-factor', { recoveryCode: recovery.toLowerCase() })).json().status).toBe('signed_in');
    const third = new Browser(t.app);
    await third.post('/api/auth/sign-in', { email: 'maria.officer@nttprov.go.id', password: strongPassword });
    expect((await third.post('/api/auth/second-factor', { recoveryCode: recovery })).statusCode).toBe(401);
  });

  it('lets an administrator reset a lost authenticator, audited, and the officer enrols again', async () => {
    const { browser: admin, admin: adminUser } = await signedInAdmin();
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'] });
    const res = await admin.post(`/api/agencies/ntt-prov/staff/${officer.id}/totp-reset`);
    expect(res.statusCode).toBe(200);
    const browser = new Browser(t.app);
    expect((await browser.post('/api/auth/sign-in', { email: officer.email, password: officer.password })).json().status).toBe('totp_enrolment_required');
    const audit = (await admin.get(`/api/agencies/ntt-prov/audit?action=users.totp_reset&targetId=${officer.id}`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actorId: adminUser.id, before: { totpEnabled: true }, after: { totpEnabled: false } });
  });

  it('grants and revokes roles, with before and after in the audit trail', async () => {
    const { browser: admin } = await signedInAdmin();
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'] });
    expect((await admin.request({ method: 'PUT', url: `/api/agencies/ntt-prov/staff/${officer.id}/roles/admin-sistem` })).statusCode).toBe(200);
    expect((await admin.get(`/api/agencies/ntt-prov/staff/${officer.id}`)).json().roles).toEqual(['admin-sistem', 'helpdesk']);
    expect((await admin.request({ method: 'PUT', url: `/api/agencies/ntt-prov/staff/${officer.id}/roles/pokja` })).statusCode).toBe(400);
    expect((await admin.request({ method: 'DELETE', url: `/api/agencies/ntt-prov/staff/${officer.id}/roles/helpdesk` })).statusCode).toBe(200);
    // After the officer's invitation and its acceptance, which the factory made as the web would.
    const events = (await admin.get(`/api/agencies/ntt-prov/audit?action=users.&targetId=${officer.id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['users.role_revoked', 'users.role_granted', 'users.invitation_accepted', 'users.invited']);
    expect(events[0]).toMatchObject({ before: { roles: ['admin-sistem', 'helpdesk'] }, after: { roles: ['admin-sistem'] } });
  });

  it('disables an account: its sessions end and it cannot sign in; not allowed on oneself', async () => {
    const { browser: admin, admin: adminUser } = await signedInAdmin();
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'], totp: false });
    const browser = new Browser(t.app);
    await browser.post('/api/auth/sign-in', { email: officer.email, password: officer.password });
    expect((await admin.request({ method: 'PUT', url: `/api/agencies/ntt-prov/staff/${officer.id}/disabled`, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect((await browser.post('/api/auth/sign-in', { email: officer.email, password: officer.password })).statusCode).toBe(403);
    expect((await admin.request({ method: 'PUT', url: `/api/agencies/ntt-prov/staff/${adminUser.id}/disabled`, payload: { disabled: true } })).statusCode).toBe(403);
  });

  it('refuses to disable a person who is also an officer of an agency the administrator does not manage', async () => {
    const { browser: admin } = await signedInAdmin();
    const shared = await make.officer({ agency: ntt, roles: ['helpdesk'], also: [{ agency: kalsel, roles: ['helpdesk'] }], totp: false });
    const res = await admin.request({ method: 'PUT', url: `/api/agencies/ntt-prov/staff/${shared.id}/disabled`, payload: { disabled: true } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details[0].rule).toBe('policy.other_agency');
    const denials = (await admin.get(`/api/agencies/ntt-prov/audit?action=access.denied&targetId=${shared.id}`)).json().items;
    expect(denials).toHaveLength(1);
    expect(denials[0].after).toEqual({ attempted: 'users.disabled', policy: 'other_agency' });
  });
});

describe('agency isolation', () => {
  it('does not read another agency’s officer by id through one’s own agency', async () => {
    const { browser: admin } = await signedInAdmin();
    const stranger = await make.officer({ agency: kalsel, roles: ['helpdesk'], totp: false });
    expect((await admin.get(`/api/agencies/ntt-prov/staff/${stranger.id}`)).statusCode).toBe(404);
    expect((await admin.request({ method: 'PUT', url: `/api/agencies/ntt-prov/staff/${stranger.id}/disabled`, payload: { disabled: true } })).statusCode).toBe(404);
    expect((await admin.post(`/api/agencies/ntt-prov/staff/${stranger.id}/totp-reset`)).statusCode).toBe(404);
    expect((await admin.get(`/api/agencies/kalsel-prov/staff/${stranger.id}`)).statusCode).toBe(403);
    expect((await admin.get('/api/agencies/kalsel-prov/audit')).statusCode).toBe(403);
  });

  it('lets the escalation tier see the agency below it, not the other way round', async () => {
    const { browser: provincial } = await signedInAdmin(ntt);
    const { browser: city } = await signedInAdmin(kupang);
    expect((await provincial.get('/api/agencies/kupang-kota/staff')).statusCode).toBe(200);
    expect((await city.get('/api/agencies/ntt-prov/staff')).statusCode).toBe(403);
  });

  it('lets a national tier two levels up see the kabupaten at the bottom, and lists what it reaches', async () => {
    const national = await make.agency({ code: 'lkpp-helpdesk', level: 'national', roles: [{ code: 'admin-sistem', permissions: adminPermissions }] });
    await make.agency({ code: 'jatim-prov', parent: 'lkpp-helpdesk' });
    const regency = await make.agency({ code: 'sidoarjo-kab', parent: 'jatim-prov', level: 'kabupaten' });
    const { browser } = await signedInAdmin(national);
    expect((await browser.get('/api/agencies/sidoarjo-kab/staff')).statusCode).toBe(200);
    expect((await browser.get('/api/agencies/ntt-prov/staff')).statusCode).toBe(403);
    expect(regency.id).toBeTruthy();
    const me = (await browser.get('/api/me')).json();
    expect(me.agencies.map((a: { code: string }) => a.code)).toEqual(['lkpp-helpdesk', 'jatim-prov', 'sidoarjo-kab']);
    expect(me.agencies[2]).toMatchObject({ roles: [], permissions: [...adminPermissions].sort(), sources: [{ via: 'tier', agencyCode: 'lkpp-helpdesk', roleCode: 'admin-sistem' }] });
  });

  it('records every permission denial in the agency’s audit trail', async () => {
    const { browser: other, admin: otherAdmin } = await signedInAdmin(kalsel);
    expect((await other.get('/api/agencies/ntt-prov/roles')).statusCode).toBe(403);
    const { browser: admin } = await signedInAdmin();
    const denials = (await admin.get(`/api/agencies/ntt-prov/audit?action=access.denied&actorId=${otherAdmin.id}`)).json().items;
    expect(denials).toHaveLength(1);
    expect(denials[0].after).toMatchObject({ method: 'GET', route: '/api/agencies/:agency/roles', permission: 'users.view' });
  });
});

describe('registration, verification and password reset by e-mail', () => {
  it('registers an external user who signs in after verifying the e-mail, without TOTP', async () => {
    const browser = new Browser(t.app, '10.0.2.1');
    const since = smtp.messages.length;
    const res = await browser.post('/api/auth/register', { email: 'vendor@cv-maju.co.id', password: strongPassword, name: 'Andi Vendor' });
    expect(res.statusCode).toBe(202);
    const token = tokenInMail((await smtp.waitFor('vendor@cv-maju.co.id', since)).text);
    expect((await browser.post('/api/auth/sign-in', { email: 'vendor@cv-maju.co.id', password: strongPassword })).statusCode).toBe(403);
    expect((await browser.post('/api/auth/verify-email', { token })).statusCode).toBe(200);
    expect((await browser.post('/api/auth/verify-email', { token })).statusCode).toBe(400);
    expect((await browser.post('/api/auth/sign-in', { email: 'vendor@cv-maju.co.id', password: strongPassword })).json().status).toBe('signed_in');
    const me = (await browser.get('/api/me')).json();
    expect(me).toMatchObject({ emailVerified: true, totpEnabled: false, totpRequired: false, requesterType: null, agencies: [] });

    // Registering the same address again says the same, and mails the owner instead.
    const before = smtp.messages.length;
    expect((await browser.post('/api/auth/register', { email: 'vendor@cv-maju.co.id', password: strongPassword, name: 'Someone Else' })).statusCode).toBe(202);
    expect((await smtp.waitFor('vendor@cv-maju.co.id', before)).text).toContain('sudah memiliki akun');
  });

  it('keeps the requester type chosen at registration, lets the person change it, and refuses an unknown one', async () => {
    const browser = new Browser(t.app, '10.0.2.3');
    const since = smtp.messages.length;
    const body = { email: 'ppk@dinas-pu.ntt.go.id', password: strongPassword, name: 'Yohanes PPK', requesterType: 'government' };
    expect((await browser.post('/api/auth/register', body)).statusCode).toBe(202);
    const [row] = await t.database.db.select().from(users).where(eq(users.email, 'ppk@dinas-pu.ntt.go.id'));
    expect(row!.requesterType).toBe('government');
    const registered = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, row!.id));
    expect(registered.find((e) => e.action === 'users.registered')?.after).toMatchObject({ requesterType: 'government' });

    await browser.post('/api/auth/verify-email', { token: tokenInMail((await smtp.waitFor(body.email, since)).text) });
    await browser.post('/api/auth/sign-in', { email: body.email, password: strongPassword });
    expect((await browser.get('/api/me')).json().requesterType).toBe('government');
    const changed = await browser.request({ method: 'PATCH', url: '/api/me', payload: { requesterType: 'vendor' } });
    expect(changed.json().requesterType).toBe('vendor');
    expect((await browser.request({ method: 'PATCH', url: '/api/me', payload: { requesterType: null } })).json().requesterType).toBeNull();

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'accept-language': 'en' },
      payload: { ...body, email: 'someone@example.id', requesterType: 'contractor' },
      remoteAddress: '10.0.2.4',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'requesterType', rule: 'invalid_value', message: expect.stringContaining('vendor') });
    expect(await t.database.db.select().from(users).where(eq(users.email, 'someone@example.id'))).toEqual([]);
  });

  it('refuses a registration password built from the person’s own details, naming the rule', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'siti.rahma@example.id', password: 'Rahma#1990xy', name: 'Siti Rahma', birthDate: '1990-04-01' },
      remoteAddress: '10.0.2.2',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { rule: string }) => d.rule)).toContain('password.personal');
  });

  it('resets a password with a single-use e-mailed token; other sessions end', async () => {
    const person = await make.requester({ email: 'reset.me@example.id' });
    const old = new Browser(t.app);
    await old.signIn(person.email, person.password);
    const since = smtp.messages.length;
    const browser = new Browser(t.app, '10.0.3.1');
    expect((await browser.post('/api/auth/password-reset/request', { email: 'Reset.Me@example.id' })).statusCode).toBe(202);
    const token = tokenInMail((await smtp.waitFor('reset.me@example.id', since)).text);
    const weak = await browser.post('/api/auth/password-reset', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect((await browser.post('/api/auth/password-reset', { token, password: 'New!Secure#Phrase77' })).statusCode).toBe(200);
    expect((await browser.post('/api/auth/password-reset', { token, password: 'Other!Secure#Phrase78' })).statusCode).toBe(400);
    expect((await old.get('/api/me')).statusCode).toBe(401);
    expect((await browser.post('/api/auth/sign-in', { email: person.email, password: person.password })).statusCode).toBe(401);
    expect((await browser.post('/api/auth/sign-in', { email: person.email, password: 'New!Secure#Phrase77' })).json().status).toBe('signed_in');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const since = smtp.messages.length;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'nobody@nowhere.id' }, remoteAddress: '10.0.3.2' });
    expect(res.statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.slice(since).filter((m) => m.to.includes('nobody@nowhere.id'))).toHaveLength(0);
  });

  it('mails at most three reset links per account per hour', async () => {
    const person = await make.requester({ email: 'many.resets@example.id' });
    const since = smtp.messages.length;
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: person.email }, remoteAddress: `10.0.4.${i}` });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.slice(since).filter((m) => m.to.includes(person.email))).toHaveLength(3);
  });
});

describe('API tokens', () => {
  it('creates a token shown once, scoped to its agency and permissions, and revokes it', async () => {
    const { browser: admin } = await signedInAdmin();
    const created = await admin.post('/api/agencies/ntt-prov/api-tokens', { name: 'SPSE sync', permissions: ['users.view'] });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^sigap_/);
    const list = (await admin.get('/api/agencies/ntt-prov/api-tokens')).json().items;
    expect(JSON.stringify(list)).not.toContain(token);

    const bearer = (url: string, method = 'GET') => t.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await bearer('/api/agencies/ntt-prov/staff')).statusCode).toBe(200);
    expect((await bearer('/api/agencies/ntt-prov/audit')).statusCode).toBe(403);
    expect((await bearer('/api/agencies/kalsel-prov/staff')).statusCode).toBe(403);
    // A child agency is reached through the tier by people, never by a token of the tier.
    expect((await bearer('/api/agencies/kupang-kota/staff')).statusCode).toBe(403);
    expect((await bearer('/api/me')).statusCode).toBe(403);

    expect((await admin.request({ method: 'DELETE', url: `/api/agencies/ntt-prov/api-tokens/${id}` })).statusCode).toBe(200);
    expect((await bearer('/api/agencies/ntt-prov/staff')).statusCode).toBe(401);
  });

  it('refuses a token with permissions its creator lacks', async () => {
    const { browser: admin } = await signedInAdmin();
    const res = await admin.post('/api/agencies/ntt-prov/api-tokens', { name: 'Too much', permissions: ['standards.publish'] });
    expect(res.statusCode).toBe(403);
    expect((await admin.post('/api/agencies/ntt-prov/api-tokens', { name: 'Nonsense', permissions: ['root.everything'] })).statusCode).toBe(400);
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    expect((await admin.post('/api/agencies/ntt-prov/api-tokens', { name: 'Stale', permissions: ['users.view'], expiresAt: past })).statusCode).toBe(400);
  });
});

describe('API token expiry', () => {
  it('stops accepting a token after its expiry', async () => {
    const { browser: admin } = await signedInAdmin();
    const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const { token } = (await admin.post('/api/agencies/ntt-prov/api-tokens', { name: 'Short-lived', permissions: ['users.view'], expiresAt })).json();
    const call = () => t.app.inject({ method: 'GET', url: '/api/agencies/ntt-prov/staff', headers: { authorization: `Bearer ${token}` } });
    expect((await call()).statusCode).toBe(200);
    clock.advance(3_600_001);
    expect((await call()).statusCode).toBe(401);
  });
});

describe('audit viewer', () => {
  it('pages the trail newest first and exports CSV', async () => {
    const { browser: admin } = await signedInAdmin();
    const first = (await admin.get('/api/agencies/ntt-prov/audit?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].seq).toBeGreaterThan(first.items[1].seq);
    const second = (await admin.get(`/api/agencies/ntt-prov/audit?limit=2&beforeSeq=${first.nextBeforeSeq}`)).json();
    expect(second.items[0].seq).toBeLessThan(first.items[1].seq);

    const csv = await admin.get('/api/agencies/ntt-prov/audit.csv?action=users.');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFseq,occurred_at,')).toBe(true);
    expect(csv.body).toContain('users.invited');
    expect(csv.body).not.toContain('access.denied');
  });
});

describe('the signed-in person', () => {
  it('marks the cookies Secure when served over https', async () => {
    const person = await make.requester();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: person.email, password: person.password },
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '10.0.5.1',
    });
    const session = res.cookies.find((c) => c.name === 'sigap_session')!;
    const csrf = res.cookies.find((c) => c.name === 'sigap_csrf')!;
    expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(csrf.secure).toBe(true);
    expect(csrf.httpOnly).toBeFalsy();
    const plain = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: person.email, password: person.password }, remoteAddress: '10.0.5.1' });
    expect(plain.cookies.find((c) => c.name === 'sigap_session')!.secure).toBeFalsy();
  });

  it('lets an external user turn TOTP on and off, and replace recovery codes', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    const enrolment = (await browser.post('/api/me/totp/enrolment')).json();
    nextStep();
    const confirmed = await browser.post('/api/me/totp/enrolment/confirm', { code: await totpCodeAt(enrolment.secret, clock.now()) });
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect(confirmed.json().status).toBeUndefined();
    expect((await browser.get('/api/me')).json()).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10, totpRequired: false });
    expect((await browser.post('/api/me/totp/enrolment')).statusCode).toBe(409);

    nextStep();
    const fresh = await browser.post('/api/me/totp/recovery-codes', { code: await totpCodeAt(enrolment.secret, clock.now()) });
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    expect(fresh.json().recoveryCodes[0]).not.toBe(confirmed.json().recoveryCodes[0]);

    const next = new Browser(t.app);
    expect((await next.post('/api/auth/sign-in', { email: person.email, password: person.password })).json().status).toBe('totp_required');
    expect((await next.post('/api/auth/second-factor', { recoveryCode: confirmed.json().recoveryCodes[0] })).statusCode).toBe(401);

    expect((await browser.post('/api/me/totp/disable', { password: 'wrong-Password1!' })).statusCode).toBe(400);
    expect((await browser.post('/api/me/totp/disable', { password: person.password })).statusCode).toBe(200);
    expect((await new Browser(t.app).post('/api/auth/sign-in', { email: person.email, password: person.password })).json().status).toBe('signed_in');
  });

  it('does not let staff turn TOTP off', async () => {
    const officer = await make.officer({ agency: ntt, roles: ['helpdesk'] });
    const browser = new Browser(t.app);
    nextStep();
    await browser.signIn(officer.email, officer.password, { secret: officer.totpSecret!, at: clock.now() });
    expect((await browser.post('/api/me/totp/disable', { password: officer.password })).statusCode).toBe(403);
  });

  it('checks a candidate password against the person’s own details for live feedback', async () => {
    const person = await make.requester({ name: 'Yohanes Lamuri' });
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    const res = await browser.request({ method: 'POST', url: '/api/auth/password-check', payload: { password: 'Lamuri!2024x' }, headers: { 'accept-language': 'en' } });
    expect(res.json().ok).toBe(false);
    expect(res.json().failed).toContainEqual({ rule: 'password.personal', message: 'the password must not contain your name, e-mail, birth date or agency' });
    // A requester belongs to no agency: Sigap's floor, which no agency's policy declared.
    expect((await browser.post('/api/auth/password-check', { password: strongPassword })).json()).toEqual({
      ok: true,
      failed: [],
      policy: { passwordMinLength: 10, passwordAllClasses: true, totpRequired: true, declaredBy: [] },
    });
  });

  it('updates name and birth date, audited with before and after', async () => {
    const person = await make.requester({ name: 'Old Name' });
    const browser = new Browser(t.app);
    await browser.signIn(person.email, person.password);
    const res = await browser.request({ method: 'PATCH', url: '/api/me', payload: { name: 'New Name', birthDate: '1980-02-03' } });
    expect(res.json()).toMatchObject({ name: 'New Name', birthDate: '1980-02-03' });
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'users.profile_updated'), eq(auditEvents.actorId, person.id)));
    expect(event).toMatchObject({ agencyId: null, actorId: person.id, before: { name: 'Old Name', birthDate: null }, after: { name: 'New Name', birthDate: '1980-02-03' } });
  });

  it('audits every sign-in and failed sign-in in the global chain', async () => {
    const person = await make.requester();
    const browser = new Browser(t.app);
    await browser.post('/api/auth/sign-in', { email: person.email, password: 'Not!TheRight1' });
    await browser.post('/api/auth/sign-in', { email: person.email, password: person.password });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetId, person.id));
    expect(events.map((e) => [e.action, e.agencyId])).toEqual([
      // The registration the factory made, as the web would.
      ['users.registered', null],
      ['users.email_verified', null],
      ['auth.sign_in_failed', null],
      ['auth.sign_in', null],
    ]);
    expect(events[2]!.after).toMatchObject({ reason: 'wrong_password', failures: 1 });
    expect(events[2]!.ip).toMatch(/^10\./);
  });
});

describe('one’s own sessions', () => {
  it('ends one other session by id, but never another person’s', async () => {
    const person = await make.requester();
    const other = await make.requester();
    const laptop = new Browser(t.app);
    const phone = new Browser(t.app);
    const stranger = new Browser(t.app);
    await laptop.signIn(person.email, person.password);
    await phone.signIn(person.email, person.password);
    await stranger.signIn(other.email, other.password);
    const phoneSession = (await phone.get('/api/me/sessions')).json().items.find((s: { current: boolean }) => s.current).id;
    const strangerSession = (await stranger.get('/api/me/sessions')).json().items[0].id;

    expect((await laptop.request({ method: 'DELETE', url: `/api/me/sessions/${strangerSession}` })).statusCode).toBe(404);
    expect((await stranger.get('/api/me')).statusCode).toBe(200);
    expect((await laptop.request({ method: 'DELETE', url: `/api/me/sessions/${phoneSession}` })).statusCode).toBe(200);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
  });
});
