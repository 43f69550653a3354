import type { Me } from '../../shared/contracts/identity.js';

/** One agency of /api/me: what the person may do there and why. */
export type AgencyAccess = Me['agencies'][number];

/**
 * What a page or menu asks of /api/me. The server already lists every agency the person reaches
 * through an escalation tier, with the permissions it grants there; this only reads that list, so
 * the web never holds its own idea of the tier rule.
 */
export function accessIn(me: Pick<Me, 'agencies' | 'pending'> | null | undefined, agency: string): AgencyAccess | undefined {
  if (!me || me.pending !== null) return undefined;
  return me.agencies.find((a) => a.code === agency);
}

/** Whether the person holds at least one of `wanted` in the agency (one permission, or "any of" a list). */
export function holdsAny(me: Pick<Me, 'agencies' | 'pending'> | null | undefined, agency: string, wanted: string | readonly string[]): boolean {
  const held = accessIn(me, agency)?.permissions ?? [];
  return [wanted].flat().some((p) => held.includes(p));
}
