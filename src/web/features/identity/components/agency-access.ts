import type { Me } from '../../../../shared/contracts/identity.js';

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

/** The tier agencies through which the person reaches this one, when they hold no role in it themselves. */
export function tierAgencies(access: AgencyAccess): string[] {
  if (access.sources.some((s) => s.via === 'direct')) return [];
  return [...new Set(access.sources.map((s) => s.agencyCode))];
}

/** Administration pages of an agency (`/kelola/:agency/<path>`) and the permissions that open them, any of. */
export const adminPages = [
  { key: 'requests', path: 'permohonan', permissions: ['requests.view'] },
  { key: 'staff', path: 'staf', permissions: ['users.view'] },
  { key: 'audit', path: 'audit', permissions: ['audit.view'] },
  { key: 'surveys', path: 'survei', permissions: ['surveys.view', 'reports.view'] },
  { key: 'calendar', path: 'kalender', permissions: ['calendar.edit'] },
] as const;

/** The administration pages the person may open in this agency. */
export function adminPagesFor(access: AgencyAccess): (typeof adminPages)[number][] {
  return adminPages.filter((p) => p.permissions.some((q) => access.permissions.includes(q)));
}
