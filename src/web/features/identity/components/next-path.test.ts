import { describe, expect, it } from 'vitest';
import { safeNext, tokenFromHash } from './next-path.js';

describe('safeNext', () => {
  it.each([
    ['/kelola/ntt-prov/staf', '/kelola/ntt-prov/staf'],
    ['/akun/sesi?x=1', '/akun/sesi?x=1'],
  ])('keeps a path of this site: %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/path', '/\\evil.example', 'javascript:alert(1)', 'akun'])(
    'sends anything else to the account page, never off the site: %s',
    (input) => {
      expect(safeNext(input)).toBe('/akun');
    },
  );
});

describe('tokenFromHash', () => {
  const token = 'Zk3pQ9xV7mN2bR5tY8wC1dF4';
  it('reads the token of an e-mailed link', () => {
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash(`#token=${encodeURIComponent(token)}&x=1`)).toBe(token);
  });
  it('gives null for a missing or truncated token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=short')).toBeNull();
  });
});
