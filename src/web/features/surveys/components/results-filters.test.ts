import { describe, expect, it } from 'vitest';
import { resultsParamsFrom } from './results-filters.js';

const today = new Date(2026, 7, 20); // 20 August 2026: second semester, third quarter
const from = (query: string) => resultsParamsFrom(new URLSearchParams(query), today);

describe('resultsParamsFrom', () => {
  it('shows this semester by default, with the exact weights', () => {
    expect(from('')).toEqual({ period: 'semester', year: 2026, index: 2, service: undefined, users: undefined, weights: 'exact' });
  });

  it('reads a bookmarked selection', () => {
    expect(from('periode=month&tahun=2025&ke=3&layanan=dukungan-spse&pengguna=120&bobot=lama')).toEqual({
      period: 'month',
      year: 2025,
      index: 3,
      service: 'dukungan-spse',
      users: 120,
      weights: 'legacy',
    });
  });

  it('falls back to today’s period for an unknown kind and keeps an index within the year', () => {
    expect(from('periode=week').period).toBe('semester');
    expect(from('periode=quarter').index).toBe(3);
    expect(from('periode=quarter&ke=9').index).toBe(4);
    expect(from('periode=year&ke=2').index).toBe(1);
    expect(from('pengguna=-4').users).toBeUndefined();
  });
});
