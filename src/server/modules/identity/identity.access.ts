import { isPermission, permissionWords, type Permission } from '../../../shared/permissions.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from './identity.actor.js';
import type { IdentityRepo, RoleReach } from './identity.repo.js';

export type AgencyRef = { id: string; code: string; name: string; parentId: string | null };

/** One role that gives a person permissions in an agency: held there, or in a tier above it. */
export interface AccessSource {
  via: 'direct' | 'tier';
  /** Where the role is held: the agency itself, or the tier agency above it. */
  agencyCode: string;
  roleCode: string;
  roleName: string | null;
  permissions: Permission[];
}

/** What a person may do in one agency, and why. */
export interface AgencyAccess {
  agencyId: string;
  code: string;
  name: string;
  permissions: Permission[];
  sources: AccessSource[];
}

/** The permissions a set of roles reaching one agency grant: the union, unknown codes dropped. */
function permissionsOf(roles: readonly Pick<RoleReach, 'permissions'>[]): Set<Permission> {
  return new Set(roles.flatMap((r) => r.permissions ?? []).filter(isPermission));
}

/**
 * The one place that decides what an actor may do in an agency. A user's permissions in an agency
 * are those of their roles held there or in one of its escalation tiers (the agency's parent, the
 * parent's parent…, e.g. a provincial LPSE or the LKPP help desk above a kabupaten). An API token
 * has its own permissions, in its own agency only. Other modules call this through
 * `request.permissions` (set for routes that name a permission) or directly.
 */
export function createAccessService(deps: { repo: Pick<IdentityRepo, 'rolesReaching' | 'rolesReachingEach' | 'agencyIdsReachable'> }) {
  async function permissionsIn({ actor, agencyId }: { actor: Actor; agencyId: string }): Promise<ReadonlySet<Permission>> {
    if (actor.type === 'api_token') return actor.agencyId === agencyId ? actor.permissions : new Set();
    if (actor.type !== 'user' || actor.pending !== null) return new Set();
    return permissionsOf(await deps.repo.rolesReaching(actor.userId, agencyId));
  }

  /** Whether the actor may see the agency at all: a role there or in a tier above it. */
  async function canSeeAgency({ actor, agencyId }: { actor: Actor; agencyId: string }): Promise<boolean> {
    if (actor.type === 'api_token') return actor.agencyId === agencyId;
    if (actor.type !== 'user' || actor.pending !== null) return false;
    return (await deps.repo.rolesReaching(actor.userId, agencyId)).length > 0;
  }

  return {
    permissionsIn,
    canSeeAgency,

    async can({ actor, agencyId, permission }: { actor: Actor; agencyId: string; permission: Permission }): Promise<boolean> {
      return (await permissionsIn({ actor, agencyId })).has(permission);
    },

    /** Throws 403 unless the actor holds the permission in the agency. */
    async assertPermission({ actor, agencyId, permission }: { actor: Actor; agencyId: string; permission: Permission }): Promise<void> {
      if (!(await permissionsIn({ actor, agencyId })).has(permission)) throw forbidden(permission);
    },

    /** Ids of every agency whose data the actor may see, for lists that span agencies. */
    async visibleAgencyIds({ actor }: { actor: Actor }): Promise<string[]> {
      if (actor.type === 'api_token') return [actor.agencyId];
      if (actor.type !== 'user' || actor.pending !== null) return [];
      return deps.repo.agencyIdsReachable(actor.userId);
    },

    /**
     * Every agency a signed-in person may act in — where they hold a role, and every agency below
     * through the escalation tiers — with the permissions `permissionsIn` would find there and the
     * roles they come from. Direct agencies first, then by name. What /api/me shows the web.
     */
    async accessByAgency({ actor }: { actor: Actor }): Promise<AgencyAccess[]> {
      if (actor.type !== 'user' || actor.pending !== null) return [];
      const reached = await deps.repo.rolesReachingEach(actor.userId, await deps.repo.agencyIdsReachable(actor.userId));
      const byAgency = new Map<string, RoleReach[]>();
      for (const row of reached) byAgency.set(row.target_id, [...(byAgency.get(row.target_id) ?? []), row]);
      const list = [...byAgency.entries()].map(([agencyId, roles]): AgencyAccess => ({
        agencyId,
        code: roles[0]!.target_code,
        name: roles[0]!.target_name,
        permissions: [...permissionsOf(roles)].sort(),
        sources: roles.map((r) => ({
          via: r.depth === 0 ? 'direct' : 'tier',
          agencyCode: r.agency_code,
          roleCode: r.role_code,
          roleName: r.role_name,
          permissions: [...permissionsOf([r])].sort(),
        })),
      }));
      const direct = (a: AgencyAccess) => (a.sources.some((s) => s.via === 'direct') ? 0 : 1);
      return list.sort((a, b) => direct(a) - direct(b) || a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
    },

    /**
     * Role codes a user holds in exactly this agency (not through a tier above it): who may act
     * in a workflow step that names a role of this agency.
     */
    async rolesOf({ userId, agencyId }: { userId: string; agencyId: string }): Promise<string[]> {
      const roles = await deps.repo.rolesReaching(userId, agencyId);
      return roles.filter((r) => r.agency_id === agencyId).map((r) => r.role_code);
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;

/** 403. Naming the permission (or, for a route any of several opens, each of them), if given. */
export function forbidden(permission?: Permission | readonly Permission[]): AppError {
  const wanted = permission === undefined ? [] : [permission].flat();
  if (wanted.length === 0) return new AppError('forbidden', { id: 'Anda tidak berhak melakukan ini', en: 'You are not allowed to do this' }, []);
  // In words: a refusal says what the officer may not do, never "requests.act".
  const id = wanted.map((p) => permissionWords[p].id);
  const en = wanted.map((p) => permissionWords[p].en);
  return new AppError(
    'forbidden',
    wanted.length === 1
      ? { id: `Anda tidak berhak ${id[0]} di instansi ini`, en: `You may not ${en[0]} in this agency` }
      : { id: `Anda perlu berhak ${id.join(' atau ')} di instansi ini`, en: `You need to be allowed to ${en.join(' or ')} in this agency` },
    [{ field: '', rule: 'permission', message: wanted.join(' | ') }],
  );
}
