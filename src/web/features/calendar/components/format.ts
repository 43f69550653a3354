/**
 * Dates and times as the agency's own clock shows them. Pure (Intl only), so unit tests can
 * check every zone without a browser.
 */

/** Local date-time of the agency at an instant, as a datetime-local input wants it: "2026-03-13T15:30". */
export function localDateTime(timeZone: string, instant: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** "2026-03" of an instant in the agency's zone. */
export function localMonth(timeZone: string, instant: number): string {
  return localDateTime(timeZone, instant).slice(0, 7);
}

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'id-ID');

/**
 * The parts of a deadline in the agency's zone: "Rabu, 25 Maret 2026" and "16.00" in Indonesian,
 * "Wednesday, 25 March 2026" and "16:00" in English. `iso` carries its own offset.
 */
export function deadlineParts(iso: string, timeZone: string, lang: string): { date: string; time: string } {
  const instant = new Date(iso);
  return { date: longDate(instant, timeZone, lang), time: clockTime(instant, timeZone, lang) };
}

function longDate(instant: Date, timeZone: string, lang: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(locale(lang), { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year}`;
}

function clockTime(instant: Date, timeZone: string, lang: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  // Indonesian writes 16.00 (PUEBI); English 16:00.
  return `${parts.hour}${lang === 'en' ? ':' : '.'}${parts.minute}`;
}

/** A local date "2026-03-19" in words: "Kamis, 19 Maret 2026". Dates are whole days: UTC noon avoids any zone shift. */
export function formatLocalDate(date: string, lang: string, options: { weekday?: boolean } = {}): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (options.weekday === false) {
    return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(instant);
  }
  return longDate(instant, 'UTC', lang);
}

/** "Maret 2026" / "March 2026" of "2026-03". */
export function formatMonth(month: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** Short weekday names, Monday first: "Sen".."Min" / "Mon".."Sun". */
export function weekdayNames(lang: string, width: 'short' | 'long' = 'short'): string[] {
  // 2026-03-02 is a Monday.
  return Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', weekday: width }).format(new Date(Date.UTC(2026, 2, 2 + i, 12))),
  );
}
