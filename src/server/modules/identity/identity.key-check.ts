import type { Executor } from '../../db/client.js';
import { decryptSecret } from '../../lib/secrets.js';
import { createIdentityRepo } from './identity.repo.js';

/** EX_CONFIG of sysexits.h: the configuration (here, the key) is wrong. */
export const wrongSecretKeyExitCode = 78;

export class WrongSecretKeyError extends Error {
  readonly exitCode = wrongSecretKeyExitCode;
  constructor(where: string) {
    super(
      `Kunci rahasia (${where}) tidak dapat membuka data yang tersimpan: rahasia TOTP di basis data dienkripsi dengan kunci lain. ` +
        'Pulihkan secret.key dari cadangan ke direktori data, atau setel SIGAP_SECRET_KEY ke kunci yang dipakai saat data dibuat. Sigap tidak dijalankan.\n' +
        `The secret key (${where}) cannot open the stored data: the TOTP secrets in the database were encrypted under another key. ` +
        'Restore secret.key from the backup into the data directory, or set SIGAP_SECRET_KEY to the key the data was made with. Sigap not started.',
    );
    this.name = 'WrongSecretKeyError';
  }
}

/**
 * Refuses a key that cannot open what the database holds. A fresh data directory beside an
 * existing database (a moved install, a second host without SIGAP_SECRET_KEY) makes a new key
 * silently; every officer would then fail at the second factor. One stored TOTP secret is enough
 * to tell: it opens under the right key and under no other (AES-GCM checks its tag).
 */
export async function assertKeyOpensData(options: { db: Executor; secretKey: Buffer; where: string }): Promise<void> {
  const sealed = await createIdentityRepo(options.db).anyTotpSecret();
  if (sealed === undefined) return;
  try {
    decryptSecret(sealed, options.secretKey);
  } catch {
    throw new WrongSecretKeyError(options.where);
  }
}
