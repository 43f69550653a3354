import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentNames, feeAmount, isNotStated } from '../../../shared/standard/schema.js';
import { formatProblem, loadStandards, type LoadedAgency } from './standards.loader.js';

const standardsDir = fileURLToPath(new URL('../../../../standards', import.meta.url));

describe('ntt-prov (seed 004)', () => {
  let ntt: LoadedAgency;

  beforeAll(async () => {
    const result = await loadStandards(`${standardsDir}/ntt-prov`);
    expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
    ntt = result.agencies[0]!;
  });

  it('loads the LPSE operational policy of 16 May 2023, signed by the Kepala Biro, in WITA', () => {
    expect(ntt.agency.decree).toMatchObject({
      number: 'PBJ.100.3.3.4/II/20/V/2023',
      date: '2023-05-16',
      effectiveFrom: '2023-05-16',
      place: 'Kupang',
      signatory: { name: 'SIPRIANUS K. KELEN, S.Sos, M.Si', nip: '196311191989031009' },
    });
    expect(ntt.agency.timeZone).toBe('Asia/Makassar');
  });

  it('has the ten LPSE roles in the order of Bab II angka 4, each with the office that holds it', () => {
    expect(ntt.agency.roles.map((r) => r.name)).toEqual([
      'Ketua',
      'Sekretaris',
      'Koordinator Helpdesk',
      'Helpdesk',
      'Verifikator',
      'Admin PPE',
      'Admin Sistem',
      'Admin Agency',
      'Trainer',
      'Administrasi Umum',
    ]);
    const holder = Object.fromEntries(ntt.agency.roles.map((r) => [r.code, r.description]));
    expect(holder.ketua).toContain('Kepala Bagian Pengelolaan LPSE');
    expect(holder.sekretaris).toContain('Kasubag Pembinaan SDM PBJ');
    expect(holder['koordinator-helpdesk']).toContain('Analis Kebijakan Ahli Muda');
    for (const code of ['helpdesk', 'verifikator', 'admin-ppe', 'admin-sistem', 'admin-agency', 'trainer', 'administrasi-umum']) {
      expect(holder[code], code).toContain('Fungsional Umum');
    }
  });

  it('gives each role the permissions its work needs, and only the head publishes', () => {
    const perms = Object.fromEntries(ntt.agency.roles.map((r) => [r.code, r.permissions]));
    expect(ntt.agency.roles.filter((r) => r.permissions.includes('standards.publish')).map((r) => r.code)).toEqual(['ketua']);
    expect(perms.helpdesk).toEqual(expect.arrayContaining(['requests.intake', 'requests.act']));
    expect(perms['koordinator-helpdesk']).toContain('requests.assign');
    expect(perms['admin-sistem']).toEqual(expect.arrayContaining(['users.manage', 'tokens.manage']));
    expect(perms.verifikator).not.toContain('users.manage');
  });

  it('keeps the published hours, with weekends closed for the clock', () => {
    const weekday = ['08:00-12:00', '13:00-16:00'];
    expect(ntt.agency.serviceHours).toEqual({
      mon: weekday,
      tue: weekday,
      wed: weekday,
      thu: weekday,
      fri: ['08:00-11:30', '13:00-16:00'],
      sat: [],
      sun: [],
    });
    // "By appointment" survives as the policy's own text.
    const hours = ntt.agency.policies.find((p) => p.code === 'jam-pelayanan')!;
    expect(hours.text).toContain('Sabtu – Minggu : Sesuai perjanjian dengan pengguna layanan.');
  });

  it('carries the information-security policy as text and as what Sigap enforces', () => {
    const policy = ntt.agency.securityPolicy!;
    expect(policy).toMatchObject({ passwordMinLength: 10, passwordAllClasses: true, totpRequired: true });
    expect(policy.text).toContain('1. Terdiri dari 10 karakter;');
    expect(policy.text).toContain('Terdiri dari huruf (besar dan kecil), angka dan karakter special (tanda baca);');
    expect(policy.text).toContain('nama anak, tanggal lahir, kota kelahiran');
    expect(policy.text).toContain('tidak diperkenankan kecuali dalam bentuk terenkripsi');
    expect(policy.text).toContain('Time-based One-Time Password (TOTP)');
    expect(policy.text).toContain('Melakukan backup terhadap semua informasi teknis yang bersifat kritis');
  });

  it('names the three LPSE services of its tasks, stating none of their delivery components', () => {
    expect(ntt.services.map((s) => s.code)).toEqual(['pengadaan-elektronik', 'fasilitasi-advokasi', 'informasi-konsultasi']);
    for (const service of ntt.services) {
      const { delivery, management } = service.components;
      for (const key of Object.keys(componentNames.delivery) as (keyof typeof delivery)[]) {
        expect(isNotStated(delivery[key]), `${service.code} ${key}`).toBe(true);
      }
      // What the policy does say about every LPSE service: its legal basis and its security.
      expect(management.legalBasis).toContain('Nomor 26/KEP/HK/2023');
      expect(management.securityGuarantee).toContain('TOTP');
      expect(isNotStated(management.staffCount)).toBe(true);
      // Nothing the policy lacks is given as the Biro's: no requirements, no limit ("Durasi
      // penyelesaian masalah" with no figure is not stated, and no other figure is borrowed),
      // and no fee: not stated, never "free".
      expect(service.requirements).toEqual([]);
      for (const channel of service.channels) {
        expect(channel.timeLimit, `${service.code} ${channel.code}`).toBeUndefined();
        expect(channel.responseLimit, `${service.code} ${channel.code}`).toBeUndefined();
        expect(channel.limitNotStated).toMatch(/"Durasi penyelesaian masalah" tanpa uraian/);
      }
      expect(service.fee).toEqual({ notStated: true, note: 'Biaya tidak disebut dalam Kebijakan Operasional LPSE.' });
      expect(feeAmount(service)).toBeNull();
    }
    expect(ntt.services[1]!.description).toContain('kepada POKJA, Pejabat Pengadaan (PP) dan Penyedia Barang/Jasa');
    // The policy lists tasks, not services: "Adapun Tugas LPSE Provinsi Nusa Tenggara Timur
    // adalah sebagai berikut: 1. Melaksanakan pengadaan secara elektronik; 2. Memfasilitasi dan
    // advokasi pelaksanaan pengadaan secara elektronik; 3. Menyediakan informasi dan konsultasi
    // berkaitan dengan pengadaan secara elektronik".
    expect(ntt.services.map((s) => s.derivedFrom)).toEqual([
      'Tugas LPSE angka 1: "Melaksanakan pengadaan secara elektronik"',
      'Tugas LPSE angka 2: "Memfasilitasi dan advokasi pelaksanaan pengadaan secara elektronik"',
      'Tugas LPSE angka 3: "Menyediakan informasi dan konsultasi berkaitan dengan pengadaan secara elektronik"',
    ]);
  });

  it('publishes no maklumat or compensation of its own', () => {
    expect(ntt.agency.maklumat.origin).toBe('default');
    expect(ntt.agency.maklumat.text).not.toMatch(/kompensasi/);
    expect(ntt.agency.compensation).toBeUndefined();
    expect(ntt.agency.complaints.classes).toEqual([]);
    expect(ntt.agency.complaints.resolutionLimit).toBeUndefined();
  });
});
