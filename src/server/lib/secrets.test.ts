import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, deriveKey, encryptSecret, hashToken, randomToken, safeEqual, signToken } from './secrets.js';

describe('secrets', () => {
  it('makes tokens of 32 random bytes in base64url, never the same twice', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it('hashes in base64url by default and in hex for the hex columns, both SHA-256', () => {
    const sha = createHash('sha256').update('abc').digest();
    expect(hashToken('abc')).toBe(sha.toString('base64url'));
    expect(hashToken('abc', 'hex')).toBe(sha.toString('hex'));
  });

  it('signs with a key derived per purpose: another purpose, key or message gives another token', () => {
    const deployment = randomBytes(32);
    const key = deriveKey(deployment, 'purpose a');
    expect(key).toHaveLength(32);
    expect(deriveKey(deployment, 'purpose a')).toEqual(key);
    const token = signToken(key, 'message');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signToken(key, 'message')).toBe(token);
    expect(signToken(deriveKey(deployment, 'purpose b'), 'message')).not.toBe(token);
    expect(signToken(deriveKey(randomBytes(32), 'purpose a'), 'message')).not.toBe(token);
    expect(signToken(key, 'messagf')).not.toBe(token);
  });

  it('compares equal strings as equal and any difference, length included, as unequal', () => {
    expect(safeEqual('same', 'same')).toBe(true);
    expect(safeEqual('same', 'samE')).toBe(false);
    expect(safeEqual('same', 'same ')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('decrypts what it encrypted, and refuses a tampered or foreign ciphertext', () => {
    const key = randomBytes(32);
    const sealed = encryptSecret('JBSWY3DPEHPK3PXP', key);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(decryptSecret(sealed, key)).toBe('JBSWY3DPEHPK3PXP');
    expect(encryptSecret('JBSWY3DPEHPK3PXP', key)).not.toBe(sealed);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => decryptSecret([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow();
    expect(() => decryptSecret('v2.a.b.c', key)).toThrow('unknown secret format');
  });
});
