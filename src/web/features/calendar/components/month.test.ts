import { describe, expect, it } from 'vitest';
import { monthWeeks, shiftMonth, weekdayOf, type MonthDate } from './month.js';

const ntt = {
  mon: ['08:00-12:00', '13:00-16:00'],
  tue: ['08:00-12:00', '13:00-16:00'],
  wed: ['08:00-12:00', '13:00-16:00'],
  thu: ['08:00-12:00', '13:00-16:00'],
  fri: ['08:00-11:30', '13:00-16:00'],
  sat: [],
  sun: [],
};

const march2026: MonthDate[] = [
  { date: '2026-03-18', kind: 'cuti_bersama', name: 'Cuti bersama Nyepi', confirmed: true, scope: 'national' },
  { date: '2026-03-19', kind: 'holiday', name: 'Hari Suci Nyepi', confirmed: true, scope: 'national' },
  { date: '2026-03-19', kind: 'closure', name: 'Kantor tutup', confirmed: false, scope: 'agency' },
  { date: '2026-03-21', kind: 'holiday', name: 'Idul Fitri', confirmed: true, scope: 'national' },
];

describe('month view of an agency calendar', () => {
  const cells = monthWeeks('2026-03', { weeklyHours: ntt, profiles: [] }, march2026).flat();
  const cell = (date: string) => cells.find((c) => c?.date === date)!;

  it('lays March 2026 out Monday first: 1 March is a Sunday', () => {
    const weeks = monthWeeks('2026-03', { weeklyHours: ntt, profiles: [] }, []);
    expect(weeks[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(weeks[0]![6]!.date).toBe('2026-03-01');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(cells.filter(Boolean)).toHaveLength(31);
  });

  it('marks Nyepi non-working, the holiday outranking a closure on the same date', () => {
    expect(cell('2026-03-19')).toMatchObject({ status: 'holiday', hours: [], names: ['Hari Suci Nyepi', 'Kantor tutup'], confirmed: false });
    expect(cell('2026-03-18').status).toBe('cuti_bersama');
    expect(cell('2026-03-17')).toMatchObject({ status: 'working', hours: ntt.tue, confirmed: true });
    expect(cell('2026-03-20')).toMatchObject({ status: 'working', hours: ntt.fri });
    expect(cell('2026-03-21').status).toBe('holiday');
    expect(cell('2026-03-22').status).toBe('closed');
  });

  it('uses a profile’s hours inside its range, and holidays still win', () => {
    const ramadan = { name: 'Ramadan', from: '2026-03-16', to: '2026-03-19', weeklyHours: { ...ntt, mon: ['08:00-14:00'], thu: ['08:00-14:00'] } };
    const withProfile = monthWeeks('2026-03', { weeklyHours: ntt, profiles: [ramadan] }, march2026).flat();
    expect(withProfile.find((c) => c?.date === '2026-03-16')).toMatchObject({ hours: ['08:00-14:00'], profile: 'Ramadan', status: 'working' });
    expect(withProfile.find((c) => c?.date === '2026-03-19')).toMatchObject({ status: 'holiday', profile: 'Ramadan' });
    expect(withProfile.find((c) => c?.date === '2026-03-23')).toMatchObject({ hours: ntt.mon, profile: null });
  });

  it('shows every day closed when the agency has no hours yet', () => {
    expect(monthWeeks('2026-02', { weeklyHours: null, profiles: [] }, []).flat().filter(Boolean).every((c) => c!.status === 'closed')).toBe(true);
  });

  it('knows weekdays and moves across year ends', () => {
    expect(weekdayOf('2026-03-19')).toBe('thu');
    expect(weekdayOf('2024-02-29')).toBe('thu');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });
});
