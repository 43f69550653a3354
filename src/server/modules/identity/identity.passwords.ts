import argon2 from 'argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1) raised in memory: slow for an attacker with the
// hashes, still well under 100 ms on the laptop Sigap must run on.
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Spent on unknown accounts so that a sign-in takes as long whether or not the e-mail exists. */
let decoy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  decoy ??= hashPassword('decoy-password-for-timing');
  await verifyPassword(await decoy, password);
}
