import { ApiError } from './api.js';

/** What an API error says about a form: a message for the whole form and one per named field. */
export interface FormProblems {
  message: string | null;
  fields: Record<string, string>;
  lockedUntil: Date | null;
}

export const noProblems: FormProblems = { message: null, fields: {}, lockedUntil: null };

/**
 * Splits an API error into per-field messages (the API names field and rule; the message is
 * already in the reader's language; two problems with one field are both said) and the message
 * for the form. `rename` maps the API's field names to the form's (the password policy names its
 * field `password` on every route).
 */
export function problemsOf(error: unknown, rename: Record<string, string> = {}): FormProblems {
  if (!error) return noProblems;
  if (!(error instanceof ApiError)) return { message: error instanceof Error ? error.message : String(error), fields: {}, lockedUntil: null };
  const fields: Record<string, string> = {};
  let lockedUntil: Date | null = null;
  for (const d of error.details) {
    if (d.rule === 'locked_until') {
      const at = new Date(d.message);
      if (!Number.isNaN(at.getTime())) lockedUntil = at;
      continue;
    }
    if (!d.field) continue;
    const field = rename[d.field] ?? d.field;
    fields[field] = fields[field] ? `${fields[field]}; ${d.message}` : d.message;
  }
  return { message: error.message, fields, lockedUntil };
}

/** The server's message for each field it named, for the form to show beside the field. */
export function fieldErrors(error: unknown): Record<string, string> {
  return problemsOf(error).fields;
}
