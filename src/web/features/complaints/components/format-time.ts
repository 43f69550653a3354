/**
 * A moment in the agency's own time zone (WIB/WITA/WIT), as its officers and the public read it.
 * Spelled out field by field: Intl refuses `timeZoneName` beside `dateStyle`/`timeStyle` (a
 * TypeError that took down every page showing a due time), and the zone's name is what tells a
 * complainant in another province which clock the deadline runs on.
 */
export function formatAt(iso: string | null | undefined, lang: string, timeZone: string): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
