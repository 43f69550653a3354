/**
 * Dates, times and numbers as Sigap's readers write them, in their language. Times of a request
 * or a complaint are read on the agency's own clock (WIB/WITA/WIT), whatever zone the browser is
 * in; only the person's own things (sessions, tokens, the audit trail) use the browser's zone.
 * Pure (Intl only), so unit tests check every zone without a browser.
 */

/** The Intl locale of a Sigap language: British English (day before month), else Indonesian. */
export function localeOf(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'id-ID';
}

/** Fields of an instant as Intl gives them, by part type. */
function partsOf(format: Intl.DateTimeFormat, instant: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}

/**
 * A moment in the agency's own time zone with the zone's name: "22 Jan 2027, 16.30 WITA".
 * Spelled out field by field: Intl refuses `timeZoneName` beside `dateStyle`/`timeStyle` (a
 * TypeError that took down every page showing a due time), and the zone's name is what tells a
 * reader in another province which clock the deadline runs on.
 */
export function formatAt(iso: string | null | undefined, lang: string, timeZone: string): string {
  return iso ? formatInstant(iso, lang, { zone: true, timeZone }) : '–';
}

/**
 * An instant in the reader's language and the browser's time zone (their own sessions, tokens,
 * lockout); with `zone`, the zone's name follows ("2 Mar 2026, 09.05 WITA"), as the audit trail shows it.
 */
export function formatInstant(instant: string | Date, lang: string, options: { zone?: boolean; timeZone?: string } = {}): string {
  if (options.zone) {
    return new Intl.DateTimeFormat(localeOf(lang), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    }).format(new Date(instant));
  }
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/** Local date-time of the agency at an instant, as a datetime-local input wants it: "2026-03-13T15:30". */
export function localDateTime(timeZone: string, instant: number): string {
  const parts = partsOf(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    new Date(instant),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** "2026-03" of an instant in the agency's zone. */
export function localMonth(timeZone: string, instant: number): string {
  return localDateTime(timeZone, instant).slice(0, 7);
}

/**
 * The parts of a deadline in the agency's zone: "Rabu, 25 Maret 2026" and "16.00" in Indonesian,
 * "Wednesday, 25 March 2026" and "16:00" in English. `iso` carries its own offset.
 */
export function deadlineParts(iso: string, timeZone: string, lang: string): { date: string; time: string } {
  const instant = new Date(iso);
  return { date: longDate(instant, timeZone, lang), time: clockTime(instant, timeZone, lang) };
}

function longDate(instant: Date, timeZone: string, lang: string): string {
  const parts = partsOf(new Intl.DateTimeFormat(localeOf(lang), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }), instant);
  return `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year}`;
}

function clockTime(instant: Date, timeZone: string, lang: string): string {
  const parts = partsOf(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), instant);
  // Indonesian writes 16.00 (PUEBI); English 16:00.
  return `${parts.hour}${lang === 'en' ? ':' : '.'}${parts.minute}`;
}

/** A local date "2026-03-19" in words: "Kamis, 19 Maret 2026". Dates are whole days: UTC noon avoids any zone shift. */
export function formatLocalDate(date: string, lang: string, options: { weekday?: boolean } = {}): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (options.weekday === false) {
    return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
  }
  return longDate(instant, 'UTC', lang);
}

/** "Maret 2026" / "March 2026" of "2026-03". */
export function formatMonth(month: string, lang: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** The name of a month, 1 to 12: "Maret" / "March". */
export function monthName(month: number, lang: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', month: 'long' }).format(new Date(Date.UTC(2000, month - 1, 15, 12)));
}

/** Weekday names, Monday first: "Sen".."Min" / "Mon".."Sun", or in full. */
export function weekdayNames(lang: string, width: 'short' | 'long' = 'short'): string[] {
  // 2026-03-02 is a Monday.
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', weekday: width }).format(new Date(Date.UTC(2026, 2, 2 + i, 12))),
  );
}

/** A number with exactly `digits` decimals ("88,12" / "88.12"); a dash for none. */
export function formatDecimal(value: number | null, digits: number, lang: string): string {
  return value === null ? '–' : value.toLocaleString(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A number as the reader writes it, decimals as they come: "66,7" / "66.7". */
export function formatNumber(value: number, lang: string): string {
  return value.toLocaleString(localeOf(lang));
}

/** Rupiah as the documents print it: "Rp 150.000". */
export function formatRupiah(amount: number, lang: string): string {
  return `Rp ${formatNumber(amount, lang)}`;
}

/**
 * A deadline as a reader plans by it, day first and with the agency's zone:
 * "Kamis, 10 Desember 2026, 16.00 WITA" / "Thursday, 10 December 2026, 16:00 WITA".
 */
export function formatDeadline(iso: string, lang: string, timeZone: string): string {
  const { date, time } = deadlineParts(iso, timeZone, lang);
  const zone = partsOf(new Intl.DateTimeFormat('id-ID', { timeZone, timeZoneName: 'short' }), new Date(iso)).timeZoneName ?? '';
  return `${date}, ${time} ${zone}`.trimEnd();
}

/**
 * Time left on a clock, split for reading. Business units (minutes, hours, working days) count
 * only the unit's open hours, so their time is given in working hours and minutes (a working day's
 * length differs by weekday: "1 hari 6 jam" of 30 open hours would read as "tomorrow evening");
 * calendar days count wall time in days, hours and minutes.
 */
export function remainingParts(
  minutes: number,
  unit: 'minutes' | 'hours' | 'working_days' | 'calendar_days',
): { late: boolean; working: boolean; days: number; hours: number; minutes: number } {
  const abs = Math.abs(Math.round(minutes));
  const working = unit !== 'calendar_days';
  const days = working ? 0 : Math.floor(abs / (60 * 24));
  return { late: minutes < 0, working, days, hours: Math.floor((abs - days * 60 * 24) / 60), minutes: abs % 60 };
}
