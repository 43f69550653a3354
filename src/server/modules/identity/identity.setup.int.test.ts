import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, newPassword } from '../../test/factories.js';

/**
 * Issue #18, "Setting up": "the first administrator should need no second terminal at all: on
 * first start with no administrator, the server prints a one-time setup link ... that opens a
 * setup page in the browser — choose the unit, create the administrator with password and TOTP."
 */
describe('first-run setup', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createFactories(t).standards({ codes: ['kalsel-prov'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const tokenOf = (link: string) => decodeURIComponent(/#token=(.+)$/.exec(link)![1]!);

  it('gives a link while nobody can administer Sigap, which names the first administrator of Kalimantan Selatan, who then sets a password', async () => {
    const link = await t.services.setup.setupLink();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/setup#token=/);
    const token = tokenOf(link!);

    // A forged token opens nothing.
    const forged = await t.app.inject({ method: 'POST', url: '/api/setup/check', payload: { token: `${token.slice(0, -2)}AA` } });
    expect(forged.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/setup/check', payload: { token } })).json()).toEqual({ open: true });

    // Bad input names the field.
    const bad = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { token, agency: 'kalsel-prov', email: 'not-an-address', name: 'Siti' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('email');

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, agency: 'kalsel-prov', email: 'Admin@KalselProv.go.id', name: 'Siti Rahmah' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.next).toBe('invitation');
    expect(body.path).toMatch(/^\/invitation#token=/);

    // Invited, not yet an administrator: the link still works (the browser may have been closed).
    expect(await t.services.setup.setupLink()).toBe(link);

    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/auth/invitation/accept',
      payload: { token: tokenOf(body.path), password: newPassword({ email: 'admin@kalselprov.go.id', name: 'Siti Rahmah' }) },
    });
    expect(accepted.statusCode).toBe(200);

    // Now there is an administrator: the link is gone and the token opens nothing.
    expect(await t.services.setup.setupLink()).toBeNull();
    const after = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { token, agency: 'kalsel-prov', email: 'second@kalselprov.go.id', name: 'Kedua' } });
    expect(after.statusCode).toBe(404);

    const kalsel = await t.services.agencies.getAgency({ code: 'kalsel-prov' });
    const staff = await t.services.staff.listStaff({ agency: kalsel });
    const admin = staff.find((s) => s.email === 'admin@kalselprov.go.id');
    expect(admin?.roles).toEqual(['administrator-sigap']);
  });
});
