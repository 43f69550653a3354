import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IdentityOptions } from '../../app.js';
import type { Config } from '../../config.js';
import { createMailer } from '../../lib/mailer.js';

/**
 * The key that encrypts TOTP secrets: SIGAP_SECRET_KEY, or else a key file made once in the data
 * directory (a laptop install). Several processes on several hosts must share SIGAP_SECRET_KEY.
 */
export function loadSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): Buffer {
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

export function identityOptionsFromConfig(config: Config): IdentityOptions {
  return {
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dropDir: path.join(config.dataDir, 'mail') }),
    secretKey: loadSecretKey(config),
    publicUrl: config.publicUrl,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
  };
}
