/**
 * Deadlines per second: the compiled business calendar against a naive minute-by-minute count,
 * both measured in this run on the same mix of limits over a two-year calendar.
 *
 *   npx tsx bench/calendar/run.ts [--cases 1000000] [--rounds 5] [--naive-seconds 3]
 *
 * Single-threaded; the figures are for one core.
 */
import { performance } from 'node:perf_hooks';
import { computeDue, createCalendar, deadlineFor, type CalendarDefinition } from '../../src/server/modules/calendar/calendar.js';
import { createNaiveCalendar, naiveDeadline } from '../../src/server/modules/calendar/calendar.naive.js';
import { shippedNationalYears } from '../../src/server/modules/calendar/holidays.js';
import { limitUnits, type LimitUnit } from '../../src/server/modules/calendar/limit.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const caseCount = arg('cases', 1_000_000);
const rounds = arg('rounds', 5);
const naiveSeconds = arg('naive-seconds', 3);

/** The NTT seed's calendar with the 2025 and 2026 national holidays and a Ramadan profile. */
const definition: CalendarDefinition = {
  timeZone: 'Asia/Makassar',
  weeklyHours: {
    mon: ['08:00-12:00', '13:00-16:00'],
    tue: ['08:00-12:00', '13:00-16:00'],
    wed: ['08:00-12:00', '13:00-16:00'],
    thu: ['08:00-12:00', '13:00-16:00'],
    fri: ['08:00-11:30', '13:00-16:00'],
  },
  nonWorkingDates: shippedNationalYears.flatMap((y) => y.dates.map((d) => d.date)),
  profiles: [
    { name: 'Ramadan 1446 H', from: '2025-03-01', to: '2025-03-30', weeklyHours: { mon: ['08:00-15:00'], tue: ['08:00-15:00'], wed: ['08:00-15:00'], thu: ['08:00-15:00'], fri: ['08:00-11:30', '13:00-15:30'] } },
    { name: 'Ramadan 1447 H', from: '2026-02-18', to: '2026-03-19', weeklyHours: { mon: ['08:00-15:00'], tue: ['08:00-15:00'], wed: ['08:00-15:00'], thu: ['08:00-15:00'], fri: ['08:00-11:30', '13:00-15:30'] } },
  ],
};

/**
 * The limits of the seed standards, weighted roughly by how often they are started: most
 * requests are walk-in and call-centre minutes, then working days, a few tenders.
 */
const mix: [LimitUnit, number, number][] = [
  ['minutes', 30, 20], // user ID activation, NPWP change, room booking
  ['minutes', 60, 12], // walk-in consultation (30–60)
  ['minutes', 120, 8], // walk-in / chat (60–120)
  ['minutes', 15, 8], // call centre (10–15)
  ['hours', 1, 6], // consultation
  ['hours', 3, 4], // pengaduan ringan
  ['working_days', 1, 8], // e-mail change, disposition
  ['working_days', 3, 10], // website, complaint answer
  ['working_days', 5, 8], // letters, SPSE support
  ['working_days', 10, 4], // letters
  ['working_days', 14, 2], // complaints without supervisory content
  ['working_days', 60, 1], // complaints needing examination
  ['calendar_days', 7, 3], // escalated help desk
  ['calendar_days', 10, 2], // tender cepat
  ['calendar_days', 30, 3], // tender
  ['calendar_days', 50, 1], // seleksi
];

