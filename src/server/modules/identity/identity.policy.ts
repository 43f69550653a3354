import type { Permission } from '../../../shared/permissions.js';

/**
 * Record-level decisions about people and tokens, after the route has checked the permission.
 * Each returns the reason for a refusal, or null when allowed.
 */
export type Refusal = 'self' | 'other_agency' | 'unknown_role' | 'permission_not_held';

/** Nobody changes their own roles or disables themselves: another administrator must. */
export function refuseChangeOfPerson(options: { actorUserId: string | null; targetUserId: string }): Refusal | null {
  return options.actorUserId === options.targetUserId ? 'self' : null;
}

/**
 * Disabling an account locks the person out of every agency, so it is allowed only to an actor who
 * manages users in every agency where the person holds a role.
 */
export function refuseDisable(options: {
  actorUserId: string | null;
  targetUserId: string;
  targetAgencyIds: readonly string[];
  agenciesActorManages: ReadonlySet<string>;
}): Refusal | null {
  if (options.actorUserId === options.targetUserId) return 'self';
  return options.targetAgencyIds.every((id) => options.agenciesActorManages.has(id)) ? null : 'other_agency';
}

export function refuseRoles(options: { requested: readonly string[]; defined: ReadonlySet<string> }): Refusal | null {
  return options.requested.every((code) => options.defined.has(code)) ? null : 'unknown_role';
}

/** An API token can carry only permissions its creator holds in the agency. */
export function refuseTokenPermissions(options: { requested: readonly Permission[]; held: ReadonlySet<Permission> }): Refusal | null {
  return options.requested.every((p) => options.held.has(p)) ? null : 'permission_not_held';
}
