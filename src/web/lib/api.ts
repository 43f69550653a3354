import type { FieldProblem } from '../../shared/validation.js';
import { i18n } from '../i18n/index.js';

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

/** fetch for the Sigap API: JSON both ways, the user's language, errors as ApiError. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  headers.set('accept-language', i18n.language);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  let body: { error?: { code?: string; message?: string; details?: FieldProblem[]; requestId?: string } } = {};
  try {
    body = await res.json();
  } catch {
    // A proxy's HTML error page: keep the status.
  }
  throw new ApiError(
    res.status,
    body.error?.code ?? 'http_error',
    body.error?.message ?? res.statusText,
    body.error?.details ?? [],
    body.error?.requestId,
  );
}
