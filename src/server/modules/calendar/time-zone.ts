/**
 * Time-zone arithmetic for the calendar, on epoch milliseconds. Intl is only used here, and only
 * while a calendar is compiled or a value is parsed or printed: the hot paths work on
 * precomputed UTC instants. Nothing here reads the system clock or the process time zone.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (Asia/Makassar: +8 h). */
export function offsetAt(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  // formatToParts drops milliseconds; compare at whole seconds.
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Per zone and UTC year: the offset at the year's start and every change within it. */
interface ZoneYear {
  offsets: number[];
  /** transitions[i] is the first instant with offsets[i + 1]. */
  transitions: number[];
}
const zoneYears = new Map<string, Map<number, ZoneYear>>();
const WEEK = 7 * MS_PER_DAY;

function zoneYear(timeZone: string, year: number): ZoneYear {
  let years = zoneYears.get(timeZone);
  if (!years) {
    years = new Map();
    zoneYears.set(timeZone, years);
  }
  let zy = years.get(year);
  if (zy) return zy;
  // Sample weekly and bisect where the offset changes: no zone changes offset twice in a week.
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  zy = { offsets: [offsetAt(timeZone, start)], transitions: [] };
  let prevT = start;
  let prevO = zy.offsets[0]!;
  for (let t = Math.min(start + WEEK, end - 1); ; t = Math.min(t + WEEK, end - 1)) {
    const o = offsetAt(timeZone, t);
    if (o !== prevO) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(timeZone, mid) === prevO) lo = mid;
        else hi = mid;
      }
      zy.transitions.push(hi);
      zy.offsets.push(o);
    }
    prevT = t;
    prevO = o;
    if (t >= end - 1) break;
  }
  years.set(year, zy);
  return zy;
}

/**
 * The zone's offset at an instant, from a per-zone table of its transitions built with Intl
 * once per year: compiling a calendar makes thousands of these calls.
 */
export function zoneOffset(timeZone: string, instant: number): number {
  const zy = zoneYear(timeZone, new Date(instant).getUTCFullYear());
  let i = 0;
  while (i < zy.transitions.length && instant >= zy.transitions[i]!) i++;
  return zy.offsets[i]!;
}

/**
 * The instant of a local wall time. `localMs` is the wall time written as if it were UTC.
 * In a DST gap the later offset wins (the wall time does not exist, so it is pushed forward);
 * in an overlap the earlier instant wins. Indonesia has neither, but the code stays correct.
 */
export function localToInstant(timeZone: string, localMs: number): number {
  const o1 = zoneOffset(timeZone, localMs);
  const guess = localMs - o1;
  const o2 = zoneOffset(timeZone, guess);
  if (o1 === o2) return guess;
  const other = localMs - o2;
  return zoneOffset(timeZone, other) === o2 ? Math.min(guess, other) : Math.max(guess, other);
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
export function epochDayOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  if (dateOfEpochDay(day) !== date) throw new RangeError(`not a date: ${date}`);
  return day;
}

/** "YYYY-MM-DD" of a day number. */
export function dateOfEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(value: string): boolean {
  try {
    epochDayOf(value);
    return true;
  } catch {
    return false;
  }
}

/** The local wall time of an instant, written as if it were UTC (ms). */
export function instantToLocal(timeZone: string, instant: number): number {
  return instant + zoneOffset(timeZone, instant);
}

/** "YYYY-MM-DD" of an instant in a zone. */
export function localDateOf(timeZone: string, instant: number): string {
  return dateOfEpochDay(Math.floor(instantToLocal(timeZone, instant) / MS_PER_DAY));
}

/** ISO 8601 with the zone's offset, e.g. 2026-03-25T16:00:00+08:00 (milliseconds only when not zero). */
export function formatInstant(timeZone: string, instant: number): string {
  const offset = zoneOffset(timeZone, instant);
  const local = new Date(instant + offset).toISOString();
  const body = local.endsWith('.000Z') ? local.slice(0, 19) : local.slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / MS_PER_MINUTE;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${body}${sign}${hh}:${mm}`;
}

/** "HH:MM" of an instant in a zone. */
export function formatLocalTime(timeZone: string, instant: number): string {
  return new Date(instantToLocal(timeZone, instant)).toISOString().slice(11, 16);
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;
const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a date-time. With an explicit offset or Z it is an instant; without one it is a wall
 * time in `timeZone` ("2026-03-13T15:30", or a date alone, meaning its midnight).
 * Returns undefined when the text is not a valid date-time.
 */
export function parseDateTime(timeZone: string, text: string): number | undefined {
  const trimmed = text.trim();
  if (withOffset.test(trimmed)) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return undefined;
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = localDateTime.exec(trimmed);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0'] = m;
  if (!isIsoDate(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
  return localToInstant(timeZone, local);
}

/** WIB, WITA or WIT after a local time, as Indonesians write it. */
export function zoneAbbreviation(timeZone: string): string {
  if (timeZone === 'Asia/Makassar') return 'WITA';
  if (timeZone === 'Asia/Jayapura') return 'WIT';
  if (timeZone === 'Asia/Jakarta' || timeZone === 'Asia/Pontianak') return 'WIB';
  return timeZone;
}
