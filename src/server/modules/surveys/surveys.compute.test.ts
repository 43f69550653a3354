import { describe, expect, it } from 'vitest';
import type { SkmAnswers } from '../../../shared/contracts/surveys.js';
import {
  computeFromTotals,
  computeSkm,
  gradeIkm,
  gradeNrr,
  gradeOfIkm,
  minimumSample,
  periodContaining,
  periodLabel,
  periodRange,
  roundIkm,
  roundTo,
} from './surveys.compute.js';

const all = (score: number): SkmAnswers => ({ U1: score, U2: score, U3: score, U4: score, U5: score, U6: score, U7: score, U8: score, U9: score });

describe('IKM rounding and grading at each threshold', () => {
  it.each([
    [88.305, 88.31, 'A'],
    [88.304, 88.3, 'B'],
    [88.31, 88.31, 'A'],
    [88.3099, 88.31, 'A'],
    [76.605, 76.61, 'B'],
    [76.604, 76.6, 'C'],
    [76.61, 76.61, 'B'],
    [64.995, 65, 'C'],
    [64.994, 64.99, 'D'],
    [65, 65, 'C'],
    [100, 100, 'A'],
    [25, 25, 'D'],
  ])('%s rounds to %s and grades %s', (raw, rounded, grade) => {
    expect(roundIkm(raw)).toBe(rounded);
    expect(gradeOfIkm(raw)).toBe(grade);
  });

  it('grades a rounded value on the thresholds, also inside the gaps of the official ranges', () => {
    // The regulation's ranges are 88.31–100, 76.61–88.30, 65.00–76.60, 25.00–64.99.
    expect(gradeIkm(88.3)).toBe('B');
    expect(gradeIkm(76.6)).toBe('C');
    expect(gradeIkm(64.99)).toBe('D');
  });

  it('rounds half up where a binary float lies just below the half', () => {
    // 1.005 is 1.00499999999999989… as a double; on paper it rounds to 1.01.
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(3.53235, 4)).toBe(3.5324);
  });
});

describe('element grades on the NRR bands', () => {
  it.each([
    [4, 'A'],
    [3.5324, 'A'],
    [3.53235, 'A'],
    [3.5323, 'B'],
    [3.0644, 'B'],
    [3.0643, 'C'],
    [3.064, 'C'],
    [2.6, 'C'],
    [2.5999, 'D'],
    [2.5996, 'D'],
    [1, 'D'],
  ])('NRR %s grades %s', (nrr, grade) => {
    expect(gradeNrr(nrr)).toBe(grade);
  });
});

