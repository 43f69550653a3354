import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createTestDatabase } from '../../test/database.js';
import { createFactories, recordingMailer } from '../../test/factories.js';
import { assertKeyOpensData, WrongSecretKeyError } from './identity.key-check.js';

/** Issue #19, finding 10: a fresh key beside an existing database locked every officer out with 500s. */
describe('serve refuses a secret key that cannot open the stored data', () => {
  let t: TestApp;
  const key = randomBytes(32);

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { mailer, secretKey: key } });
    const f = createFactories({ services: t.services, mails: mailer.sent });
    await f.agency({ code: 'kunci-prov', roles: [{ code: 'admin', permissions: ['users.view', 'users.manage'] }] });
    await f.officer({ agency: 'kunci-prov', roles: ['admin'] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts the key the TOTP secrets were made with, and refuses another, saying what to restore', async () => {
    await expect(assertKeyOpensData({ db: t.database.db, secretKey: key, where: '/srv/sigap/secret.key' })).resolves.toBeUndefined();
    const refused = await assertKeyOpensData({ db: t.database.db, secretKey: randomBytes(32), where: '/srv/sigap/secret.key' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WrongSecretKeyError);
    expect((refused as WrongSecretKeyError).exitCode).toBe(78);
    expect((refused as Error).message).toContain('Restore secret.key from the backup into the data directory, or set SIGAP_SECRET_KEY');
    expect((refused as Error).message).toContain('Pulihkan secret.key dari cadangan');
  });

  it('accepts any key on a database without TOTP secrets (a new install)', async () => {
    const fresh = await createTestDatabase();
    try {
      await expect(assertKeyOpensData({ db: fresh.db, secretKey: randomBytes(32), where: 'SIGAP_SECRET_KEY' })).resolves.toBeUndefined();
    } finally {
      await fresh.destroy();
    }
  });
});
