import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from './app.js';
import { openDatabase } from './db/client.js';
import { agencies } from './db/tables/index.js';
import { createTestApp, createTestServices, type TestApp } from './test/app.js';
import { createFactories } from './test/factories.js';

describe('the application shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers /healthz and /readyz when the database answers', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('returns a 404 in the error shape for an unknown route, in Indonesian by default', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body.error).toMatchObject({ code: 'not_found', message: 'Alamat GET /api/nothing-here tidak ditemukan' });
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(body.error.details).toEqual([{ field: 'url', rule: 'route', message: body.error.message }]);
  });

  it('answers in English when the client prefers it', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(res.json().error.message).toBe('No route for GET /api/nothing-here');
    expect(res.headers['content-language']).toBe('en');
  });

  it('returns a 400 that names the field and the rule', async () => {
    const res = await t.app.inject({ url: '/api/agencies/Not%20A%20Code' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation');
    expect(body.error.details).toEqual([
      {
        field: 'code',
        rule: 'agency.code',
        message: 'hanya huruf kecil, angka dan tanda hubung (contoh: kalsel-prov)',
      },
    ]);
    expect(body.error.message).toContain('code');
    const en = await t.app.inject({ url: '/api/agencies/Not%20A%20Code', headers: { 'accept-language': 'en' } });
    expect(en.json().error.details[0].message).toBe('only lower-case letters, digits and hyphens (e.g. kalsel-prov)');
  });

  it('lists agencies with their parent, and finds one by code', async () => {
    const make = createFactories(t);
    await make.agency({ code: 'lkpp', name: 'LKPP', level: 'national', timeZone: 'Asia/Jakarta' });
    await make.agency({ code: 'ntt-prov', name: 'Biro PBJ Provinsi NTT', level: 'provinsi', timeZone: 'Asia/Makassar', parent: 'lkpp' });
    const list = await t.app.inject({ url: '/api/agencies' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { code: string; parentCode: string | null }) => [a.code, a.parentCode])).toEqual([
      ['ntt-prov', 'lkpp'],
      ['lkpp', null],
    ]);
    const one = await t.app.inject({ url: '/api/agencies/ntt-prov' });
    expect(one.json()).toMatchObject({ code: 'ntt-prov', timeZone: 'Asia/Makassar', parentCode: 'lkpp' });
    const missing = await t.app.inject({ url: '/api/agencies/nowhere-kab', headers: { 'accept-language': 'en' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Agency "nowhere-kab" not found');
  });

  it('serves the OpenAPI document generated from the route schemas, and its browsable page', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/agencies'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/agencies/{code}'].get.parameters[0]).toMatchObject({ name: 'code', in: 'path' });
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('exposes Prometheus metrics', async () => {
    await t.app.inject({ url: '/api/agencies' });
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
    expect(res.body).toContain('route="/api/agencies"');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a body over the size limit with a 413 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/agencies',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ filler: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

describe('errors that are the server’s fault', () => {
  it('leak nothing and carry the request id', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1024, logLevel: 'silent' }, logger: false, webRoot: '/none' });
    app.get('/api/boom', async () => {
      throw new Error('password=hunter2 at db.internal:5432');
    });
    app.withTypeProvider().post('/api/echo', { schema: { body: z.object({ n: z.number() }) } }, async () => ({}));
    const res = await app.inject({ url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('db.internal');
    expect(res.json().error).toMatchObject({ code: 'internal', requestId: res.headers['x-request-id'] });
    const bad = await app.inject({ method: 'POST', url: '/api/echo', headers: { 'content-type': 'application/json' }, payload: '{"n":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('bad_request');
    await app.close();
    await database.close();
  });
});

describe('the client address', () => {
  it('comes from the socket unless a proxy is trusted', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const probe = async (trustProxy?: boolean | number | string) => {
      const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1024, logLevel: 'silent', trustProxy }, logger: false, webRoot: '/none' });
      app.get('/api/whoami', async (request) => ({ ip: request.ip, protocol: request.protocol }));
      const res = await app.inject({ url: '/api/whoami', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' } });
      await app.close();
      return res.json();
    };
    expect(await probe()).toEqual({ ip: '10.1.2.3', protocol: 'http' });
    expect(await probe(true)).toEqual({ ip: '203.0.113.9', protocol: 'https' });
    expect(await probe(1)).toEqual({ ip: '203.0.113.9', protocol: 'https' });
    expect(await probe('192.168.0.0/16')).toEqual({ ip: '10.1.2.3', protocol: 'http' });
    await database.close();
  });
});

describe('readiness', () => {
  it('fails with 503 when the embedded database is gone', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1024, logLevel: 'silent' }, logger: false, webRoot: '/none' });
    await database.close();
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable' } });
    await app.close();
  });

  it('fails with 503 when the PostgreSQL server cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const database = await openDatabase({ databaseUrl: 'postgres://sigap@127.0.0.1:1/sigap' });
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1024, logLevel: 'silent' }, logger: false, webRoot: '/none' });
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.database).toBe('unreachable');
    await app.close();
    await database.close();
  });
});

describe('the embedded database on disk', () => {
  it('keeps its data when closed and opened again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-data-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await first.migrate();
      await first.db.insert(agencies).values({ code: 'kalsel-prov', name: 'Biro PBJ Kalsel', level: 'provinsi', timeZone: 'Asia/Makassar' });
      await first.close();

      const second = await openDatabase({ dataDir: dir });
      await second.migrate();
      const rows = await second.db.select().from(agencies);
      expect(rows.map((r) => r.code)).toEqual(['kalsel-prov']);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the built web app and falls back to index.html for client routes', async () => {
    const web = mkdtempSync(path.join(os.tmpdir(), 'sigap-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Sigap</title>');
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    const database = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1024, logLevel: 'silent' }, logger: false, webRoot: web });
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>Sigap</title>');
    expect(root.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const deep = await app.inject({ url: '/masuk', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Sigap</title>');
    const api = await app.inject({ url: '/api/unknown', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    await app.close();
    await database.close();
    rmSync(web, { recursive: true, force: true });
  });
});

describe('compression (a phone on a slow, metered line)', () => {
  it('sends the build\'s own .br or .gz of a web file to a browser that accepts it, and the plain file otherwise', async () => {
    const web = mkdtempSync(path.join(os.tmpdir(), 'sigap-web-'));
    const script = `console.log(${JSON.stringify('Sigap '.repeat(2000))})`;
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Sigap</title>');
    mkdirSync(path.join(web, 'assets'));
    writeFileSync(path.join(web, 'assets', 'index-abc123.js'), script);
    writeFileSync(path.join(web, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(script));
    writeFileSync(path.join(web, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(script));
    const database = await openDatabase({ dataDir: 'memory://' });
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1024, logLevel: 'silent' }, logger: false, webRoot: web });
    try {
      const br = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);
      expect(br.rawPayload.length).toBeLessThan(script.length / 10);
      const gz = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);
      const plain = await app.inject({ url: '/assets/index-abc123.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(script);
    } finally {
      await app.close();
      await database.close();
      rmSync(web, { recursive: true, force: true });
    }
  });

  it('compresses an API answer over 1 KiB for a client that asks, and leaves small ones and other clients alone', async () => {
    const t = await createTestApp();
    try {
      await createFactories(t).standards({ codes: ['kalsel-prov'] });
      const url = '/api/agencies/kalsel-prov/standard';
      const plain = await t.app.inject({ url });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      const br = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
      const small = await t.app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
      expect(small.headers['content-encoding']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
