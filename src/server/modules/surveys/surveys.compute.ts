import {
  ageBands,
  educations,
  gradeLabels,
  occupations,
  sexes,
  skmElementCodes,
  weightLabels,
  type ElementResult,
  type ProfileCount,
  type RespondentProfile,
  type SkmAnswers,
  type SkmGrade,
  type SkmResult,
  type PeriodKind,
  type WeightMode,
} from '../../../shared/contracts/surveys.js';
import type { Language, Localized } from '../../../shared/i18n/languages.js';
import { localDateOf, localToInstant } from '../calendar/time-zone.js';

/**
 * The arithmetic of PermenPANRB 14/2017, pure. Every published number is rounded from the
 * exact fraction with integers (IKM = 2500·S / 9n hundredths), never from a binary float: a float
 * like 88.305 is stored as 88.30499…, and rounding it naively would cost an agency its grade.
 */

/** Half-up rounding of num/den (both ≥ 0, den > 0) to a whole number, exactly. */
function roundRatio(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/**
 * Rounds a decimal the way a person does on paper: 88.305 → 88.31. The value is first brought
 * back to the 12 significant digits it was written with, which removes the binary float error.
 */
export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  const scaled = Number((value * factor).toPrecision(12));
  return Math.sign(scaled) * Math.floor(Math.abs(scaled) + 0.5) / factor;
}

export function roundIkm(value: number): number {
  return roundTo(value, 2);
}

/** Grades a rounded IKM (0–100): ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D (the official ranges have gaps). */
export function gradeIkm(rounded: number): SkmGrade {
  const hundredths = Math.round(rounded * 100);
  if (hundredths >= 8831) return 'A';
  if (hundredths >= 7661) return 'B';
  if (hundredths >= 6500) return 'C';
  return 'D';
}

/** Grade of an unrounded IKM: round to 2 decimals first, then grade. */
export function gradeOfIkm(value: number): SkmGrade {
  return gradeIkm(roundIkm(value));
}

/**
 * Grades an element's NRR (1–4) on the regulation's bands: ≥ 3.5324 A, ≥ 3.0644 B, ≥ 2.60 C,
 * else D. The NRR is rounded to 4 decimals first, as the bands are written.
 */
export function gradeNrr(nrr: number): SkmGrade {
  const tenThousandths = Math.round(roundTo(nrr, 4) * 10_000);
  if (tenThousandths >= 35_324) return 'A';
  if (tenThousandths >= 30_644) return 'B';
  if (tenThousandths >= 26_000) return 'C';
  return 'D';
}

export const weightOf: Record<WeightMode, number> = { exact: 1 / 9, legacy: 0.111 };

/**
 * Krejcie–Morgan minimum sample for a population of N service users:
 * s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² = 3.841, P = 0.5, d = 0.05, rounded to the
 * nearest whole respondent as their published table is (N = 50 → 44, 800 → 260, ∞ → 384).
 */
export function minimumSample(population: number): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  if (population === 0) return 0;
  const chi2 = 3.841;
  const pq = 0.25;
  const d2 = 0.0025;
  const s = (chi2 * population * pq) / (d2 * (population - 1) + chi2 * pq);
  return Math.min(population, Math.round(s));
}

export interface ProfileCounts {
  sex: Partial<Record<string, number>>;
  ageBand: Partial<Record<string, number>>;
  education: Partial<Record<string, number>>;
  occupation: Partial<Record<string, number>>;
}

/** Aggregates: what SQL can sum, and what the formula needs. */
export interface SkmTotals {
  respondents: number;
  /** Sum of the answers per element, U1..U9. */
  totals: readonly number[];
  /** Counts per profile value; the key `null` (as the string "null") counts those who left it blank. */
  profile?: ProfileCounts;
}

export interface ComputeOptions {
  weights?: WeightMode;
  /** Service users in the period (N), for the minimum sample. */
  population?: number | null;
}

export const notStated = 'not_stated';

function breakdown(keys: readonly string[], counts: Partial<Record<string, number>> | undefined, respondents: number): ProfileCount[] {
  const rows = keys.map((key) => ({ key, count: counts?.[key] ?? 0 }));
  const stated = rows.reduce((sum, r) => sum + r.count, 0);
  // Whatever was not one of the known values counts as not stated, so the percentages add up.
  rows.push({ key: notStated, count: Math.max(0, respondents - stated) });
  return rows.map((r) => ({ ...r, percent: respondents === 0 ? 0 : roundRatio(r.count * 10_000, respondents) / 100 }));
}

