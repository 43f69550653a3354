import { z } from 'zod';
import { agencyCode } from './agencies.js';
import { email, personName } from './identity.js';

/**
 * The first-run setup: while no one can administer Sigap, `serve` prints a link to /setup with a
 * token only the deployment's key can make; the page names the first administrator of a unit.
 */
export const setupToken = z.strictObject({ token: z.string().min(1).max(200) });

export const setupState = z.object({
  /** True while no administrator exists and the token is this deployment's. */
  open: z.literal(true),
});

export const setupBody = setupToken.extend({
  agency: agencyCode,
  email,
  name: personName,
});
export type SetupBody = z.infer<typeof setupBody>;

export const setupResult = z.object({
  /** `invitation`: open `path` to set the password and enrol TOTP; `sign-in`: the person has an account and accepts the role after signing in. */
  next: z.enum(['invitation', 'sign-in']),
  path: z.string(),
});
export type SetupResult = z.infer<typeof setupResult>;
