import type { AgencyAccess } from '../../../lib/access.js';

/** The tier agencies through which the person reaches this one, when they hold no role in it themselves. */
export function tierAgencies(access: AgencyAccess): string[] {
  if (access.sources.some((s) => s.via === 'direct')) return [];
  return [...new Set(access.sources.map((s) => s.agencyCode))];
}

/** Administration pages of an agency (`/kelola/:agency/<path>`) and the permissions that open them, any of. */
export const adminPages = [
  { key: 'requests', path: 'permohonan', permissions: ['requests.view'] },
  { key: 'complaints', path: 'pengaduan', permissions: ['complaints.view', 'complaints.handle'] },
  { key: 'vendors', path: 'penyedia', permissions: ['requests.view'] },
  { key: 'staff', path: 'staf', permissions: ['users.view'] },
  { key: 'audit', path: 'audit', permissions: ['audit.view'] },
  { key: 'surveys', path: 'survei', permissions: ['surveys.view', 'reports.view'] },
  { key: 'calendar', path: 'kalender', permissions: ['calendar.edit'] },
] as const;

/** The administration pages the person may open in this agency. */
export function adminPagesFor(access: AgencyAccess): (typeof adminPages)[number][] {
  return adminPages.filter((p) => p.permissions.some((q) => access.permissions.includes(q)));
}

/** Where an officer starts: what waits for them in each agency they work in. */
export const staffHomePath = '/kerja';

/** Whether the person works in any agency (opens one of its administration pages): they start at the staff home. */
export function worksInAnAgency(agencies: readonly AgencyAccess[]): boolean {
  return agencies.some((a) => adminPagesFor(a).length > 0);
}
