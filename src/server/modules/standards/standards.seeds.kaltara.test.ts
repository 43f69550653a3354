import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentNames, isNotStated, limitAmount } from '../../../shared/standard/schema.js';
import { validateLimit } from '../calendar/limit.js';
import { formatProblem, loadStandards, type LoadedAgency } from './standards.loader.js';

const standardsDir = fileURLToPath(new URL('../../../../standards', import.meta.url));

describe('kaltara-prov (seed 002)', () => {
  let kaltara: LoadedAgency;

  beforeAll(async () => {
    const result = await loadStandards(`${standardsDir}/kaltara-prov`);
    expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
    kaltara = result.agencies[0]!;
  });

  const service = () => kaltara.services[0]!;

  it('loads the one vendor-selection service of SK 188/139/K.Setda/2021, in WITA', () => {
    expect(kaltara.agency.decree.number).toBe('188/139/K.Setda/2021');
    // The sheet prints no date: none is invented; Sigap applies the only version from 2021.
    expect(kaltara.agency.decree.date).toBeUndefined();
    expect(kaltara.agency.decree.effectiveFrom).toBe('2021-01-01');
    expect(kaltara.agency.timeZone).toBe('Asia/Makassar');
    expect(kaltara.services.map((s) => s.code)).toEqual(['pemilihan-penyedia']);
    expect(service().requesterTypes).toEqual(['government']);
  });

  it('has the four complaint classes with their limits', () => {
    expect(kaltara.agency.complaints.classes.map((c) => [c.code, c.limit])).toEqual([
      ['ringan', { amount: 3, unit: 'hours' }],
      ['normatif', { amount: 5, unit: 'working_days' }],
      ['tidak-berkadar-pengawasan', { amount: 14, unit: 'working_days' }],
      ['berkadar-pengawasan', { amount: 60, unit: 'working_days' }],
    ]);
    expect(kaltara.agency.complaints.classes[3]!.name).toBe('Pengaduan berkadar pengawasan dan memerlukan pemeriksaan');
  });

  it('takes complaints face to face, in the box, by the contact centre and by e-mail', () => {
    expect(kaltara.agency.complaints.channels.map((c) => [c.kind, c.value ?? null])).toEqual([
      ['walk_in', expect.stringContaining('Tanjung Selor')],
      ['suggestion_box', null],
      ['phone', '08115919998'],
      ['email', 'helpdesk.lpsekaltara@gmail.com'],
    ]);
  });

  it('checks the six requirements, each a document except access to SPSE', () => {
    expect(service().requirements.map((r) => [r.label, r.kind, r.required])).toEqual([
      ['Aplikasi SPSE', 'statement', true],
      ['Rencana Umum Pengadaan', 'document', true],
      ['RKA/DPA/DPPA', 'document', true],
      ['KAK/Spesifikasi Teknis', 'document', true],
      ['HPS', 'document', true],
      ['Rancangan Kontrak', 'document', true],
    ]);
  });

  it('runs the six steps of the procedure in order, with Pokmil and Pengguna as actors', () => {
    const { steps } = service().workflow;
    // Follow the first action of each step from the entry: the main path of the procedure.
    const path: [string, string | undefined][] = [];
    let step = steps[0];
    while (step && !step.final) {
      path.push([step.code, step.role]);
      step = steps.find((s) => s.code === step!.actions[0]!.to);
    }
    expect(path).toEqual([
      ['umumkan-rup', 'requester'],
      ['isi-formulir', 'requester'],
      ['reviu', 'pokmil'],
      ['ba-reviu', 'pokmil'],
      ['pemilihan', 'pokmil'],
      ['terima-hasil', 'requester'],
    ]);
    expect(step?.outcome).toBe('completed');
    const effects = steps.flatMap((s) => s.actions.flatMap((a) => a.effects));
    expect(effects).toEqual(['procurement.startSelection', 'procurement.deliverResult']);
    // Sending the documents back waits for the Pengguna with the clock stopped.
    const back = steps.find((s) => s.code === 'reviu')!.actions.find((a) => a.code === 'perbaiki')!;
    expect(back).toMatchObject({ to: 'perbaikan', pausesClock: true });
  });

  it('keeps "60 Menit" on the review, not on the selection', () => {
    const channel = service().channels[0]!;
    expect(channel).toMatchObject({ timeLimit: { amount: 60, unit: 'minutes' }, clockStartsAt: 'reviu' });
    expect(service().timeline!.stages).toEqual([
      expect.objectContaining({ limit: { amount: 60, unit: 'minutes' }, steps: ['reviu', 'ba-reviu'] }),
    ]);
  });

  it('delivers the four minutes and documents, free of charge', () => {
    expect(service().products.map((p) => p.name)).toEqual([
      'Berita Acara Review Dokumen Persiapan Pemilihan Penyedia',
      'Dokumen Pengadaan Barang dan Jasa',
      'Berita Acara Tahapan Pemilihan Penyedia',
      'Berita Acara Penyedia',
    ]);
    expect(service().fee.amount).toBe(0);
  });

  it('states the six delivery components and marks the eight management ones as not stated', () => {
    const { delivery, management } = service().components;
    for (const key of Object.keys(componentNames.delivery) as (keyof typeof delivery)[]) {
      expect(typeof delivery[key], key).toBe('string');
    }
    for (const key of Object.keys(componentNames.management) as (keyof typeof management)[]) {
      expect(isNotStated(management[key]), key).toBe(true);
    }
    expect(delivery.timeLimit).toBe('60 Menit');
  });

  it('uses the defaults where the seed is silent, and says so', () => {
    expect(kaltara.agency.maklumat.origin).toBe('default');
    // No compensation is promised by the seed, so the default charter promises none.
    expect(kaltara.agency.maklumat.text).not.toMatch(/kompensasi/);
    expect(kaltara.agency.compensation).toBeUndefined();
    expect(kaltara.agency.serviceHours.mon).toEqual(['07:30-12:00', '13:00-16:00']);
    expect(kaltara.agency.serviceHours.sat).toEqual([]);
  });

  it('has only limits the calendar can count', () => {
    const limits = [
      ...kaltara.agency.complaints.classes.map((c) => c.limit),
      ...service().channels.map((c) => c.timeLimit!),
      ...service().timeline!.stages.map((s) => s.limit!),
    ];
    expect(limits.map((l) => validateLimit({ unit: l.unit, max: limitAmount(l) }))).toEqual(limits.map(() => undefined));
  });
});
