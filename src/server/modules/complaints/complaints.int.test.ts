import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.js';
import type { Db } from '../../db/client.js';
import { agencies, apiTokens, auditEvents, complaintComplainants, complaints, counters } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { insertUser } from '../../test/identity-fixtures.js';
import { systemActor } from '../audit/audit.service.js';
import { hashToken, randomToken } from '../../lib/secrets.js';
import { loadStandards } from '../standards/standards.loader.js';

async function insertToken(db: Db, agencyId: string, permissions: Permission[]) {
  const token = randomToken();
  await db.insert(apiTokens).values({ agencyId, name: `complaints test ${permissions.join(',')}`, tokenHash: hashToken(token), prefix: token.slice(0, 6), permissions });
  return { authorization: `Bearer ${token}` };
}

/** WITA is UTC+8: a local time of the seeds' agencies as an instant. */
const wita = (local: string) => new Date(`${local}+08:00`);

const banjarmasinContents = {
  subject: 'Verifikasi akun penyedia ditolak tanpa alasan',
  description: 'Verifikasi akun saya ditolak padahal dokumen lengkap, tidak sesuai Standar Pelayanan.',
  loss: 'Tidak dapat mengikuti tender selama dua minggu',
  requestedResolution: 'Verifikasi ulang akun dan penjelasan tertulis',
  place: 'Banjarmasin',
  signed: true,
};

