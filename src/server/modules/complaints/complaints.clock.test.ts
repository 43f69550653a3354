import { describe, expect, it } from 'vitest';
import { createCalendar } from '../calendar/calendar.js';
import { answeredOnTime, closePause, dueFrom, dueTimes, openPause, readClocks, type ClockFields } from './complaints.clock.js';

// WITA, Mon–Fri 08:00–12:00 and 13:00–16:00; 19 March 2026 (Nyepi) is a holiday.
const calendar = createCalendar({
  timeZone: 'Asia/Makassar',
  weeklyHours: { mon: ['08:00-12:00', '13:00-16:00'], tue: ['08:00-12:00', '13:00-16:00'], wed: ['08:00-12:00', '13:00-16:00'], thu: ['08:00-12:00', '13:00-16:00'], fri: ['08:00-12:00', '13:00-16:00'] },
  nonWorkingDates: ['2026-03-19'],
});
const at = (iso: string) => Date.parse(iso);
const receivedAt = new Date('2026-03-16T01:00:00Z'); // Mon 09:00 WITA

function fields(overrides: Partial<ClockFields> = {}): ClockFields {
  const limits = { receivedAt, responseLimit: { unit: 'hours' as const, max: 2 }, resolutionLimit: { unit: 'working_days' as const, max: 3 }, pauses: [] };
  return { ...limits, ...dueTimes(calendar, limits, receivedAt.getTime()), respondedAt: null, answeredAt: null, pausedSince: null, ...overrides };
}

describe('complaint clocks', () => {
  it('counts the response and resolution limits by the calendar and the 60 days of the Perpres in calendar days', () => {
    const f = fields();
    expect(f.responseDueAt?.toISOString()).toBe('2026-03-16T03:00:00.000Z'); // 11:00 WITA
    // Three working days after Monday: Tue, Wed, (Nyepi Thu), Fri at closing time.
    expect(f.resolutionDueAt?.toISOString()).toBe('2026-03-20T08:00:00.000Z');
    // Sixty days after Monday 16 March, at the end of the day (16:00 WITA).
    expect(f.hardDueAt.toISOString()).toBe('2026-05-15T08:00:00.000Z');
  });

  it('reads paused while the file is incomplete, except the response clock, which the verdict stopped', () => {
    const paused = fields({ respondedAt: new Date('2026-03-16T02:00:00Z'), ...openPause(fields(), at('2026-03-16T02:00:00Z')) });
    const clocks = readClocks(calendar, paused, at('2026-03-18T02:00:00Z'));
    expect([clocks.response.state, clocks.resolution.state, clocks.hard.state]).toEqual(['met', 'paused', 'paused']);
  });

  it('moves the resolution and 60-day deadlines by the open time paused, never the response deadline', () => {
    const paused = openPause(fields(), at('2026-03-16T02:00:00Z')); // 10:00
    expect(paused.pausedSince.toISOString()).toBe('2026-03-16T02:00:00.000Z');
    expect(openPause({ ...fields(), ...paused }, at('2026-03-16T05:00:00Z'))).toEqual(paused);
    // Resumed at 14:00: three open hours paused (10–12, 13–14) push Friday 16:00 to Monday 11:00.
    const resumed = closePause(paused, at('2026-03-16T06:00:00Z'));
    expect(resumed).toEqual({ pauses: [{ from: at('2026-03-16T02:00:00Z'), to: at('2026-03-16T06:00:00Z') }], pausedSince: null });
    const due = dueTimes(calendar, { ...fields(), pauses: resumed.pauses }, at('2026-03-16T06:00:00Z'));
    expect(due.responseDueAt?.toISOString()).toBe('2026-03-16T03:00:00.000Z');
    expect(due.resolutionDueAt?.toISOString()).toBe('2026-03-23T03:00:00.000Z');
    // The 60-day limit moves by the four wall-clock hours paused, to Friday 20:00, and so to the
    // next closing time: Monday 18 May 16:00.
    expect(due.hardDueAt.toISOString()).toBe('2026-05-18T08:00:00.000Z');
  });

  it('reads met or missed once answered, and warning then breached while running', () => {
    const f = fields();
    expect(readClocks(calendar, { ...f, answeredAt: new Date('2026-03-20T07:00:00Z') }, at('2026-04-01T00:00:00Z')).resolution.state).toBe('met');
    expect(readClocks(calendar, { ...f, answeredAt: new Date('2026-03-23T01:00:00Z') }, at('2026-04-01T00:00:00Z')).resolution.state).toBe('missed');
    expect(readClocks(calendar, f, at('2026-03-20T06:00:00Z')).resolution.state).toBe('warning');
    expect(readClocks(calendar, f, at('2026-03-23T01:00:00Z')).resolution.state).toBe('breached');
  });

  it('is answered on time only by the earlier of the resolution due time and the 60 days', () => {
    const f = fields();
    expect(answeredOnTime({ ...f, answeredAt: f.resolutionDueAt })).toBe(true);
    expect(answeredOnTime({ ...f, answeredAt: new Date(f.resolutionDueAt!.getTime() + 1) })).toBe(false);
    expect(answeredOnTime({ ...f, resolutionDueAt: null, answeredAt: new Date(f.hardDueAt.getTime() + 1) })).toBe(false);
    expect(answeredOnTime(f)).toBe(false);
  });

  it('ends the reopening window ten working days after closing, skipping the holiday', () => {
    expect(new Date(dueFrom(calendar, at('2026-03-16T01:00:00Z'), { unit: 'working_days', max: 10 })).toISOString()).toBe('2026-03-31T08:00:00.000Z');
  });
});
