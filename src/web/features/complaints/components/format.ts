import type { FieldProblem } from '../../../../shared/validation.js';
import { ApiError } from '../../../lib/api.js';

/** A moment in the agency's own time zone (WIB/WITA/WIT), as its officers and the public read it. */
export function formatAt(iso: string | null | undefined, lang: string, timeZone: string): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** The server's message for each field it named, for the form to show beside the field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details as FieldProblem[]) if (d.field && !out[d.field]) out[d.field] = d.message;
  return out;
}