describe('complaints API', () => {
  let t: TestApp;
  let now = wita('2026-03-10T09:00:00');
  const clock = () => now;
  const ids: Record<string, string> = {};
  let kaltaraHandler: Record<string, string>;
  let kaltaraViewer: Record<string, string>;
  let kaltaraTeam: Record<string, string>;
  let banjarHandler: Record<string, string>;
  let banjarViewer: Record<string, string>;
  let banjarAuditor: Record<string, string>;
  let klungkungViewer: Record<string, string>;
  let officer: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ identity: { clock } });
    const service = t.services.standards;
    for (const code of ['kaltara-prov', 'banjarmasin-kota', 'klungkung-kab']) {
      const loaded = await loadStandards(path.resolve(`standards/${code}`));
      expect(loaded.problems).toEqual([]);
      await service.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
    }
    const db = t.database.db;
    for (const row of await db.select({ id: agencies.id, code: agencies.code }).from(agencies)) ids[row.code] = row.id;
    kaltaraHandler = await insertToken(db, ids['kaltara-prov']!, ['complaints.view', 'complaints.handle']);
    kaltaraViewer = await insertToken(db, ids['kaltara-prov']!, ['complaints.view']);
    kaltaraTeam = await insertToken(db, ids['kaltara-prov']!, ['complaints.view', 'complaints.handle', 'complaints.identity']);
    banjarHandler = await insertToken(db, ids['banjarmasin-kota']!, ['complaints.view', 'complaints.handle']);
    banjarViewer = await insertToken(db, ids['banjarmasin-kota']!, ['complaints.view']);
    banjarAuditor = await insertToken(db, ids['banjarmasin-kota']!, ['audit.view']);
    klungkungViewer = await insertToken(db, ids['klungkung-kab']!, ['complaints.view']);
    const user = await insertUser(db, { name: 'Rina Petugas Pengaduan', roles: [{ agencyId: ids['kaltara-prov']!, role: 'kepala-biro' }] });
    officer = { id: user.id, name: user.name };
  });
  afterAll(async () => {
    await t.close();
  });

  const inject = (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { 'accept-language': 'en', ...headers }, ...(payload ? { payload } : {}) });
  let filings = 0;
  // Each filing from its own address: the public form allows a few filings per address and minute.
  const file = (agency: string, body: object, lang = 'en') =>
    t.app.inject({ method: 'POST', url: `/api/complaints/agencies/${agency}`, headers: { 'accept-language': lang }, payload: body, remoteAddress: `10.1.${Math.floor(++filings / 200)}.${filings % 200}` });
  const act = (agency: string, number: string, step: string, body: object, headers: Record<string, string>) =>
    inject('POST', `/api/complaints/agencies/${agency}/complaints/${number}/${step}`, body, headers);
  const detail = (agency: string, number: string, headers: Record<string, string>) => inject('GET', `/api/complaints/agencies/${agency}/complaints/${number}`, undefined, headers);

  /** Files a Kaltara complaint and takes it to `classified` with `classCode`. */
  async function classified(classCode: string, at: Date) {
    now = at;
    const filed = await file('kaltara-prov', { subject: `Keluhan ${classCode}`, description: 'Jawaban helpdesk tidak sesuai standar pelayanan' });
    expect(filed.statusCode).toBe(201);
    const number = filed.json().number as string;
    expect((await act('kaltara-prov', number, 'verify', { complete: true }, kaltaraHandler)).statusCode).toBe(200);
    const res = await act('kaltara-prov', number, 'classify', { classCode }, kaltaraHandler);
    expect(res.statusCode).toBe(200);
    return { number, secret: filed.json().trackingSecret as string, detail: res.json() };
  }

  it("describes each agency's form from its standard: required contents as fields, limits, classes, channels", async () => {
    const banjar = (await inject('GET', '/api/complaints/agencies/banjarmasin-kota/form')).json();
    expect(banjar.fields.map((f: { field: string }) => f.field)).toEqual([
      'complainant.name',
      'complainant.address',
      'description',
      'loss',
      'requestedResolution',
      'place',
      'signed',
    ]);
    expect(banjar.otherContents).toEqual([]);
    expect(banjar.fileWithin).toMatchObject({ unit: 'calendar_days', max: 30 });
    expect(banjar.responseLimit).toMatchObject({ unit: 'working_days', max: 3, text: { id: '3 hari kerja' } });
    expect(banjar.hardLimitDays).toBe(60);
    const kaltara = (await inject('GET', '/api/complaints/agencies/kaltara-prov/form')).json();
    expect(kaltara.classes.map((c: { code: string; limit: { text: { en: string } } }) => [c.code, c.limit.text.en])).toEqual([
      ['ringan', '3 hours'],
      ['normatif', '5 working days'],
      ['tidak-berkadar-pengawasan', '14 working days'],
      ['berkadar-pengawasan', '60 working days'],
    ]);
    expect(kaltara.fields).toEqual([]);
    const klungkung = (await inject('GET', '/api/complaints/agencies/klungkung-kab/form')).json();
    expect(klungkung.channels).toContainEqual({ code: 'sp4n-lapor', kind: 'sp4n_lapor', label: 'SP4N Lapor', value: 'https://www.lapor.go.id' });
    expect((await inject('GET', '/api/complaints/agencies/tidak-ada/form')).statusCode).toBe(404);
  });

  it("refuses a complaint lacking the agency's required contents, naming each field and the agency's own words", async () => {
    const res = await file('banjarmasin-kota', { subject: 'Keluhan', description: 'Pelayanan lambat' }, 'id');
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { field: string; rule: string; message: string }[];
    expect(details.map((d) => d.field)).toEqual(['complainant.name', 'complainant.address', 'loss', 'requestedResolution', 'place', 'signed']);
    expect(details.every((d) => d.rule === 'complaint.content_required')).toBe(true);
    expect(details[0]!.message).toBe('wajib diisi menurut standar pelayanan instansi ("nama dan alamat lengkap pengadu")');
    const en = await file('banjarmasin-kota', { subject: 'x', description: 'y', complainant: { name: 'A', address: 'B' } }, 'en');
    expect(en.json().error.details[0]).toMatchObject({ field: 'loss', message: expect.stringContaining("is required by the agency's service standard") });
    // Nothing was stored, and no number was used up.
    expect(await t.database.db.select().from(complaints).where(eq(complaints.agencyId, ids['banjarmasin-kota']!))).toEqual([]);
  });

  it('records a late complaint and flags it; one in time is not flagged; numbers run without gaps', async () => {
    now = wita('2026-03-10T09:00:00');
    const who = { name: 'Budi Santoso', address: 'Jl. Pramuka 12, Banjarmasin', email: 'budi@example.id' };
    const late = await file('banjarmasin-kota', { ...banjarmasinContents, complainant: who, serviceDate: '2026-02-01' });
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({
      number: 'BANJARMASIN-KOTA-ADU-2026-00001',
      trackingSecret: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      late: true,
      fileBy: '2026-03-03',
      status: 'received',
      // 3 working days: Wed 11, Thu 12, Fri 13 March, closing 16:30 WITA.
      responseDueAt: '2026-03-13T08:30:00.000Z',
      resolutionDueAt: null,
    });
    const inTime = await file('banjarmasin-kota', { ...banjarmasinContents, complainant: who, serviceDate: '2026-03-01' });
    expect(inTime.json()).toMatchObject({ number: 'BANJARMASIN-KOTA-ADU-2026-00002', late: false, fileBy: '2026-03-31' });
    const future = await file('banjarmasin-kota', { ...banjarmasinContents, complainant: who, serviceDate: '2026-03-11' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([expect.objectContaining({ field: 'serviceDate', rule: 'complaint.service_date_future' })]);
    const [counter] = await t.database.db.select().from(counters).where(and(eq(counters.agencyId, ids['banjarmasin-kota']!), eq(counters.series, 'complaint')));
    expect(counter).toMatchObject({ year: 2026, lastSeq: 2 });
    const list = (await inject('GET', '/api/complaints/agencies/banjarmasin-kota/complaints', undefined, banjarViewer)).json();
    expect(list.items.map((i: { number: string; late: boolean }) => [i.number, i.late])).toEqual([
      ['BANJARMASIN-KOTA-ADU-2026-00002', false],
      ['BANJARMASIN-KOTA-ADU-2026-00001', true],
    ]);
  });

  it('counts the resolution clock of each Kalimantan Utara class: 3 hours, 5, 14 and 60 working days', async () => {
    // Tuesday 10 March 2026, 09:00 WITA.
    const start = wita('2026-03-10T09:00:00');
    const light = await classified('ringan', start);
    expect(light.detail.clocks.resolution).toMatchObject({ dueAt: '2026-03-10T04:00:00.000Z', limit: { unit: 'hours', max: 3 }, state: 'ok' });
    // 5 working days: 11, 12, 13, 16, 17 March; closing 16:00 on Tuesday 17.
    const normative = await classified('normatif', start);
    expect(normative.detail.clocks.resolution.dueAt).toBe('2026-03-17T08:00:00.000Z');
    // 14: 11-13, 16-17 (5), then 18 cuti bersama, 19 Nyepi, 20 cuti, 23-24 cuti; 25-27, 30-31 (10), 1-2 April (12),
    // 3 April Good Friday, 6-7 April (14).
    const plain = await classified('tidak-berkadar-pengawasan', start);
    expect(plain.detail.clocks.resolution.dueAt).toBe('2026-04-07T08:00:00.000Z');
    const supervisory = await classified('berkadar-pengawasan', start);
    const due = await inject('GET', `/api/calendar/agencies/kaltara-prov/due?from=2026-03-10T09:00&limit=${encodeURIComponent('60 hari kerja')}`);
    expect(new Date(supervisory.detail.clocks.resolution.dueAt).getTime()).toBe(new Date(due.json().due).getTime());
    // 60 working days run past the Perpres's 60 days (Saturday 9 May → the close of Monday 11 May).
    expect(supervisory.detail.clocks.hard.dueAt).toBe('2026-05-11T08:00:00.000Z');
    expect(new Date(supervisory.detail.clocks.resolution.dueAt).getTime()).toBeGreaterThan(new Date(supervisory.detail.clocks.hard.dueAt).getTime());

    // The light complaint warns after 75% of its 3 hours and is breached after them.
    now = wita('2026-03-10T11:30:00');
    expect((await detail('kaltara-prov', light.number, kaltaraViewer)).json().clocks.resolution.state).toBe('warning');
    now = wita('2026-03-10T13:30:00');
    const breached = (await detail('kaltara-prov', light.number, kaltaraViewer)).json();
    expect(breached.clocks.resolution.state).toBe('breached');
    // The due times are shown in the agency's zone, not the officer's device's.
    expect(breached.timeZone).toBe('Asia/Makassar');
    const listed = (await inject('GET', '/api/complaints/agencies/kaltara-prov/complaints?classCode=ringan', undefined, kaltaraViewer)).json();
    expect(listed.items).toEqual([expect.objectContaining({ number: light.number, overdue: true })]);
    expect(listed.timeZone).toBe('Asia/Makassar');
  });

  // Kaltara: "Pengaduan berkadar pengawasan dan memerlukan pemeriksaan: 60 hari kerja". The
  // national 60 days (Perpres 76/2013) end on 11 May; the class's own limit weeks later.
  it("applies Kalimantan Utara's 60 working days of its fourth class as written, past the national 60 days, and shows both with their rules", async () => {
    const supervisory = await classified('berkadar-pengawasan', wita('2026-03-10T09:00:00'));
    const { resolution, hard } = supervisory.detail.clocks;
    expect(hard).toMatchObject({ dueAt: '2026-05-11T08:00:00.000Z', governs: false, rule: { en: 'Perpres 76/2013: a complaint is resolved within 60 days of a complete file' } });
    expect(resolution).toMatchObject({ governs: true, rule: { id: 'Kelas pengaduan "Pengaduan berkadar pengawasan dan memerlukan pemeriksaan": 60 hari kerja' } });
    expect(resolution.rule.en).toBe(`Complaint class "Pengaduan berkadar pengawasan dan memerlukan pemeriksaan": ${resolution.limit.text.en}`);
    await act('kaltara-prov', supervisory.number, 'assign', { assigneeId: officer.id }, kaltaraHandler);

    // 20 May: past the national 60 days, within the class's 60 working days — not overdue.
    now = wita('2026-05-20T09:00:00');
    expect(new Date(resolution.dueAt).getTime()).toBeGreaterThan(now.getTime());
    const shown = (await detail('kaltara-prov', supervisory.number, kaltaraViewer)).json();
    expect({ resolution: shown.clocks.resolution.state, hard: shown.clocks.hard.state }).toEqual({ resolution: 'ok', hard: 'breached' });
    const listed = (await inject('GET', '/api/complaints/agencies/kaltara-prov/complaints?classCode=berkadar-pengawasan', undefined, kaltaraViewer)).json();
    expect(listed.items.find((i: { number: string }) => i.number === supervisory.number)).toMatchObject({ overdue: false });
    const tracked = (await inject('POST', '/api/complaints/agencies/kaltara-prov/track', { number: supervisory.number, secret: supervisory.secret })).json();
    expect(tracked).toMatchObject({ beyondNational: true, hardRule: { id: expect.stringContaining('Perpres 76/2013') }, resolutionRule: { id: expect.stringContaining('60 hari kerja') } });

    // Answered then: on time by the class's limit; the national 60 days shown as missed beside it.
    const answered = await act('kaltara-prov', supervisory.number, 'answer', { answer: 'Hasil pemeriksaan disampaikan.', outcome: 'substantiated' }, kaltaraHandler);
    expect(answered.statusCode).toBe(200);
    expect({ resolution: answered.json().clocks.resolution.state, hard: answered.json().clocks.hard.state }).toEqual({ resolution: 'met', hard: 'missed' });
    // (Filed without an e-mail address: a "not told" note follows the answer on the staff timeline.)
    expect(answered.json().timeline.filter((e: { type: string }) => e.type === 'answered').at(-1)).toMatchObject({ data: { outcome: 'substantiated', onTime: true } });
    expect(answered.json().timeline.at(-1)).toMatchObject({ type: 'not_told' });
  });

  it('judges a complaint by the national 60 days where the standard states no resolution limit (Klungkung states none), and says so', async () => {
    now = wita('2026-03-10T09:00:00');
    const filed = await file('klungkung-kab', { subject: 'Helpdesk tidak menjawab', description: 'Tiket saya belum dijawab.', complainant: { name: 'Pengadu Uji', email: 'pengadu.nasional@example.id' } });
    expect(filed.statusCode).toBe(201);
    const shown = (await detail('klungkung-kab', filed.json().number, klungkungViewer)).json();
    expect(shown.clocks.resolution).toMatchObject({ dueAt: null, governs: false, rule: null });
    expect(shown.clocks.hard).toMatchObject({ governs: true, rule: { id: 'Perpres 76/2013: pengaduan diselesaikan paling lambat 60 hari sejak berkas lengkap' } });
  });

  it('refuses a class the agency does not have, a missing class, and a class where the agency has none', async () => {
    now = wita('2026-03-10T09:00:00');
    const filed = (await file('kaltara-prov', { subject: 's', description: 'd' })).json();
    await act('kaltara-prov', filed.number, 'verify', { complete: true }, kaltaraHandler);
    const unknown = await act('kaltara-prov', filed.number, 'classify', { classCode: 'berat' }, kaltaraHandler);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ field: 'classCode', rule: 'complaint.class_unknown' })]);
    const missing = await act('kaltara-prov', filed.number, 'classify', {}, kaltaraHandler);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'classCode', rule: 'complaint.class_required' })]);
    const banjar = await inject('GET', '/api/complaints/agencies/banjarmasin-kota/complaints/BANJARMASIN-KOTA-ADU-2026-00002', undefined, banjarViewer);
    expect(banjar.json().status).toBe('received');
    await act('banjarmasin-kota', 'BANJARMASIN-KOTA-ADU-2026-00002', 'verify', { complete: true }, banjarHandler);
    const none = await act('banjarmasin-kota', 'BANJARMASIN-KOTA-ADU-2026-00002', 'classify', { classCode: 'ringan' }, banjarHandler);
    expect(none.json().error.details).toEqual([expect.objectContaining({ rule: 'complaint.class_none' })]);
    // Without classes, classifying keeps the agency's limits (Banjarmasin: none but the 60 days).
    const ok = await act('banjarmasin-kota', 'BANJARMASIN-KOTA-ADU-2026-00002', 'classify', {}, banjarHandler);
    expect(ok.json()).toMatchObject({ status: 'classified', classCode: null, clocks: { resolution: { dueAt: null } } });
    // A step the status does not allow.
    const early = await act('banjarmasin-kota', 'BANJARMASIN-KOTA-ADU-2026-00002', 'answer', { answer: 'a', outcome: 'referred' }, banjarHandler);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0].rule).toBe('complaint.transition');
  });

  it('pauses the clocks while the file is incomplete and runs them again when the complainant completes it', async () => {
    now = wita('2026-03-10T09:00:00');
    const filed = (await file('kaltara-prov', { subject: 'Berkas', description: 'Dokumen kurang' })).json();
    now = wita('2026-03-10T10:00:00');
    const noMissing = await act('kaltara-prov', filed.number, 'verify', { complete: false }, kaltaraHandler);
    expect(noMissing.json().error.details[0].rule).toBe('complaint.missing_needed');
    const incomplete = await act('kaltara-prov', filed.number, 'verify', { complete: false, missing: 'Lampirkan tangkapan layar pesan galat' }, kaltaraHandler);
    expect(incomplete.json()).toMatchObject({ status: 'incomplete', paused: true, clocks: { hard: { state: 'paused' } } });

    const tracked = await inject('POST', '/api/complaints/agencies/kaltara-prov/track', { number: filed.number, secret: filed.trackingSecret });
    expect(tracked.json()).toMatchObject({ status: 'incomplete', paused: true, missing: 'Lampirkan tangkapan layar pesan galat', canComplete: true });

    // Two days later, Thursday 12 March 10:00: the pause held 15 open hours (10 March 10:00-16:00 less the
    // break, 11 March 7.5 hours, 12 March 07:30-10:00).
    now = wita('2026-03-12T10:00:00');
    const wrongSecret = await inject('POST', '/api/complaints/agencies/kaltara-prov/track/complete', { number: filed.number, secret: 'AAAA-BBBB-CCCC', text: 'x' });
    expect(wrongSecret.statusCode).toBe(404);
    const completed = await inject('POST', '/api/complaints/agencies/kaltara-prov/track/complete', {
      number: filed.number,
      secret: filed.trackingSecret,
      text: 'Tangkapan layar terlampir',
    });
    expect(completed.statusCode).toBe(200);
    expect(completed.json()).toMatchObject({ status: 'received', paused: false, canComplete: false });
    await act('kaltara-prov', filed.number, 'verify', { complete: true }, kaltaraHandler);
    const normative = (await act('kaltara-prov', filed.number, 'classify', { classCode: 'normatif' }, kaltaraHandler)).json();
    // Without the pause 17 March 16:00; with it 15 open hours later: 25 and 26 March (18-24 March closed).
    expect(normative.clocks.resolution.dueAt).toBe('2026-03-26T08:00:00.000Z');
    // The response clock stopped at the first verdict, in time.
    expect(normative.clocks.response).toMatchObject({ state: 'ok', dueAt: null });
    expect(normative.additions).toEqual([{ at: '2026-03-12T02:00:00.000Z', text: 'Tangkapan layar terlampir' }]);
    expect(normative.timeline.map((e: { type: string }) => e.type)).toEqual(['filed', 'verified_incomplete', 'completed', 'verified_complete', 'classified']);
  });

  it('takes a complaint through assignment, follow-up, answer and closing, audited, and lets the complainant reopen it only within the window', async () => {
    const c = await classified('normatif', wita('2026-03-10T09:00:00'));
    const notStaff = await act('kaltara-prov', c.number, 'assign', { assigneeId: '00000000-0000-4000-8000-000000000000' }, kaltaraHandler);
    expect(notStaff.json().error.details[0]).toMatchObject({ field: 'assigneeId', rule: 'complaint.assignee_unknown' });
    const assignees = (await inject('GET', '/api/complaints/agencies/kaltara-prov/assignees', undefined, kaltaraHandler)).json();
    expect(assignees.items).toContainEqual({ id: officer.id, name: officer.name });
    expect((await act('kaltara-prov', c.number, 'assign', { assigneeId: officer.id }, kaltaraHandler)).json()).toMatchObject({
      status: 'assigned',
      assignee: { id: officer.id, name: officer.name },
    });
    now = wita('2026-03-11T09:00:00');
    expect((await act('kaltara-prov', c.number, 'follow-up', { note: 'Klarifikasi ke Pokmil' }, kaltaraHandler)).json().status).toBe('followed_up');
    now = wita('2026-03-12T09:00:00');
    const answered = (await act('kaltara-prov', c.number, 'answer', { answer: 'Jadwal telah diperbaiki', outcome: 'substantiated' }, kaltaraHandler)).json();
    expect(answered).toMatchObject({ status: 'answered', clocks: { resolution: { state: 'met' }, hard: { state: 'met' } } });
    now = wita('2026-03-12T10:00:00');
    const closed = (await act('kaltara-prov', c.number, 'close', {}, kaltaraHandler)).json();
    // 10 working days from Thursday 12 March: 13, 16, 17, 25, 26, 27, 30, 31 March, 1, 2 April.
    expect(closed).toMatchObject({ status: 'closed', reopenUntil: '2026-04-02T08:00:00.000Z' });

    const audit = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.agencyId, ids['kaltara-prov']!), eq(auditEvents.targetId, c.number)))
      .orderBy(auditEvents.seq);
    expect(audit.map((a) => a.action)).toEqual([
      'complaints.filed',
      'complaints.verify',
      'complaints.classify',
      'complaints.assign',
      'complaints.follow_up',
      'complaints.answer',
      'complaints.close',
    ]);

    // Reopened within the window, answered again, confirmed by the complainant.
    now = wita('2026-03-30T10:00:00');
    const reopened = await inject('POST', '/api/complaints/agencies/kaltara-prov/track/reopen', { number: c.number, secret: c.secret, reason: 'Jadwal masih salah' });
    expect(reopened.json()).toMatchObject({ status: 'reopened', canReopen: false });
    await act('kaltara-prov', c.number, 'answer', { answer: 'Jadwal diperbaiki lagi', outcome: 'substantiated' }, kaltaraHandler);
    const confirmed = await inject('POST', '/api/complaints/agencies/kaltara-prov/track/confirm', { number: c.number, secret: c.secret });
    expect(confirmed.json()).toMatchObject({ status: 'closed', canReopen: true });
    const closedAgain = confirmed.json();
    // Past the window: refused.
    now = new Date(new Date(closedAgain.reopenUntil).getTime() + 60_000);
    const tooLate = await inject('POST', '/api/complaints/agencies/kaltara-prov/track/reopen', { number: c.number, secret: c.secret, reason: 'lagi' });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error.details[0].rule).toBe('complaint.reopen_window');
    const view = await inject('POST', '/api/complaints/agencies/kaltara-prov/track', { number: c.number, secret: c.secret });
    expect(view.json()).toMatchObject({ status: 'closed', canReopen: false, answer: 'Jadwal diperbaiki lagi' });
    expect(view.json().timeline.map((e: { type: string }) => e.type)).toEqual([
      'filed',
      'verified_complete',
      'classified',
      'followed_up',
      'answered',
      'closed',
      'reopened',
      'answered',
      'confirmed',
    ]);
  });

  describe('anonymity and confidentiality', () => {
    const secretName = 'Siti Rahmawati Anonim';
    const secretEmail = 'siti.rahasia@example.id';
    const secretPhone = '081299998888';
    let anon: { number: string; trackingSecret: string };
    let open: { number: string };
    const leaks = (text: string) => [secretName, secretEmail, secretPhone, 'Jl. Rahasia'].filter((s) => text.includes(s));

    beforeAll(async () => {
      now = wita('2026-03-16T09:00:00');
      const res = await file('banjarmasin-kota', {
        ...banjarmasinContents,
        subject: 'Petugas meminta imbalan',
        requestNumber: 'BJM-REQ-2026-00042',
        complainant: { name: secretName, address: 'Jl. Rahasia 1', email: secretEmail, phone: secretPhone },
        anonymous: true,
        confidential: true,
      });
      expect(res.statusCode).toBe(201);
      anon = res.json();
      const staffFiled = await inject(
        'POST',
        '/api/complaints/agencies/banjarmasin-kota/intake',
        { ...banjarmasinContents, subject: 'Antrean terlalu lama', channel: 'verifikator-lpse', receivedAt: '2026-03-16T08:30:00+08:00', complainant: { name: 'Ahmad Terbuka', address: 'Jl. Terang 2' } },
        banjarHandler,
      );
      expect(staffFiled.statusCode).toBe(201);
      open = staffFiled.json();
      // Both answered, so both count in the statistics and the open one shows its subject.
      for (const number of [anon.number, open.number]) {
        await act('banjarmasin-kota', number, 'verify', { complete: true }, banjarHandler);
        await act('banjarmasin-kota', number, 'classify', {}, banjarHandler);
      }
      const [row] = await t.database.db.select().from(complaintComplainants).where(eq(complaintComplainants.email, secretEmail));
      expect(row?.name).toBe(secretName);
    });

    it('withholds the identity of an anonymous complainant from officers without complaints.identity, and shows an open one', async () => {
      const withheld = await detail('banjarmasin-kota', anon.number, banjarViewer);
      expect(withheld.json()).toMatchObject({ anonymous: true, confidential: true, complainant: null, identityWithheld: true, requestNumber: 'BJM-REQ-2026-00042' });
      expect(leaks(withheld.body)).toEqual([]);
      const handler = await detail('banjarmasin-kota', anon.number, banjarHandler);
      expect(leaks(handler.body)).toEqual([]);
      const shown = await detail('banjarmasin-kota', open.number, banjarViewer);
      expect(shown.json()).toMatchObject({ identityWithheld: false, complainant: { name: 'Ahmad Terbuka', address: 'Jl. Terang 2' }, channel: { code: 'verifikator-lpse', kind: 'walk_in' } });
      const team = await insertToken(t.database.db, ids['banjarmasin-kota']!, ['complaints.view', 'complaints.identity']);
      expect((await detail('banjarmasin-kota', anon.number, team)).json()).toMatchObject({
        identityWithheld: false,
        complainant: { name: secretName, email: secretEmail, phone: secretPhone },
      });
    });

    it('keeps the identity out of every other read path: steps, list, by-request, export, statistics, tracking, audit', async () => {
      const paths: { name: string; body: string }[] = [];
      const stepped = await act('banjarmasin-kota', anon.number, 'assign', { assigneeId: officer.id }, banjarHandler);
      // The officer is Kalimantan Utara's: not Banjarmasin's staff.
      expect(stepped.statusCode).toBe(400);
      paths.push({ name: 'refused step', body: stepped.body });
      paths.push({ name: 'list', body: (await inject('GET', '/api/complaints/agencies/banjarmasin-kota/complaints?q=imbalan', undefined, banjarViewer)).body });
      const byRequest = await inject('GET', '/api/complaints/agencies/banjarmasin-kota/by-request/BJM-REQ-2026-00042', undefined, banjarViewer);
      expect(byRequest.json().items.map((i: { number: string }) => i.number)).toEqual([anon.number]);
      paths.push({ name: 'by-request', body: byRequest.body });
      const csv = await inject('GET', '/api/complaints/agencies/banjarmasin-kota/export.csv?from=2026-03-01&to=2026-03-31', undefined, banjarViewer);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="pengaduan-banjarmasin-kota-2026-03-01-2026-03-31.csv"');
      expect(csv.body).toContain(anon.number);
      expect(csv.body).toContain(open.number);
      // Not even the open complainant's name: exports never carry identity.
      expect(csv.body).not.toContain('Ahmad Terbuka');
      paths.push({ name: 'export', body: csv.body });
      paths.push({ name: 'statistics', body: (await inject('GET', '/api/complaints/agencies/banjarmasin-kota/statistics?year=2026')).body });
      const tracked = await inject('POST', '/api/complaints/agencies/banjarmasin-kota/track', { number: anon.number, email: secretEmail.toUpperCase() });
      expect(tracked.statusCode).toBe(200);
      expect(tracked.json()).toMatchObject({ number: anon.number, canConfirm: false, canReopen: false });
      paths.push({ name: 'tracking', body: tracked.body });
      const audit = await inject('GET', '/api/agencies/banjarmasin-kota/audit', undefined, banjarAuditor);
      expect(audit.statusCode).toBe(200);
      expect(audit.body).toContain(anon.number);
      paths.push({ name: 'audit', body: audit.body });
      const auditCsv = await inject('GET', '/api/agencies/banjarmasin-kota/audit.csv', undefined, banjarAuditor);
      paths.push({ name: 'audit csv', body: auditCsv.body });
      expect(paths.filter((p) => leaks(p.body).length > 0).map((p) => p.name)).toEqual([]);
    });

    it('counts confidential complaints in the public statistics without their text', async () => {
      now = wita('2026-03-17T09:00:00');
      await act('banjarmasin-kota', anon.number, 'assign', { assigneeId: (await bjmOfficer()).id }, banjarHandler);
      await act('banjarmasin-kota', open.number, 'assign', { assigneeId: (await bjmOfficer()).id }, banjarHandler);
      await act('banjarmasin-kota', anon.number, 'answer', { answer: 'Petugas diberi sanksi', outcome: 'substantiated' }, banjarHandler);
      await act('banjarmasin-kota', open.number, 'answer', { answer: 'Loket ditambah', outcome: 'substantiated' }, banjarHandler);
      const stats = (await inject('GET', '/api/complaints/agencies/banjarmasin-kota/statistics?year=2026')).json();
      expect(stats).toMatchObject({ total: 4, lateFiled: 1, onTime: { answered: 2, onTime: 2, rate: 100 } });
      expect(stats.byOutcome).toContainEqual({ outcome: 'substantiated', count: 2 });
      expect(stats.recent.map((r: { number: string }) => r.number)).toEqual([open.number]);
      expect(JSON.stringify(stats)).not.toContain('imbalan');
      expect(JSON.stringify(stats)).not.toContain('sanksi');
    });

    let bjm: { id: string } | undefined;
    async function bjmOfficer() {
      bjm ??= await insertUser(t.database.db, { name: 'Petugas Banjarmasin', roles: [{ agencyId: ids['banjarmasin-kota']!, role: 'kepala-bagian' }] });
      return bjm;
    }
  });

  it('refuses callers without the permission and keeps agencies apart', async () => {
    const number = 'BANJARMASIN-KOTA-ADU-2026-00001';
    expect((await detail('banjarmasin-kota', number, {})).statusCode).toBe(401);
    expect((await act('banjarmasin-kota', number, 'verify', { complete: true }, banjarViewer)).statusCode).toBe(403);
    expect((await inject('POST', '/api/complaints/agencies/banjarmasin-kota/intake', { ...banjarmasinContents, channel: 'verifikator-lpse' }, banjarViewer)).statusCode).toBe(403);
    expect((await inject('GET', '/api/complaints/agencies/banjarmasin-kota/export.csv', undefined, banjarAuditor)).statusCode).toBe(403);
    // Kalimantan Utara's officers: refused in Banjarmasin, and Banjarmasin's number is not found through Kalimantan Utara.
    expect((await detail('banjarmasin-kota', number, kaltaraTeam)).statusCode).toBe(403);
    expect((await detail('kaltara-prov', number, kaltaraTeam)).statusCode).toBe(404);
    expect((await act('kaltara-prov', number, 'verify', { complete: true }, kaltaraTeam)).statusCode).toBe(404);
    const kaltaraList = (await inject('GET', '/api/complaints/agencies/kaltara-prov/complaints?pageSize=200', undefined, kaltaraTeam)).json();
    expect(kaltaraList.items.every((i: { number: string }) => i.number.startsWith('KALTARA-PROV-ADU-'))).toBe(true);
    // Tracking a Banjarmasin number on Kalimantan Utara's page finds nothing.
    const secretless = await inject('POST', '/api/complaints/agencies/kaltara-prov/track', { number, email: 'budi@example.id' });
    expect(secretless.statusCode).toBe(404);
    expect((await inject('POST', '/api/complaints/agencies/banjarmasin-kota/track', { number, email: 'budi@example.id' })).statusCode).toBe(200);
    expect((await inject('POST', '/api/complaints/agencies/banjarmasin-kota/track', { number, email: 'lain@example.id' })).statusCode).toBe(404);
    expect((await inject('POST', '/api/complaints/agencies/banjarmasin-kota/track', { number })).statusCode).toBe(400);
    // An unknown channel for a walk-in.
    const channel = await inject('POST', '/api/complaints/agencies/banjarmasin-kota/intake', { ...banjarmasinContents, complainant: { name: 'a', address: 'b' }, channel: 'fax' }, banjarHandler);
    expect(channel.json().error.details).toEqual([expect.objectContaining({ field: 'channel', rule: 'complaint.channel_unknown' })]);
  });
});
