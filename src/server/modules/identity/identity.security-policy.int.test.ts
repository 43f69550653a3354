import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, shippedStandardsDir, type Factories, type Person } from '../../test/factories.js';
import { Browser, tokenInMail } from '../../test/identity-fixtures.js';
import { systemActor } from '../audit/audit.service.js';
import { loadStandards } from '../standards/standards.loader.js';

/**
 * Passwords and TOTP follow the agency's `securityPolicy`. NTT's policy (Kebijakan Operasional
 * LPSE NTT 2023, III.3.6): "Penggunaan kata sandi harus memenuhi kriteria keamanan minimum ...
 * Terdiri dari 10 karakter; Terdiri dari huruf (besar dan kecil), angka dan karakter special
 * (tanda baca)" and "Time-based One-Time Password (TOTP)". Banjarmasin states no policy: Sigap's
 * floor (the same rules) holds there.
 */
describe("the agency's security policy, read from its standard", () => {
  let t: TestApp;
  let make: Factories;
  const mailer = recordingMailer();
  const secretKey = randomBytes(32);
  // Tuesday 10 March 2026, 09:00 WITA.
  const now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const copy = mkdtempSync(path.join(os.tmpdir(), 'sigap-policy-'));
  const nttYaml = path.join(copy, 'ntt-prov', 'agency.yaml');
  // Valid under NTT's 10 characters: 12 characters of every class, nothing personal or common.
  const twelve = 'tR7!qLw9#zPm';

  async function signedIn(person: Person): Promise<Browser> {
    const browser = new Browser(t.app);
    const res = await browser.signIn(person.email, person.password, person.totpSecret ? { secret: person.totpSecret, at: now } : undefined);
    expect(res.statusCode, res.body).toBe(200);
    return browser;
  }

  /** Imports ntt-prov from the copy as `sigap standards import` does (a new version when it changed). */
  async function importNtt() {
    const loaded = await loadStandards(copy);
    expect(loaded.problems).toEqual([]);
    return t.services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
  }

  beforeAll(async () => {
    cpSync(path.join(shippedStandardsDir, 'ntt-prov'), path.join(copy, 'ntt-prov'), { recursive: true });
    t = await createTestApp({ identity: { clock, secretKey, mailer } });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['banjarmasin-kota'] });
    await importNtt();
  });

  afterAll(async () => {
    await t?.close();
    rmSync(copy, { recursive: true, force: true });
  });

  it('re-importing NTT with a longer minimum refuses a new password that was valid before, naming the field and the rule', async () => {
    const officer = await make.officer({ agency: 'ntt-prov', roles: ['helpdesk'] });
    const browser = await signedIn(officer);
    const before = (await browser.post('/api/auth/password-check', { password: twelve })).json();
    expect(before).toMatchObject({ ok: true, policy: { passwordMinLength: 10, passwordAllClasses: true, totpRequired: true, declaredBy: ['ntt-prov'] } });

    writeFileSync(nttYaml, readFileSync(nttYaml, 'utf8').replace(/^ {2}passwordMinLength: 10$/m, '  passwordMinLength: 14'));
    const [imported] = await importNtt();
    expect(imported).toMatchObject({ code: 'ntt-prov', version: 2 });

    const after = (await browser.post('/api/auth/password-check', { password: twelve })).json();
    expect(after).toMatchObject({ ok: false, failed: [{ rule: 'password.min_length' }], policy: { passwordMinLength: 14, declaredBy: ['ntt-prov'] } });
    const refused = await browser.request({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: officer.password, newPassword: twelve },
      headers: { 'accept-language': 'id' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ field: 'newPassword', rule: 'password.min_length', message: 'kata sandi minimal 14 karakter' }]);
    // Fourteen characters pass.
    const longer = await browser.post('/api/me/password', { currentPassword: officer.password, newPassword: `${twelve}Vx` });
    expect(longer.statusCode, longer.body).toBe(200);
    expect((await browser.get('/api/me')).json().securityPolicy).toEqual({ passwordMinLength: 14, passwordAllClasses: true, totpRequired: true, declaredBy: ['ntt-prov'] });
  });

  it('an officer of an agency that states no policy is held to the floor; one also in NTT gets the stricter of both', async () => {
    const bjmOnly = await make.officer({ agency: 'banjarmasin-kota', roles: ['helpdesk'] });
    const both = await make.officer({ agency: 'banjarmasin-kota', roles: ['helpdesk'], also: [{ agency: 'ntt-prov', roles: ['helpdesk'] }] });
    const floor = (await (await signedIn(bjmOnly)).post('/api/auth/password-check', { password: twelve })).json();
    expect(floor).toMatchObject({ ok: true, policy: { passwordMinLength: 10, passwordAllClasses: true, totpRequired: true, declaredBy: [] } });
    const strictest = (await (await signedIn(both)).post('/api/auth/password-check', { password: twelve })).json();
    expect(strictest).toMatchObject({ ok: false, failed: [{ rule: 'password.min_length' }], policy: { passwordMinLength: 14, declaredBy: ['ntt-prov'] } });
  });

  it("an invitation to NTT is checked against NTT's policy, before the invitee has signed in", async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password-check', payload: { password: twelve, agencyCode: 'ntt-prov' }, headers: { 'accept-language': 'en' } });
    expect(res.json()).toMatchObject({ ok: false, failed: [{ rule: 'password.min_length', message: 'the password must have at least 14 characters' }] });
    const registration = await t.app.inject({ method: 'POST', url: '/api/auth/password-check', payload: { password: twelve } });
    expect(registration.json()).toMatchObject({ ok: true, policy: { passwordMinLength: 10, declaredBy: [] } });
  });

  it("a password reset link is checked, live and on saving, against the policy of that person's agencies", async () => {
    const officer = await make.officer({ agency: 'ntt-prov', roles: ['helpdesk'] });
    await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: officer.email } });
    const mail = [...mailer.sent].reverse().find((m) => m.to === officer.email)!;
    const token = tokenInMail(mail.text);
    const live = await t.app.inject({ method: 'POST', url: '/api/auth/password-check', payload: { password: twelve, resetToken: token } });
    expect(live.json()).toMatchObject({ ok: false, failed: [{ rule: 'password.min_length' }], policy: { passwordMinLength: 14, declaredBy: ['ntt-prov'] } });
    const saved = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password: twelve }, headers: { 'accept-language': 'en' } });
    expect(saved.statusCode).toBe(400);
    expect(saved.json().error.details).toEqual([{ field: 'password', rule: 'password.min_length', message: 'the password must have at least 14 characters' }]);
    // A link that is not valid tells nothing: the floor.
    const forged = await t.app.inject({ method: 'POST', url: '/api/auth/password-check', payload: { password: twelve, resetToken: `${token}x` } });
    expect(forged.json()).toMatchObject({ ok: true, policy: { passwordMinLength: 10, declaredBy: [] } });
  });
});
