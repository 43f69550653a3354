import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeDue,
  createCalendar,
  deadlineFor,
  isOpenOrClosing,
  readClock,
  type BusinessCalendar,
  type CalendarDefinition,
  type Pause,
  type WeeklyHoursInput,
} from './calendar.js';
import { createNaiveCalendar, naiveDeadline } from './calendar.naive.js';
import { shippedNationalYears } from './holidays.js';
import { limitUnits, type LimitUnit, type TimeLimit } from './limit.js';

const national = shippedNationalYears.flatMap((y) => y.dates.map((d) => d.date));
const nttHours: WeeklyHoursInput = {
  mon: ['08:00-12:00', '13:00-16:00'],
  tue: ['08:00-12:00', '13:00-16:00'],
  wed: ['08:00-12:00', '13:00-16:00'],
  thu: ['08:00-12:00', '13:00-16:00'],
  fri: ['08:00-11:30', '13:00-16:00'],
};
const fixed: CalendarDefinition[] = [
  { timeZone: 'Asia/Makassar', weeklyHours: nttHours, nonWorkingDates: national },
  {
    timeZone: 'Asia/Jakarta',
    weeklyHours: { mon: ['07:30-16:00'], tue: ['07:30-16:00'], wed: ['07:30-16:00'], thu: ['07:30-16:00'], fri: ['07:30-16:30'] },
    nonWorkingDates: national,
    profiles: [{ name: 'Ramadan', from: '2026-02-18', to: '2026-03-19', weeklyHours: { mon: ['08:00-15:00'], fri: ['08:00-11:00', '13:30-15:30'] } }],
  },
  { timeZone: 'Asia/Jayapura', weeklyHours: { ...nttHours, sat: ['09:00-12:00'] }, nonWorkingDates: national },
];

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Random weekly hours on a 5-minute grid: per day 0–3 intervals, at least one day open. */
const weeklyHoursArb: fc.Arbitrary<WeeklyHoursInput> = fc
  .array(fc.uniqueArray(fc.integer({ min: 0, max: 288 }), { maxLength: 6 }), { minLength: 7, maxLength: 7 })
  .map((days) => {
    const week: Record<string, string[]> = {};
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].forEach((key, i) => {
      const marks = [...days[i]!].sort((a, b) => a - b);
      if (marks.length % 2 === 1) marks.pop();
      const list: string[] = [];
      for (let k = 0; k < marks.length; k += 2) list.push(`${hhmm(marks[k]! * 5)}-${hhmm(marks[k + 1]! * 5)}`);
      week[key] = list;
    });
    return week as WeeklyHoursInput;
  })
  .filter((w) => Object.values(w).some((l) => l.length > 0));

const calendarArb: fc.Arbitrary<{ def: CalendarDefinition; cal: BusinessCalendar }> = fc
  .oneof(
    fc.constantFrom(...fixed),
    fc.record({
      timeZone: fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'),
      weeklyHours: weeklyHoursArb,
      nonWorkingDates: fc.subarray(national),
    }),
  )
  .map((def) => ({ def, cal: createCalendar(def) }));

// Instants across 2025–2026, some with seconds and milliseconds.
const from2025 = Date.parse('2025-01-01T00:00:00Z');
const to2027 = Date.parse('2027-01-01T00:00:00Z');
const instantArb = fc.integer({ min: from2025, max: to2027 });
const minuteArb = instantArb.map((t) => t - (t % 60_000));

const amountArb = (unit: LimitUnit) =>
  unit === 'minutes' ? fc.integer({ min: 1, max: 600 }) : unit === 'hours' ? fc.integer({ min: 1, max: 40 }) : fc.integer({ min: 0, max: 40 });
const limitArb: fc.Arbitrary<TimeLimit> = fc
  .constantFrom(...limitUnits)
  .chain((unit) => fc.tuple(fc.constant(unit), amountArb(unit), amountArb(unit)))
  .map(([unit, a, b]) => ({ unit, max: Math.max(a, b), min: Math.min(a, b) }));

