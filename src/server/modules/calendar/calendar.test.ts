import { describe, expect, it } from 'vitest';
import {
  computeDue,
  createCalendar,
  deadlineFor,
  describeDate,
  explainDue,
  openTimeBetween,
  readClock,
  receiptDate,
  type CalendarDefinition,
  type Pause,
} from './calendar.js';
import { shippedNationalYears } from './holidays.js';
import type { TimeLimit } from './limit.js';
import { formatInstant, parseDateTime } from './time-zone.js';

const WITA = 'Asia/Makassar';
const WIB = 'Asia/Jakarta';
const WIT = 'Asia/Jayapura';

/** The NTT seed's hours (Biro PBJ Provinsi NTT), in WITA. */
const nttHours = {
  mon: ['08:00-12:00', '13:00-16:00'],
  tue: ['08:00-12:00', '13:00-16:00'],
  wed: ['08:00-12:00', '13:00-16:00'],
  thu: ['08:00-12:00', '13:00-16:00'],
  fri: ['08:00-11:30', '13:00-16:00'],
};
const national = shippedNationalYears.flatMap((y) => y.dates.map((d) => ({ date: d.date, name: d.name })));

function calendarOf(timeZone: string, extra: Partial<CalendarDefinition> = {}) {
  return createCalendar({ timeZone, weeklyHours: nttHours, nonWorkingDates: national, ...extra });
}
const ntt = calendarOf(WITA);

const at = (text: string, tz = WITA) => {
  const ms = parseDateTime(tz, text);
  if (ms === undefined) throw new Error(`bad test date ${text}`);
  return ms;
};
const iso = (ms: number | undefined, tz = WITA) => (ms === undefined ? undefined : formatInstant(tz, ms));
const due = (from: string, limit: TimeLimit, pauses: Pause[] = [], cal = ntt, tz = WITA) =>
  iso(computeDue(cal, { start: at(from, tz), limit, pauses }).due, tz);
const min = (n: number): TimeLimit => ({ unit: 'minutes', max: n });
const hours = (n: number): TimeLimit => ({ unit: 'hours', max: n });
const wd = (n: number): TimeLimit => ({ unit: 'working_days', max: n });
const cd = (n: number): TimeLimit => ({ unit: 'calendar_days', max: n });
const pause = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to) });

describe('minutes and hours count only open time', () => {
  it('starts at the opening when the start is before it', () => {
    expect(due('2026-03-02T07:00', min(30))).toBe('2026-03-02T08:30:00+08:00');
  });
  it('starts after the break when the start is in it', () => {
    expect(due('2026-03-02T12:30', min(30))).toBe('2026-03-02T13:30:00+08:00');
  });
  it('skips the break when the count runs through it', () => {
    expect(due('2026-03-02T11:45', min(30))).toBe('2026-03-02T13:15:00+08:00');
  });
  it('ends at the closing time when the count reaches zero exactly there, not at the next opening', () => {
    expect(due('2026-03-02T11:30', min(30))).toBe('2026-03-02T12:00:00+08:00');
    expect(due('2026-03-02T15:00', hours(1))).toBe('2026-03-02T16:00:00+08:00');
  });
  it('starts on the next working morning from the closing time or after it', () => {
    expect(due('2026-03-02T16:00', min(30))).toBe('2026-03-03T08:30:00+08:00');
    expect(due('2026-03-02T17:00', min(30))).toBe('2026-03-03T08:30:00+08:00');
  });
  it('uses the short Friday morning and carries over the weekend', () => {
    expect(due('2026-03-06T11:00', min(60))).toBe('2026-03-06T13:30:00+08:00');
    expect(due('2026-03-06T15:30', min(60))).toBe('2026-03-09T08:30:00+08:00');
    // Pengaduan ringan, 3 jam, filed on a Friday afternoon.
    expect(due('2026-03-06T14:30', hours(3))).toBe('2026-03-09T09:30:00+08:00');
  });
  it('keeps seconds of the start', () => {
    expect(due('2026-03-02T09:10:30', min(30))).toBe('2026-03-02T09:40:30+08:00');
  });
  it('skips Nyepi and the Idul Fitri cuti bersama', () => {
    // Tue 17 March 2026 15:00, 2 hours: 1 hour that day, then 18–24 March are closed.
    expect(due('2026-03-17T15:00', hours(2))).toBe('2026-03-25T09:00:00+08:00');
  });
});

