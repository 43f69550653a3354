import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { createFactories, recordingMailer, type Factories } from './factories.js';
import { Browser } from './identity-fixtures.js';

// The factories make records the app then accepts as its own: each is checked through the API.
describe('test factories', () => {
  let t: TestApp;
  let f: Factories;

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { mailer } });
    f = createFactories({ services: t.services, mails: mailer.sent });
    await f.standards({ codes: ['kalsel-prov'] });
  });
  afterAll(() => t?.close());

  it('imports a shipped standard: the agency, its services and its roles', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/agencies/kalsel-prov/standard' });
    expect(res.statusCode).toBe(200);
    expect(res.json().services.map((s: { code: string }) => s.code)).toContain('dukungan-spse');
    const roles = await t.services.staff.listRoles({ agency: await t.services.agencies.getAgency({ code: 'kalsel-prov' }) });
    expect(roles.map((r) => r.code)).toContain('helpdesk');
  });

  it('makes an officer who signs in with the password and a TOTP code and holds the role', async () => {
    const officer = await f.officer({ agency: 'kalsel-prov', roles: ['helpdesk'] });
    const browser = new Browser(t.app);
    const signIn = await browser.signIn(officer.email, officer.password, { secret: officer.totpSecret!, at: new Date() });
    expect(signIn.json().status).toBe('signed_in');
    const me = (await browser.get('/api/me')).json();
    const kalsel = me.agencies.find((a: { code: string }) => a.code === 'kalsel-prov');
    expect(kalsel.permissions).toContain('requests.intake');
    expect(officer.recoveryCodes).toHaveLength(10);
  });

  it('refuses an officer with a role the agency does not define', async () => {
    await expect(f.officer({ agency: 'kalsel-prov', roles: ['no-such-role'] })).rejects.toMatchObject({ status: 400 });
  });

  it('makes a verified requester who signs in without TOTP, and an unverified one who cannot', async () => {
    const vendor = await f.requester({ requesterType: 'vendor' });
    expect((await new Browser(t.app).signIn(vendor.email, vendor.password)).json().status).toBe('signed_in');
    const unverified = await f.requester({ verified: false });
    expect((await new Browser(t.app).signIn(unverified.email, unverified.password)).statusCode).toBe(403);
  });

  it('makes an API token that carries exactly its permissions in its agency', async () => {
    const token = await f.apiToken({ agency: 'kalsel-prov', permissions: ['requests.view'] });
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/requests/agencies/kalsel-prov/queue?view=all', headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies/kalsel-prov/staff', headers: auth })).statusCode).toBe(403);
  });

  it('files a request and walks it to a requester step, then to the end, as the workflow allows', async () => {
    const waiting = await f.request({ agency: 'kalsel-prov', service: 'dukungan-spse', channel: 'lpse-support', to: 'konfirmasi-lpse' });
    expect(waiting.view.step.code).toBe('konfirmasi-lpse');
    expect(waiting.view.status).toBe('confirming');
    expect(waiting.view.product?.text).toBe('Jawaban uji');

    const closed = await f.request({ agency: 'kalsel-prov', service: 'dukungan-spse', channel: 'lpse-support', actions: ['selesaikan', 'tutup'] });
    expect(closed.view.status).toBe('closed');
    const tracked = await t.app.inject({ method: 'POST', url: '/api/public/requests/track', payload: { number: closed.number, secret: closed.trackingSecret } });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json().status).toBe('closed');
  });

  it('says which actions a step offers when asked for one it does not', async () => {
    await expect(f.request({ agency: 'kalsel-prov', service: 'dukungan-spse', channel: 'walk-in', actions: ['tutup'] })).rejects.toThrow(/offers no action tutup/);
  });

  it('files a complaint the complainant can track', async () => {
    const filed = await f.complaint({ agency: 'kalsel-prov' });
    expect(filed.number).toMatch(/^KALSEL-PROV-ADU-\d{4}-\d{5}$/);
    expect(filed.status).toBe('received');
  });
});