describe('IKM from responses', () => {
  it('gives 100 and A for a perfect score with the exact weights, 99.90 with the legacy 0.111', () => {
    const responses = [{ answers: all(4) }, { answers: all(4) }];
    const exact = computeSkm(responses);
    expect(exact.ikm).toMatchObject({ value: 100, grade: 'A' });
    expect(exact.weights.mode).toBe('exact');
    const legacy = computeSkm(responses, { weights: 'legacy' });
    expect(legacy.ikm.value).toBe(99.9);
    expect(legacy.weights).toMatchObject({ mode: 'legacy', weight: 0.111 });
    expect(legacy.weights.label.en).toMatch(/legacy/i);
    expect(legacy.weights.label.id).toMatch(/0,111/);
  });

  it('computes NRR, weighted NRR and element grades per element', () => {
    const result = computeSkm([
      { answers: { ...all(3), U1: 4, U4: 4 } },
      { answers: { ...all(3), U1: 4, U9: 2 } },
      { answers: { ...all(3), U1: 3, U9: 2 } },
    ]);
    const u1 = result.elements[0];
    expect(u1).toMatchObject({ code: 'U1', total: 11, nrr: 3.6667, index: 91.67, grade: 'A' });
    expect(u1?.weightedNrr).toBe(0.4074);
    expect(result.elements[3]).toMatchObject({ code: 'U4', total: 10, nrr: 3.3333, grade: 'B' });
    expect(result.elements[8]).toMatchObject({ code: 'U9', total: 7, nrr: 2.3333, grade: 'D' });
    // S = 11 + 9·6 + 10 + 7 = 82; IKM = 2500·82 / (9·3) hundredths = 75.925… → 75.93 → C.
    expect(result.ikm).toMatchObject({ value: 75.93, grade: 'C' });
    expect(result.ikm.label).toEqual({ id: 'Kurang Baik', en: 'Poor' });
  });

  it('rounds the IKM from the exact fraction: 88.305 exactly is A, one point less is B', () => {
    // S/n = 31.7898 gives 25 × 31.7898 / 9 = 88.305 exactly.
    const totals = Array.from({ length: 9 }, () => 35_322);
    const atHalf = computeFromTotals({ respondents: 10_000, totals });
    expect(atHalf.ikm.raw).toBeCloseTo(88.305, 10);
    expect(atHalf.ikm).toMatchObject({ value: 88.31, grade: 'A' });
    const below = computeFromTotals({ respondents: 10_000, totals: [35_321, ...totals.slice(1)] });
    expect(below.ikm).toMatchObject({ value: 88.3, grade: 'B' });
  });

  it('finds the B/C and C/D edges from responses', () => {
    // 76.61 needs S/n ≥ 27.5796; 65.00 needs S/n ≥ 23.4.
    const c = computeFromTotals({ respondents: 5, totals: [13, 13, 13, 13, 13, 13, 13, 13, 13] }); // S/n = 23.4 → 65.00
    expect(c.ikm).toMatchObject({ value: 65, grade: 'C' });
    const d = computeFromTotals({ respondents: 5, totals: [13, 13, 13, 13, 13, 13, 13, 13, 12] }); // 23.2 → 64.44
    expect(d.ikm).toMatchObject({ value: 64.44, grade: 'D' });
    const b = computeFromTotals({ respondents: 10_000, totals: [30_644, 30_644, 30_644, 30_644, 30_644, 30_644, 30_644, 30_644, 30_644] });
    expect(b.ikm).toMatchObject({ value: 76.61, grade: 'B' });
    const belowB = computeFromTotals({ respondents: 10_000, totals: [30_644, 30_644, 30_644, 30_644, 30_644, 30_644, 30_644, 30_644, 30_625] });
    // 19 points below: 2500 × 275 777 / 90 000 = 7660.47 hundredths → 76.60.
    expect(belowB.ikm).toMatchObject({ value: 76.6, grade: 'C' });
  });

  it('reports no index, no grade and zero percentages without respondents', () => {
    const result = computeSkm([], { population: 50 });
    expect(result.respondents).toBe(0);
    expect(result.ikm).toEqual({ raw: null, value: null, grade: null, label: null });
    expect(result.elements.every((e) => e.nrr === null && e.grade === null && e.total === 0)).toBe(true);
    expect(result.sample).toEqual({ population: 50, minimum: 44, reached: false });
    expect(result.profile.sex.every((row) => row.count === 0 && row.percent === 0)).toBe(true);
  });

  it('refuses totals that no set of 1–4 answers can give', () => {
    expect(() => computeFromTotals({ respondents: 2, totals: [9, 8, 8, 8, 8, 8, 8, 8, 8] })).toThrow(RangeError);
    expect(() => computeFromTotals({ respondents: 2, totals: [1, 2, 2, 2, 2, 2, 2, 2, 2] })).toThrow(RangeError);
    expect(() => computeFromTotals({ respondents: 1, totals: [1, 1, 1] })).toThrow(RangeError);
  });
});