/** mulberry32: a small seeded generator, so every run measures the same cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function makeCases(n: number, seed: number) {
  const random = rng(seed);
  const totalWeight = mix.reduce((s, [, , w]) => s + w, 0);
  const from = Date.parse('2025-01-01T00:00:00+08:00');
  const to = Date.parse('2026-12-31T00:00:00+08:00');
  const starts = new Float64Array(n);
  const units = new Uint8Array(n);
  const amounts = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let pick = random() * totalWeight;
    let k = 0;
    while (pick >= mix[k]![2]) pick -= mix[k++]![2];
    const [unit, amount] = mix[k]!;
    // Whole minutes, so the naive count can take the same cases; 70 % in office hours.
    const day = Math.floor(random() * ((to - from) / 86_400_000));
    const minute = random() < 0.7 ? 8 * 60 + Math.floor(random() * 8 * 60) : Math.floor(random() * 24 * 60);
    starts[i] = from + day * 86_400_000 + minute * 60_000;
    units[i] = limitUnits.indexOf(unit);
    amounts[i] = amount;
  }
  return { starts, units, amounts, n };
}

const cal = createCalendar(definition);
const cases = makeCases(caseCount, 42);

// Warm-up: compiles the years the mix reaches and lets the JIT settle.
let checksum = 0;
for (let i = 0; i < Math.min(200_000, cases.n); i++) checksum += deadlineFor(cal, cases.starts[i]!, limitUnits[cases.units[i]!]!, cases.amounts[i]!);

const rates: number[] = [];
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  for (let i = 0; i < cases.n; i++) checksum += deadlineFor(cal, cases.starts[i]!, limitUnits[cases.units[i]!]!, cases.amounts[i]!);
  rates.push(cases.n / ((performance.now() - t0) / 1000));
}
rates.sort((a, b) => a - b);
const fastMedian = rates[Math.floor(rates.length / 2)]!;

// The full API (computeDue: validation, ranges as two deadlines, a pause on every fourth case).
const apiCount = Math.min(cases.n, 300_000);
const t1 = performance.now();
for (let i = 0; i < apiCount; i++) {
  const start = cases.starts[i]!;
  const unit = limitUnits[cases.units[i]!]!;
  const amount = cases.amounts[i]!;
  const r = computeDue(cal, {
    start,
    limit: { unit, max: amount, min: unit === 'minutes' ? Math.max(1, amount >> 1) : undefined },
    pauses: i % 4 === 0 ? [{ from: start + 600_000, to: start + 4_200_000 }] : undefined,
  });
  checksum += r.due;
}
const apiRate = apiCount / ((performance.now() - t1) / 1000);

// The naive baseline on the same cases, for a fixed time; every answer is also compared.
const naive = createNaiveCalendar(definition);
let naiveDone = 0;
let mismatches = 0;
const t2 = performance.now();
while (performance.now() - t2 < naiveSeconds * 1000 && naiveDone < cases.n) {
  const i = naiveDone++;
  const unit = limitUnits[cases.units[i]!]!;
  const expected = naiveDeadline(naive, cases.starts[i]!, unit, cases.amounts[i]!);
  if (expected !== deadlineFor(cal, cases.starts[i]!, unit, cases.amounts[i]!)) mismatches++;
}
const naiveRate = naiveDone / ((performance.now() - t2) / 1000);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`calendar: NTT (WITA), 2025–2026 holidays and cuti bersama, two Ramadan profiles`);
console.log(`mix: ${mix.length} limits from the seed standards; ${fmt(cases.n)} cases; node ${process.version}; one core`);
console.log(`compiled deadlineFor      : ${fmt(fastMedian)} deadlines/s (median of ${rounds}; min ${fmt(rates[0]!)}, max ${fmt(rates[rates.length - 1]!)})`);
console.log(`computeDue (ranges+pauses): ${fmt(apiRate)} calls/s`);
console.log(`naive minute-by-minute    : ${fmt(naiveRate)} deadlines/s (${fmt(naiveDone)} cases in ${naiveSeconds} s)`);
console.log(`ratio compiled / naive    : ${fmt(fastMedian / naiveRate)}×`);
console.log(`ratio computeDue / naive  : ${fmt(apiRate / naiveRate)}×`);
console.log(`naive vs compiled answers : ${mismatches === 0 ? 'all equal' : `${mismatches} DIFFERENT`} (${fmt(naiveDone)} compared)`);
console.log(`target 1,000,000/s        : ${fastMedian >= 1_000_000 ? 'met' : 'NOT met'}`);
if (checksum === 42) console.log('');
if (mismatches > 0) process.exitCode = 1;
