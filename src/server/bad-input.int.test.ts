import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactError } from './lib/redact.js';
import { createTestApp, type TestApp } from './test/app.js';
import { createFactories, recordingMailer } from './test/factories.js';
import { Browser } from './test/identity-fixtures.js';
import { multipart, testPdf } from './test/vendor-fixtures.js';

/**
 * Input an outside review sent to break routes (issue #19, item 3): each is refused with a 4xx that
 * names the field and the rule, in one place for every route (the validator, the agency lookup,
 * the upload reader, the error handler), never a 500.
 */
describe('bad input is a 4xx naming the field and the rule, never a 500', () => {
  let t: TestApp;
  let officer: Browser;
  const filing = { service: 'dukungan-spse', channel: 'lpse-support', title: 'Gagal unggah', requester: { type: 'vendor', name: 'Budi Santoso', email: 'budi@cv-maju.co.id' }, organisation: { name: 'CV Maju Jaya', nib: '9120001234567' } };
  const file = (payload: object) => t.app.inject({ method: 'POST', url: '/api/public/agencies/kalsel-prov/requests', headers: { 'accept-language': 'en' }, payload });

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { mailer } });
    const factories = createFactories({ services: t.services, mails: mailer.sent });
    await factories.standards();
    const ntt = await t.services.agencies.getAgency({ code: 'ntt-prov' });
    const roles = await t.database.db.query.agencyRoles.findMany({ where: (r, { eq }) => eq(r.agencyId, ntt.id) });
    const person = await factories.officer({ agency: ntt, roles: roles.map((r) => r.code) });
    officer = new Browser(t.app);
    expect((await officer.signIn(person.email, person.password, { secret: person.totpSecret!, at: new Date() })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses NUL and lone surrogates in any body field, query or path parameter', async () => {
    const nul = await file({ ...filing, title: 'a\u0000b' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.details[0]).toMatchObject({ field: 'title', rule: 'text.nul', message: 'must not contain the NUL character (\\u0000)' });
    const surrogate = await file({ ...filing, requester: { ...filing.requester, name: '\ud800' } });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error.details[0]).toMatchObject({ field: 'requester.name', rule: 'text.surrogate' });
    expect((await file(filing)).statusCode).toBe(201);

    const query = await t.app.inject({ method: 'GET', url: '/api/services?q=%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.details[0]).toMatchObject({ field: 'q', rule: 'text.nul' });
    const byRequest = await officer.get('/api/complaints/agencies/ntt-prov/by-request/%00');
    expect(byRequest.statusCode).toBeLessThan(500);
  });

  it('answers an :agency that cannot be a code as not found, before any lookup', async () => {
    // Bytes that are not UTF-8 at all do not make a URL (400), nor does a parameter past 100 characters (414).
    expect((await officer.get('/api/agencies/%ED%A0%80/staff')).statusCode).toBe(400);
    expect((await officer.get(`/api/agencies/${'x'.repeat(300)}/staff`)).statusCode).toBe(414);
    for (const agency of ['%00', 'a%00b', 'x'.repeat(80)]) {
      const res = await officer.get(`/api/agencies/${agency}/staff`);
      expect(res.statusCode, agency).toBe(404);
      expect(res.json().error.details[0]).toMatchObject({ field: 'agency', rule: 'agency.not_found' });
    }
  });

  it('refuses a date that does not exist and a blank .ics file', async () => {
    const date = await officer.post('/api/calendar/agencies/ntt-prov/dates', { date: '2026-02-30', kind: 'closure', name: 'Tutup' });
    expect(date.statusCode).toBe(400);
    expect(date.json().error.details[0]).toMatchObject({ field: 'date', rule: 'calendar.date' });
    for (const ics of [' ', '\n\n', 'BEGIN:VCALENDAR']) {
      const blank = await officer.post('/api/calendar/agencies/ntt-prov/import-ics', { ics });
      expect(blank.statusCode, JSON.stringify(ics)).toBeGreaterThanOrEqual(400);
      expect(blank.statusCode, blank.body).toBeLessThan(500);
    }
  });

  it('refuses a truncated multipart body and a NUL in an upload file name', async () => {
    const filed = (await file(filing)).json() as { number: string; trackingSecret: string };
    const url = `/api/public/requests/${filed.number}/attachments`;
    const good = multipart({ secret: filed.trackingSecret, requirementCode: 'data-dukung' }, { name: 'bukti.pdf', content: testPdf() });
    const body = good.payload as Buffer;
    const cut = await t.app.inject({ method: 'POST', url, headers: good.headers, payload: body.subarray(0, body.length - 40) });
    expect(cut.statusCode, cut.body).toBe(400);
    expect(cut.json().error.details[0]).toMatchObject({ field: 'file', rule: 'upload.malformed' });

    const named = multipart({ secret: filed.trackingSecret }, { name: 'bukti\u0000.pdf', content: testPdf() });
    const nul = await t.app.inject({ method: 'POST', url, ...named });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().error.details[0]).toMatchObject({ field: 'fileName', rule: 'text.nul' });
  });

  it("logs a failed query without the values it carried (names, phones, e-mails)", async () => {
    const failed = await t.database.db.execute(sql`select ${'Budi Santoso budi@cv-maju.co.id 081234567890'}::int`).catch((error: unknown) => error);
    expect(String((failed as Error).message)).toContain('budi@cv-maju.co.id');
    const logged = JSON.stringify(redactError(failed));
    expect(logged).not.toContain('Budi');
    expect(logged).not.toContain('budi@cv-maju.co.id');
    expect(logged).not.toContain('081234567890');
    expect(logged).toContain('params: [redacted]');
  });
});
