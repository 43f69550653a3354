import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { openDatabase } from './db/client.js';
import { createTestApp, createTestServices, type TestApp } from './test/app.js';
import { createFactories, recordingMailer } from './test/factories.js';
import { Browser } from './test/identity-fixtures.js';

/** Issue #19, finding 10: what the API says around the answer itself. */
describe('request ids, caching and a database outage', () => {
  let t: TestApp;
  let person: Browser;
  let signedInWith: Awaited<ReturnType<Browser['signIn']>>;

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { mailer } });
    const requester = await createFactories({ services: t.services, mails: mailer.sent }).requester();
    person = new Browser(t.app);
    signedInWith = await person.signIn(requester.email, requester.password);
    expect(signedInWith.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps a client's short X-Request-Id and replaces a long or odd one with its own", async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/api/agencies', headers: { 'x-request-id': 'lb-2026.03.13:abc_123' } });
    expect(kept.headers['x-request-id']).toBe('lb-2026.03.13:abc_123');
    for (const sent of ['x'.repeat(5000), 'a b', '<script>', 'ü']) {
      const replaced = await t.app.inject({ method: 'GET', url: '/api/agencies', headers: { 'x-request-id': sent } });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('marks what a signed-in person is answered, and a sign-in, no-store; public answers stay cacheable', async () => {
    expect((await person.get('/api/me')).headers['cache-control']).toBe('no-store');
    expect((await person.get('/api/me/sessions')).headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies' })).headers['cache-control']).toBeUndefined();
    // The sign-in itself sets the session cookie: not to be kept either.
    expect(signedInWith.headers['cache-control']).toBe('no-store');
  });

  it('answers 503 with Retry-After when the database cannot be reached', async () => {
    // A PostgreSQL server that is not there: the connection is refused.
    const gone = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/sigap', poolSize: 1 });
    const app = await buildApp(createTestServices(gone), { config: { bodyLimit: 1_048_576, logLevel: 'silent' }, logger: false, webRoot: '/nonexistent' });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/agencies', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error).toMatchObject({ code: 'unavailable', message: 'The service is unavailable; try again in a moment' });
    } finally {
      await app.close();
      await gone.close();
    }
  });

  it('shows /metrics to this machine only, unless SIGAP_METRICS_ALLOW names the scraper', async () => {
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    // createTestApp trusts the proxy headers, as behind a reverse proxy.
    const outside = await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).not.toContain('process_cpu');

    const database = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1_048_576, logLevel: 'silent', metricsAllow: '10.1.0.0/16' }, logger: false, webRoot: '/nonexistent' });
    try {
      expect((await app.inject({ url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/metrics', remoteAddress: '10.2.0.1' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(404);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