describe('N working days', () => {
  it('counts from the day of receipt across Nyepi and the Idul Fitri cuti bersama (the issue example)', () => {
    expect(due('2026-03-13T15:30', wd(3))).toBe('2026-03-25T16:00:00+08:00');
    expect(receiptDate(ntt, at('2026-03-13T15:30'))).toBe('2026-03-13');
  });
  it('moves the day of receipt to the next working day when the start is at or after the last closing', () => {
    expect(receiptDate(ntt, at('2026-03-13T16:00'))).toBe('2026-03-16');
    expect(due('2026-03-13T16:00', wd(1))).toBe('2026-03-17T16:00:00+08:00');
    expect(due('2026-03-13T15:59', wd(1))).toBe('2026-03-16T16:00:00+08:00');
  });
  it('keeps the day of receipt when the start is before the opening or in a break', () => {
    expect(due('2026-03-03T06:00', wd(1))).toBe('2026-03-04T16:00:00+08:00');
    expect(due('2026-03-06T12:00', wd(1))).toBe('2026-03-09T16:00:00+08:00');
  });
  it('receives a weekend start on Monday', () => {
    expect(receiptDate(ntt, at('2026-03-07T10:00'))).toBe('2026-03-09');
    expect(due('2026-03-07T10:00', wd(1))).toBe('2026-03-10T16:00:00+08:00');
  });
  it('crosses a year end, skipping the Christmas cuti bersama and a holiday of the next year', () => {
    expect(due('2026-12-23T10:00', wd(3))).toBe('2026-12-30T16:00:00+08:00');
    const withNewYear = calendarOf(WITA, { nonWorkingDates: [...national, { date: '2027-01-01', name: 'Tahun Baru 2027' }] });
    expect(due('2026-12-30T10:00', wd(3), [], withNewYear)).toBe('2027-01-05T16:00:00+08:00');
  });
  it('counts the 60 working days of a complaint needing examination', () => {
    // From Mon 4 May 2026; holidays 14, 15, 27, 28 May, 1 and 16 June fall on weekdays.
    expect(due('2026-05-04T09:00', wd(60))).toBe('2026-08-04T16:00:00+08:00');
  });
});

describe('N calendar days', () => {
  it('ends at the last closing of the date N days after the day of receipt', () => {
    expect(due('2026-03-02T10:00', cd(30))).toBe('2026-04-01T16:00:00+08:00');
  });
  it('moves to the next working day when that date is not one', () => {
    // 21 March 2026 is Idul Fitri (a Saturday); 22 a holiday, 23–24 cuti bersama.
    expect(due('2026-02-19T10:00', cd(30))).toBe('2026-03-25T16:00:00+08:00');
    // Tender cepat, 10 days, ends on 17 August (a Monday holiday).
    expect(due('2026-08-07T10:00', cd(10))).toBe('2026-08-18T16:00:00+08:00');
  });
  it('counts from the next working day when received after closing', () => {
    expect(due('2026-03-02T16:30', cd(1))).toBe('2026-03-04T16:00:00+08:00');
  });
});

