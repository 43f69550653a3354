import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertUser } from '../../test/identity-fixtures.js';
import { agencies } from '../../db/tables/index.js';
import { systemActor } from '../audit/audit.service.js';
import { loadStandards } from '../standards/standards.loader.js';

/**
 * Issue 11, "the standard is the law", the clocks: every deadline is the one the agency's own
 * standard states, on the hours of the channel it runs on, by the tier or stage the request is
 * at; where the standard states no limit, none is promised. Each test quotes the seed.
 */
describe('clocks by the standard: channel hours, not stated, tiers', () => {
  let t: TestApp;
  const secretKey = randomBytes(32);
  let now = new Date('2026-04-13T00:00:00Z');
  const clock = () => now;
  const staff: Record<string, { email: string; password: string; totpSecret: string | null }> = {};

  async function file(agency: string, payload: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url: `/api/public/agencies/${agency}/requests`, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { number: string; trackingSecret: string; resolutionDueAt: string | null; responseDueAt: string | null };
  }

  async function track(number: string, secret: string) {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/requests/track', payload: { number, secret } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  const vendor = { type: 'vendor', name: 'Budi Santoso', email: 'budi@cv-maju.co.id', phone: '0811 500 550' };
  const company = { name: 'CV Maju Jaya', nib: '9120001234567' };

  beforeAll(async () => {
    t = await createTestApp({ identity: { clock, secretKey }, requests: { filesDir: `/tmp/sigap-req-law-${randomBytes(4).toString('hex')}`, secretKey } });
    for (const code of ['kalsel-prov', 'klungkung-kab', 'banjarmasin-kota', 'ntt-prov']) {
      const loaded = await loadStandards(path.resolve(`standards/${code}`));
      expect(loaded.problems).toEqual([]);
      await t.services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
    }
    const rows = await t.database.db.select({ id: agencies.id, code: agencies.code }).from(agencies);
    const id = (code: string) => rows.find((r) => r.code === code)!.id;
    for (const [name, agency, role] of [
      ['kalsel', 'kalsel-prov', 'helpdesk'],
      ['klungkung', 'klungkung-kab', 'helpdesk'],
      ['banjarmasin', 'banjarmasin-kota', 'helpdesk'],
    ] as const) {
      const u = await insertUser(t.database.db, { email: `${name}@example.id`, roles: [{ agencyId: id(agency), role }], totpKey: secretKey });
      staff[name] = { email: u.email, password: u.password, totpSecret: u.totpSecret };
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('Kalsel catalogue chat, "Jam Konsultasi pukul 09.00-15.00 WITA Setiap hari kerja": a chat at 08:00 is due at 11:00 (120 minutes of the chat\'s hours), not 10:00', async () => {
    // Monday 13 April 2026, 08:00 WITA: the office is open from 07:30, the chat from 09:00.
    now = new Date('2026-04-13T00:00:00Z');
    const filed = await file('kalsel-prov', {
      service: 'konsultasi-katalog',
      channel: 'chat',
      title: 'Cara menayangkan produk di katalog',
      requester: vendor,
      organisation: company,
      fields: { 'telepon-aktif': '0811 500 550', 'identitas-aplikasi': 'KTP 6371011505800003' },
    });
    expect(filed.resolutionDueAt).toBe('2026-04-13T03:00:00.000Z');
    const view = await track(filed.number, filed.trackingSecret);
    expect(view.clocks).toEqual([expect.objectContaining({ kind: 'resolution', dueAt: '2026-04-13T03:00:00.000Z', state: 'running' })]);

    // At 10:30 WITA the agency's hours would have it late; the chat's hours do not.
    const sweep = await t.services.requests.sweep({ at: new Date('2026-04-13T02:30:00Z') });
    expect(sweep.breached).toBe(0);
    expect((await track(filed.number, filed.trackingSecret)).clockState).not.toBe('breached');
  });
});
