import { describe, expect, it } from 'vitest';
import { formatAt } from './format-time.js';

describe('complaint times in the agency zone', () => {
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
});
