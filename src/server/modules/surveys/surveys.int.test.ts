import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.js';
import { auditEvents, surveyImportBatches, surveyResponses } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories } from '../../test/factories.js';
import { createSurveysRepo } from './surveys.repo.js';
import { createSurveysService } from './surveys.service.js';

const answers = (score: number) => ({ U1: score, U2: score, U3: score, U4: score, U5: score, U6: score, U7: score, U8: score, U9: score });
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const header = 'U1,U2,U3,U4,U5,U6,U7,U8,U9,Jenis Kelamin,Usia,Pendidikan,Pekerjaan,Saran,Tanggal';

describe('satisfaction survey API', () => {
  let t: TestApp;
  // 10 March 2026, 10:00 WITA.
  let now = new Date('2026-03-10T02:00:00Z');
  const clock = () => now;
  let kalsel: { id: string };
  let viewer: { authorization: string };
  let importer: { authorization: string };
  let supervisor: { authorization: string };
  let outsider: { authorization: string };
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sigap-skm-int-'));

  beforeAll(async () => {
    t = await createTestApp({ identity: { clock } });
    const make = createFactories(t);
    kalsel = (await make.standards({ codes: ['kalsel-prov'] }))[0]!;
    await make.agency({ code: 'lain-kab', name: 'Agency lain', level: 'kabupaten', timeZone: 'Asia/Jakarta' });
    const bearer = async (agency: string, permissions: Permission[]) => ({
      authorization: `Bearer ${await make.apiToken({ agency, permissions, name: `surveys test ${permissions.join(',')}` })}`,
    });
    viewer = await bearer('kalsel-prov', ['surveys.view']);
    importer = await bearer('kalsel-prov', ['surveys.import']);
    // A supervisor compiling the semester report: reports.view without surveys.view.
    supervisor = await bearer('kalsel-prov', ['reports.view', 'requests.view']);
    // surveys.view, but in another agency.
    outsider = await bearer('lain-kab', ['surveys.view', 'surveys.import']);
  });
  afterAll(async () => {
    await t.close();
  });

  const kiosk = (body: unknown, agency = 'kalsel-prov', lang = 'en') =>
    t.app.inject({ method: 'POST', url: `/api/surveys/agencies/${agency}/kiosk`, headers: { 'accept-language': lang }, payload: body as object });
  const results = (query: string, headers: Record<string, string> = viewer) =>
    t.app.inject({ url: `/api/surveys/agencies/kalsel-prov/results?${query}`, headers });
  const importFile = (body: object, headers: Record<string, string> = importer, lang = 'en') =>
    t.app.inject({ method: 'POST', url: '/api/surveys/agencies/kalsel-prov/imports', headers: { ...headers, 'accept-language': lang }, payload: body });

  it('takes an anonymous kiosk response for a service of the standard', async () => {
    const res = await kiosk({
      serviceCode: 'konsultasi-katalog',
      channel: 'walk-in',
      answers: { ...answers(4), U9: 3 },
      profile: { sex: 'female', ageBand: '30_39', education: 's1', occupation: 'penyedia' },
      suggestion: 'Ruang tunggu perlu kipas angin',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), submittedAt: '2026-03-10T02:00:00.000Z' });
    const [row] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.id, res.json().id));
    expect(row).toMatchObject({ agencyId: kalsel.id, mode: 'kiosk', requestId: null, u1: 4, u9: 3, sex: 'female', suggestion: 'Ruang tunggu perlu kipas angin' });
  });

  it('refuses a service the standard does not have, an unknown agency and an answer outside 1–4', async () => {
    expect((await kiosk({ serviceCode: 'tidak-ada', answers: answers(4) })).statusCode).toBe(404);
    expect((await kiosk({ serviceCode: 'konsultasi-katalog', answers: answers(4) }, 'tidak-ada')).statusCode).toBe(404);
    const bad = await kiosk({ serviceCode: 'konsultasi-katalog', answers: { ...answers(4), U3: 5 } }, 'kalsel-prov', 'id');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'answers.U3', rule: 'skm.answer_range', message: 'jawaban harus 1, 2, 3 atau 4 (atau huruf a–d)' }]);
    const missing = await kiosk({ serviceCode: 'konsultasi-katalog', answers: { U1: 4 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ field: 'answers.U2', rule: 'required' });
  });

  it('shows results only to holders of surveys.view or reports.view in that agency', async () => {
    expect((await results('period=semester&year=2026&index=1', {})).statusCode).toBe(401);
    const refused = await results('period=semester&year=2026&index=1', { ...importer, 'accept-language': 'en' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      // In words, not permission codes; the codes stay in the details for programs.
      message: 'You need to be allowed to view survey results or view reports in this agency',
      details: [{ rule: 'permission', message: 'surveys.view | reports.view' }],
    });
    expect((await results('period=semester&year=2026&index=1', outsider)).statusCode).toBe(403);
    expect((await results('period=semester&year=2026&index=1', viewer)).statusCode).toBe(200);
    expect((await results('period=semester&year=2026&index=1', supervisor)).statusCode).toBe(200);
    const denied = await t.database.db
      .select({ action: auditEvents.action, after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.agencyId, kalsel.id), eq(auditEvents.action, 'access.denied')));
    expect(denied.length).toBeGreaterThanOrEqual(1);
    expect(denied.map((d) => d.after)).toContainEqual({ method: 'GET', route: '/api/surveys/agencies/:agency/results', permission: 'surveys.view | reports.view' });
  });

  it('counts a response in the period of its local date (WITA), not of its UTC date', async () => {
    // 30 June 2026 16:30 UTC is 1 July 00:30 WITA: the second semester.
    now = new Date('2026-06-30T16:30:00Z');
    expect((await kiosk({ serviceCode: 'dukungan-spse', answers: answers(2) })).statusCode).toBe(201);
    now = new Date('2026-03-10T02:00:00Z');
    const first = (await results('period=semester&year=2026&index=1&users=50')).json();
    expect(first.period).toMatchObject({ kind: 'semester', from: '2026-01-01', to: '2026-06-30', label: { id: 'Semester I 2026', en: 'First half of 2026' } });
    expect(first.result.respondents).toBe(1);
    expect(first.result.sample).toEqual({ population: 50, minimum: 44, reached: false });
    const second = (await results('period=semester&year=2026&index=2')).json();
    expect(second.result.respondents).toBe(1);
    expect(second.result.ikm).toMatchObject({ value: 50, grade: 'D' });
    const july = (await results('period=month&year=2026&index=7')).json();
    expect(july.result.respondents).toBe(1);
    expect((await results('period=quarter&year=2026&index=5')).statusCode).toBe(400);
  });

  it('imports paper surveys all or nothing, with a row-by-row report, and audits the import', async () => {
    const good = [header, '4,4,3,4,3,3,4,3,3,L,45,S1,PNS,Mohon jam layanan diperpanjang,2026-03-02', 'c,c,c,d,c,c,c,c,b,P,28,D3,Penyedia,,2026-03-03'].join('\n');
    const dry = await importFile({ fileName: 'survei-maret.csv', content: b64(good), serviceCode: 'konsultasi-katalog', channel: 'walk-in', dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ accepted: true, dryRun: true, imported: 0, batchId: null, rows: 2, errors: [] });

    const bad = [header, '4,4,3,4,3,3,4,3,3,L,45,S1,PNS,,2026-03-02', '4,4,3,4,e,3,4,3,3,X,45,S1,PNS,,2026-03-02'].join('\n');
    const refused = await importFile({ fileName: 'salah.csv', content: b64(bad), serviceCode: 'konsultasi-katalog' }, importer, 'id');
    expect(refused.json()).toMatchObject({ accepted: false, imported: 0, batchId: null });
    expect(refused.json().errors).toEqual([
      { row: 3, column: 'U5', value: 'e', rule: 'skm.answer_range', message: 'jawaban harus 1, 2, 3 atau 4 (atau huruf a–d)' },
      { row: 3, column: 'Jenis Kelamin', value: 'X', rule: 'skm.sex', message: expect.stringContaining('L (laki-laki)') },
    ]);

    const noDate = await importFile({ fileName: 'tanpa-tanggal.csv', content: b64('U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4'), serviceCode: 'konsultasi-katalog' });
    expect(noDate.json().errors).toEqual([expect.objectContaining({ row: 2, rule: 'skm.date_needed' })]);
    const unknownService = await importFile({ fileName: 'a.csv', content: b64('U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,4,4'), serviceCode: 'bukan-layanan', surveyedOn: '2026-03-01' });
    expect(unknownService.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'serviceCode', value: 'bukan-layanan', rule: 'skm.service_unknown' })]);

    const before = await t.database.db.select().from(surveyResponses);
    const done = await importFile({ fileName: 'survei-maret.csv', content: b64(good), serviceCode: 'konsultasi-katalog', channel: 'walk-in' });
    expect(done.json()).toMatchObject({ accepted: true, imported: 2, batchId: expect.any(String) });
    const rows = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.importBatchId, done.json().batchId));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.submittedAt.toISOString()).sort()).toEqual(['2026-03-02T04:00:00.000Z', '2026-03-03T04:00:00.000Z']);
    expect(rows.every((r) => r.mode === 'paper' && r.channel === 'walk-in')).toBe(true);
    expect(before.length + 2).toBe((await t.database.db.select().from(surveyResponses)).length);
    const [batch] = await t.database.db.select().from(surveyImportBatches).where(eq(surveyImportBatches.id, done.json().batchId));
    expect(batch).toMatchObject({ fileName: 'survei-maret.csv', rowCount: 2, importedBy: 'surveys test surveys.import' });
    const audited = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.agencyId, kalsel.id), eq(auditEvents.action, 'surveys.imported')));
    expect(audited).toHaveLength(1);
  });

  it('imports an XLSX, and refuses importers without surveys.import', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('SKM');
    sheet.addRow(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9', 'Layanan', 'Tanggal']);
    sheet.addRow([3, 3, 3, 4, 3, 3, 3, 3, 3, 'dukungan-spse', new Date(Date.UTC(2026, 2, 20))]);
    const content = b64(Buffer.from(await workbook.xlsx.writeBuffer()));
    const body = { fileName: 'survei.xlsx', content, serviceCode: 'konsultasi-katalog' };
    expect((await importFile(body, viewer)).statusCode).toBe(403);
    expect((await importFile(body, outsider)).statusCode).toBe(403);
    expect((await importFile(body, {})).statusCode).toBe(401);
    const done = await importFile(body);
    expect(done.json()).toMatchObject({ accepted: true, imported: 1 });
    const [row] = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.importBatchId, done.json().batchId));
    expect(row).toMatchObject({ serviceCode: 'dukungan-spse', channel: null });
  });

  it('computes the results per service and channel, with exact or legacy weights', async () => {
    const res = await results('period=quarter&year=2026&index=1&service=konsultasi-katalog');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Kiosk (4×8 + 3 = 35) and two paper rows (31 and 27): S = 93 over 3 → 2500·93/27 = 86.11 → B.
    expect(body.result.respondents).toBe(3);
    expect(body.result.ikm).toMatchObject({ value: 86.11, grade: 'B', label: { id: 'Baik', en: 'Good' } });
    expect(body.result.elements[0]).toMatchObject({ code: 'U1', total: 11, nrr: 3.6667, grade: 'A' });
    expect(body.result.profile.sex).toEqual(expect.arrayContaining([{ key: 'female', count: 2, percent: 66.67 }]));
    expect(body.byService).toEqual([
      { service: 'dukungan-spse', respondents: 1, ikm: 77.78, grade: 'B' },
      { service: 'konsultasi-katalog', respondents: 3, ikm: 86.11, grade: 'B' },
    ]);
    expect(body.byChannel).toEqual([{ channel: 'walk-in', respondents: 3, ikm: 86.11, grade: 'B' }]);
    const legacy = (await results('period=quarter&year=2026&index=1&service=konsultasi-katalog&weights=legacy')).json();
    expect(legacy.result.weights).toMatchObject({ mode: 'legacy', weight: 0.111 });
    expect(legacy.result.ikm.value).toBe(86.03);
    const walkIn = (await results('period=year&year=2026&channel=walk-in')).json();
    expect(walkIn.result.respondents).toBe(3);
  });

  it('publishes the latest IKM per service as aggregates only', async () => {
    const res = await t.app.inject({ url: '/api/surveys/agencies/kalsel-prov/latest' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { service: string }) => i.service)).toEqual(['dukungan-spse', 'konsultasi-katalog']);
    const spse = body.items[0];
    // Its newest response is of July: the second semester, with only that response.
    expect(spse).toMatchObject({ period: { kind: 'semester', year: 2026, index: 2 }, respondents: 1, ikm: 50, grade: 'D' });
    expect(body.items[1]).toMatchObject({ period: { index: 1 }, respondents: 3, ikm: 86.11, grade: 'B' });
    const text = res.body;
    expect(text).not.toContain('kipas');
    expect(text).not.toContain('female');
    expect(Object.keys(body.items[1]).sort()).toEqual(['elements', 'grade', 'ikm', 'period', 'respondents', 'sample', 'service']);
    // The sample is a count of requests and a number, nothing of a person.
    expect(Object.keys(body.items[1].sample).sort()).toEqual(['basis', 'minimum', 'population', 'reached']);
  });

  it('accepts one response per request', async () => {
    const db = t.database.db;
    const service = createSurveysService({
      db,
      repo: createSurveysRepo(db),
      agencies: t.services.agencies,
      audit: t.services.audit,
      clock,
    });
    const requestId = '6f1c1b8e-7d3a-4c55-9a57-2f0d8c1b2a10';
    const once = { agencyId: kalsel.id, requestId, serviceCode: 'konsultasi-katalog', channel: 'website', answers: answers(3), profile: { sex: null, ageBand: null, education: null, occupation: null }, suggestion: null };
    await service.submitForRequest(once);
    await expect(service.submitForRequest(once)).rejects.toMatchObject({ code: 'conflict', details: [expect.objectContaining({ rule: 'skm.request_answered' })] });
    expect(await db.select().from(surveyResponses).where(eq(surveyResponses.requestId, requestId))).toHaveLength(1);
  });

  it('renders the published report as a PDF for holders of surveys.view or reports.view', async () => {
    const url = '/api/surveys/agencies/kalsel-prov/report.pdf?period=semester&year=2026&index=1&users=50';
    expect((await t.app.inject({ url })).statusCode).toBe(401);
    expect((await t.app.inject({ url, headers: importer })).statusCode).toBe(403);
    const res = await t.app.inject({ url, headers: viewer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('skm-kalsel-prov-semester-2026-1.pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const forSupervisor = await t.app.inject({ url, headers: supervisor });
    expect(forSupervisor.statusCode).toBe(200);
    expect(forSupervisor.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(tmp, 'skm.pdf');
    writeFileSync(file, res.rawPayload);
    // To look at it: SKM_PDF_OUT=/tmp/skm.pdf, then pdftoppm -r 60 -png /tmp/skm.pdf page
    if (process.env.SKM_PDF_OUT) writeFileSync(process.env.SKM_PDF_OUT, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('LAPORAN SURVEI KEPUASAN MASYARAKAT');
    expect(text).toContain('BIRO PENGADAAN BARANG DAN JASA');
    expect(text).toContain('Semester I 2026');
    expect(text).toMatch(/IKM = 82,22/);
    expect(text).toContain('Persyaratan');
    expect(text).toContain('U9 Penanganan Pengaduan');
    expect(text).toContain('Ruang tunggu perlu kipas angin');
    expect(text).toContain('Mohon jam layanan diperpanjang');
    expect(text).toContain('Rencana tindak lanjut');
    expect(text).toContain('Krejcie');
    // Services by their names in the standard, not their codes.
    expect(text).toContain('Pelayanan Konsultasi Katalog Elektronik');
    const en = await t.app.inject({ url: `${url}&lang=en`, headers: viewer });
    writeFileSync(path.join(tmp, 'skm-en.pdf'), en.rawPayload);
    expect(execFileSync('pdftotext', [path.join(tmp, 'skm-en.pdf'), '-'], { encoding: 'utf8' })).toContain('PUBLIC SATISFACTION SURVEY REPORT');
  });

  it('rate-limits kiosk submissions per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await kiosk({ serviceCode: 'konsultasi-katalog', answers: { U1: 9 } })).statusCode);
    // The window also holds this file's earlier kiosk calls: refused bodies until the limit, then 429.
    const firstLimited = codes.indexOf(429);
    expect(firstLimited).toBeGreaterThan(0);
    expect(codes.slice(0, firstLimited).every((c) => c === 400)).toBe(true);
    expect(codes.slice(firstLimited).every((c) => c === 429)).toBe(true);
    const res = await kiosk({ serviceCode: 'konsultasi-katalog', answers: answers(4) });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
  });
});
