import type { SecurityPolicyInForceView } from '../../../shared/contracts/identity.js';
import type { Permission } from '../../../shared/permissions.js';
import type { AgencyStandard } from '../../../shared/standard/schema.js';
import { passwordFloor, type PasswordPolicy } from './identity.password-policy.js';

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

/** What an agency's agency.yaml declares (`securityPolicy`); any field may be silent. */
export type DeclaredSecurityPolicy = Pick<NonNullable<AgencyStandard['securityPolicy']>, 'passwordMinLength' | 'passwordAllClasses' | 'totpRequired'>;

/** The rules a person's password and second factor are held to, and the agencies whose policy set them. */
export interface SecurityPolicyInForce {
  password: PasswordPolicy;
  /** For officers (people with a role in an agency); external users may choose TOTP. */
  totpRequired: boolean;
  /** Codes of the agencies whose standard declares a security policy, in the order given. */
  declaredBy: string[];
}

/** As the API shows it (/api/me, the password check). */
export function securityPolicyView(policy: SecurityPolicyInForce): SecurityPolicyInForceView {
  return { passwordMinLength: policy.password.minLength, passwordAllClasses: policy.password.allClasses, totpRequired: policy.totpRequired, declaredBy: policy.declaredBy };
}

/** Where every agency is silent: Sigap's own policy, the rules of the NTT policy, TOTP for officers. */
export const securityFloor: SecurityPolicyInForce = { password: passwordFloor, totpRequired: true, declaredBy: [] };

/**
 * The strictest of a person's agencies' policies, never below the floor: the longest minimum
 * length, every character class if any agency asks for them, TOTP if any does. An agency cannot
 * relax the floor by declaring less; a field it does not state leaves the floor's rule.
 */
export function strictestSecurityPolicy(declared: readonly { agencyCode: string; policy: DeclaredSecurityPolicy | undefined }[]): SecurityPolicyInForce {
  let { minLength, allClasses } = securityFloor.password;
  let totpRequired = securityFloor.totpRequired;
  const declaredBy: string[] = [];
  for (const { agencyCode, policy } of declared) {
    if (!policy) continue;
    declaredBy.push(agencyCode);
    minLength = Math.max(minLength, policy.passwordMinLength ?? 0);
    allClasses ||= policy.passwordAllClasses === true;
    totpRequired ||= policy.totpRequired === true;
  }
  return { password: { minLength, allClasses }, totpRequired, declaredBy };
}
