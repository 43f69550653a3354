import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { Browser, insertUser } from '../../test/identity-fixtures.js';
import { systemActor } from '../audit/audit.service.js';
import { loadStandards } from '../standards/standards.loader.js';

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----sigap${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * kalsel-prov's LPSE support escalates to LKPP tiers; on a deployment without LKPP the escalation
 * is recorded in LKPP's own system (LPSE Support) with its ticket number, and the LPSE helpdesk
 * goes on recording that tier's progress.
 */
describe('escalation to an agency that is not on the deployment', () => {
  let t: TestApp;
  const secretKey = randomBytes(32);
  const now = new Date('2026-03-11T01:00:00Z');
  let helpdesk: Browser;

  beforeAll(async () => {
    t = await createTestApp({ identity: { clock: () => now, secretKey }, requests: { filesDir: `/tmp/sigap-req-ext-${randomBytes(4).toString('hex')}`, secretKey } });
    const db = t.database.db;
    const loaded = await loadStandards(path.resolve('standards/kalsel-prov'));
    expect(loaded.problems).toEqual([]);
    await t.services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
    const [kalsel] = await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, 'kalsel-prov'));
    const u = await insertUser(db, { email: 'helpdesk@kalselprov.go.id', roles: [{ agencyId: kalsel!.id, role: 'helpdesk' }], totpKey: secretKey });
    helpdesk = new Browser(t.app);
    const res = await helpdesk.signIn(u.email, u.password, { secret: u.totpSecret!, at: now });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('asks for the reference in LPSE Support, records it, and keeps the tier workable by the LPSE helpdesk', async () => {
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/public/agencies/kalsel-prov/requests',
      payload: {
        service: 'dukungan-spse',
        channel: 'lpse-support',
        title: 'Gagal unggah dokumen penawaran',
        requester: { type: 'vendor', name: 'Budi Santoso', email: 'budi@cv-maju.co.id' },
        organisation: { name: 'CV Maju Jaya', nib: '9120001234567' },
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { number, trackingSecret } = filed.json();
    const upload = multipart({ secret: trackingSecret, requirementCode: 'data-dukung' }, { name: 'error.pdf', data: pdf('error 500') });
    expect((await t.app.inject({ method: 'POST', url: `/api/public/requests/${number}/attachments`, ...upload })).statusCode).toBe(201);
    const url = `/api/requests/agencies/kalsel-prov/requests/${number}`;
    let view = (await helpdesk.get(url)).json();

    const refused = await helpdesk.post(`${url}/actions`, { action: 'eskalasi', version: view.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({ rule: 'request.tier_agency_missing', message: 'lkpp' });

    const escalated = await helpdesk.post(`${url}/actions`, { action: 'eskalasi', version: view.version, externalReference: 'LS-2026-0042' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    view = escalated.json();
    expect(view).toMatchObject({
      handlingAgency: 'kalsel-prov',
      tier: { code: 'helpdesk-eproc-lkpp' },
      step: { code: 'tiket-eproc-lkpp' },
      external: { system: 'lpse-support', reference: 'LS-2026-0042' },
    });
    expect(view.allowedActions.map((a: { code: string }) => a.code)).toContain('minta-data');

    // Feedback and back: the reference stays without being typed again.
    view = (await helpdesk.post(`${url}/actions`, { action: 'minta-data', version: view.version, comment: 'Kirim tangkapan layar' })).json();
    expect(view.step.code).toBe('data-eproc-lkpp');
    const back = await t.app.inject({ method: 'POST', url: `/api/public/requests/${number}/actions`, payload: { action: 'kirim-data', version: view.version, secret: trackingSecret } });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ step: { code: 'tiket-eproc-lkpp' }, external: { system: 'lpse-support', reference: 'LS-2026-0042' } });
  });
});
