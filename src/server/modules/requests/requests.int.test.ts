import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.js';
import type { Db } from '../../db/client.js';
import { agencies, apiTokens, auditEvents, requestEvents, requests, storedFiles } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertAgency, insertRole, insertUser, signedInBrowsers } from '../../test/identity-fixtures.js';
import { systemActor } from '../audit/audit.service.js';
import { hashToken, randomToken } from '../../lib/secrets.js';
import { loadStandards } from '../standards/standards.loader.js';
import { createLocalFileStorage } from './requests.attachments.js';
import type { EffectContext } from './requests.effects.js';

/** A minimal valid PDF: what file-type recognises by its magic bytes. */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }) {
  const boundary = `----sigap${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function insertToken(db: Db, agencyId: string, permissions: Permission[]) {
  const token = randomToken();
  await db.insert(apiTokens).values({ agencyId, name: `requests test ${permissions.join(',')}`, tokenHash: hashToken(token), prefix: token.slice(0, 6), permissions });
  return { authorization: `Bearer ${token}` };
}

describe('service requests', () => {
  let t: TestApp;
  const secretKey = randomBytes(32);
  // Tuesday 10 March 2026, 09:00 WITA.
  let now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const filesDir = `/tmp/sigap-req-files-${randomBytes(4).toString('hex')}`;
  const effectCalls: EffectContext[] = [];
  let failEffect = false;
  let ids: { kalsel: string; bjm: string; lkpp: string; uji: string };
  const users: Record<string, { email: string; password: string; totpSecret: string | null; id: string }> = {};

  const vendor = {
    type: 'vendor' as const,
    name: 'Budi Santoso',
    nik: '6371011505800003',
    phone: '0811 500 550',
    email: 'budi@cv-maju.co.id',
  };
  const company = { name: 'CV Maju Jaya', npwp: '01.312.166.0-091.000', nib: '9120001234567' };

  /** A signed-in browser of a test user, signed in again when the test clock has moved on. */
  const as = signedInBrowsers(() => t.app, clock, users);

  const staffUrl = (agency: string, number: string, suffix = '') => `/api/requests/agencies/${agency}/requests/${number}${suffix}`;

  async function walkIn(overrides: Record<string, unknown> = {}) {
    const desk = await as('bjmHelpdesk');
    return desk.post('/api/requests/agencies/banjarmasin-kota/intake', {
      service: 'aktivasi-user-id',
      channel: 'walk-in',
      title: 'Aktivasi User ID CV Maju Jaya',
      requester: vendor,
      organisation: company,
      ...overrides,
    });
  }

  beforeAll(async () => {
    t = await createTestApp({
      identity: { clock, secretKey },
      requests: {
        filesDir,
        secretKey,
        maxFileBytes: 200_000,
        effects: {
          // The test effect: proves effects run in the action's transaction with the request.
          'booking.confirm': async (context) => {
            effectCalls.push(context);
            if (failEffect) throw new Error('booking refused');
            return { booked: context.request.number };
          },
        },
      },
    });
    const db = t.database.db;
    const lkpp = await insertAgency(db, 'lkpp', { level: 'national' });
    await insertRole(db, lkpp.id, 'helpdesk', ['requests.view', 'requests.act', 'requests.assign']);
    // A copy of the Kalimantan Selatan standard whose first LKPP tier is an external system
    // (LPSE Support), as an agency would transcribe it when LKPP is not on its deployment.
    const copy = mkdtempSync(path.join(os.tmpdir(), 'sigap-uji-'));
    cpSync(path.resolve('standards/kalsel-prov'), path.join(copy, 'uji-prov'), { recursive: true });
    const agencyFile = path.join(copy, 'uji-prov', 'agency.yaml');
    writeFileSync(agencyFile, readFileSync(agencyFile, 'utf8').replace(/^code: kalsel-prov$/m, 'code: uji-prov'));
    const serviceFile = path.join(copy, 'uji-prov', 'services', 'dukungan-spse.yaml');
    writeFileSync(serviceFile, readFileSync(serviceFile, 'utf8').replace('{ code: helpdesk-eproc-lkpp, name: Helpdesk Eproc LKPP, agency: lkpp }', '{ code: helpdesk-eproc-lkpp, name: Helpdesk Eproc LKPP, system: lpse-support }'));
    for (const dir of ['standards/kalsel-prov', 'standards/banjarmasin-kota', path.join(copy, 'uji-prov')]) {
      const loaded = await loadStandards(path.resolve(dir));
      expect(loaded.problems).toEqual([]);
      await t.services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
    }
    const idOf = async (code: string) => (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, code)))[0]!.id;
    ids = { kalsel: await idOf('kalsel-prov'), bjm: await idOf('banjarmasin-kota'), lkpp: lkpp.id, uji: await idOf('uji-prov') };
    const make = async (name: string, roles: { agencyId: string; role: string }[]) => {
      const u = await insertUser(db, { email: `${name.toLowerCase()}@example.id`, roles, totpKey: roles.length > 0 ? secretKey : undefined });
      users[name] = { email: u.email, password: u.password, totpSecret: u.totpSecret, id: u.id };
    };
    await make('bjmHelpdesk', [{ agencyId: ids.bjm, role: 'helpdesk' }]);
    await make('bjmHelpdesk2', [{ agencyId: ids.bjm, role: 'helpdesk' }]);
    await make('bjmVerifikator', [{ agencyId: ids.bjm, role: 'verifikator' }]);
    await make('bjmKasubbag', [{ agencyId: ids.bjm, role: 'kasubbag-lpse' }]);
    await make('kalselHelpdesk', [{ agencyId: ids.kalsel, role: 'helpdesk' }]);
    await make('kalselKepala', [{ agencyId: ids.kalsel, role: 'kepala-biro' }]);
    await make('kalselTu', [{ agencyId: ids.kalsel, role: 'kasubbag-tu' }]);
    await make('lkppHelpdesk', [{ agencyId: ids.lkpp, role: 'helpdesk' }]);
    await make('ujiHelpdesk', [{ agencyId: ids.uji, role: 'helpdesk' }]);
    await make('vendorUser', []);
  });
  afterAll(async () => {
    await t.close();
  });

  it('files a walk-in for a vendor with a gap-free number, the checklist and the clock of the standard in force', async () => {
    const res = await walkIn();
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({ number: 'BANJARMASIN-KOTA-2026-00001', status: 'open', currentStep: 'pemeriksaan-berkas', priority: false });
    // 09:00 WITA + 30 minutes of service time.
    expect(receipt.resolutionDueAt).toBe('2026-03-10T01:30:00.000Z');
    expect(receipt.trackingUrl).toMatch(/\/lacak\/BANJARMASIN-KOTA-2026-00001#k=/);
    const view = (await (await as('bjmHelpdesk')).get(staffUrl('banjarmasin-kota', receipt.number))).json();
    expect(view.standardVersion).toBe(1);
    expect(view.organisation).toEqual({ name: 'CV Maju Jaya', npwp: '0013121660091000', nib: '9120001234567', governmentUnit: null });
    expect(view.checklist.map((c: { code: string }) => c.code)).toEqual([
      'formulir-pendaftaran',
      'formulir-keikutsertaan',
      'ktp-direktur',
      'npwp',
      'izin-usaha',
      'akta-pendirian',
      'akta-perubahan',
      'map',
      'surat-kuasa',
    ]);
    expect(view.allowedActions.map((a: { code: string }) => a.code)).toEqual(['lengkap', 'tidak-lengkap']);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.agencyId, ids.bjm), eq(auditEvents.action, 'requests.filed')));
    expect(audit).toHaveLength(1);
  });

  it('validates NIK, NPWP (check digit) and NIB naming the rule', async () => {
    const res = await walkIn({
      requester: { ...vendor, nik: '12345' },
      organisation: { ...company, npwp: '01.312.166.1-091.000', nib: '123' },
    });
    expect(res.statusCode).toBe(400);
    const rules = res.json().error.details.map((d: { field: string; rule: string }) => `${d.field}:${d.rule}`);
    expect(rules).toEqual(expect.arrayContaining(['requester.nik:nik.format', 'organisation.npwp:npwp.check_digit', 'organisation.nib:nib.format']));
    // The new 16-digit form of the same NPWP is accepted and stored the same way.
    const ok = await walkIn({ organisation: { ...company, npwp: '0013121660091000' } });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses the public a desk channel, and a filing without e-mail or phone', async () => {
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/public/agencies/banjarmasin-kota/requests',
      payload: { service: 'aktivasi-user-id', channel: 'walk-in', title: 'x', requester: vendor, organisation: company },
    });
    expect(desk.statusCode).toBe(400);
    expect(desk.json().error.details[0]).toMatchObject({ field: 'channel', rule: 'request.channel_not_allowed' });
    const noContact = await t.app.inject({
      method: 'POST',
      url: '/api/public/agencies/kalsel-prov/requests',
      headers: { 'accept-language': 'en' },
      payload: {
        service: 'dukungan-spse',
        channel: 'lpse-support',
        title: 'Tidak bisa login',
        requester: { type: 'vendor', name: 'Ani' },
        organisation: company,
      },
    });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error.details[0]).toMatchObject({ field: 'requester.email', rule: 'request.contact_required' });
  });

  it('enforces lead time: an audience asked 2 days ahead is refused naming the earliest date; 3 days is taken', async () => {
    const body = (eventDate: string) => ({
      service: 'audiensi-kunjungan',
      channel: 'email',
      title: 'Audiensi Pokja Kabupaten Tapin',
      requester: { type: 'government', name: 'Siti', email: 'siti@tapinkab.go.id' },
      organisation: { governmentUnit: 'Bagian PBJ Kabupaten Tapin' },
      eventDate,
    });
    const early = await t.app.inject({ method: 'POST', url: '/api/public/agencies/kalsel-prov/requests', headers: { 'accept-language': 'en' }, payload: body('2026-03-12') });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ field: 'eventDate', rule: 'request.lead_time' });
    expect(early.json().error.message).toContain('2026-03-13');
    const ok = await t.app.inject({ method: 'POST', url: '/api/public/agencies/kalsel-prov/requests', payload: body('2026-03-13') });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().number).toBe('KALSEL-PROV-2026-00001');
  });

  it('checklist: a missing item blocks "lengkap"; "tidak-lengkap" returns it with the list and pauses the clock; the reply resumes it', async () => {
    now = new Date('2026-03-10T01:00:00Z');
    const receipt = (await walkIn({ title: 'Pause arithmetic' })).json();
    const url = staffUrl('banjarmasin-kota', receipt.number);
    const desk = await as('bjmHelpdesk');
    let view = (await desk.get(url)).json();

    const blocked = await desk.post(`${url}/actions`, { action: 'lengkap', version: view.version });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.details.map((d: { rule: string }) => d.rule)).toContain('request.checklist_incomplete');

    now = new Date('2026-03-10T01:10:00Z');
    const marked = await desk.post(`${url}/checklist`, {
      items: [
        { code: 'formulir-pendaftaran', state: 'received' },
        { code: 'ktp-direktur', state: 'missing', note: 'KTP asli tidak dibawa' },
      ],
    });
    expect(marked.statusCode, marked.body).toBe(200);
    view = marked.json();
    expect(view.checklist.find((c: { code: string }) => c.code === 'ktp-direktur')).toMatchObject({ state: 'missing', markedBy: users.bjmHelpdesk!.email });

    const back = await desk.post(`${url}/actions`, { action: 'tidak-lengkap', version: view.version, comment: 'Mohon bawa KTP asli' });
    expect(back.statusCode, back.body).toBe(200);
    view = back.json();
    expect(view).toMatchObject({ status: 'waiting', step: { code: 'melengkapi-berkas', role: 'requester' } });
    expect(view.clocks[0]).toMatchObject({ kind: 'resolution', state: 'paused' });
    const event = view.events.at(-1);
    expect(event).toMatchObject({ action: 'tidak-lengkap', fromStep: 'pemeriksaan-berkas', toStep: 'melengkapi-berkas', visibility: 'public' });
    expect(event.data.missing).toEqual([{ code: 'ktp-direktur', label: 'KTP Direktur (asli dan copy)' }]);
    // The requester sees the same list when tracking.
    const tracked = await t.app.inject({ method: 'POST', url: '/api/public/requests/track', payload: { number: receipt.number, email: vendor.email } });
    expect(tracked.json().events.at(-1).data.missing).toHaveLength(1);

    // One hour later (10:10 WITA) the vendor is back at the desk: the desk records the reply for them.
    now = new Date('2026-03-10T02:10:00Z');
    const desk2 = await as('bjmHelpdesk');
    const reply = await desk2.post(`${url}/actions`, { action: 'berkas-dilengkapi', version: view.version });
    expect(reply.statusCode, reply.body).toBe(200);
    view = reply.json();
    expect(view.status).toBe('open');
    // 30 minutes from 09:00, moved by the hour paused: 10:30 WITA.
    expect(view.clocks[0]).toMatchObject({ state: 'running', dueAt: '2026-03-10T02:30:00.000Z', remainingMinutes: 20 });
    const [row] = await t.database.db.select().from(requests).where(eq(requests.number, receipt.number));
    expect(row!.pauses).toEqual([{ from: Date.parse('2026-03-10T01:10:00Z'), to: Date.parse('2026-03-10T02:10:00Z') }]);
    expect(row!.resolutionDueAt!.toISOString()).toBe('2026-03-10T02:30:00.000Z');

    // Everything in: "lengkap" to the verifikator. Only the verifikator may act now.
    const all = view.checklist.filter((c: { required: boolean }) => c.required).map((c: { code: string; kind: string }) => ({ code: c.code, state: c.kind === 'original' ? 'original_shown' : 'received' }));
    view = (await desk2.post(`${url}/checklist`, { items: all })).json();
    view = (await desk2.post(`${url}/actions`, { action: 'lengkap', version: view.version })).json();
    expect(view.step.code).toBe('verifikasi');
    const wrongRole = await desk2.post(`${url}/actions`, { action: 'aktifkan', version: view.version });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().error.details[0]).toMatchObject({ rule: 'request.role', message: 'verifikator' });

    // vendor.activate needs the vendor in the registry (vendors.effects.int.test.ts): refused, nothing changes.
    const verifikator = await as('bjmVerifikator');
    const refused = await verifikator.post(`${url}/actions`, { action: 'aktifkan', version: view.version, product: { text: 'User ID aktif' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'organisation.npwp', rule: 'vendor.not_registered' });
    expect((await verifikator.get(url)).json()).toMatchObject({ version: view.version, step: { code: 'verifikasi' } });
  });

  it('refuses an action of another step (409) and a stale version (409, one of two concurrent officers wins)', async () => {
    const receipt = (await walkIn({ title: 'Concurrency' })).json();
    const url = staffUrl('banjarmasin-kota', receipt.number);
    const a = await as('bjmHelpdesk');
    const b = await as('bjmHelpdesk2');
    const view = (await a.get(url)).json();
    const wrongStep = await a.post(`${url}/actions`, { action: 'aktifkan', version: view.version });
    expect(wrongStep.statusCode).toBe(409);
    expect(wrongStep.json().error.details[0]).toMatchObject({ field: 'action', rule: 'request.action_unknown' });

    await a.post(`${url}/checklist`, { items: [{ code: 'map', state: 'missing' }] });
    const current = (await a.get(url)).json();
    const [ra, rb] = await Promise.all([
      a.post(`${url}/actions`, { action: 'tidak-lengkap', version: current.version }),
      b.post(`${url}/actions`, { action: 'tidak-lengkap', version: current.version }),
    ]);
    const codes = [ra.statusCode, rb.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = ra.statusCode === 409 ? ra : rb;
    expect(loser.json().error.message).toMatch(/telah diubah oleh orang lain/);
    const [row] = await t.database.db.select().from(requests).where(eq(requests.number, receipt.number));
    const events = await t.database.db.select().from(requestEvents).where(and(eq(requestEvents.requestId, row!.id), eq(requestEvents.action, 'tidak-lengkap')));
    expect(events).toHaveLength(1);
    expect(row!.version).toBe(current.version + 1);
  });

  it('gives 50 concurrent intakes 50 distinct, consecutive numbers', async () => {
    const token = await insertToken(t.database.db, ids.kalsel, ['requests.intake']);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/requests/agencies/kalsel-prov/intake',
          headers: token,
          payload: {
            service: 'dukungan-spse',
            channel: 'lpse-support',
            title: `Integrasi ${i}`,
            requester: { type: 'government', name: `Pejabat ${i}`, email: `p${i}@opd.go.id` },
            organisation: { governmentUnit: 'Dinas PUPR' },
          },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const seqs = results.map((r) => Number(r.json().number.split('-').at(-1))).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(50);
    expect(seqs.at(-1)! - seqs[0]! + 1).toBe(50);
    const [{ max, count }] = await t.database.db.select({ max: sql<number>`max(${requests.seq})::int`, count: sql<number>`count(*)::int` }).from(requests).where(eq(requests.agencyId, ids.kalsel)) as [{ max: number; count: number }];
    expect(max).toBe(count);
  });

  it('escalates to LKPP on this deployment, which works it; feedback pauses; not solved goes back to the resolver; the requester closes it', async () => {
    now = new Date('2026-03-11T01:00:00Z');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/public/agencies/kalsel-prov/requests',
      payload: {
        service: 'dukungan-spse',
        channel: 'lpse-support',
        title: 'Gagal unggah dokumen penawaran',
        description: 'Error 500 saat unggah',
        requester: vendor,
        organisation: company,
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { number, trackingSecret } = filed.json();
    const kalsel = await as('kalselHelpdesk');
    let view = (await kalsel.get(staffUrl('kalsel-prov', number))).json();
    // The checklist holds "data dukung": escalating without it is refused; the vendor uploads it.
    const early = await kalsel.post(`${staffUrl('kalsel-prov', number)}/actions`, { action: 'eskalasi', version: view.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ field: 'checklist.data-dukung', rule: 'request.checklist_incomplete' });
    const upload = multipart({ secret: trackingSecret, requirementCode: 'data-dukung' }, { name: 'error.pdf', data: pdf('screenshot error 500') });
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/public/requests/${number}/attachments`, payload: upload.payload, headers: upload.headers });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    view = (await kalsel.get(staffUrl('kalsel-prov', number))).json();
    expect(view.allowedActions.find((a: { code: string }) => a.code === 'eskalasi').escalatesTo).toEqual({ kind: 'agency', code: 'lkpp', name: 'Helpdesk Eproc LKPP' });
    view = (await kalsel.post(`${staffUrl('kalsel-prov', number)}/actions`, { action: 'eskalasi', version: view.version, comment: 'Perlu penanganan LKPP' })).json();
    expect(view).toMatchObject({ handlingAgency: 'lkpp', tier: { code: 'helpdesk-eproc-lkpp' }, step: { code: 'tiket-eproc-lkpp' }, allowedActions: [] });
    // The LPSE helpdesk still sees it but can no longer act: the step is LKPP's.
    const notTheirs = await kalsel.post(`${staffUrl('kalsel-prov', number)}/actions`, { action: 'selesaikan', version: view.version, product: { text: 'x' } });
    expect(notTheirs.statusCode).toBe(403);

    // LKPP sees it in its queue and works it through its own workspace.
    const lkpp = await as('lkppHelpdesk');
    const queue = (await lkpp.get('/api/requests/agencies/lkpp/queue?view=role')).json();
    expect(queue.items.map((i: { number: string }) => i.number)).toContain(number);
    expect(queue.items.find((i: { number: string }) => i.number === number)).toMatchObject({ agency: 'kalsel-prov', escalated: true });
    const lurl = staffUrl('lkpp', number);
    view = (await lkpp.get(lurl)).json();
    view = (await lkpp.post(`${lurl}/actions`, { action: 'minta-data', version: view.version, comment: 'Kirim tangkapan layar' })).json();
    expect(view).toMatchObject({ status: 'waiting', step: { code: 'data-eproc-lkpp' } });

    now = new Date('2026-03-11T02:00:00Z');
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/public/requests/${number}/actions`,
      payload: { secret: trackingSecret, action: 'kirim-data', version: view.version, comment: 'Terlampir' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const lkpp2 = await as('lkppHelpdesk');
    view = (await lkpp2.get(lurl)).json();
    expect(view.step.code).toBe('tiket-eproc-lkpp');
    const noProduct = await lkpp2.post(`${lurl}/actions`, { action: 'selesaikan', version: view.version });
    expect(noProduct.statusCode).toBe(400);
    view = (await lkpp2.post(`${lurl}/actions`, { action: 'selesaikan', version: view.version, product: { text: 'Cache peramban dibersihkan' } })).json();
    expect(view).toMatchObject({ status: 'confirming', product: { text: 'Cache peramban dibersihkan' } });
    expect(view.autoCloseAt).not.toBeNull();

    const notSolved = await t.app.inject({ method: 'POST', url: `/api/public/requests/${number}/actions`, payload: { secret: trackingSecret, action: 'belum-selesai', version: view.version } });
    expect(notSolved.statusCode, notSolved.body).toBe(200);
    view = (await lkpp2.get(lurl)).json();
    expect(view).toMatchObject({ status: 'open', step: { code: 'tiket-eproc-lkpp' }, assigneeId: users.lkppHelpdesk!.id, autoCloseAt: null });
    view = (await lkpp2.post(`${lurl}/actions`, { action: 'selesaikan', version: view.version, product: { text: 'Diperbaiki di server' } })).json();
    const closed = await t.app.inject({ method: 'POST', url: `/api/public/requests/${number}/actions`, payload: { secret: trackingSecret, action: 'tutup', version: view.version } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'completed', handlingAgency: 'kalsel-prov', tier: null });
    // Back home: the LPSE sees the whole timeline, both agencies' work in it.
    const home = (await (await as('kalselHelpdesk')).get(staffUrl('kalsel-prov', number))).json();
    expect(home.events.map((e: { action: string | null }) => e.action).filter(Boolean)).toEqual([
      'eskalasi',
      'minta-data',
      'kirim-data',
      'selesaikan',
      'belum-selesai',
      'selesaikan',
      'tutup',
    ]);
    // The requester's confirmation is said in words, never as the internal "requester:<e-mail>".
    expect(home.events.find((e: { action: string | null }) => e.action === 'tutup').actor).toBe('pemohon');
    // LKPP's tiers state no limit ("waktu penyelesaian layanan disesuaikan ..."): the LPSE's clock
    // stood from the hand-over on, the vendor's feedback and the confirming within it.
    const [row] = await t.database.db.select().from(requests).where(eq(requests.number, number));
    const escalatedAt = home.events.find((e: { action: string | null }) => e.action === 'eskalasi').occurredAt;
    expect(row!.pauses).toEqual([{ from: new Date(escalatedAt).getTime(), to: null }]);
  });

  it('runs a named effect inside the action; a failing effect rolls the action back', async () => {
    now = new Date('2026-03-11T03:00:00Z');
    const tu = await as('kalselTu');
    const kepala = await as('kalselKepala');
    const receipt = (await tu.post('/api/requests/agencies/kalsel-prov/intake', {
      service: 'audiensi-kunjungan',
      channel: 'letter',
      title: 'Kunjungan kerja DPRD',
      requester: { type: 'government', name: 'Sekretariat DPRD', phone: '0511 1234567' },
      organisation: { governmentUnit: 'Sekretariat DPRD Kabupaten Banjar' },
      eventDate: '2026-03-20',
    })).json();
    const url = staffUrl('kalsel-prov', receipt.number);
    let view = (await kepala.get(url)).json();
    view = (await kepala.post(`${url}/actions`, { action: 'disposisi', version: view.version })).json();
    view = (await tu.post(`${url}/actions`, { action: 'agendakan', version: view.version })).json();
    failEffect = true;
    const failed = await tu.post(`${url}/actions`, { action: 'sepakati', version: view.version });
    expect(failed.statusCode).toBe(500);
    expect((await tu.get(url)).json()).toMatchObject({ step: { code: 'koordinasi' }, version: view.version });
    failEffect = false;
    const ok = await tu.post(`${url}/actions`, { action: 'sepakati', version: view.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().events.at(-1).data.effects).toEqual({ 'booking.confirm': { booked: receipt.number } });
    expect(effectCalls.at(-1)!.request.number).toBe(receipt.number);
  });

  it('sweeps: a warning at 75 %, a public breach; Banjarmasin promises no compensation, so the next request of that requester gets no priority', async () => {
    now = new Date('2026-03-12T01:00:00Z');
    const late = { ...vendor, email: 'late@vendor.co.id', phone: '0812 0000 1111' };
    const first = (await walkIn({ title: 'Will breach', requester: late })).json();
    const sweeper = t.services.requests;
    expect((await sweeper.sweep({ at: new Date('2026-03-12T01:20:00Z') })).warned).toBe(0);
    const warned = await sweeper.sweep({ at: new Date('2026-03-12T01:23:00Z') });
    expect(warned.warned).toBeGreaterThanOrEqual(1);
    const breach = await sweeper.sweep({ at: new Date('2026-03-12T01:31:00Z') });
    expect(breach.breached).toBeGreaterThanOrEqual(1);
    // A second sweep finds nothing more to say about it.
    const again = await sweeper.sweep({ at: new Date('2026-03-12T01:32:00Z') });
    expect(again.breached).toBe(0);
    const tracked = (await t.app.inject({ method: 'POST', url: '/api/public/requests/track', payload: { number: first.number, email: 'late@vendor.co.id' } })).json();
    expect(tracked.clockState).toBe('breached');
    expect(tracked.compensation).toBeNull();
    expect(tracked.events.map((e: { kind: string }) => e.kind)).toContain('clock_breached');
    expect(tracked.events.map((e: { kind: string }) => e.kind)).not.toContain('clock_warning');

    now = new Date('2026-03-12T02:00:00Z');
    const next = (await walkIn({ title: 'No priority', requester: late })).json();
    expect(next.priority).toBe(false);
    const breachedQueue = (await (await as('bjmHelpdesk')).get('/api/requests/agencies/banjarmasin-kota/queue?view=breached')).json();
    expect(breachedQueue.items.map((i: { number: string }) => i.number)).toContain(first.number);
  });

  it('closes an unconfirmed request after the agency\'s working days', async () => {
    const kasubbag = await as('bjmKasubbag');
    const set = await kasubbag.request({ method: 'PUT', url: '/api/requests/agencies/banjarmasin-kota/settings', payload: { autoCloseWorkingDays: 2 } });
    expect(set.statusCode, set.body).toBe(200);
    now = new Date('2026-03-13T01:00:00Z');
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/public/agencies/kalsel-prov/requests',
      payload: { service: 'dukungan-spse', channel: 'lpse-support', title: 'Lupa kata sandi', requester: vendor, organisation: company },
    });
    const { number } = filed.json();
    const kalsel = await as('kalselHelpdesk');
    const url = staffUrl('kalsel-prov', number);
    let view = (await kalsel.post(`${url}/checklist`, { items: [{ code: 'data-dukung', state: 'received' }] })).json();
    view = (await kalsel.post(`${url}/actions`, { action: 'selesaikan', version: view.version, product: { text: 'Kata sandi direset' } })).json();
    // kalsel-prov keeps the default 5 working days (banjarmasin-kota's 2 are its own): from Fri 13
    // March, Mon 16, Tue 17, then cuti bersama 18, Nyepi 19, cuti bersama 20, 23, 24, then Wed 25,
    // Thu 26, Fri 27 at closing time (16:30 WITA).
    expect(view.autoCloseAt).toBe('2026-03-27T08:30:00.000Z');
    const sweeper = t.services.requests;
    expect((await sweeper.sweep({ at: new Date('2026-03-27T08:29:00Z') })).autoClosed).toBe(0);
    expect((await sweeper.sweep({ at: new Date('2026-03-27T08:30:00Z') })).autoClosed).toBe(1);
    const after = (await kalsel.get(url)).json();
    expect(after).toMatchObject({ status: 'closed', outcome: 'completed', step: { code: 'selesai' } });
    expect(after.events.at(-1)).toMatchObject({ kind: 'auto_closed', action: 'tutup', actor: 'sistem' });
  });

  it('keeps agencies apart: another agency neither lists nor opens the request', async () => {
    const receipt = (await walkIn({ title: 'Isolation' })).json();
    const kalsel = await as('kalselHelpdesk');
    expect((await kalsel.get(staffUrl('banjarmasin-kota', receipt.number))).statusCode).toBe(403);
    expect((await kalsel.get(staffUrl('kalsel-prov', receipt.number))).statusCode).toBe(404);
    const queue = (await kalsel.get('/api/requests/agencies/kalsel-prov/queue?view=all')).json();
    expect(queue.items.map((i: { number: string }) => i.number)).not.toContain(receipt.number);
    const token = await insertToken(t.database.db, ids.kalsel, ['requests.view']);
    expect((await t.app.inject({ url: staffUrl('banjarmasin-kota', receipt.number), headers: token })).statusCode).toBe(403);
  });

  it('stores attachments by content once, checks the type by magic bytes, encrypts confidential ones at rest', async () => {
    const receipt = (await walkIn({ title: 'Attachments' })).json();
    const desk = await as('bjmHelpdesk');
    const url = staffUrl('banjarmasin-kota', receipt.number, '/attachments');
    const content = pdf('akta pendirian CV Maju Jaya');
    const up = (fields: Record<string, string>, data: Buffer, name = 'akta.pdf') => {
      const body = multipart(fields, { name, data });
      return desk.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
    };
    const first = await up({ requirementCode: 'formulir-pendaftaran' }, content);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ mimeType: 'application/pdf', size: content.length, confidential: false });
    const second = await up({}, content, 'akta-lagi.pdf');
    expect(second.statusCode).toBe(201);
    const blobs = await t.database.db.select().from(storedFiles).where(and(eq(storedFiles.agencyId, ids.bjm), eq(storedFiles.sha256, first.json().sha256)));
    expect(blobs).toHaveLength(1);
    const renamed = await up({}, Buffer.from('just text, named .pdf'), 'palsu.pdf');
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().error.details[0].rule).toBe('request.file_type');

    const secretDoc = pdf('NPWP 01.312.166.0-091.000 RAHASIA');
    const conf = await up({ confidential: 'true' }, secretDoc, 'npwp.pdf');
    expect(conf.statusCode).toBe(201);
    const onDisk = readFileSync(path.join(filesDir, conf.json().sha256.slice(0, 2), conf.json().sha256.slice(2, 4), `${conf.json().sha256}.enc`));
    expect(onDisk.includes(Buffer.from('RAHASIA'))).toBe(false);
    const download = await desk.get(`${url}/${conf.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(secretDoc)).toBe(true);
    const storage = createLocalFileStorage(filesDir);
    expect(await storage.has(first.json().sha256)).toBe(true);
    const files = readdirSync(filesDir, { recursive: true }).filter((f) => statSync(path.join(filesDir, String(f))).isFile());
    expect(files.filter((f) => String(f).includes(first.json().sha256))).toHaveLength(1);

    const view = (await desk.get(staffUrl('banjarmasin-kota', receipt.number))).json();
    expect(view.checklist.find((c: { code: string }) => c.code === 'formulir-pendaftaran').state).toBe('received');

    const tooBig = await up({}, pdf('x'.repeat(250_000)), 'besar.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.details[0].rule).toBe('request.file_size');
    // The requester reads the confidential file with the secret of the tracking link, and only with it.
    const publicUrl = `/api/public/requests/${receipt.number}/attachments/${conf.json().id}`;
    expect((await t.app.inject({ url: `${publicUrl}?k=${'x'.repeat(32)}` })).statusCode).toBe(404);
    const mine = await t.app.inject({ url: `${publicUrl}?k=${receipt.trackingSecret}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(secretDoc)).toBe(true);
  });

  it('lets the requester follow it by number with e-mail or phone, without internal notes', async () => {
    const receipt = (await walkIn({ title: 'Tracking' })).json();
    const desk = await as('bjmHelpdesk');
    await desk.post(staffUrl('banjarmasin-kota', receipt.number, '/notes'), { body: 'Pemohon tampak terburu-buru', visibility: 'internal' });
    await desk.post(staffUrl('banjarmasin-kota', receipt.number, '/notes'), { body: 'Silakan tunggu dipanggil', visibility: 'public' });
    const track = (payload: object) => t.app.inject({ method: 'POST', url: '/api/public/requests/track', payload });
    expect((await track({ number: receipt.number, email: 'someone@else.id' })).statusCode).toBe(404);
    const byPhone = await track({ number: receipt.number, phone: '+62 811-500-550' });
    expect(byPhone.statusCode).toBe(200);
    const comments = byPhone.json().events.map((e: { comment: string | null }) => e.comment);
    expect(comments).toContain('Silakan tunggu dipanggil');
    expect(comments).not.toContain('Pemohon tampak terburu-buru');
    expect(byPhone.json()).not.toHaveProperty('requester');
    const bySecret = await track({ number: receipt.number, secret: receipt.trackingSecret });
    expect(bySecret.statusCode).toBe(200);
  });

  it('assigns, reassigns and claims only to holders of the step role; "mine" lists what is assigned', async () => {
    const receipt = (await walkIn({ title: 'Assignment' })).json();
    const url = staffUrl('banjarmasin-kota', receipt.number);
    const kasubbag = await as('bjmKasubbag');
    let view = (await kasubbag.get(url)).json();
    const wrong = await kasubbag.post(`${url}/assign`, { assigneeId: users.bjmVerifikator!.id, version: view.version });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'assigneeId', rule: 'request.role', message: 'helpdesk' });
    view = (await kasubbag.post(`${url}/assign`, { assigneeId: users.bjmHelpdesk!.id, version: view.version })).json();
    expect(view.assigneeId).toBe(users.bjmHelpdesk!.id);
    const mine = (await (await as('bjmHelpdesk')).get('/api/requests/agencies/banjarmasin-kota/queue?view=mine')).json();
    expect(mine.items.map((i: { number: string }) => i.number)).toContain(receipt.number);
    view = (await kasubbag.post(`${url}/assign`, { assigneeId: users.bjmHelpdesk2!.id, version: view.version })).json();
    expect(view.assigneeId).toBe(users.bjmHelpdesk2!.id);
    // The help desk may not assign (no requests.assign), but may take it.
    const desk = await as('bjmHelpdesk');
    expect((await desk.post(`${url}/assign`, { assigneeId: users.bjmHelpdesk!.id, version: view.version })).statusCode).toBe(403);
    expect((await (await as('bjmVerifikator')).post(`${url}/claim`, { version: view.version })).statusCode).toBe(403);
    const claimed = await desk.post(`${url}/claim`, { version: view.version });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json().assigneeId).toBe(users.bjmHelpdesk!.id);
    expect(claimed.json().events.slice(-3).map((e: { kind: string; visibility: string }) => `${e.kind}:${e.visibility}`)).toEqual(['assigned:internal', 'reassigned:internal', 'claimed:internal']);
    // A stale claim loses.
    expect((await desk.post(`${url}/claim`, { version: view.version })).statusCode).toBe(409);
  });

  it('escalates to an external system with its reference number, and refuses without one', async () => {
    const online = await t.app.inject({
      method: 'POST',
      url: '/api/public/agencies/uji-prov/requests',
      payload: { service: 'dukungan-spse', channel: 'lpse-support', title: 'Tiket LPSE Support', requester: vendor, organisation: company },
    });
    const number = online.json().number as string;
    const desk = await as('ujiHelpdesk');
    const url = staffUrl('uji-prov', number);
    let view = (await desk.post(`${url}/checklist`, { items: [{ code: 'data-dukung', state: 'received' }] })).json();
    expect(view.allowedActions.find((a: { code: string }) => a.code === 'eskalasi').escalatesTo).toEqual({ kind: 'system', code: 'lpse-support', name: 'Helpdesk Eproc LKPP' });
    const missing = await desk.post(`${url}/actions`, { action: 'eskalasi', version: view.version });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ field: 'externalReference', rule: 'request.external_reference_required' });
    view = (await desk.post(`${url}/actions`, { action: 'eskalasi', version: view.version, externalReference: 'LPSE-SUPPORT-778812' })).json();
    expect(view).toMatchObject({ handlingAgency: 'uji-prov', external: { system: 'lpse-support', reference: 'LPSE-SUPPORT-778812' }, step: { code: 'tiket-eproc-lkpp' } });
    expect(view.events.at(-1).data.external).toEqual({ system: 'lpse-support', reference: 'LPSE-SUPPORT-778812' });
    // The desk records the external tier's progress: its actions stay with the agency's helpdesk.
    expect(view.allowedActions.map((a: { code: string }) => a.code)).toContain('selesaikan');
  });

  it('serves canned replies per service and documents the routes in OpenAPI', async () => {
    const kasubbag = await as('bjmKasubbag');
    const added = await kasubbag.post('/api/requests/agencies/banjarmasin-kota/canned-replies', { service: 'aktivasi-user-id', title: 'Berkas kurang', body: 'Mohon lengkapi berkas Anda.' });
    expect(added.statusCode, added.body).toBe(201);
    const list = (await (await as('bjmHelpdesk')).get('/api/requests/agencies/banjarmasin-kota/canned-replies?service=aktivasi-user-id')).json();
    expect(list.items.map((i: { title: string }) => i.title)).toContain('Berkas kurang');
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/requests/agencies/{agency}/intake', '/api/public/requests/track']));
  });
});
