/**
 * Time limits as a standard writes them ("30–60 menit", "3 hari kerja", "tender 30 hari
 * kalender") and as the calendar counts them. Pure, dependency-free.
 */

export const limitUnits = ['minutes', 'hours', 'working_days', 'calendar_days'] as const;
export type LimitUnit = (typeof limitUnits)[number];

/**
 * A limit, or a range of one. `max` is the promise (the deadline); `min`, when the standard
 * gives a range, is shown as the expected time.
 */
export interface TimeLimit {
  unit: LimitUnit;
  max: number;
  min?: number | undefined;
}

/** Limits above these are typos, not promises; they also bound how far the calendar compiles. */
export const limitMaximum: Record<LimitUnit, number> = {
  minutes: 60 * 24 * 366,
  hours: 24 * 366,
  working_days: 1000,
  calendar_days: 3660,
};

const unitWords: [RegExp, LimitUnit][] = [
  [/^(working[ _-]?days?|business[ _-]?days?|wd|hari[ _-]?kerja|hk)$/, 'working_days'],
  [/^(calendar[ _-]?days?|days?|cd|hari[ _-]?kalender|hari)$/, 'calendar_days'],
  [/^(minutes?|mins?|m|menit)$/, 'minutes'],
  [/^(hours?|hrs?|h|jam)$/, 'hours'],
];

/**
 * Reads "3 working days", "30-60 minutes", "30–60 menit", "5 hari kerja", "3 jam",
 * "30 hari kalender". A bare "hari"/"days" means calendar days, as it does in the decrees.
 * Returns undefined when the text is not a limit.
 */
export function parseLimit(text: string): TimeLimit | undefined {
  const m = /^\s*(\d+)(?:\s*(?:-|–|—|s\.?d\.?|to|sampai)\s*(\d+))?\s*(.+?)\s*$/i.exec(text);
  if (!m) return undefined;
  const word = m[3]!.toLowerCase().replace(/\s+/g, ' ');
  const unit = unitWords.find(([re]) => re.test(word))?.[1];
  if (!unit) return undefined;
  const first = Number(m[1]);
  const second = m[2] === undefined ? undefined : Number(m[2]);
  const limit: TimeLimit = second === undefined ? { unit, max: first } : { unit, min: first, max: second };
  return validateLimit(limit) ? undefined : limit;
}

/** Why a limit cannot be counted, or undefined when it can. */
export function validateLimit(limit: TimeLimit): string | undefined {
  const { unit, max, min } = limit;
  if (!limitUnits.includes(unit)) return `unknown unit ${String(unit)}`;
  if (!Number.isInteger(max) || max < 0) return 'max must be a whole number ≥ 0';
  if ((unit === 'minutes' || unit === 'hours') && max === 0) return 'a limit in minutes or hours must be > 0';
  if (max > limitMaximum[unit]) return `max must be ≤ ${limitMaximum[unit]}`;
  if (min !== undefined && (!Number.isInteger(min) || min < 0 || min > max)) return 'min must be a whole number between 0 and max';
  if (min === 0 && (unit === 'minutes' || unit === 'hours')) return 'a limit in minutes or hours must be > 0';
  return undefined;
}

const unitText: Record<LimitUnit, { id: string; en: [string, string] }> = {
  minutes: { id: 'menit', en: ['minute', 'minutes'] },
  hours: { id: 'jam', en: ['hour', 'hours'] },
  working_days: { id: 'hari kerja', en: ['working day', 'working days'] },
  calendar_days: { id: 'hari kalender', en: ['calendar day', 'calendar days'] },
};

/** "30–60 menit" / "30–60 minutes". */
export function formatLimit(limit: TimeLimit, lang: 'id' | 'en'): string {
  const n = limit.min === undefined || limit.min === limit.max ? `${limit.max}` : `${limit.min}–${limit.max}`;
  const words = unitText[limit.unit];
  return `${n} ${lang === 'id' ? words.id : words.en[limit.max === 1 && limit.min === undefined ? 0 : 1]}`;
}
