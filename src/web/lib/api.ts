import type { FieldProblem } from '../../shared/validation.js';
import { i18n } from '../i18n/index.js';
import { ApiError } from './api-error.js';

export { ApiError } from './api-error.js';

const csrfCookie = 'sigap_csrf';
const csrfHeader = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** fetch for the Sigap API: JSON both ways, the user's language, the CSRF token on writes, errors as ApiError. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  headers.set('accept-language', i18n.language);
  // A FormData body sets its own multipart content type with the boundary.
  if (init.body && !(init.body instanceof FormData) && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const method = (init.method ?? 'GET').toUpperCase();
  if (!safeMethods.has(method)) {
    // The server accepts a cookie-authenticated write only with the CSRF cookie echoed back.
    const csrf = readCookie(csrfCookie);
    if (csrf && !headers.has(csrfHeader)) headers.set(csrfHeader, csrf);
  }
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
