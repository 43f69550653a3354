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
