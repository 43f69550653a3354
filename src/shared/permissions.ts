/**
 * Every permission Sigap checks, defined in code. An agency's standard maps its own roles
 * (Helpdesk, Verifikator, Pokja, …) to these. Add a permission here when a route needs one.
 */
export const permissions = [
  'standards.view',
  'standards.publish',
  'calendar.view',
  'calendar.edit',
  'requests.intake',
  'requests.view',
  'requests.assign',
  'requests.act',
  'complaints.view',
  'complaints.handle',
  // The complaint team: sees who filed an anonymous complaint.
  'complaints.identity',
  'surveys.view',
  'surveys.import',
  'reports.view',
  'users.view',
  'users.manage',
  'audit.view',
  'tokens.manage',
] as const;

export type Permission = (typeof permissions)[number];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (permissions as readonly string[]).includes(value);
}

/**
 * Sigap's own administrator, given to every agency alongside the roles of its standard. System
 * administration is not a role a service standard defines (three of the five shipped standards
 * name nobody who may invite officers), so Sigap adds this one: it invites officers, grants the
 * standard's roles, manages API tokens, keeps the holiday calendar and reads the unit's audit
 * trail. It handles no request or complaint and publishes no standard: those stay with the roles
 * the standard names.
 */
export const administratorRole = {
  code: 'administrator-sigap',
  name: 'Administrator Sigap',
  permissions: ['standards.view', 'calendar.view', 'calendar.edit', 'users.view', 'users.manage', 'audit.view', 'tokens.manage'],
} as const satisfies { code: string; name: string; permissions: readonly Permission[] };

/**
 * What each permission lets its holder do, in words a refusal can say ("menindaklanjuti
 * permohonan"), so nobody reads "requests.act".
 */
export const permissionWords: Record<Permission, { id: string; en: string }> = {
  'standards.view': { id: 'melihat standar pelayanan', en: 'view the service standards' },
  'standards.publish': { id: 'menerbitkan standar pelayanan', en: 'publish service standards' },
  'calendar.view': { id: 'melihat kalender kerja', en: 'view the working calendar' },
  'calendar.edit': { id: 'mengubah kalender kerja', en: 'edit the working calendar' },
  'requests.intake': { id: 'mencatat permohonan di loket', en: 'file requests at the desk' },
  'requests.view': { id: 'melihat permohonan', en: 'view requests' },
  'requests.assign': { id: 'menugaskan permohonan kepada petugas', en: 'assign requests to officers' },
  'requests.act': { id: 'menindaklanjuti permohonan', en: 'act on requests' },
  'complaints.view': { id: 'melihat pengaduan', en: 'view complaints' },
  'complaints.handle': { id: 'menangani pengaduan', en: 'handle complaints' },
  'complaints.identity': { id: 'melihat identitas pengadu', en: "see a complainant's identity" },
  'surveys.view': { id: 'melihat hasil survei', en: 'view survey results' },
  'surveys.import': { id: 'mengimpor survei', en: 'import surveys' },
  'reports.view': { id: 'melihat laporan', en: 'view reports' },
  'users.view': { id: 'melihat daftar petugas', en: 'view the staff list' },
  'users.manage': { id: 'mengelola petugas', en: 'manage staff' },
  'audit.view': { id: 'membaca jejak audit', en: 'read the audit trail' },
  'tokens.manage': { id: 'mengelola token API', en: 'manage API tokens' },
};
