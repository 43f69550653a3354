/**
 * A first draft of a year's national holidays from the `date-holidays` package, for a year the
 * joint decree has not been entered for yet. Its Indonesian data is wrong in known ways (see
 * docs/time-limits.md): it has no cuti bersama at all, and its Islamic holidays follow a computed
 * Hijri calendar that can be a day off the government's (Idul Fitri 2025 and 2026). So every
 * pre-filled date is unconfirmed, and the notes returned with it say what to check.
 */
import type { Localized } from '../../../shared/i18n/languages.js';

export interface PrefilledDate {
  date: string;
  kind: 'holiday';
  name: string;
  /** The package's rule, e.g. "1 Shawwal", "easter -2", "08-17". */
  rule: string;
  /** Counted on the Hijri calendar: may be a day early or late against the decree. */
  islamic: boolean;
}

export interface PrefillDraft {
  year: number;
  /** `date-holidays@<version>`, for the source column. */
  source: string;
  dates: PrefilledDate[];
  /** What the administrator must check against the decree, in both languages. */
  notes: Localized[];
}

const hijriMonths = /\b(Muharram|Safar|Rabi|Jumada|Rajab|Shaban|Sha'ban|Ramadan|Shawwal|Dhu al-Qidah|Dhu al-Hijjah)\b/i;

/**
 * The package names the Isra Mikraj (27 Rajab) "Maulid Nabi Muhammad" in Indonesian, the same as
 * the Prophet's birthday; the decree's names are kept where the package's are wrong.
 */
const namesByRule: Record<string, string> = {
  '27 Rajab': 'Isra Mikraj Nabi Muhammad SAW',
  '12 Rabi al-awwal': 'Maulid Nabi Muhammad SAW',
};

export function isIslamicRule(rule: string): boolean {
  return hijriMonths.test(rule);
}

/** The minimal face of a `date-holidays` instance, so tests can give their own. */
export interface HolidaySource {
  version: string;
  holidays(year: number): { date: string; name: string; type: string; rule: string }[];
}

/** `date-holidays` for Indonesia, loaded on first use: its data for every country is large. */
export async function loadDateHolidays(): Promise<HolidaySource> {
  const [{ default: Holidays }, { createRequire }] = await Promise.all([import('date-holidays'), import('node:module')]);
  const { version } = createRequire(import.meta.url)('date-holidays/package.json') as { version: string };
  // The zone changes only `start`/`end`; `date` is the local date whichever zone is given.
  const hd = new Holidays('ID', { languages: ['id'], timezone: 'Asia/Jakarta', types: ['public'] });
  return { version, holidays: (year) => hd.getHolidays(year, 'id') };
}

export function draftNationalYear(source: HolidaySource, year: number): PrefillDraft {
  const byDate = new Map<string, PrefilledDate>();
  for (const h of source.holidays(year)) {
    if (h.type !== 'public') continue;
    // "2026-03-20 00:00:00 -0600": the local date comes first; the offset only marks a Hijri
    // holiday that begins at sunset the evening before, which is not how offices close.
    const date = h.date.slice(0, 10);
    if (!date.startsWith(`${year}-`)) continue;
    const name = namesByRule[h.rule] ?? h.name;
    const islamic = isIslamicRule(h.rule);
    const same = byDate.get(date);
    if (same) {
      // Two holidays on one date (Natal and Isra Mikraj on 25 December 2027): one row, both names.
      if (!same.name.includes(name)) same.name = `${same.name}; ${name}`;
      same.islamic ||= islamic;
      same.rule = `${same.rule}; ${h.rule}`;
      continue;
    }
    byDate.set(date, { date, kind: 'holiday', name, rule: h.rule, islamic });
  }
  const dates = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const islamicDates = dates.filter((d) => d.islamic).map((d) => d.date);
  const notes: Localized[] = [
    {
      id: `Draf dari paket date-holidays ${source.version}: semua tanggal BELUM DIKONFIRMASI dan tetap dihitung sebagai hari libur sampai dicocokkan dengan SKB tiga menteri tentang hari libur nasional dan cuti bersama ${year}.`,
      en: `Draft from the date-holidays package ${source.version}: every date is UNCONFIRMED and still counted as a holiday until checked against the ${year} joint decree of the three ministers on national holidays and cuti bersama.`,
    },
    {
      id: 'Cuti bersama TIDAK ADA dalam paket ini: tambahkan sendiri dari SKB tiga menteri.',
      en: 'Cuti bersama are MISSING from this package: add them from the joint decree.',
    },
    {
      id: `Hari besar Islam dihitung dengan kalender Hijriah hisab dan bisa meleset satu hari dari keputusan pemerintah (Idul Fitri 2025 dan 2026 meleset): periksa ${islamicDates.join(', ') || '-'}.`,
      en: `Islamic holidays follow a computed Hijri calendar and may be a day off the government's dates (Idul Fitri 2025 and 2026 were): check ${islamicDates.join(', ') || '-'}.`,
    },
  ];
  return { year, source: `date-holidays@${source.version}`, dates, notes };
}
