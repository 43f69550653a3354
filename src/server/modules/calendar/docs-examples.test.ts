import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeDue, createCalendar, readClock } from './calendar.js';
import { shippedNationalYears } from './holidays.js';
import { parseLimit } from './limit.js';
import { formatInstant, parseDateTime } from './time-zone.js';

// The worked examples of docs/time-limits.md are the test: the page cannot drift from the code.
const page = readFileSync(new URL('../../../../docs/time-limits.md', import.meta.url), 'utf8');
const table = page.slice(page.indexOf('<!-- examples:start -->'), page.indexOf('<!-- examples:end -->'));
const rows = table
  .split('\n')
  .filter((line) => /^\| \d{4}-/.test(line))
  .map((line) => line.split('|').slice(1, -1).map((c) => c.trim()));

const tz = 'Asia/Makassar';
const ntt = createCalendar({
  timeZone: tz,
  weeklyHours: {
    mon: ['08:00-12:00', '13:00-16:00'],
    tue: ['08:00-12:00', '13:00-16:00'],
    wed: ['08:00-12:00', '13:00-16:00'],
    thu: ['08:00-12:00', '13:00-16:00'],
    fri: ['08:00-11:30', '13:00-16:00'],
  },
  nonWorkingDates: shippedNationalYears.flatMap((y) => y.dates.map((d) => d.date)),
});
const local = (text: string) => parseDateTime(tz, text)!;

describe('the worked examples of docs/time-limits.md', () => {
  it('has the examples table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });
  it.each(rows)('%s + %s (pauses: %s) → expected %s, deadline %s', (start, limitText, pauses, expected, deadline) => {
    const limit = parseLimit(limitText!);
    expect(limit).toBeDefined();
    const r = computeDue(ntt, {
      start: local(start!),
      limit: limit!,
      pauses: pauses
        ? pauses.split(';').map((p) => {
            const [from, to] = p.trim().split('/');
            return { from: local(from!), to: local(to!) };
          })
        : [],
    });
    expect(formatInstant(tz, r.due)).toBe(deadline);
    expect(r.expected === undefined ? '' : formatInstant(tz, r.expected)).toBe(expected);
  });
  it('matches the clock paragraph', () => {
    const base = { start: local('2026-03-02T08:00'), limit: { unit: 'hours' as const, max: 4 } };
    const ten = readClock(ntt, { ...base, at: local('2026-03-02T10:00') });
    expect([ten.elapsedMs, ten.remainingMs]).toEqual([7_200_000, 7_200_000]);
    expect(formatInstant(tz, ten.warningAt)).toBe('2026-03-02T11:00:00+08:00');
    expect(readClock(ntt, { ...base, at: local('2026-03-02T12:00') }).breached).toBe(false);
    const late = readClock(ntt, { ...base, at: local('2026-03-02T12:30') });
    expect([late.breached, late.remainingMs]).toEqual([true, 0]);
    expect(readClock(ntt, { ...base, at: local('2026-03-02T13:30') }).remainingMs).toBe(-1_800_000);
  });
});
