import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentNames, isNotStated, type ServiceStandard, type TimeLimit } from '../../../shared/standard/schema.js';
import { validateLimit } from '../calendar/limit.js';
import { formatProblem, loadStandards, type LoadedAgency } from './standards.loader.js';

const standardsDir = fileURLToPath(new URL('../../../../standards', import.meta.url));

/** Every time limit anywhere in an agency's standard, with where it is. */
function collectLimits(value: unknown, path = ''): { path: string; limit: TimeLimit }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectLimits(v, `${path}.${i}`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if ('amount' in record && 'unit' in record) return [{ path, limit: record as unknown as TimeLimit }];
  return Object.entries(record).flatMap(([k, v]) => collectLimits(v, `${path}.${k}`));
}

const serviceOrder = [
  'aktivasi-user-id',
  'perubahan-email',
  'perubahan-status-perusahaan',
  'perubahan-npwp',
  'nonaktif-user-id',
  'agregasi-data-penyedia',
  'pendampingan-spse',
] as const;
type Code = (typeof serviceOrder)[number];

describe('banjarmasin-kota (seed 001, Perwali Banjarmasin 67/2018)', () => {
  let bjm: LoadedAgency;
  const service = (code: Code): ServiceStandard => bjm.services.find((s) => s.code === code)!;

  beforeAll(async () => {
    const result = await loadStandards(`${standardsDir}/banjarmasin-kota`);
    expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
    bjm = result.agencies[0]!;
  });

  it('loads as a kota with its Perwali, in force from the day it was enacted, and the seven services of Pasal 4 in order', () => {
    expect(bjm.agency.level).toBe('kota');
    expect(bjm.agency.timeZone).toBe('Asia/Makassar');
    expect(bjm.agency.decree).toMatchObject({
      // "PERATURAN WALIKOTA BANJARMASIN NOMOR 67 TAHUN 2018": a Peraturan, not a Keputusan.
      instrument: 'peraturan',
      issuer: 'Walikota Banjarmasin',
      number: '67 Tahun 2018',
      date: '2018-11-27',
      effectiveFrom: '2018-11-27',
      signatory: { position: 'Walikota Banjarmasin', name: 'H. Ibnu Sina' },
    });
    expect(bjm.services.map((s) => s.code)).toEqual([...serviceOrder]);
    expect(bjm.services.every((s) => s.requesterTypes.join() === 'vendor')).toBe(true);
  });

  it('states every one of the 14 components of every service, as text', () => {
    for (const s of bjm.services) {
      for (const part of ['delivery', 'management'] as const) {
        for (const key of Object.keys(componentNames[part])) {
          const text = (s.components[part] as Record<string, unknown>)[key];
          expect(typeof text, `${s.code} ${part}.${key}`).toBe('string');
        }
      }
      expect(s.components.delivery.fee).toBe('Gratis');
      expect(s.fee.amount).toBe(0);
      expect(s.components.management.staffCount).toBe('3 orang');
    }
  });

  it('keeps each service’s time limit: 30 minutes, except e-mail change (1 working day) and SPSE support (5 working days)', () => {
    const limits = Object.fromEntries(bjm.services.map((s) => [s.code, s.channels.map((c) => [c.code, c.timeLimit])]));
    const thirty = [['walk-in', { amount: 30, unit: 'minutes' }]];
    expect(limits).toEqual({
      'aktivasi-user-id': thirty,
      'perubahan-email': [['walk-in', { amount: 1, unit: 'working_days' }]],
      'perubahan-status-perusahaan': thirty,
      'perubahan-npwp': thirty,
      'nonaktif-user-id': thirty,
      'agregasi-data-penyedia': thirty,
      'pendampingan-spse': [['walk-in', { amount: 5, unit: 'working_days' }]],
    });
    // The e-mail change's own guarantee promises 30 minutes; kept beside the binding day.
    expect(service('perubahan-email').channels[0]!.note).toContain('30 menit');
    expect(service('perubahan-email').components.delivery.timeLimit).toBe('1 hari kerja');
  });

  it('limits ADP to 30 minutes at the LPSE and SPSE support to 5 working days unless it goes to LKPP, where no limit is stated', () => {
    const adp = service('agregasi-data-penyedia').workflow.tiers;
    expect(adp).toEqual([
      expect.objectContaining({ code: 'lpse', timeLimit: { amount: 30, unit: 'minutes' } }),
      expect.objectContaining({ code: 'lkpp', agency: 'lkpp' }),
    ]);
    expect(adp[1]!.timeLimit).toBeUndefined();
    const spse = service('pendampingan-spse').workflow.tiers;
    expect(spse).toEqual([
      expect.objectContaining({ code: 'lpse', role: 'admin-sistem', timeLimit: { amount: 5, unit: 'working_days' } }),
      expect.objectContaining({ code: 'helpdesk-lkpp', agency: 'lkpp' }),
    ]);
    expect(spse[1]!.timeLimit).toBeUndefined();
    // Only the step after the LPSE's work hands over to LKPP.
    for (const code of ['agregasi-data-penyedia', 'pendampingan-spse'] as const) {
      const escalations = service(code).workflow.steps.flatMap((st) => st.actions.filter((a) => a.escalates).map((a) => [st.role, a.escalates]));
      expect(escalations, code).toHaveLength(1);
    }
  });

  it('takes complaints in writing within 30 days, with the four contents of Pasal 8, answered in 3 working days (not the annex’s 6)', () => {
    const c = bjm.agency.complaints;
    expect(c.fileWithin).toEqual({ amount: 30, unit: 'calendar_days' });
    expect(c.requiredContents).toEqual([
      'nama dan alamat lengkap pengadu',
      'uraian pelayanan yang tidak sesuai dengan Standar Pelayanan dan uraian kerugian materiil dan immateriil yang diderita',
      'permintaan penyelesaian yang diajukan',
      'tempat, waktu penyampaian, dan tanda tangan pengadu',
    ]);
    expect(c.responseLimit).toEqual({ amount: 3, unit: 'working_days' });
    expect(c.resolutionLimit).toBeUndefined();
    expect(c.classes).toEqual([]);
    expect(c.channels.map((ch) => [ch.code, ch.kind])).toEqual([['verifikator-lpse', 'walk_in']]);
    expect(c.text).toContain('paling lambat 3 (tiga) hari kerja');
    for (const s of bjm.services) {
      // No service may override the rule with the annex's 6 days…
      expect(s.complaints, s.code).toEqual({ channels: ['verifikator-lpse'] });
      // …while its published text still says 6.
      expect(s.components.delivery.complaintHandling, s.code).toContain('paling lambat 6 hari kerja');
    }
  });

  it('has a maklumat for the Kepala Bagian to sign with the three statements of Pasal 7, marked as Sigap’s default', () => {
    const m = bjm.agency.maklumat;
    expect(m.origin).toBe('default');
    expect(m.signatory.position).toBe('Kepala Bagian Layanan Pengadaan Sekretariat Daerah Kota Banjarmasin');
    expect(m.text).toContain('sanggup menyelenggarakan pelayanan sesuai Standar Pelayanan');
    expect(m.text).toContain('perbaikan secara terus-menerus');
    expect(m.text).toContain('menerima sanksi dan/atau memberikan kompensasi');
    // The regulation's own words on the maklumat are kept verbatim.
    const pasal7 = bjm.agency.policies.find((p) => p.code === 'maklumat-pelayanan')!;
    expect(pasal7.text).toContain('ditandatangani oleh kepala Bagian');
    expect(pasal7.text).toContain('pernyataan kesediaan untuk menerima sanksi, dan / atau memberikan kompensasi');
    expect(bjm.agency.policies.map((p) => p.code)).toEqual(['diskresi', 'maklumat-pelayanan', 'ketentuan-peralihan']);
    expect(bjm.agency.compensation).toBeUndefined();
  });

  it('keeps each service’s checklist', () => {
    const checklist = Object.fromEntries(
      bjm.services.map((s) => [s.code, s.requirements.map((r) => `${r.code}:${r.kind}${r.required ? '' : '?'}`)]),
    );
    const company = ['ktp-direktur:original', 'npwp:original', 'izin-usaha:original', 'akta-pendirian:original', 'akta-perubahan:original'];
    const letter = ['surat-permohonan:document', 'surat-kuasa:document?'];
    expect(checklist).toEqual({
      'aktivasi-user-id': ['formulir-pendaftaran:document', 'formulir-keikutsertaan:document', ...company, 'map:document', 'surat-kuasa:document?'],
      // The only one without SIUP/SIUJK.
      'perubahan-email': [...letter, ...company.filter((c) => !c.startsWith('izin-usaha')), 'map:document'],
      'perubahan-status-perusahaan': [...letter, ...company, 'map:document'],
      'perubahan-npwp': [...letter, ...company, 'map:document'],
      'nonaktif-user-id': [...letter, ...company, 'map:document'],
      'agregasi-data-penyedia': [...letter, ...company, 'map:document'],
      'pendampingan-spse': ['surat-permohonan:document', 'laporan-permasalahan:document'],
    });
    expect(service('perubahan-npwp').requirements.find((r) => r.code === 'map')!.label).toContain('diberi sampul');
    // "SIUP/SIUK" (service 1) and "SIUP/SIUKJ" (service 4) are read as SIUJK, like the others.
    for (const s of bjm.services) {
      const izin = s.requirements.find((r) => r.code === 'izin-usaha');
      if (izin) expect(izin.label, s.code).toMatch(/^SIUP\/SIUJK\//);
      expect(s.components.delivery.requirements, s.code).not.toMatch(/SIUK\b|SIUKJ/);
    }
  });

  it('has the help desk check the file, return an incomplete one with the clock stopped, and hand a complete one on', () => {
    for (const s of bjm.services) {
      const steps = s.workflow.steps;
      const check = steps[0]!;
      expect(check, s.code).toMatchObject({ code: 'pemeriksaan-berkas', role: 'helpdesk' });
      const complete = check.actions.find((a) => a.code === 'lengkap')!;
      const incomplete = check.actions.find((a) => a.code === 'tidak-lengkap')!;
      expect(incomplete.pausesClock, s.code).toBe(true);
      const waiting = steps.find((st) => st.code === incomplete.to)!;
      expect(waiting.role).toBe('requester');
      expect(waiting.actions.map((a) => a.to)).toEqual(['pemeriksaan-berkas']);
      const next = steps.find((st) => st.code === complete.to)!;
      expect(next.role, s.code).toBe(s.code === 'pendampingan-spse' ? 'admin-sistem' : 'verifikator');
      // Only the requester's wait stops the clock.
      const pausing = steps.flatMap((st) => st.actions.filter((a) => a.pausesClock).map((a) => a.code));
      expect(pausing, s.code).toEqual(['tidak-lengkap']);
    }
  });

  it('puts the effect on the vendor account on the action that completes the service, and nowhere else', () => {
    const effects = Object.fromEntries(
      bjm.services.map((s) => [
        s.code,
        s.workflow.steps.flatMap((st) => st.actions.filter((a) => a.effects.length > 0).map((a) => ({ role: st.role, action: a.code, effects: a.effects }))),
      ]),
    );
    expect(effects).toEqual({
      'aktivasi-user-id': [{ role: 'verifikator', action: 'aktifkan', effects: ['vendor.activate'] }],
      'perubahan-email': [{ role: 'verifikator', action: 'ubah-email', effects: ['vendor.changeEmail'] }],
      'perubahan-status-perusahaan': [{ role: 'verifikator', action: 'ubah-status', effects: ['vendor.changeLegalForm'] }],
      'perubahan-npwp': [{ role: 'verifikator', action: 'ubah-npwp', effects: ['vendor.changeNpwp'] }],
      'nonaktif-user-id': [{ role: 'verifikator', action: 'nonaktifkan', effects: ['vendor.deactivate'] }],
      'agregasi-data-penyedia': [{ role: 'verifikator', action: 'ajukan-lkpp', effects: ['vendor.requestAggregation'] }],
      'pendampingan-spse': [],
    });
    // Services 1-5 end with the verifikator's action; ADP's leads to LKPP, not to the end.
    for (const s of bjm.services.slice(0, 5)) {
      const action = s.workflow.steps.flatMap((st) => st.actions).find((a) => a.effects.length > 0)!;
      expect(s.workflow.steps.find((st) => st.code === action.to)!.final, s.code).toBe(true);
    }
    const adp = service('agregasi-data-penyedia').workflow.steps.flatMap((st) => st.actions).find((a) => a.effects.length > 0)!;
    expect(adp.escalates).toBe('lkpp');
  });

  it('keeps the distinctive texts of the annex', () => {
    expect(service('aktivasi-user-id').components.delivery.procedure).toContain('11. Verifikator akan mengaktifkan User ID');
    expect(service('agregasi-data-penyedia').components.delivery.timeLimit).toBe(
      '30 menit di LPSE Kota Banjarmasin (Proses di LKPP disesuaikan dengan kondisi di LKPP)',
    );
    expect(service('pendampingan-spse').components.management.serviceGuarantee).toBe('Teratasi permasalahan/kendala teknis aplikasi SPSE.');
    expect(service('nonaktif-user-id').components.delivery.procedure).toContain('penonaktifan user id');
    for (const s of bjm.services) {
      for (const part of [s.components.delivery, s.components.management]) {
        for (const text of Object.values(part)) {
          if (!isNotStated(text)) expect(text, s.code).not.toMatch(/ \.$|penonaktifkan/m);
        }
      }
    }
  });

  it('has only time limits the calendar can count', () => {
    const all = [bjm.agency, ...bjm.services].flatMap((doc) => collectLimits(doc));
    expect(all.length).toBeGreaterThanOrEqual(11);
    const rejected = all
      .map(({ path, limit }) => {
        const [min, max] = Array.isArray(limit.amount) ? limit.amount : [undefined, limit.amount];
        return { path, why: validateLimit({ unit: limit.unit, max, min }) };
      })
      .filter((r) => r.why !== undefined);
    expect(rejected).toEqual([]);
  });
});
