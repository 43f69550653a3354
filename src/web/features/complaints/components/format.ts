import type { FieldProblem } from '../../../../shared/validation.js';
import { ApiError } from '../../../lib/api.js';

// Kept apart so it can be tested without the API client (which needs a browser).
export { formatAt } from './format-time.js';

/** The server's message for each field it named, for the form to show beside the field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details as FieldProblem[]) if (d.field && !out[d.field]) out[d.field] = d.message;
  return out;
}