describe('respondent profile', () => {
  it('counts each value, the blanks as not stated, with percentages of all respondents', () => {
    const result = computeSkm([
      { answers: all(3), profile: { sex: 'female', ageBand: '30_39', education: 's1', occupation: 'penyedia' } },
      { answers: all(3), profile: { sex: 'female', ageBand: '40_49', education: 's1', occupation: 'pns' } },
      { answers: all(3), profile: { sex: 'male', ageBand: null, education: 'sma', occupation: 'penyedia' } },
    ]);
    const sex = Object.fromEntries(result.profile.sex.map((r) => [r.key, r]));
    expect(sex.female).toEqual({ key: 'female', count: 2, percent: 66.67 });
    expect(sex.male).toEqual({ key: 'male', count: 1, percent: 33.33 });
    expect(sex.not_stated?.count).toBe(0);
    const age = Object.fromEntries(result.profile.ageBand.map((r) => [r.key, r.count]));
    expect(age).toMatchObject({ '30_39': 1, '40_49': 1, not_stated: 1 });
    expect(result.profile.occupation.find((r) => r.key === 'penyedia')?.count).toBe(2);
  });
});

describe('Krejcie–Morgan minimum sample', () => {
  it.each([
    [50, 44],
    [100, 80],
    [800, 260],
    [1_000, 278],
    [10_000, 370],
    [1_000_000, 384],
    [100_000_000, 384],
    [1, 1],
    [0, 0],
  ])('N = %s needs %s respondents', (population, sample) => {
    expect(minimumSample(population)).toBe(sample);
  });

  it('says whether the sample was reached', () => {
    const responses = Array.from({ length: 44 }, () => ({ answers: all(3) }));
    expect(computeSkm(responses, { population: 50 }).sample).toEqual({ population: 50, minimum: 44, reached: true });
    expect(computeSkm(responses.slice(1), { population: 50 }).sample.reached).toBe(false);
    expect(computeSkm(responses).sample).toEqual({ population: null, minimum: null, reached: null });
  });

  it('refuses a negative or fractional population', () => {
    expect(() => minimumSample(-1)).toThrow(RangeError);
    expect(() => minimumSample(2.5)).toThrow(RangeError);
  });
});

describe('reporting periods in the agency time zone', () => {
  it('covers local midnights to local midnights', () => {
    expect(periodRange({ kind: 'semester', year: 2026, index: 1 }, 'Asia/Makassar')).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-06-30T16:00:00Z'),
      first: '2026-01-01',
      last: '2026-06-30',
    });
    expect(periodRange({ kind: 'month', year: 2026, index: 2 }, 'Asia/Jayapura')).toMatchObject({ first: '2026-02-01', last: '2026-02-28', from: new Date('2026-01-31T15:00:00Z') });
    expect(periodRange({ kind: 'quarter', year: 2026, index: 4 }, 'Asia/Jakarta')).toMatchObject({ first: '2026-10-01', last: '2026-12-31', to: new Date('2026-12-31T17:00:00Z') });
    expect(periodRange({ kind: 'year', year: 2026, index: 1 }, 'Asia/Jakarta')).toMatchObject({ first: '2026-01-01', last: '2026-12-31' });
  });

  it('finds the period of an instant by its local date', () => {
    // 30 June 16:30 UTC is already 1 July in WITA.
    expect(periodContaining('semester', new Date('2026-06-30T16:30:00Z'), 'Asia/Makassar')).toEqual({ kind: 'semester', year: 2026, index: 2 });
    expect(periodContaining('semester', new Date('2026-06-30T16:30:00Z'), 'UTC')).toEqual({ kind: 'semester', year: 2026, index: 1 });
    expect(periodContaining('quarter', new Date('2026-08-15T00:00:00Z'), 'Asia/Jakarta')).toEqual({ kind: 'quarter', year: 2026, index: 3 });
  });

  it('refuses a period the year does not have and names periods in both languages', () => {
    expect(() => periodRange({ kind: 'semester', year: 2026, index: 3 }, 'Asia/Jakarta')).toThrow(RangeError);
    expect(periodLabel({ kind: 'semester', year: 2026, index: 2 })).toEqual({ id: 'Semester II 2026', en: 'Second half of 2026' });
    expect(periodLabel({ kind: 'quarter', year: 2026, index: 3 })).toEqual({ id: 'Triwulan III 2026', en: 'Q3 2026' });
    expect(periodLabel({ kind: 'month', year: 2026, index: 3 })).toEqual({ id: 'Maret 2026', en: 'March 2026' });
  });
});
