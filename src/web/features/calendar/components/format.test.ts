import { describe, expect, it } from 'vitest';
import { deadlineParts, formatLocalDate, formatMonth, localDateTime, localMonth, weekdayNames } from './format.js';

describe('calendar formatting in the agency zone', () => {
  it('writes a deadline as the agency reads it, whatever zone the instant was given in', () => {
    expect(deadlineParts('2026-03-25T16:00:00+08:00', 'Asia/Makassar', 'id')).toEqual({ date: 'Rabu, 25 Maret 2026', time: '16.00' });
    expect(deadlineParts('2026-03-25T08:00:00Z', 'Asia/Makassar', 'en')).toEqual({ date: 'Wednesday, 25 March 2026', time: '16:00' });
    // The same instant is 15.00 WIB and 17.00 WIT.
    expect(deadlineParts('2026-03-25T16:00:00+08:00', 'Asia/Jakarta', 'id').time).toBe('15.00');
    expect(deadlineParts('2026-03-25T16:00:00+08:00', 'Asia/Jayapura', 'id').time).toBe('17.00');
    // Near midnight the local date differs from the UTC one.
    expect(deadlineParts('2026-12-31T17:30:00Z', 'Asia/Jayapura', 'id')).toEqual({ date: 'Jumat, 1 Januari 2027', time: '02.30' });
  });

  it('gives "now" as a local date-time for the start field', () => {
    const instant = Date.parse('2026-03-13T07:30:00Z');
    expect(localDateTime('Asia/Jakarta', instant)).toBe('2026-03-13T14:30');
    expect(localDateTime('Asia/Makassar', instant)).toBe('2026-03-13T15:30');
    expect(localDateTime('Asia/Jayapura', Date.parse('2026-03-31T15:00:00Z'))).toBe('2026-04-01T00:00');
    expect(localMonth('Asia/Jayapura', Date.parse('2026-03-31T15:00:00Z'))).toBe('2026-04');
  });

  it('names dates, months and weekdays in both languages', () => {
    expect(formatLocalDate('2026-03-19', 'id')).toBe('Kamis, 19 Maret 2026');
    expect(formatLocalDate('2026-03-19', 'en')).toBe('Thursday, 19 March 2026');
    expect(formatLocalDate('2026-03-19', 'id', { weekday: false })).toBe('19 Maret 2026');
    expect(formatMonth('2026-03', 'id')).toBe('Maret 2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(weekdayNames('id', 'long')[0]).toBe('Senin');
    expect(weekdayNames('en', 'long')[6]).toBe('Sunday');
  });
});
