import { describe, expect, it } from 'vitest';
import { formatLimit, parseLimit } from './limit.js';

describe('parseLimit', () => {
  it.each([
    ['3 working days', { unit: 'working_days', max: 3 }],
    ['5 hari kerja', { unit: 'working_days', max: 5 }],
    ['30 hari kalender', { unit: 'calendar_days', max: 30 }],
    ['7 hari', { unit: 'calendar_days', max: 7 }],
    ['10 calendar days', { unit: 'calendar_days', max: 10 }],
    ['3 jam', { unit: 'hours', max: 3 }],
    ['1 hour', { unit: 'hours', max: 1 }],
    ['30-60 minutes', { unit: 'minutes', min: 30, max: 60 }],
    ['30–60 menit', { unit: 'minutes', min: 30, max: 60 }],
    ['10 s.d. 15 menit', { unit: 'minutes', min: 10, max: 15 }],
  ])('reads "%s"', (text, limit) => {
    expect(parseLimit(text)).toEqual(limit);
  });
  it.each(['', 'three days', '3 fortnights', '60-30 minutes', '0 minutes', '-3 hours', '3.5 jam'])('refuses "%s"', (text) => {
    expect(parseLimit(text)).toBeUndefined();
  });
});

describe('formatLimit', () => {
  it('writes a limit in both languages', () => {
    expect(formatLimit({ unit: 'minutes', min: 30, max: 60 }, 'id')).toBe('30–60 menit');
    expect(formatLimit({ unit: 'working_days', max: 1 }, 'en')).toBe('1 working day');
    expect(formatLimit({ unit: 'working_days', max: 3 }, 'en')).toBe('3 working days');
  });
});
