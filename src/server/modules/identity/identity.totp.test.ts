import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCodeAt, totpUri } from './identity.totp.js';

const secret = newTotpSecret();
const t0 = new Date('2026-03-02T01:00:10Z');

describe('TOTP', () => {
  it('accepts the current code and returns its step', async () => {
    const step = await checkTotp({ secret, code: await totpCodeAt(secret, t0), at: t0, lastUsedStep: null });
    expect(step).toBe(Math.floor(t0.getTime() / 30_000));
  });

  it('accepts the code of the previous step (phone clock behind) but not two steps back', async () => {
    const prev = await totpCodeAt(secret, new Date(t0.getTime() - 30_000));
    const old = await totpCodeAt(secret, new Date(t0.getTime() - 60_000));
    expect(await checkTotp({ secret, code: prev, at: t0, lastUsedStep: null })).not.toBeNull();
    expect(await checkTotp({ secret, code: old, at: t0, lastUsedStep: null })).toBeNull();
  });

  it('refuses a code whose step was already used (replay within the window)', async () => {
    const code = await totpCodeAt(secret, t0);
    const step = await checkTotp({ secret, code, at: t0, lastUsedStep: null });
    expect(await checkTotp({ secret, code, at: new Date(t0.getTime() + 5_000), lastUsedStep: step })).toBeNull();
  });

  it('refuses a wrong code', async () => {
    const code = await totpCodeAt(secret, t0);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(await checkTotp({ secret, code: wrong, at: t0, lastUsedStep: null })).toBeNull();
  });

  it('builds an otpauth URI naming the issuer and account', () => {
    expect(totpUri({ secret, account: 'budi@ntt.go.id', issuer: 'Sigap' })).toMatch(/^otpauth:\/\/totp\/Sigap:budi%40ntt\.go\.id\?.*secret=/);
  });
});
