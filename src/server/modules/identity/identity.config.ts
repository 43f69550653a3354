import { defaultIdentitySettings, type IdentitySettings } from './identity.service.js';

/** What the deployment (main.ts, from the Config) or a test chooses about identity beyond the defaults. */
export interface IdentityOptions {
  sessionIdleMinutes?: number | undefined;
  sessionMaxHours?: number | undefined;
}

/**
 * The identity service's settings: the defaults, what the options set, and what the deployment
 * shares with other modules (the public address for links in e-mails, the key that encrypts
 * TOTP secrets).
 */
export function identitySettings(options: IdentityOptions & { publicUrl: string; secretKey: Buffer }): IdentitySettings {
  return {
    ...defaultIdentitySettings,
    publicUrl: options.publicUrl,
    secretKey: options.secretKey,
    ...(options.sessionIdleMinutes ? { sessionIdleMs: options.sessionIdleMinutes * 60_000 } : {}),
    ...(options.sessionMaxHours ? { sessionMaxMs: options.sessionMaxHours * 3_600_000 } : {}),
  };
}
