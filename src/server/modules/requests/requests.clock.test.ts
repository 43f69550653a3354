import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/calendar.js';
import { closePause, openPause, readClocks, summarizeClocks, type ClockFields } from './requests.clock.js';

// WITA, Mon–Fri 08:00–12:00 and 13:00–16:00; 19 March 2026 (Nyepi) is a holiday.
const calendar = createCalendar({
  timeZone: 'Asia/Makassar',
  weeklyHours: { mon: ['08:00-12:00', '13:00-16:00'], tue: ['08:00-12:00', '13:00-16:00'], wed: ['08:00-12:00', '13:00-16:00'], thu: ['08:00-12:00', '13:00-16:00'], fri: ['08:00-12:00', '13:00-16:00'] },
  nonWorkingDates: ['2026-03-19'],
});
const at = (iso: string) => Date.parse(iso);

function fields(overrides: Partial<ClockFields>): ClockFields {
  return {
    clockStartedAt: new Date('2026-03-16T01:00:00Z'), // Mon 09:00 WITA
    responseLimit: { unit: 'hours', max: 2 },
    resolutionLimit: { unit: 'working_days', max: 3 },
    respondedAt: null,
    resolvedAt: null,
    pauses: [],
    pausedSince: null,
    clockState: 'ok',
    autoCloseAt: null,
    closedAt: null,
    ...overrides,
  };
}

describe('request clocks', () => {
  it('gives both deadlines, the nearest for sorting, and the warning as the next check', () => {
    const s = summarizeClocks(calendar, fields({}), at('2026-03-16T01:00:00Z'));
    expect(s.responseDueAt?.toISOString()).toBe('2026-03-16T03:00:00.000Z'); // 11:00 WITA
    // Three working days after Monday: Tue, Wed, (Nyepi Thu), Fri at closing time.
    expect(s.resolutionDueAt?.toISOString()).toBe('2026-03-20T08:00:00.000Z');
    expect(s.sortDueAt?.toISOString()).toBe('2026-03-16T03:00:00.000Z');
    // 75 % of two open hours: 10:30 WITA.
    expect(s.nextCheckAt?.toISOString()).toBe('2026-03-16T02:30:00.000Z');
    expect(s.observed).toBe('ok');
  });

  it('moves the deadline by the open time paused, and stops sorting and checking while paused', () => {
    const paused = openPause(fields({}), at('2026-03-16T02:00:00Z')); // 10:00
    const during = summarizeClocks(calendar, fields(paused), at('2026-03-16T05:00:00Z'));
    expect(during.sortDueAt).toBeNull();
    expect(during.nextCheckAt).toBeNull();
    // Resumed at 14:00: two open hours paused (10–12, 13–14) push 11:00 to 15:00.
    const resumed = closePause(paused, at('2026-03-16T06:00:00Z'));
    const after = summarizeClocks(calendar, fields(resumed), at('2026-03-16T06:00:00Z'));
    expect(after.responseDueAt?.toISOString()).toBe('2026-03-16T07:00:00.000Z');
  });

  it('counts a clock that stopped after its deadline as breached, and one met in time as not', () => {
    const late = fields({ respondedAt: new Date('2026-03-16T04:00:00Z') }); // 12:00, an hour late
    expect(summarizeClocks(calendar, late, at('2026-03-16T05:00:00Z')).observed).toBe('breached');
    const met = fields({ respondedAt: new Date('2026-03-16T02:00:00Z') });
    const reading = readClocks(calendar, met, at('2026-03-17T01:00:00Z')).find((r) => r.kind === 'response')!;
    expect(reading.state?.breached).toBe(false);
    expect(summarizeClocks(calendar, met, at('2026-03-17T01:00:00Z')).observed).toBe('ok');
  });

  it('waits for the channel step that starts the clock', () => {
    const s = summarizeClocks(calendar, fields({ clockStartedAt: null }), at('2026-03-16T01:00:00Z'));
    expect(s).toMatchObject({ responseDueAt: null, resolutionDueAt: null, sortDueAt: null, nextCheckAt: null });
  });
});