describe('ranges', () => {
  it('gives the upper end as the deadline and the lower end as the expected time', () => {
    const r = computeDue(ntt, { start: at('2026-03-02T11:15'), limit: { unit: 'minutes', min: 30, max: 60 } });
    expect(iso(r.expected)).toBe('2026-03-02T11:45:00+08:00');
    expect(iso(r.due)).toBe('2026-03-02T13:15:00+08:00');
  });
  it('works for working days', () => {
    const r = computeDue(ntt, { start: at('2026-03-02T09:00'), limit: { unit: 'working_days', min: 5, max: 10 } });
    expect(iso(r.expected)).toBe('2026-03-09T16:00:00+08:00');
    expect(iso(r.due)).toBe('2026-03-16T16:00:00+08:00');
  });
});

describe('pause and resume', () => {
  it('moves the deadline later by the open time of the pause', () => {
    expect(due('2026-03-02T08:00', min(60), [pause('2026-03-02T08:20', '2026-03-02T08:40')])).toBe('2026-03-02T09:20:00+08:00');
  });
  it('handles several pauses, one of them over a closing, and ignores closed time inside them', () => {
    // Without pauses: 15:00–16:00 and 08:00–10:00 the next day.
    expect(due('2026-03-02T15:00', hours(3))).toBe('2026-03-03T10:00:00+08:00');
    const pauses = [pause('2026-03-02T15:30', '2026-03-03T08:30'), pause('2026-03-03T09:00', '2026-03-03T09:15')];
    expect(due('2026-03-02T15:00', hours(3), pauses)).toBe('2026-03-03T11:15:00+08:00');
  });
  it('does not move a deadline already passed when the pause begins', () => {
    expect(due('2026-03-02T08:00', min(60), [pause('2026-03-02T10:00', '2026-03-02T11:00')])).toBe('2026-03-02T09:00:00+08:00');
  });
  it('moves a working-day deadline by the open time paused', () => {
    // Paused Mon 16 March 10:00–14:00: 2 h before the break and 1 h after.
    expect(due('2026-03-13T15:30', wd(3), [pause('2026-03-16T10:00', '2026-03-16T14:00')])).toBe('2026-03-26T11:00:00+08:00');
  });
  it('moves a calendar-day deadline by the wall time paused, to a day’s last closing', () => {
    // 2 days paused: 1 April 16:00 → 3 April (Good Friday) → Monday 6 April.
    expect(due('2026-03-02T10:00', cd(30), [pause('2026-03-05T10:00', '2026-03-07T10:00')])).toBe('2026-04-06T16:00:00+08:00');
  });
  it('counts a pause still open up to the instant read', () => {
    const c = readClock(ntt, { start: at('2026-03-02T08:00'), limit: min(60), pauses: [pause('2026-03-02T08:30', null)], at: at('2026-03-02T10:00') });
    expect(c.paused).toBe(true);
    expect(iso(c.due)).toBe('2026-03-02T10:30:00+08:00');
    expect(c.elapsedMs).toBe(30 * 60_000);
    expect(() => computeDue(ntt, { start: at('2026-03-02T08:00'), limit: min(60), pauses: [pause('2026-03-02T08:30', null)] })).toThrow(/still open/);
  });
});

describe('the clock at an instant', () => {
  const start = at('2026-03-02T08:00');
  const limit = hours(4);
  it('reports elapsed and remaining business time', () => {
    const c = readClock(ntt, { start, limit, at: at('2026-03-02T10:00') });
    expect([c.elapsedMs, c.remainingMs, c.limitMs]).toEqual([2 * 3_600_000, 2 * 3_600_000, 4 * 3_600_000]);
    expect(c.fraction).toBe(0.5);
    expect([c.warning, c.breached]).toEqual([false, false]);
  });
  it('warns at 75 % of the limit by default, and at the agency’s threshold when given', () => {
    expect(iso(readClock(ntt, { start, limit, at: start }).warningAt)).toBe('2026-03-02T11:00:00+08:00');
    expect(readClock(ntt, { start, limit, at: at('2026-03-02T11:00') }).warning).toBe(true);
    expect(readClock(ntt, { start, limit, at: at('2026-03-02T10:59') }).warning).toBe(false);
    const half = calendarOf(WITA, { warningThreshold: 0.5 });
    expect(iso(readClock(half, { start, limit, at: start }).warningAt)).toBe('2026-03-02T10:00:00+08:00');
  });
  it('is on time at the deadline itself and breached after it, with the overrun counted in open time', () => {
    expect(readClock(ntt, { start, limit, at: at('2026-03-02T12:00') }).breached).toBe(false);
    const inBreak = readClock(ntt, { start, limit, at: at('2026-03-02T12:30') });
    expect([inBreak.breached, inBreak.warning, inBreak.remainingMs]).toEqual([true, false, 0]);
    expect(readClock(ntt, { start, limit, at: at('2026-03-02T13:30') }).remainingMs).toBe(-30 * 60_000);
  });
});

