import { describe, expect, it } from 'vitest';
import { ApiError, retryOnce } from './api-error.js';

describe('retryOnce', () => {
  const answer = (status: number) => new ApiError(status, 'x', 'x', [], undefined);

  it('does not retry an answer the server meant (an agency that does not exist is "not found" at once)', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429]) expect(retryOnce(0, answer(status)), String(status)).toBe(false);
  });

  it('retries a server error or a lost connection once', () => {
    expect(retryOnce(0, answer(503))).toBe(true);
    expect(retryOnce(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(retryOnce(1, answer(503))).toBe(false);
    expect(retryOnce(1, new TypeError('Failed to fetch'))).toBe(false);
  });
});
