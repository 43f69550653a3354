import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A random token for cookies, e-mailed links, API tokens and tracking secrets: 32 bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 of a high-entropy token, as stored. A fast hash is right here (unlike passwords):
 * the tokens are random, so there is nothing to guess. `hex` is for the columns that were
 * first written in hex (request and complaint tracking secrets); new columns take the default.
 */
export function hashToken(token: string, encoding: 'base64url' | 'hex' = 'base64url'): string {
  return createHash('sha256').update(token, 'utf8').digest(encoding);
}

/**
 * The one comparison of a secret (or of its hash) with what was given. Constant-time in the
 * content, so a caller cannot learn a stored hash byte by byte from response times; a length
 * mismatch returns at once, which leaks only the length (the same for every hash of one kind).
 */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A 32-byte key for one purpose, derived from the deployment's key (HKDF-SHA256): no two uses share a key. */
export function deriveKey(secretKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), Buffer.from(purpose), 32));
}

/**
 * HMAC-SHA256 of `message` in base64url: a link's token that only the holder of `key` can make,
 * checked by signing again and comparing with `safeEqual`. Nothing needs storing.
 */
export function signToken(key: Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('base64url');
}

/** AES-256-GCM with a random nonce; the output is `v1.<nonce>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(plain: string, key: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptSecret(sealed: string, key: Buffer): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== 'v1' || !nonce || !tag || body === undefined) throw new Error('unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * The deployment's secret key (TOTP secrets, and the key of confidential files derived from it):
 * SIGAP_SECRET_KEY, or else a key file made once in the data directory (a laptop install).
 * Several processes on several hosts must share SIGAP_SECRET_KEY.
 */
export function loadSecretKey(config: { secretKey: Buffer | undefined; dataDir: string }): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold 32 bytes in base64 / tidak berisi 32 byte base64`);
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