/** Up to four pauses after the start, each up to three days long. */
const pausesArb = (start: number): fc.Arbitrary<Pause[]> =>
  fc.array(
    fc.tuple(fc.integer({ min: 0, max: 20 * 86_400_000 }), fc.integer({ min: 1, max: 3 * 86_400_000 })).map(([offset, length]) => ({
      from: start + offset,
      to: start + offset + length,
    })),
    { maxLength: 4 },
  );

const runs = { numRuns: 300 };

describe('calendar properties', () => {
  it('never puts the deadline before the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, limitArb, ({ cal }, start, limit) => {
        expect(computeDue(cal, { start, limit }).due).toBeGreaterThanOrEqual(start);
      }),
      runs,
    );
  });

  it('puts every deadline at an open instant or a closing time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, limitArb, ({ cal }, start, limit) => {
        const r = computeDue(cal, { start, limit });
        expect(isOpenOrClosing(cal, r.due)).toBe(true);
        if (r.expected !== undefined) expect(isOpenOrClosing(cal, r.expected)).toBe(true);
      }),
      runs,
    );
  });

  it('is monotonic in the limit and in the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, limitArb, ({ cal }, s1, s2, limit) => {
        const a = computeDue(cal, { start: s1, limit });
        expect(a.expected ?? a.due).toBeLessThanOrEqual(a.due);
        expect(deadlineFor(cal, s1, limit.unit, limit.max + 1)).toBeGreaterThanOrEqual(a.due);
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(deadlineFor(cal, early, limit.unit, limit.max)).toBeLessThanOrEqual(deadlineFor(cal, late, limit.unit, limit.max));
      }),
      runs,
    );
  });

  it('never moves a deadline earlier with a pause, and more pauses never move it earlier', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb.chain((start) => fc.tuple(fc.constant(start), pausesArb(start))),
        limitArb,
        ({ cal }, [start, pauses], limit) => {
          const without = computeDue(cal, { start, limit }).due;
          let previous = without;
          for (let n = 1; n <= pauses.length; n++) {
            const d = computeDue(cal, { start, limit, pauses: pauses.slice(0, n) }).due;
            expect(d).toBeGreaterThanOrEqual(previous);
            expect(isOpenOrClosing(cal, d)).toBe(true);
            previous = d;
          }
        },
      ),
      runs,
    );
  });

  it('keeps elapsed + remaining equal to the limit while the clock runs', () => {
    fc.assert(
      fc.property(
        calendarArb,
        instantArb.chain((start) => fc.tuple(fc.constant(start), pausesArb(start), fc.integer({ min: 0, max: 60 * 86_400_000 }))),
        limitArb,
        ({ cal }, [start, pauses, later], limit) => {
          const at = start + later;
          // Running: no pause holds the instant read.
          fc.pre(pauses.every((p) => !(p.from <= at && at < (p.to ?? Infinity))));
          const c = readClock(cal, { start, limit, pauses, at });
          expect(c.elapsedMs + c.remainingMs).toBe(c.limitMs);
          if (limit.unit === 'minutes') expect(c.limitMs).toBe(limit.max * 60_000);
          if (limit.unit === 'hours') expect(c.limitMs).toBe(limit.max * 3_600_000);
          if (limit.unit === 'working_days') expect(c.limitMs).toBe(readClock(cal, { start, limit, at }).limitMs);
          expect(c.breached).toBe(at > c.due);
          if (c.remainingMs > 0) expect(c.breached).toBe(false);
        },
      ),
      runs,
    );
  });

  it('agrees with the naive minute-by-minute count', () => {
    fc.assert(
      fc.property(calendarArb, minuteArb, fc.constantFrom(...limitUnits), fc.integer({ min: 0, max: 12 }), ({ def, cal }, start, unit, n) => {
        const amount = unit === 'minutes' ? n * 37 + 1 : unit === 'hours' ? n + 1 : n;
        expect(deadlineFor(cal, start, unit, amount)).toBe(naiveDeadline(createNaiveCalendar(def), start, unit, amount));
      }),
      { numRuns: 150 },
    );
  });
});
