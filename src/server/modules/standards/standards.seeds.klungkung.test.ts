import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentNames, type ServiceStandard, type TimeLimit } from '../../../shared/standard/schema.js';
import { computeDue, createCalendar } from '../calendar/calendar.js';
import { shippedNationalYears } from '../calendar/holidays.js';
import { validateLimit } from '../calendar/limit.js';
import { formatInstant, parseDateTime } from '../calendar/time-zone.js';
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

describe('klungkung-kab (seed 003)', () => {
  let klungkung: LoadedAgency;
  const service = (code: string): ServiceStandard => {
    const found = klungkung.services.find((s) => s.code === code);
    if (!found) throw new Error(`no service ${code}`);
    return found;
  };

  beforeAll(async () => {
    const result = await loadStandards(`${standardsDir}/klungkung-kab`);
    expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
    klungkung = result.agencies[0]!;
  });

  it('loads as a kabupaten in WITA with all six services in the Lampiran order', () => {
    expect(klungkung.agency).toMatchObject({ code: 'klungkung-kab', level: 'kabupaten', timeZone: 'Asia/Makassar' });
    expect(klungkung.services.map((s) => s.code)).toEqual([
      'verifikasi-akun-penyedia',
      'helpdesk-lpse',
      'ruang-lpse',
      'pemilihan-penyedia',
      'konsultasi-tatap-muka',
      'bimtek-konsultasi-hukum',
    ]);
  });

  it('states no decree number or date, since the seed prints none, and keeps the date Sigap applies it from', () => {
    expect(klungkung.agency.decree.number).toBeUndefined();
    expect(klungkung.agency.decree.date).toBeUndefined();
    expect(klungkung.agency.decree.instrument).toBeUndefined();
    expect(klungkung.agency.decree.effectiveFrom).toBe('2022-01-01');
  });

  it('states every one of the 14 components of every service as text, with evaluation every semester', () => {
    for (const s of klungkung.services) {
      for (const part of ['delivery', 'management'] as const) {
        for (const key of Object.keys(componentNames[part])) {
          const text = (s.components[part] as Record<string, unknown>)[key];
          expect(typeof text, `${s.code} ${part}.${key}`).toBe('string');
        }
      }
      expect(s.components.management.performanceEvaluation, s.code).toMatch(/setiap semester/);
    }
  });

  it('keeps the time limit of each service', () => {
    const limits = Object.fromEntries(
      klungkung.services.map((s) => [s.code, Object.fromEntries(s.channels.map((c) => [c.code, c.timeLimit ?? null]))]),
    );
    expect(limits).toEqual({
      'verifikasi-akun-penyedia': { 'walk-in': { amount: 30, unit: 'minutes' } },
      // "2 (dua) hari": a bare "hari", read as calendar days.
      'helpdesk-lpse': { helpdesk: { amount: 2, unit: 'calendar_days' } },
      'ruang-lpse': { 'walk-in': { amount: 30, unit: 'minutes' } },
      // The whole time depends on the method: it lives in the timeline, not on the channel.
      'pemilihan-penyedia': { 'walk-in': null },
      'konsultasi-tatap-muka': { 'walk-in': { amount: 1, unit: 'hours' } },
      'bimtek-konsultasi-hukum': {
        'e-surat': { amount: 5, unit: 'working_days' },
        letter: { amount: 5, unit: 'working_days' },
      },
    });
    expect(service('pemilihan-penyedia').channels[0]!.responseLimit).toEqual({ amount: 1, unit: 'working_days' });
  });

  it('escalates helpdesk problems to LKPP, 2 days at the LPSE and 7 when followed up at LKPP', () => {
    const { tiers, steps } = service('helpdesk-lpse').workflow;
    expect(tiers).toEqual([
      expect.objectContaining({ code: 'lpse', role: 'helpdesk', timeLimit: { amount: 2, unit: 'calendar_days' } }),
      expect.objectContaining({ code: 'lkpp', agency: 'lkpp', timeLimit: { amount: 7, unit: 'calendar_days' } }),
    ]);
    const first = steps[0]!;
    expect(first.tier).toBe('lpse');
    const up = first.actions.find((a) => a.escalates === 'lkpp');
    expect(up).toBeDefined();
    expect(steps.find((s) => s.code === up!.to)?.tier).toBe('lkpp');
    // Either tier can close the problem.
    for (const tierStep of steps.filter((s) => s.tier)) {
      expect(tierStep.actions.some((a) => steps.find((s) => s.code === a.to)?.final)).toBe(true);
    }
  });

  it('runs vendor selection 1 + 1 working days, then tender 30 / seleksi 50 / tender cepat 10 calendar days', () => {
    const selection = service('pemilihan-penyedia');
    const timeline = selection.timeline!;
    expect(timeline.variants.map((v) => v.code)).toEqual(['tender', 'seleksi', 'tender-cepat']);
    const perVariant = Object.fromEntries(
      timeline.variants.map((v) => [
        v.code,
        timeline.stages.map((stage) => {
          const limit = stage.limit ?? stage.limitsByVariant![v.code]!;
          return `${String(limit.amount)} ${limit.unit}`;
        }),
      ]),
    );
    expect(perVariant).toEqual({
      tender: ['1 working_days', '1 working_days', '30 calendar_days'],
      seleksi: ['1 working_days', '1 working_days', '50 calendar_days'],
      'tender-cepat': ['1 working_days', '1 working_days', '10 calendar_days'],
    });
    // Every officer step belongs to exactly one stage, so each stage's clock has its steps.
    const staged = timeline.stages.flatMap((s) => s.steps);
    const officerSteps = selection.workflow.steps.filter((s) => !s.final && s.role !== 'requester').map((s) => s.code);
    expect([...staged].sort()).toEqual([...officerSteps].sort());
    // The selection starts after the DPP review and ends by delivering the result.
    const effects = selection.workflow.steps.flatMap((s) => s.actions.flatMap((a) => a.effects));
    expect(effects).toEqual(expect.arrayContaining(['procurement.startSelection', 'procurement.deliverResult']));
    // Supporting costs are the OPD's, though the service itself is free.
    expect(selection.fee).toEqual({ amount: 0, note: expect.stringMatching(/Biaya Pendukung/) });
  });

  it('asks for technical guidance at least 5 working days before the activity, and nowhere else', () => {
    const bimtek = service('bimtek-konsultasi-hukum');
    expect(bimtek.leadTimeRules).toEqual([
      expect.objectContaining({ before: 'kegiatan', minimum: { amount: 5, unit: 'working_days' } }),
    ]);
    expect(klungkung.services.filter((s) => s.leadTimeRules.length > 0).map((s) => s.code)).toEqual(['bimtek-konsultasi-hukum']);
  });

  it('activates the vendor account on approval, and waits for missing files with the clock stopped', () => {
    const verification = service('verifikasi-akun-penyedia');
    const verify = verification.workflow.steps.find((s) => s.code === 'verifikasi')!;
    expect(verify.role).toBe('verifikator');
    const approve = verify.actions.find((a) => a.effects.includes('vendor.activate'));
    expect(verification.workflow.steps.find((s) => s.code === approve?.to)?.final).toBe(true);
    const missing = verify.actions.filter((a) => a.pausesClock);
    expect(missing).toHaveLength(1);
    expect(verification.workflow.steps.find((s) => s.code === missing[0]!.to)?.role).toBe('requester');
    // The 30 minutes start when the files reach the Verifikator, not at online registration.
    expect(verification.channels[0]).toMatchObject({ startStep: 'pendaftaran-online', clockStartsAt: 'verifikasi' });
    // Originals of items 1-6 are shown at the desk; the power of attorney is conditional.
    expect(verification.requirements.filter((r) => r.kind === 'original')).toHaveLength(6);
    expect(verification.requirements.filter((r) => !r.required).map((r) => r.code)).toEqual(['ktp-pendaftar', 'surat-kuasa']);
  });

  it('takes complaints by phone, e-mail, suggestion box, letter, in person, SP4N-LAPOR and Klungkung Mesadu', () => {
    const channels = klungkung.agency.complaints.channels;
    expect(channels.map((c) => c.kind).sort()).toEqual(
      ['email', 'email', 'letter', 'other', 'phone', 'sp4n_lapor', 'suggestion_box', 'walk_in'].sort(),
    );
    expect(channels.find((c) => c.kind === 'phone')?.value).toBe('(0366) 29359');
    expect(channels.find((c) => c.code === 'klungkung-mesadu')?.label).toBe('Klungkung Mesadu');
    const email = Object.fromEntries(
      klungkung.services.map((s) => [s.code, s.complaints?.channels?.filter((c) => c.startsWith('email'))]),
    );
    // Services 1-3 print the LPSE's address, 4-6 the Bagian's.
    expect(email).toEqual({
      'verifikasi-akun-penyedia': ['email-lpse'],
      'helpdesk-lpse': ['email-lpse'],
      'ruang-lpse': ['email-lpse'],
      'pemilihan-penyedia': ['email-pbj'],
      'konsultasi-tatap-muka': ['email-pbj'],
      'bimtek-konsultasi-hukum': ['email-pbj'],
    });
    for (const s of klungkung.services) {
      expect(s.complaints?.channels, s.code).toEqual(expect.arrayContaining(['sp4n-lapor', 'klungkung-mesadu', 'kotak-saran', 'telepon']));
    }
    // The seed states no complaint limits and no compensation for late service.
    expect(klungkung.agency.complaints.responseLimit).toBeUndefined();
    expect(klungkung.agency.complaints.resolutionLimit).toBeUndefined();
    expect(klungkung.agency.compensation).toBeUndefined();
  });

  it('is free everywhere and marks its default maklumat as such', () => {
    expect(klungkung.services.map((s) => s.fee.amount)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(klungkung.agency.maklumat.origin).toBe('default');
  });

  it('counts its limits on its own calendar, closed for Nyepi and the cuti bersama around it', () => {
    const tz = klungkung.agency.timeZone;
    const calendar = createCalendar({
      timeZone: tz,
      weeklyHours: klungkung.agency.serviceHours,
      nonWorkingDates: shippedNationalYears.flatMap((y) => y.dates.map((d) => ({ date: d.date, name: d.name }))),
    });
    const due = (from: string, limit: TimeLimit) => {
      const start = parseDateTime(tz, from)!;
      const [min, max] = Array.isArray(limit.amount) ? limit.amount : [undefined, limit.amount];
      return formatInstant(tz, computeDue(calendar, { start, limit: { unit: limit.unit, max, min } }).due);
    };
    // Bimtek letter received Mon 16 March 2026 (the day of receipt does not count): 17
    // counts; 18 cuti bersama, 19 Nyepi, 20 cuti bersama, the weekend, 23 and 24 cuti
    // bersama are closed; 25, 26, 27 and Mon 30 count, to its closing at 16:00.
    const bimtek = service('bimtek-konsultasi-hukum').channels[0]!.timeLimit!;
    expect(due('2026-03-16T09:00', bimtek)).toBe('2026-03-30T16:00:00+08:00');
    // Outside the holidays: from Mon 2 March to Mon 9 March; from Fri 27 February to Fri
    // 6 March, whose default hours close at 16:30.
    expect(due('2026-03-02T09:00', bimtek)).toBe('2026-03-09T16:00:00+08:00');
    expect(due('2026-02-27T09:00', bimtek)).toBe('2026-03-06T16:30:00+08:00');
    // A vendor arriving on Nyepi's eve (cuti bersama) is verified within 30 minutes of the
    // next opening, Wed 25 March 07:30 WITA.
    const verification = service('verifikasi-akun-penyedia').channels[0]!.timeLimit!;
    expect(due('2026-03-18T10:00', verification)).toBe('2026-03-25T08:00:00+08:00');
  });

  it('has only time limits the calendar can count', () => {
    const all = [klungkung.agency, ...klungkung.services].flatMap((doc) => collectLimits(doc));
    expect(all.length).toBeGreaterThanOrEqual(14);
    const rejected = all
      .map(({ path, limit }) => {
        const [min, max] = Array.isArray(limit.amount) ? limit.amount : [undefined, limit.amount];
        return { path, why: validateLimit({ unit: limit.unit, max, min }) };
      })
      .filter((r) => r.why !== undefined);
    expect(rejected).toEqual([]);
  });
});
