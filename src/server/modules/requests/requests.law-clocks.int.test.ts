import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertUser, signedInBrowsers, type Browser } from '../../test/identity-fixtures.js';
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

  // The test clock only moves forward for an officer: each test starts after the last one's time.
  const as = signedInBrowsers(() => t.app, clock, staff);

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
    t = await createTestApp({ identity: { clock, secretKey }, requests: {
        filesDir: `/tmp/sigap-req-law-${randomBytes(4).toString('hex')}`,
        secretKey,
        // No bookings module yet: the schedule agreed is recorded as the effect's result.
        effects: {
          'booking.confirm': async (context) => ({ booked: context.request.number }),
          'procurement.startSelection': async (context) => ({ started: context.request.number }),
        },
      },
    });
    for (const code of ['kalsel-prov', 'klungkung-kab', 'banjarmasin-kota', 'ntt-prov']) {
      const loaded = await loadStandards(path.resolve(`standards/${code}`));
      expect(loaded.problems).toEqual([]);
      await t.services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
    }
    const rows = await t.database.db.select({ id: agencies.id, code: agencies.code }).from(agencies);
    const id = (code: string) => rows.find((r) => r.code === code)!.id;
    for (const [name, agency, roles] of [
      ['kalsel', 'kalsel-prov', ['helpdesk', 'petugas-pelayanan', 'kepala-biro', 'kasubbag-tu']],
      ['klungkung', 'klungkung-kab', ['helpdesk']],
      ['ukpbj', 'klungkung-kab', ['pengelola-pengadaan', 'kepala-bagian', 'pokja-pemilihan']],
    ] as const) {
      const u = await insertUser(t.database.db, { email: `${name}@example.id`, roles: roles.map((role) => ({ agencyId: id(agency), role })), totpKey: secretKey });
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
    await t.services.requests.sweep({ at: new Date('2026-04-13T02:30:00Z') });
    expect((await track(filed.number, filed.trackingSecret)).clockState).not.toBe('breached');
  });

  async function intake(browser: Browser, agency: string, payload: Record<string, unknown>) {
    const res = await browser.post(`/api/requests/agencies/${agency}/intake`, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { number: string; trackingSecret: string; resolutionDueAt: string | null };
  }

  /** An officer's action at the test clock's instant, signed in afresh (sessions expire as the clock moves). */
  async function act(name: string, agency: string, number: string, body: Record<string, unknown>) {
    const browser = await as(name);
    const url = `/api/requests/agencies/${agency}/requests/${number}`;
    const view = (await browser.get(url)).json();
    const res = await browser.post(`${url}/actions`, { ...body, version: view.version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('NTT, "Durasi penyelesaian masalah" with no figure: no deadline, never late, and the request page says the limit is not stated', async () => {
    now = new Date('2026-04-13T00:00:00Z');
    const filed = await file('ntt-prov', {
      service: 'informasi-konsultasi',
      channel: 'email',
      title: 'Pertanyaan tentang e-purchasing',
      requester: { type: 'public', name: 'Maria Bere', email: 'maria@example.id' },
    });
    expect(filed.responseDueAt).toBeNull();
    expect(filed.resolutionDueAt).toBeNull();
    const view = await track(filed.number, filed.trackingSecret);
    expect(view.clocks).toEqual([]);
    expect(view.timeLimit).toMatchObject({ stated: false, handedOver: null, rule: { kind: 'channel', code: 'email' } });
    expect(view.timeLimit.rule.text).toContain('"Durasi penyelesaian masalah" tanpa uraian');
    // The standard's page says the same of each channel.
    const standard = (await t.app.inject({ method: 'GET', url: '/api/agencies/ntt-prov/standard' })).json();
    const channels = standard.services.find((s: { code: string }) => s.code === 'informasi-konsultasi').channels;
    expect(channels.map((c: { limitNotStated?: string }) => c.limitNotStated)).toEqual([expect.stringContaining('"Durasi penyelesaian masalah" tanpa uraian'), expect.stringContaining('"Durasi penyelesaian masalah" tanpa uraian')]);
    // A month later nothing has been promised, so nothing is late.
    await t.services.requests.sweep({ at: new Date('2026-05-13T00:00:00Z') });
    expect((await track(filed.number, filed.trackingSecret)).clockState).toBe('ok');
  });

  it('Klungkung help desk escalated to LKPP gets the tier\'s "7 (tujuh) hari (untuk penyelesaian ditindaklanjuti ke helpdesk LKPP)", not the LPSE\'s "2 (dua) hari"', async () => {
    // Monday 13 April 2026, 09:00 WITA.
    now = new Date('2026-04-13T01:00:00Z');
    const filed = await intake(await as('klungkung'), 'klungkung-kab', {
      service: 'helpdesk-lpse',
      channel: 'helpdesk',
      title: 'Tidak dapat mengunggah dokumen penawaran',
      requester: vendor,
      organisation: company,
      fields: { 'laporan-permasalahan': 'Unggah gagal dengan galat 500' },
    });
    const local = await track(filed.number, filed.trackingSecret);
    expect(local.clocks).toEqual([expect.objectContaining({ kind: 'resolution', limit: { unit: 'calendar_days', max: 2, min: null }, rule: expect.objectContaining({ kind: 'channel', code: 'helpdesk' }) })]);
    const twoDays = local.clocks[0].dueAt as string;

    now = new Date('2026-04-14T01:00:00Z');
    const escalated = await act('klungkung', 'klungkung-kab', filed.number, { action: 'eskalasi', externalReference: 'LS-2026-0777', comment: 'Diteruskan ke Helpdesk LKPP' });
    const clock = escalated.clocks.find((c: { kind: string }) => c.kind === 'resolution');
    expect(clock).toMatchObject({ limit: { unit: 'calendar_days', max: 7, min: null }, state: 'running', rule: { kind: 'tier', code: 'lkpp', name: 'Helpdesk LKPP' } });
    expect(clock.rule.text).toContain('7 (tujuh) hari (untuk penyelesaian ditindaklanjuti ke helpdesk LKPP)');
    // Counted from the report, like the 2 days: five calendar days after the LPSE's deadline.
    expect(new Date(clock.dueAt).getTime() - new Date(twoDays).getTime()).toBe(5 * 24 * 3_600_000);
    expect(escalated.timeLimit).toMatchObject({ stated: true, handedOver: null, rule: { kind: 'tier', code: 'lkpp' } });

    // Past the LPSE's 2 days, within the LKPP's 7: not late.
    await t.services.requests.sweep({ at: new Date('2026-04-17T01:00:00Z') });
    now = new Date('2026-04-17T01:00:00Z');
    expect((await track(filed.number, filed.trackingSecret)).clockState).not.toBe('breached');
  });

  it('Kalsel walk-in escalated to LKPP, a tier with no stated limit: the agency\'s clock stops at the hand-over and the request shows "at LKPP, no limit stated" with the reference', async () => {
    // Monday 13 April 2026, 09:00 WITA; the walk-in consultation is "60-120 menit".
    now = new Date('2026-04-13T01:00:00Z');
    const filed = await intake(await as('kalsel'), 'kalsel-prov', {
      service: 'dukungan-spse',
      channel: 'walk-in',
      title: 'Paket tidak muncul di SPSE',
      requester: vendor,
      organisation: company,
    });
    await act('kalsel', 'kalsel-prov', filed.number, { action: 'arahkan' });
    now = new Date('2026-04-13T01:30:00Z');
    const view = await act('kalsel', 'kalsel-prov', filed.number, { action: 'eskalasi', externalReference: 'LS-2026-0042' });
    expect(view.tier).toMatchObject({ code: 'helpdesk-teknis-lkpp' });
    expect(view.timeLimit).toMatchObject({
      stated: false,
      rule: { kind: 'tier', code: 'helpdesk-teknis-lkpp', name: 'Helpdesk Teknis LKPP' },
      handedOver: { agency: 'lkpp', system: 'lpse-support', reference: 'LS-2026-0042' },
    });
    expect(view.clocks.find((c: { kind: string }) => c.kind === 'resolution')).toMatchObject({ state: 'handed_over', breached: false });

    // Hours later, LKPP still working: the agency is not late for LKPP's time.
    await t.services.requests.sweep({ at: new Date('2026-04-14T08:00:00Z') });
    now = new Date('2026-04-14T08:00:00Z');
    const later = await track(filed.number, filed.trackingSecret);
    expect(later.clockState).toBe('ok');
    expect(later.timeLimit.handedOver).toMatchObject({ agency: 'lkpp', reference: 'LS-2026-0042' });
  });

  it('Kalsel audience booked three weeks ahead: the "4 (empat) hari kerja" cover the Biro\'s work up to "Waktu pelaksanaan disepakati", not the wait until the date', async () => {
    // Monday 20 April 2026, 09:00 WITA; the visit is on Monday 11 May.
    now = new Date('2026-04-20T01:00:00Z');
    const filed = await file('kalsel-prov', {
      service: 'audiensi-kunjungan',
      channel: 'email',
      title: 'Kunjungan kerja UKPBJ Kabupaten Tapin',
      requester: { type: 'government', name: 'Siti Rahmah', email: 'siti@tapinkab.go.id' },
      organisation: { governmentUnit: 'Bagian Pengadaan Barang dan Jasa Setda Kabupaten Tapin' },
      eventDate: '2026-05-11',
    });
    await act('kalsel', 'kalsel-prov', filed.number, { action: 'disposisi' });
    now = new Date('2026-04-21T01:00:00Z');
    await act('kalsel', 'kalsel-prov', filed.number, { action: 'agendakan' });
    now = new Date('2026-04-22T03:00:00Z');
    const agreed = await act('kalsel', 'kalsel-prov', filed.number, { action: 'sepakati', comment: 'Disepakati Senin 11 Mei 2026 pukul 09.00' });
    expect(agreed.step.code).toBe('persiapan');
    const clock = agreed.clocks.find((c: { kind: string }) => c.kind === 'resolution');
    expect(clock).toMatchObject({ state: 'met', breached: false, limit: { unit: 'working_days', max: 4, min: null } });

    // Two weeks on, the visit not held yet: past the 4 working days from the letter, not late.
    await t.services.requests.sweep({ at: new Date('2026-05-07T01:00:00Z') });
    now = new Date('2026-05-07T01:00:00Z');
    const waiting = await track(filed.number, filed.trackingSecret);
    expect(waiting.clockState).toBe('ok');
    expect(waiting.clocks.find((c: { kind: string }) => c.kind === 'resolution')).toMatchObject({ state: 'met' });

    // Held on the date and closed: still on time.
    now = new Date('2026-05-11T04:00:00Z');
    const held = await act('kalsel', 'kalsel-prov', filed.number, { action: 'laksanakan', product: { text: 'Kunjungan kerja terlaksana' } });
    expect(held).toMatchObject({ status: 'closed', clockState: 'ok' });
  });

  it('Klungkung selection: each stage of the timeline is its own clock, "1 hari kerja + 1 hari kerja + proses pemilihan (Tender 30, Seleksi 50, Tender Cepat 10 hari kalender)"', async () => {
    // Monday 18 May 2026, 09:00 WITA: the OPD brings the letter and the DPP; the method is a seleksi.
    now = new Date('2026-05-18T01:00:00Z');
    const markReceived = async (number: string) => {
      const marked = await (await as('ukpbj')).post(`/api/requests/agencies/klungkung-kab/requests/${number}/checklist`, {
        items: [
          { code: 'surat-permohonan', state: 'received' },
          { code: 'dpp', state: 'received' },
        ],
      });
      expect(marked.statusCode, marked.body).toBe(200);
    };
    const request = {
      service: 'pemilihan-penyedia',
      channel: 'walk-in',
      title: 'Seleksi konsultan perencana gedung pasar',
      requester: { type: 'government', name: 'I Made Sudarsana', email: 'made@klungkungkab.go.id' },
      organisation: { governmentUnit: 'Dinas Perdagangan dan Perindustrian Kabupaten Klungkung' },
    };
    const unknown = await (await as('ukpbj')).post('/api/requests/agencies/klungkung-kab/intake', { ...request, variant: 'lelang' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'variant', rule: 'standard.variant_unknown' });
    // Without the method, the selection stage will have no limit: said so, not guessed.
    const unchosen = await intake(await as('ukpbj'), 'klungkung-kab', request);
    await act('ukpbj', 'klungkung-kab', unchosen.number, { action: 'teruskan' });
    await act('ukpbj', 'klungkung-kab', unchosen.number, { action: 'surat-tugas' });
    await markReceived(unchosen.number);
    const atSelection = await act('ukpbj', 'klungkung-kab', unchosen.number, { action: 'lengkap' });
    expect(atSelection.clocks.some((c: { kind: string; rule: { code: string } }) => c.kind === 'stage' && c.rule.code === 'pemilihan')).toBe(false);
    expect(atSelection.timeLimit.stagesNotStated).toEqual([expect.objectContaining({ kind: 'stage', code: 'pemilihan' })]);
    const filed = await intake(await as('ukpbj'), 'klungkung-kab', { ...request, variant: 'seleksi' });
    const stage = (view: { clocks: { kind: string; rule: { code: string } }[] }, code: string) => view.clocks.find((c) => c.kind === 'stage' && c.rule.code === code);

    let view = await track(filed.number, filed.trackingSecret);
    expect(stage(view, 'disposisi')).toMatchObject({ state: 'running', limit: { unit: 'working_days', max: 1, min: null }, rule: { kind: 'stage', name: expect.stringContaining('disposisi dan surat tugas') } });
    expect(stage(view, 'reviu-dpp')).toBeUndefined();

    // The first stage runs through the officer's first action and ends at "disposisi dan surat tugas".
    now = new Date('2026-05-18T02:00:00Z');
    view = await act('ukpbj', 'klungkung-kab', filed.number, { action: 'teruskan' });
    expect(stage(view, 'disposisi')).toMatchObject({ state: 'running' });
    now = new Date('2026-05-18T06:00:00Z');
    view = await act('ukpbj', 'klungkung-kab', filed.number, { action: 'surat-tugas' });
    expect(stage(view, 'disposisi')).toMatchObject({ state: 'met' });
    expect(stage(view, 'reviu-dpp')).toMatchObject({ state: 'running', limit: { unit: 'working_days', max: 1, min: null } });

    await markReceived(filed.number);
    now = new Date('2026-05-19T03:00:00Z');
    view = await act('ukpbj', 'klungkung-kab', filed.number, { action: 'lengkap' });
    expect(stage(view, 'reviu-dpp')).toMatchObject({ state: 'met' });
    const selection = stage(view, 'pemilihan');
    expect(view.timeLimit.stagesNotStated).toEqual([]);
    expect(selection).toMatchObject({ state: 'running', limit: { unit: 'calendar_days', max: 50, min: null }, rule: { kind: 'stage', code: 'pemilihan' } });

    // A month on, past a tender's 30 days but within the seleksi's 50: not late.
    await t.services.requests.sweep({ at: new Date('2026-06-25T01:00:00Z') });
    now = new Date('2026-06-25T01:00:00Z');
    view = await track(filed.number, filed.trackingSecret);
    expect(view.clockState).not.toBe('breached');
    expect(stage(view, 'pemilihan')).toMatchObject({ state: 'running', breached: false });
    // Past the 50 days the stage is late, and the request with it.
    await t.services.requests.sweep({ at: new Date('2026-07-10T01:00:00Z') });
    now = new Date('2026-07-10T01:00:00Z');
    view = await track(filed.number, filed.trackingSecret);
    expect(view.clockState).toBe('breached');
    expect(stage(view, 'pemilihan')).toMatchObject({ state: 'late', breached: true });
  });
});
