import { describe, expect, it } from 'vitest';
import { draftNationalYear, isIslamicRule, loadDateHolidays, type HolidaySource } from './calendar.prefill.js';
import { shippedNationalYears } from './holidays.js';

describe('draft of a national year from date-holidays', () => {
  it('gives the 2026 holidays of the package as local dates, Nyepi on 19 March, and no cuti bersama', async () => {
    const draft = draftNationalYear(await loadDateHolidays(), 2026);
    const dates = draft.dates.map((d) => d.date);
    expect(dates).toContain('2026-03-19');
    expect(dates).toContain('2026-08-17');
    expect(draft.dates.find((d) => d.date === '2026-03-19')?.name).toMatch(/Nyepi/);
    expect(draft.dates.every((d) => d.kind === 'holiday' && d.date.startsWith('2026-'))).toBe(true);
    // The decree's cuti bersama (domain.md) are not in the package at all.
    const cutiBersama = shippedNationalYears.find((y) => y.year === 2026)!.dates.filter((d) => d.kind === 'cuti_bersama').map((d) => d.date);
    expect(cutiBersama.length).toBeGreaterThan(0);
    // Only 20 March is there, and by accident: the package's (early) Idul Fitri falls on it.
    expect(cutiBersama.filter((d) => dates.includes(d))).toEqual(['2026-03-20']);
    expect(draft.dates.some((d) => /cuti/i.test(d.name))).toBe(false);
    expect(draft.source).toMatch(/^date-holidays@\d+\.\d+\.\d+$/);
  });

  it('differs from the 2026 decree on Idul Fitri, which is why the notes name the Islamic dates to check', async () => {
    const draft = draftNationalYear(await loadDateHolidays(), 2026);
    const decree = new Set(shippedNationalYears.find((y) => y.year === 2026)!.dates.filter((d) => d.kind === 'holiday').map((d) => d.date));
    const offDecree = draft.dates.filter((d) => !decree.has(d.date));
    // The package puts 1 Shawwal 1447 on 20 March; the decree on 21 March.
    expect(offDecree.map((d) => d.date)).toContain('2026-03-20');
    expect(offDecree.every((d) => d.islamic)).toBe(true);
    const islamicNote = draft.notes.find((n) => n.en.includes('Hijri'))!;
    expect(islamicNote.en).toContain('2026-03-20');
    expect(islamicNote.id).toContain('2026-03-20');
    expect(draft.notes.some((n) => /cuti bersama/i.test(n.en) && /MISSING/.test(n.en))).toBe(true);
    expect(draft.notes.every((n) => n.id.length > 0 && n.en.length > 0)).toBe(true);
  });

  it("names 27 Rajab Isra Mikraj, not the package's Maulid", async () => {
    const draft = draftNationalYear(await loadDateHolidays(), 2026);
    expect(draft.dates.find((d) => d.date === '2026-01-16')?.name).toBe('Isra Mikraj Nabi Muhammad SAW');
  });

  it('keeps one row per date, with both names, when two holidays fall on it', () => {
    const source: HolidaySource = {
      version: '0.0.0',
      holidays: () => [
        { date: '2027-12-25 00:00:00 -0600', name: 'Maulid Nabi Muhammad', type: 'public', rule: '27 Rajab' },
        { date: '2027-12-25 00:00:00', name: 'Hari Raya Natal', type: 'public', rule: '12-25' },
        { date: '2027-12-24 00:00:00', name: 'An observance', type: 'observance', rule: '12-24' },
        { date: '2026-12-31 00:00:00', name: 'Another year', type: 'public', rule: '12-31' },
      ],
    };
    const draft = draftNationalYear(source, 2027);
    expect(draft.dates).toEqual([
      { date: '2027-12-25', kind: 'holiday', name: 'Isra Mikraj Nabi Muhammad SAW; Hari Raya Natal', rule: '27 Rajab; 12-25', islamic: true },
    ]);
  });

  it('tells Hijri rules from the others', () => {
    expect(isIslamicRule('1 Shawwal')).toBe(true);
    expect(isIslamicRule('10 Dhu al-Hijjah')).toBe(true);
    expect(isIslamicRule('27 Rajab')).toBe(true);
    expect(isIslamicRule('easter -2')).toBe(false);
    expect(isIslamicRule('chinese 01-0-01')).toBe(false);
    expect(isIslamicRule('08-17')).toBe(false);
  });
});
