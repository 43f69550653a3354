/**
 * Reading non-working dates from an iCalendar (.ics) file, e.g. a holiday calendar exported from
 * another system. Whole-day events become dates (a multi-day event, every date it covers);
 * recurring events are expanded up to a given year; timed events are reported and skipped,
 * because a holiday is a whole local date.
 */
import ICAL from 'ical.js';
import { dateOfEpochDay, epochDayOf } from './time-zone.js';

export interface IcsDate {
  date: string;
  name: string;
  /** The event's UID, for the source column. */
  uid: string | undefined;
}

export interface IcsReadResult {
  dates: IcsDate[];
  /** Events not taken, with why, for the administrator to see. */
  skipped: { name: string; reason: 'timed_event' | 'no_start' }[];
}

/** Thrown for a file that is not iCalendar at all. */
export class IcsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsFormatError';
  }
}

const maxDatesPerEvent = 366;

function dateOf(time: ICAL.Time): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/**
 * The whole-day events of an .ics text. Whatever ical.js cannot make sense of (a blank file, a
 * calendar that is not one, a broken recurrence) is an IcsFormatError, the uploader's 400.
 */
export function readIcs(text: string, options: { untilYear: number }): IcsReadResult {
  try {
    return readIcsText(text, options);
  } catch (error) {
    if (error instanceof IcsFormatError) throw error;
    throw new IcsFormatError(error instanceof Error ? error.message : String(error));
  }
}

function readIcsText(text: string, options: { untilYear: number }): IcsReadResult {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown as [string, unknown[], unknown[]]);
  } catch (error) {
    throw new IcsFormatError(error instanceof Error ? error.message : String(error));
  }
  if (root.name !== 'vcalendar') throw new IcsFormatError(`expected a VCALENDAR, found ${root.name ? root.name.toUpperCase() : 'nothing'}`);

  const dates: IcsDate[] = [];
  const skipped: IcsReadResult['skipped'] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const name = (event.summary ?? '').trim() || '(tanpa nama)';
    if (!event.startDate) {
      skipped.push({ name, reason: 'no_start' });
      continue;
    }
    if (!event.startDate.isDate) {
      skipped.push({ name, reason: 'timed_event' });
      continue;
    }
    const uid = event.uid || undefined;
    // DTEND of a whole-day event is exclusive; without one, the event is its start date.
    const span = event.endDate ? Math.max(1, epochDayOf(dateOf(event.endDate)) - epochDayOf(dateOf(event.startDate))) : 1;
    const push = (start: ICAL.Time) => {
      const first = epochDayOf(dateOf(start));
      for (let d = 0; d < Math.min(span, maxDatesPerEvent); d++) dates.push({ date: dateOfEpochDay(first + d), name, uid });
    };
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next && next.year <= options.untilYear; next = iterator.next()) push(next);
    } else {
      push(event.startDate);
    }
  }
  // One entry per date: the first event of a date names it.
  const seen = new Set<string>();
  const unique = dates
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .filter((d) => (seen.has(d.date) ? false : (seen.add(d.date), true)));
  return { dates: unique, skipped };
}
