import type { Localized } from '../../shared/i18n/languages.js';
import type { FieldProblem } from '../../shared/validation.js';

export const errorStatus = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * The one error type of the application. `message` is what the user reads, in both languages;
 * the error handler picks one from Accept-Language. `details` name fields and rules.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly localized: Localized,
    readonly details: FieldProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(localized.en, options);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export const notFound = (what: Localized): AppError => new AppError('not_found', what);
