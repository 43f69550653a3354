import type { FieldProblem } from '../../shared/validation.js';

/** An error answer from the API, with the fields and rules it named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[],
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Whether a failed query is worth one more try: a lost connection or a server error may pass,
 * an answer of 4xx (not found, not allowed, bad input) will not, so the page says so at once
 * instead of spinning for seconds on an agency code that does not exist.
 */
export function retryOnce(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 1;
}
