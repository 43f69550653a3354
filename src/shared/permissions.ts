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
