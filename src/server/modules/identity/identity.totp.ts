import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** RFC 6238 defaults that every authenticator app understands: SHA-1, 6 digits, 30 s. */
const period = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(options: { secret: string; account: string; issuer: string }): string {
  return generateURI({ issuer: options.issuer, label: options.account, secret: options.secret, period });
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/**
 * Checks a code against the current step and one step either side (clock drift of a phone), and
 * refuses any step at or before `lastUsedStep`: a code, once accepted, cannot be replayed within
 * its window. Returns the step that matched.
 */
export async function checkTotp(options: { secret: string; code: string; at: Date; lastUsedStep: number | null }): Promise<number | null> {
  const result = await verify({
    secret: options.secret,
    token: options.code,
    epoch: Math.floor(options.at.getTime() / 1000),
    period,
    epochTolerance: period,
    ...(options.lastUsedStep !== null ? { afterTimeStep: options.lastUsedStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** For tests and the CLI: the code an authenticator shows at `at`. */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period });
}
