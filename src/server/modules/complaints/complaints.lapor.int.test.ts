import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, apiTokens, complaintComplainants, complaints } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createCliTarget, type CliTarget } from '../../test/cli.js';
import { report, startFakeLapor } from '../../test/fake-lapor.js';
import { insertUser } from '../../test/identity-fixtures.js';
import { systemActor } from '../audit/audit.service.js';
import { hashToken, randomToken } from '../../lib/secrets.js';
import { loadStandards } from '../standards/standards.loader.js';
import { laporSyncCommand } from './complaints.cli.js';
import { createHttpLaporAdapter, LaporError, syncLapor } from './complaints.lapor.js';

const instansi = 'pemkab-klungkung';
const token = 'lapor-token-uji-0123456789';

describe('SP4N-LAPOR! adapter against a local LAPOR! stand-in', () => {
  let t: TestApp;
  let lapor: Awaited<ReturnType<typeof startFakeLapor>>;
  const now = new Date('2026-03-10T02:00:00Z');
  const clock = () => now;
  let handler: Record<string, string>;
  let team: Record<string, string>;

  beforeAll(async () => {
    lapor = await startFakeLapor({ token, instansi });
    t = await createTestApp({ identity: { clock } });
    const loaded = await loadStandards(path.resolve('standards/klungkung-kab'));
    await t.services.standards.importLoaded({ agencies: loaded.agencies, actor: systemActor('test') });
    const [agency] = await t.database.db.select().from(agencies).where(eq(agencies.code, 'klungkung-kab'));
    const insertToken = async (permissions: string[]) => {
      const value = randomToken();
      await t.database.db.insert(apiTokens).values({ agencyId: agency!.id, name: 'lapor test', tokenHash: hashToken(value), prefix: value.slice(0, 6), permissions });
      return { authorization: `Bearer ${value}` };
    };
    handler = await insertToken(['complaints.view', 'complaints.handle']);
    team = await insertToken(['complaints.view', 'complaints.identity']);
    await insertUser(t.database.db, { name: 'Made Petugas', roles: [{ agencyId: agency!.id, role: 'kepala-bagian' }] });
  });
  afterAll(async () => {
    await t?.close();
    await lapor?.close();
  });

  const adapter = (overrides: { token?: string } = {}) => createHttpLaporAdapter({ baseUrl: lapor.url, token: overrides.token ?? token, instansiId: instansi, pageSize: 2 });
  const sync = (a = adapter()) => syncLapor({ service: t.services.complaints, adapter: a, agencyCode: 'klungkung-kab', actor: systemActor('test') });

  it('pulls every new report, page by page, into a complaint with its LAPOR tracking ID, once', async () => {
    lapor.reports.push(
      report('1001'),
      report('1002', { privasi: { anonim: true, rahasia: true }, pelapor: { nama: 'Nyoman Rahasia', email: 'nyoman@example.id', telepon: '0812' } }),
      report('1003', { tanggal_disposisi: '2026-03-09T11:00:00+08:00' }),
    );
    const first = await sync();
    expect(first.failures).toEqual([]);
    expect(first.created).toEqual([
      { number: 'KLUNGKUNG-KAB-ADU-2026-00001', laporTrackingId: '1001' },
      { number: 'KLUNGKUNG-KAB-ADU-2026-00002', laporTrackingId: '1002' },
      { number: 'KLUNGKUNG-KAB-ADU-2026-00003', laporTrackingId: '1003' },
    ]);
    // Two pages of two, the second asked from the first's cursor.
    expect(lapor.requests.filter((r) => r.startsWith('GET'))).toEqual([
      `GET /api/v1/instansi/${instansi}/laporan?limit=2`,
      `GET /api/v1/instansi/${instansi}/laporan?limit=2&cursor=c2`,
    ]);
    const rows = await t.database.db.select().from(complaints).orderBy(complaints.seq);
    expect(rows.map((r) => [r.laporTrackingId, r.channel, r.channelKind, r.receivedAt.toISOString(), r.anonymous, r.confidential])).toEqual([
      ['1001', 'sp4n-lapor', 'sp4n_lapor', '2026-03-09T02:00:00.000Z', false, false],
      ['1002', 'sp4n-lapor', 'sp4n_lapor', '2026-03-09T02:00:00.000Z', true, true],
      ['1003', 'sp4n-lapor', 'sp4n_lapor', '2026-03-09T03:00:00.000Z', false, false],
    ]);
    // LAPOR!'s anonim keeps its meaning: the identity is stored apart and withheld from officers outside the team.
    const [who] = await t.database.db.select().from(complaintComplainants).where(eq(complaintComplainants.complaintId, rows[1]!.id));
    expect(who?.name).toBe('Nyoman Rahasia');
    const withheld = await t.app.inject({ url: '/api/complaints/agencies/klungkung-kab/complaints/KLUNGKUNG-KAB-ADU-2026-00002', headers: handler });
    expect(withheld.json()).toMatchObject({ laporTrackingId: '1002', identityWithheld: true, complainant: null, timeline: [{ type: 'filed', actorType: 'lapor' }] });
    expect(withheld.body).not.toContain('Nyoman');
    const shown = await t.app.inject({ url: '/api/complaints/agencies/klungkung-kab/complaints/KLUNGKUNG-KAB-ADU-2026-00002', headers: team });
    expect(shown.json().complainant.name).toBe('Nyoman Rahasia');

    // Again: nothing new. Then a fourth report: only it is pulled, from the stored cursor.
    const again = await sync();
    expect(again).toMatchObject({ pulled: 0, created: [] });
    lapor.reports.push(report('1004'));
    const fourth = await sync();
    expect(fourth.created).toEqual([{ number: 'KLUNGKUNG-KAB-ADU-2026-00004', laporTrackingId: '1004' }]);
    expect(lapor.requests.at(-1)).toBe(`GET /api/v1/instansi/${instansi}/laporan?limit=2&cursor=c3`);
  });

  it("posts the agency's follow-ups, answer and closing back to LAPOR! once each", async () => {
    const number = 'KLUNGKUNG-KAB-ADU-2026-00001';
    const step = (name: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/complaints/agencies/klungkung-kab/complaints/${number}/${name}`, headers: handler, payload });
    expect((await step('verify', { complete: true })).statusCode).toBe(200);
    expect((await step('classify', {})).statusCode).toBe(200);
    const assignee = (await t.app.inject({ url: '/api/complaints/agencies/klungkung-kab/assignees', headers: handler })).json().items[0];
    expect((await step('assign', { assigneeId: assignee.id })).statusCode).toBe(200);
    expect((await step('follow-up', { note: 'Berkas akun sedang diperiksa verifikator' })).statusCode).toBe(200);
    expect((await step('answer', { answer: 'Akun telah diverifikasi pada 10 Maret 2026', outcome: 'substantiated' })).statusCode).toBe(200);
    expect((await step('close', { note: 'Selesai' })).statusCode).toBe(200);

    const result = await sync();
    expect(result.posted).toEqual([
      { number, laporTrackingId: '1001', kind: 'follow_up' },
      { number, laporTrackingId: '1001', kind: 'follow_up' },
      { number, laporTrackingId: '1001', kind: 'close' },
    ]);
    expect(lapor.followUps.map((f) => f.isi)).toEqual(['Berkas akun sedang diperiksa verifikator', 'Akun telah diverifikasi pada 10 Maret 2026']);
    expect(lapor.closings).toEqual([{ trackingId: '1001', isi: 'Selesai', tanggal: now.toISOString() }]);
    expect((await sync()).posted).toEqual([]);
    const timeline = (await t.app.inject({ url: `/api/complaints/agencies/klungkung-kab/complaints/${number}`, headers: handler })).json().timeline;
    expect(timeline.filter((e: { type: string }) => e.type === 'lapor_posted')).toHaveLength(3);
    // The complainant does not see the posting records on the tracking page.
  });

  it('says so when LAPOR! refuses the token, and the command exits 2', async () => {
    await expect(adapter({ token: 'salah' }).pullReports({ cursor: null })).rejects.toThrow(LaporError);
    await expect(adapter({ token: 'salah' }).pullReports({ cursor: null })).rejects.toMatchObject({ status: 401 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-lapor-'));
    writeFileSync(path.join(dir, 'token'), 'salah\n');
    const err: string[] = [];
    const code = await laporSyncCommand(
      t.services.complaints,
      { agency: 'klungkung-kab', url: lapor.url, tokenFile: path.join(dir, 'token'), instansi, operator: 'test' },
      { out: () => {}, err: (l) => err.push(l) },
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('token ditolak / token refused');
    rmSync(dir, { recursive: true, force: true });
  });
});


describe('sigap complaints lapor-sync', () => {
  let lapor: Awaited<ReturnType<typeof startFakeLapor>>;
  let target: CliTarget;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-lapor-token-'));
  const sigap = (args: string[]) => target.sigap(args);

  beforeAll(async () => {
    lapor = await startFakeLapor({ token, instansi });
    lapor.reports.push(report('2001'), report('2002', { privasi: { anonim: true, rahasia: false }, pelapor: null }));
    writeFileSync(path.join(dir, 'token'), `${token}\n`);
    target = await createCliTarget('lapor-cli');
  });
  afterAll(async () => {
    await lapor?.close();
    await target?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls reports into complaints through the real command, then finds nothing new', { timeout: 120_000 }, async () => {
    await sigap(['standards', 'import', 'standards/klungkung-kab']);
    const args = ['complaints', 'lapor-sync', '--agency', 'klungkung-kab', '--url', lapor.url, '--token-file', path.join(dir, 'token'), '--instansi', instansi];
    const first = await sigap(args);
    expect(first.stdout).toContain('baru / new: KLUNGKUNG-KAB-ADU-');
    expect(first.stdout).toContain('2 laporan ditarik, 2 pengaduan baru');
    const second = await sigap(args);
    expect(second.stdout).toContain('0 laporan ditarik, 0 pengaduan baru');
    const unknown = await sigap([...args.slice(0, 3), 'tidak-ada', ...args.slice(4)]).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 3 });

    const database = await target.open();
    try {
      const rows = await database.db.select({ lapor: complaints.laporTrackingId, anonymous: complaints.anonymous }).from(complaints).orderBy(complaints.seq);
      expect(rows).toEqual([
        { lapor: '2001', anonymous: false },
        { lapor: '2002', anonymous: true },
      ]);
    } finally {
      await database.close();
    }
  });
});
