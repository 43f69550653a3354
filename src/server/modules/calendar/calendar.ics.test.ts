import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IcsFormatError, readIcs } from './calendar.ics.js';

const sample = readFileSync(new URL('./testdata/holidays.ics', import.meta.url), 'utf8');

describe('readIcs', () => {
  it('takes whole-day events, every date of a multi-day one, and expands yearly ones up to a year', () => {
    const { dates, skipped } = readIcs(sample, { untilYear: 2028 });
    expect(dates.map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 Tahun Baru Masehi',
      '2027-03-09 Hari Suci Nyepi',
      '2027-03-10 Idul Fitri 1448 H',
      '2027-03-11 Idul Fitri 1448 H',
      '2028-01-01 Tahun Baru Masehi',
    ]);
    expect(dates[1]!.uid).toBe('nyepi-2027@example');
    expect(skipped).toEqual([{ name: 'Rapat koordinasi', reason: 'timed_event' }]);
  });
  it('refuses a file that is not iCalendar', () => {
    expect(() => readIcs('hello', { untilYear: 2027 })).toThrow(IcsFormatError);
    expect(() => readIcs('BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n', { untilYear: 2027 })).toThrow(IcsFormatError);
  });
});
