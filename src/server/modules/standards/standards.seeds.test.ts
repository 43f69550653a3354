import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentNames, limitAmount, type TimeLimit } from '../../../shared/standard/schema.js';
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

describe('kalsel-prov (seed 000)', () => {
  let kalsel: LoadedAgency;

  beforeAll(async () => {
    const result = await loadStandards(`${standardsDir}/kalsel-prov`);
    expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
    kalsel = result.agencies[0]!;
  });

  it('loads with its decree and all five services in the Lampiran order', () => {
    expect(kalsel.agency.decree).toMatchObject({ number: '000/8.2.3/176/BPBJ/2025', date: '2025-01-10' });
    expect(kalsel.agency.timeZone).toBe('Asia/Makassar');
    expect(kalsel.services.map((s) => s.code)).toEqual([
      'konsultasi-katalog',
      'dukungan-spse',
      'konsultasi-pengadaan',
      'advokasi-kontrak',
      'audiensi-kunjungan',
    ]);
  });

  it('states every one of the 14 components of every service, as text', () => {
    for (const service of kalsel.services) {
      for (const part of ['delivery', 'management'] as const) {
        for (const key of Object.keys(componentNames[part])) {
          const text = (service.components[part] as Record<string, unknown>)[key];
          expect(typeof text, `${service.code} ${part}.${key}`).toBe('string');
        }
      }
    }
  });

  it('keeps the per-channel time limits of the seed', () => {
    const limits = Object.fromEntries(
      kalsel.services.map((s) => [s.code, Object.fromEntries(s.channels.map((c) => [c.code, c.timeLimit ?? c.responseLimit]))]),
    );
    expect(limits['konsultasi-katalog']).toEqual({
      'walk-in': { amount: [30, 60], unit: 'minutes' },
      website: { amount: 3, unit: 'working_days' },
      'call-centre': { amount: [30, 60], unit: 'minutes' },
      letter: { amount: 5, unit: 'working_days' },
      chat: { amount: [60, 120], unit: 'minutes' },
      email: { amount: [60, 120], unit: 'minutes' },
    });
    expect(limits['dukungan-spse']).toEqual({
      'lpse-support': { amount: 3, unit: 'working_days' },
      'walk-in': { amount: [60, 120], unit: 'minutes' },
      'call-centre': { amount: [10, 15], unit: 'minutes' },
    });
    expect(limits['konsultasi-pengadaan']!.letter).toEqual({ amount: 10, unit: 'working_days' });
    expect(limits['audiensi-kunjungan']!.letter).toEqual({ amount: 4, unit: 'working_days' });
    const support = kalsel.services[1]!.channels.find((c) => c.code === 'lpse-support')!;
    expect(support.timeLimit).toBeUndefined();
  });

  it('escalates SPSE problems LPSE → Helpdesk Eproc LKPP → Helpdesk Teknis LKPP → Tim Teknis', () => {
    const { tiers, steps } = kalsel.services[1]!.workflow;
    expect(tiers.map((t) => t.name)).toEqual([
      'Admin PPE/Helpdesk/Verifikator/Admin Agency LPSE',
      'Helpdesk Eproc LKPP',
      'Helpdesk Teknis LKPP',
      'Tim Teknis Direktorat Pengembangan SPSE LKPP',
    ]);
    const chain: string[] = [];
    let step = steps.find((s) => s.code === 'tiket-lpse');
    while (step) {
      chain.push(step.tier!);
      const up = step.actions.find((a) => a.escalates);
      step = up ? steps.find((s) => s.code === up.to) : undefined;
    }
    expect(chain).toEqual(tiers.map((t) => t.code));
    // Asking the user for data stops the clock at every tier.
    const feedback = steps.flatMap((s) => s.actions).filter((a) => a.code === 'minta-data');
    expect(feedback).toHaveLength(4);
    expect(feedback.every((a) => a.pausesClock)).toBe(true);
  });

  it('routes a letter Kepala Biro → Kepala Bagian → Kasubbag → Staf and back up', () => {
    const { steps } = kalsel.services[0]!.workflow;
    const roles: string[] = [];
    let step = steps.find((s) => s.code === 'surat-masuk');
    while (step && !step.final) {
      roles.push(step.role!);
      step = steps.find((s) => s.code === step!.actions[0]!.to);
    }
    expect(roles).toEqual(['kepala-biro', 'kabag-plpse', 'kasubbag', 'staf', 'kasubbag', 'kabag-plpse', 'kepala-biro', 'kasubbag-tu']);
    expect(kalsel.services[0]!.channels.find((c) => c.code === 'letter')!.clockStartsAt).toBe('bahan-staf');
  });

  it('asks audiences at least 3 days ahead and splits their 4 working days 1 + 2 + 1', () => {
    const audience = kalsel.services[4]!;
    expect(audience.leadTimeRules).toEqual([
      expect.objectContaining({ before: 'kunjungan', minimum: { amount: 3, unit: 'calendar_days' } }),
    ]);
    const stages = audience.timeline!.stages.map((s) => limitAmount(s.limit!));
    expect(stages).toEqual([1, 2, 1]);
  });

  it('compensates late service with priority for the next one', () => {
    expect(kalsel.agency.compensation?.kind).toBe('priority_next_service');
  });

  it('has only time limits the calendar can count', () => {
    const all = [kalsel.agency, ...kalsel.services].flatMap((doc) => collectLimits(doc));
    expect(all.length).toBeGreaterThan(20);
    const rejected = all
      .map(({ path, limit }) => {
        const [min, max] = Array.isArray(limit.amount) ? limit.amount : [undefined, limit.amount];
        return { path, why: validateLimit({ unit: limit.unit, max, min }) };
      })
      .filter((r) => r.why !== undefined);
    expect(rejected).toEqual([]);
  });
});