describe('time zones', () => {
  const office = { mon: ['08:00-16:00'], tue: ['08:00-16:00'], wed: ['08:00-16:00'], thu: ['08:00-16:00'], fri: ['08:00-16:00'] };
  it.each([
    [WIB, '+07:00'],
    [WITA, '+08:00'],
    [WIT, '+09:00'],
  ])('counts in local wall time in %s', (tz, offset) => {
    const cal = createCalendar({ timeZone: tz, weeklyHours: office, nonWorkingDates: national });
    expect(due('2026-03-02T15:30', min(60), [], cal, tz)).toBe(`2026-03-03T08:30:00${offset}`);
    expect(due('2026-03-13T15:30', wd(3), [], cal, tz)).toBe(`2026-03-25T16:00:00${offset}`);
  });
  it('gives one instant different deadlines in the three zones', () => {
    const instant = Date.parse('2026-03-02T08:30:00Z'); // 15:30 WIB, 16:30 WITA, 17:30 WIT
    const r = [WIB, WITA, WIT].map((tz) =>
      iso(computeDue(createCalendar({ timeZone: tz, weeklyHours: office }), { start: instant, limit: min(60) }).due, tz),
    );
    expect(r).toEqual(['2026-03-03T08:30:00+07:00', '2026-03-03T09:00:00+08:00', '2026-03-03T09:00:00+09:00']);
  });
});

describe('profiles and hours', () => {
  const ramadan = calendarOf(WITA, {
    profiles: [
      {
        name: 'Ramadan 1447 H',
        from: '2026-02-18',
        to: '2026-03-19',
        weeklyHours: { mon: ['08:00-15:00'], tue: ['08:00-15:00'], wed: ['08:00-15:00'], thu: ['08:00-15:00'], fri: ['08:00-11:30', '13:00-15:30'] },
      },
    ],
  });
  it('uses the Ramadan hours inside the profile’s dates and the normal hours outside', () => {
    expect(due('2026-03-02T14:30', min(60), [], ramadan)).toBe('2026-03-03T08:30:00+08:00');
    expect(due('2026-04-06T14:30', min(60), [], ramadan)).toBe('2026-04-06T15:30:00+08:00');
    expect(describeDate(ramadan, '2026-03-02').profile).toBe('Ramadan 1447 H');
  });
  it('treats touching intervals as one stretch', () => {
    const cal = createCalendar({ timeZone: WITA, weeklyHours: { mon: ['08:00-12:00', '12:00-13:00'] } });
    expect(iso(deadlineFor(cal, at('2026-03-02T12:30'), 'minutes', 60))).toBe('2026-03-09T08:30:00+08:00');
    expect(openTimeBetween(cal, at('2026-03-02T00:00'), at('2026-03-03T00:00'))).toBe(5 * 3_600_000);
  });
  it('counts closing at midnight (24:00) as the end of the day', () => {
    const cal = createCalendar({ timeZone: WIB, weeklyHours: { mon: ['20:00-24:00'], tue: ['00:00-02:00'] } });
    expect(iso(deadlineFor(cal, at('2026-03-02T23:00', WIB), 'hours', 2), WIB)).toBe('2026-03-03T01:00:00+07:00');
  });
  it('names the holiday of a non-working date', () => {
    expect(describeDate(ntt, '2026-03-19')).toEqual({ working: false, closedAs: 'Hari Suci Nyepi Tahun Baru Saka 1948', profile: undefined });
    expect(describeDate(ntt, '2026-03-21').working).toBe(false);
    expect(describeDate(ntt, '2026-03-25').working).toBe(true);
  });
});