/** NRR, IKM, grades, sample and profile from the aggregates of a set of responses. */
export function computeFromTotals(input: SkmTotals, options: ComputeOptions = {}): SkmResult {
  const mode = options.weights ?? 'exact';
  const n = input.respondents;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`respondents must be a whole number ≥ 0, got ${n}`);
  if (input.totals.length !== skmElementCodes.length) throw new RangeError(`expected ${skmElementCodes.length} totals, got ${input.totals.length}`);
  for (const total of input.totals) {
    if (!Number.isInteger(total) || total < n || total > 4 * n) throw new RangeError(`an element total must lie between ${n} and ${4 * n}, got ${total}`);
  }
  const weight = weightOf[mode];

  const elements: ElementResult[] = skmElementCodes.map((code, i) => {
    const total = input.totals[i] ?? 0;
    if (n === 0) return { code, total, nrr: null, weightedNrr: null, index: null, grade: null };
    const nrr = roundRatio(total * 10_000, n) / 10_000;
    const weightedNrr = mode === 'exact' ? roundRatio(total * 10_000, 9 * n) / 10_000 : roundRatio(total * 1_110, n) / 10_000;
    const index = roundRatio(total * 2_500, n) / 100;
    return { code, total, nrr, weightedNrr, index, grade: gradeNrr(nrr) };
  });

  const sum = input.totals.reduce((a, b) => a + b, 0);
  let raw: number | null = null;
  let value: number | null = null;
  if (n > 0) {
    // exact: 25 × Σ(Ti/n × 1/9) = 2500·S / 9n hundredths; legacy: 25 × 0.111 × S/n = 2775·S / 10n.
    const [num, den] = mode === 'exact' ? [2_500 * sum, 9 * n] : [2_775 * sum, 10 * n];
    raw = num / den / 100;
    value = roundRatio(num, den) / 100;
  }
  const grade = value === null ? null : gradeIkm(value);

  const population = options.population ?? null;
  const minimum = population === null ? null : minimumSample(population);

  return {
    respondents: n,
    weights: { mode, weight, label: weightLabels[mode] },
    elements,
    ikm: { raw, value, grade, label: grade === null ? null : gradeLabels[grade] },
    sample: { population, minimum, reached: minimum === null ? null : n >= minimum },
    profile: {
      sex: breakdown(sexes, input.profile?.sex, n),
      ageBand: breakdown(ageBands, input.profile?.ageBand, n),
      education: breakdown(educations, input.profile?.education, n),
      occupation: breakdown(occupations, input.profile?.occupation, n),
    },
  };
}

export interface SkmResponse {
  answers: SkmAnswers;
  profile?: Partial<RespondentProfile>;
}

/** Sums responses into the aggregates computeFromTotals needs. */
export function totalsOf(responses: readonly SkmResponse[]): SkmTotals {
  const totals = skmElementCodes.map(() => 0);
  const profile: ProfileCounts = { sex: {}, ageBand: {}, education: {}, occupation: {} };
  for (const response of responses) {
    skmElementCodes.forEach((code, i) => {
      totals[i] = (totals[i] ?? 0) + response.answers[code];
    });
    for (const field of ['sex', 'ageBand', 'education', 'occupation'] as const) {
      const value = response.profile?.[field];
      if (value) profile[field][value] = (profile[field][value] ?? 0) + 1;
    }
  }
  return { respondents: responses.length, totals, profile };
}

export function computeSkm(responses: readonly SkmResponse[], options: ComputeOptions = {}): SkmResult {
  return computeFromTotals(totalsOf(responses), options);
}

// ---- reporting periods -----------------------------------------------------------------------

export interface Period {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4, semester 1–2; 1 for a year. */
  index: number;
}

const monthsPer: Record<PeriodKind, number> = { month: 1, quarter: 3, semester: 6, year: 12 };
const periodsPerYear: Record<PeriodKind, number> = { month: 12, quarter: 4, semester: 2, year: 1 };

export function isValidPeriod(period: Period): boolean {
  return Number.isInteger(period.index) && period.index >= 1 && period.index <= periodsPerYear[period.kind];
}

/**
 * The instants a period covers in the agency's time zone: from its first local midnight up to
 * (excluding) the first local midnight after it; `first` and `last` are its local dates.
 */
export function periodRange(period: Period, timeZone: string): { from: Date; to: Date; first: string; last: string } {
  if (!isValidPeriod(period)) throw new RangeError(`no ${period.kind} ${period.index} in a year`);
  const startMonth = (period.index - 1) * monthsPer[period.kind];
  const startLocal = Date.UTC(period.year, startMonth, 1);
  const endLocal = Date.UTC(period.year, startMonth + monthsPer[period.kind], 1);
  return {
    from: new Date(localToInstant(timeZone, startLocal)),
    to: new Date(localToInstant(timeZone, endLocal)),
    first: new Date(startLocal).toISOString().slice(0, 10),
    last: new Date(endLocal - 86_400_000).toISOString().slice(0, 10),
  };
}

/** The period just before one of the same kind (semester I 2026 → semester II 2025). */
export function previousPeriod(period: Period): Period {
  return period.index > 1 ? { ...period, index: period.index - 1 } : { ...period, year: period.year - 1, index: periodsPerYear[period.kind] };
}

/** The period of a kind that holds an instant, in the agency's time zone. */
export function periodContaining(kind: PeriodKind, instant: Date, timeZone: string): Period {
  const [year, month] = localDateOf(timeZone, instant.getTime()).split('-').map(Number) as [number, number];
  return { kind, year, index: Math.floor((month - 1) / monthsPer[kind]) + 1 };
}

const monthNames: Record<Language, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const roman = ['I', 'II', 'III', 'IV'];

/** "Semester I 2026", "Triwulan II 2026", "Maret 2026", "Tahun 2026" and their English. */
export function periodLabel(period: Period): Localized {
  const { year, index } = period;
  switch (period.kind) {
    case 'month':
      return { id: `${monthNames.id[index - 1]} ${year}`, en: `${monthNames.en[index - 1]} ${year}` };
    case 'quarter':
      return { id: `Triwulan ${roman[index - 1]} ${year}`, en: `Q${index} ${year}` };
    case 'semester':
      return { id: `Semester ${roman[index - 1]} ${year}`, en: `${index === 1 ? 'First' : 'Second'} half of ${year}` };
    case 'year':
      return { id: `Tahun ${year}`, en: `Year ${year}` };
  }
}
