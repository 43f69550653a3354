import { describe, expect, it } from 'vitest';
import {
  deadlineParts,
  formatAt,
  formatDeadline,
  formatDecimal,
  formatInstant,
  formatLocalDate,
  formatMonth,
  formatNumber,
  formatRupiah,
  localDateTime,
  localMonth,
  monthName,
  remainingParts,
  weekdayNames,
} from './format.js';

describe('times in the agency zone', () => {
  it('writes a deadline as the agency reads it, whatever zone the instant was given in', () => {
    expect(deadlineParts('2026-03-25T16:00:00+08:00', 'Asia/Makassar', 'id')).toEqual({ date: 'Rabu, 25 Maret 2026', time: '16.00' });
    expect(deadlineParts('2026-03-25T08:00:00Z', 'Asia/Makassar', 'en')).toEqual({ date: 'Wednesday, 25 March 2026', time: '16:00' });
    // The same instant is 15.00 WIB and 17.00 WIT.
    expect(deadlineParts('2026-03-25T16:00:00+08:00', 'Asia/Jakarta', 'id').time).toBe('15.00');
    expect(deadlineParts('2026-03-25T16:00:00+08:00', 'Asia/Jayapura', 'id').time).toBe('17.00');
    // Near midnight the local date differs from the UTC one.
    expect(deadlineParts('2026-12-31T17:30:00Z', 'Asia/Jayapura', 'id')).toEqual({ date: 'Jumat, 1 Januari 2027', time: '02.30' });
  });

  it('writes the moment with the zone it is read in, in both languages', () => {
    // 08:30 UTC is 16.30 WITA (Tarakan, Tanjung Selor), 15.30 WIB and 17.30 WIT.
    expect(formatAt('2027-01-22T08:30:00.000Z', 'id', 'Asia/Makassar')).toBe('22 Jan 2027, 16.30 WITA');
    expect(formatAt('2027-01-22T08:30:00.000Z', 'id', 'Asia/Jakarta')).toBe('22 Jan 2027, 15.30 WIB');
    expect(formatAt('2027-01-22T08:30:00.000Z', 'id', 'Asia/Jayapura')).toBe('22 Jan 2027, 17.30 WIT');
    expect(formatAt('2027-01-22T08:30:00.000Z', 'en', 'Asia/Makassar')).toMatch(/^22 Jan 2027, 16:30 (GMT\+8|WITA)$/);
  });

  it('gives the local date near midnight, and a dash for no time', () => {
    expect(formatAt('2026-12-31T17:30:00Z', 'id', 'Asia/Jayapura')).toBe('1 Jan 2027, 02.30 WIT');
    expect(formatAt(null, 'id', 'Asia/Jakarta')).toBe('–');
  });

  it('gives "now" as a local date-time for the start field', () => {
    const instant = Date.parse('2026-03-13T07:30:00Z');
    expect(localDateTime('Asia/Jakarta', instant)).toBe('2026-03-13T14:30');
    expect(localDateTime('Asia/Makassar', instant)).toBe('2026-03-13T15:30');
    expect(localDateTime('Asia/Jayapura', Date.parse('2026-03-31T15:00:00Z'))).toBe('2026-04-01T00:00');
    expect(localMonth('Asia/Jayapura', Date.parse('2026-03-31T15:00:00Z'))).toBe('2026-04');
  });

  it('writes the person’s own instants in the browser zone (UTC in the tests), day before month in English', () => {
    expect(formatInstant('2026-03-02T01:05:00Z', 'en')).toBe('2 Mar 2026, 01:05');
    expect(formatInstant(new Date('2026-03-02T01:05:00Z'), 'id')).toBe('2 Mar 2026, 01.05');
    // The audit trail names the zone: 01.05 UTC is 09.05 in Makassar.
    expect(formatInstant('2026-03-02T01:05:00Z', 'id', { zone: true, timeZone: 'Asia/Makassar' })).toBe('2 Mar 2026, 09.05 WITA');
  });
});

describe('dates and numbers in both languages', () => {
  it('names dates, months and weekdays', () => {
    expect(formatLocalDate('2026-03-19', 'id')).toBe('Kamis, 19 Maret 2026');
    expect(formatLocalDate('2026-03-19', 'en')).toBe('Thursday, 19 March 2026');
    expect(formatLocalDate('2026-03-19', 'id', { weekday: false })).toBe('19 Maret 2026');
    expect(formatMonth('2026-03', 'id')).toBe('Maret 2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect([monthName(1, 'id'), monthName(12, 'en')]).toEqual(['Januari', 'December']);
    expect(weekdayNames('id', 'long')[0]).toBe('Senin');
    expect(weekdayNames('en', 'long')[6]).toBe('Sunday');
  });

  it('groups thousands and fixes decimals the way each language does, a dash for no value', () => {
    expect(formatDecimal(88.126, 2, 'id')).toBe('88,13');
    expect(formatDecimal(1234.5, 4, 'en')).toBe('1,234.5000');
    expect(formatDecimal(null, 2, 'en')).toBe('–');
    expect(formatNumber(66.7, 'id')).toBe('66,7');
    expect(formatRupiah(150_000, 'id')).toBe('Rp 150.000');
    expect(formatRupiah(150_000, 'en')).toBe('Rp 150,000');
  });
});

describe('a deadline and the time left on it', () => {
  it('gives the deadline as a day, a date and a time on the agency clock, with the zone', () => {
    // 2026-12-10 08:00 UTC is Thursday 16.00 in Tarakan (WITA), 15.00 in Jakarta (WIB), 17.00 in Jayapura (WIT).
    expect(formatDeadline('2026-12-10T08:00:00.000Z', 'id', 'Asia/Makassar')).toBe('Kamis, 10 Desember 2026, 16.00 WITA');
    expect(formatDeadline('2026-12-10T08:00:00.000Z', 'id', 'Asia/Jakarta')).toBe('Kamis, 10 Desember 2026, 15.00 WIB');
    expect(formatDeadline('2026-12-10T08:00:00.000Z', 'en', 'Asia/Jayapura')).toBe('Thursday, 10 December 2026, 17:00 WIT');
  });

  it('counts a working clock in working hours, never as wall-clock days', () => {
    // The case: 30 working hours left must not read "1 hari 6 jam" (tomorrow evening).
    expect(remainingParts(30 * 60, 'working_days')).toEqual({ late: false, working: true, days: 0, hours: 30, minutes: 0 });
    expect(remainingParts(95, 'hours')).toEqual({ late: false, working: true, days: 0, hours: 1, minutes: 35 });
    expect(remainingParts(-125, 'minutes')).toEqual({ late: true, working: true, days: 0, hours: 2, minutes: 5 });
  });

  it('counts a calendar-day clock in days, hours and minutes of wall time', () => {
    expect(remainingParts(30 * 60 + 7, 'calendar_days')).toEqual({ late: false, working: false, days: 1, hours: 6, minutes: 7 });
    expect(remainingParts(-(3 * 24 * 60), 'calendar_days')).toEqual({ late: true, working: false, days: 3, hours: 0, minutes: 0 });
  });
});