describe('refusals', () => {
  it('refuses an unknown zone, hours without working time and malformed intervals', () => {
    expect(() => createCalendar({ timeZone: 'Asia/Nowhere', weeklyHours: nttHours })).toThrow(/time zone/);
    expect(() => createCalendar({ timeZone: WIB, weeklyHours: {} })).toThrow(/no working time/);
    expect(() => createCalendar({ timeZone: WIB, weeklyHours: { mon: ['8:00-12:00'] } })).toThrow(/HH:MM/);
    expect(() => createCalendar({ timeZone: WIB, weeklyHours: { mon: ['13:00-16:00', '08:00-12:00'] } })).toThrow(/order/);
    expect(() => createCalendar({ timeZone: WIB, weeklyHours: nttHours, warningThreshold: 1.5 })).toThrow(/warningThreshold/);
  });
  it('refuses a zero or reversed limit and a pause that ends before it starts', () => {
    expect(() => computeDue(ntt, { start: 0, limit: min(0) })).toThrow(/limit/);
    expect(() => computeDue(ntt, { start: 0, limit: { unit: 'hours', min: 5, max: 3 } })).toThrow(/limit/);
    expect(() => computeDue(ntt, { start: at('2026-03-02T08:00'), limit: min(5), pauses: [{ from: at('2026-03-02T09:00'), to: at('2026-03-02T08:30') }] })).toThrow(/ends before/);
  });
});

describe('explain', () => {
  it('lists the day of receipt, each working day counted, and the days skipped with their names', () => {
    const { days } = explainDue(ntt, { start: at('2026-03-13T15:30'), limit: wd(3) });
    const summary = days.map((d) => `${d.date} ${d.kind}${d.ordinal === undefined ? '' : ` #${d.ordinal}`}`);
    expect(summary).toEqual([
      '2026-03-13 working #0',
      '2026-03-14 closed',
      '2026-03-15 closed',
      '2026-03-16 working #1',
      '2026-03-17 working #2',
      '2026-03-18 non_working',
      '2026-03-19 non_working',
      '2026-03-20 non_working',
      '2026-03-21 non_working',
      '2026-03-22 non_working',
      '2026-03-23 non_working',
      '2026-03-24 non_working',
      '2026-03-25 working #3',
    ]);
    expect(days[0]!.countedMs).toBe(30 * 60_000);
    expect(days[6]!.name).toBe('Hari Suci Nyepi Tahun Baru Saka 1948');
    expect(days[7]!.name).toBe('Cuti bersama Idul Fitri');
  });
});

describe('zones with daylight saving (not Indonesian, but the arithmetic must hold)', () => {
  const berlin = createCalendar({ timeZone: 'Europe/Berlin', weeklyHours: { fri: ['08:00-16:00'], mon: ['08:00-16:00'] } });
  it('places opening hours by the offset of each day across a change', () => {
    // Summer time starts on Sunday 29 March 2026.
    expect(iso(deadlineFor(berlin, Date.parse('2026-03-27T14:00:00Z'), 'hours', 2), 'Europe/Berlin')).toBe('2026-03-30T09:00:00+02:00');
    expect(openTimeBetween(berlin, Date.parse('2026-03-27T00:00:00Z'), Date.parse('2026-03-31T00:00:00Z'))).toBe(16 * 3_600_000);
  });
  it('pushes a wall time inside the gap forward', () => {
    expect(formatInstant('Europe/Berlin', parseDateTime('Europe/Berlin', '2026-03-29T02:30')!)).toBe('2026-03-29T03:30:00+02:00');
  });
});
