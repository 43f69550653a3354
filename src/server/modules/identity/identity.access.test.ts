import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.js';
import { createAccessService, forbidden } from './identity.access.js';
import type { Actor } from './identity.actor.js';

// Agencies: lkpp (national) → ntt (provinsi) → kupang (kota); kalsel stands apart.
const parent: Record<string, string | null> = { lkpp: null, ntt: 'lkpp', kupang: 'ntt', kalsel: null };
const roles: Record<string, Record<string, string[]>> = {
  ntt: { admin: ['users.manage', 'users.view'], helpdesk: ['requests.view', 'not.a.permission'] },
  lkpp: { tier: ['requests.view', 'requests.act'] },
  kupang: { verifikator: ['requests.act'] },
  kalsel: { admin: ['users.manage'] },
};

function fakeRepo(memberships: { userId: string; agencyId: string; role: string }[]) {
  const rolesReachingEach = async (userId: string, agencyIds: readonly string[]) =>
    agencyIds.flatMap((target) => {
      const chain: string[] = [];
      for (let a: string | null = target; a; a = parent[a] ?? null) chain.push(a);
      return memberships
        .filter((m) => m.userId === userId && chain.includes(m.agencyId))
        .map((m) => ({
          target_id: target,
          target_code: target,
          target_name: target.toUpperCase(),
          agency_id: m.agencyId,
          agency_code: m.agencyId,
          role_code: m.role,
          role_name: null,
          permissions: roles[m.agencyId]?.[m.role] ?? null,
          depth: chain.indexOf(m.agencyId),
        }));
    });
  return {
    rolesReachingEach,
    async rolesReaching(userId: string, agencyId: string) {
      return rolesReachingEach(userId, [agencyId]);
    },
    async agencyIdsReachable(userId: string) {
      const held = memberships.filter((m) => m.userId === userId).map((m) => m.agencyId);
      return Object.keys(parent).filter((a) => {
        for (let x: string | null = a; x; x = parent[x] ?? null) if (held.includes(x)) return true;
        return false;
      });
    },
  };
}

const user = (userId: string, pending: 'totp' | null = null): Actor => ({ type: 'user', userId, email: `${userId}@x.id`, name: userId, sessionId: 's', csrfToken: 'c', pending });
const token = (agencyId: string, permissions: Permission[]): Actor => ({ type: 'api_token', tokenId: 't', name: 't', agencyId, permissions: new Set(permissions) });

const access = createAccessService({
  repo: fakeRepo([
    { userId: 'ani', agencyId: 'ntt', role: 'admin' },
    { userId: 'ani', agencyId: 'ntt', role: 'helpdesk' },
    { userId: 'lina', agencyId: 'lkpp', role: 'tier' },
    { userId: 'kiki', agencyId: 'kupang', role: 'verifikator' },
    { userId: 'ghost', agencyId: 'ntt', role: 'deleted-role' },
  ]),
});

describe('access', () => {
  it.each([
    ['a member: the union of their roles there, unknown permission codes dropped', user('ani'), 'ntt', ['requests.view', 'users.manage', 'users.view']],
    ['a member of the tier above, in the agency below', user('ani'), 'kupang', ['requests.view', 'users.manage', 'users.view']],
    ['a national tier two levels up', user('lina'), 'kupang', ['requests.act', 'requests.view']],
    ['an officer below, in the tier above: nothing', user('kiki'), 'ntt', []],
    ['an officer of their own agency', user('kiki'), 'kupang', ['requests.act']],
    ['someone with no role in an unrelated agency', user('ani'), 'kalsel', []],
    ['a session still owing TOTP: nothing', user('ani', 'totp'), 'ntt', []],
    ['a role the agency no longer defines: nothing', user('ghost'), 'ntt', []],
    ['an API token in its agency', token('ntt', ['users.view']), 'ntt', ['users.view']],
    ['an API token elsewhere, even below its agency', token('ntt', ['users.view']), 'kupang', []],
    ['the anonymous caller', { type: 'anonymous' } as Actor, 'ntt', []],
    ['the command line', { type: 'system', label: 'cli' } as Actor, 'ntt', []],
  ] as const)('%s', async (_, actor, agencyId, expected) => {
    expect([...(await access.permissionsIn({ actor, agencyId }))].sort()).toEqual(expected);
  });

  it('sees an agency with any role reaching it, even one without permissions', async () => {
    expect(await access.canSeeAgency({ actor: user('ghost'), agencyId: 'ntt' })).toBe(true);
    expect(await access.canSeeAgency({ actor: user('kiki'), agencyId: 'ntt' })).toBe(false);
  });

  it('lists the agencies an actor reaches: their own and every one below', async () => {
    expect((await access.visibleAgencyIds({ actor: user('lina') })).sort()).toEqual(['kupang', 'lkpp', 'ntt']);
    expect(await access.visibleAgencyIds({ actor: token('kalsel', []) })).toEqual(['kalsel']);
  });

  it('lists each agency a person may act in with the permissions permissionsIn finds there, and where they come from', async () => {
    const listed = await access.accessByAgency({ actor: user('ani') });
    expect(listed.map((a) => a.code)).toEqual(['ntt', 'kupang']);
    expect(listed[0]).toMatchObject({ permissions: ['requests.view', 'users.manage', 'users.view'], sources: [{ via: 'direct', agencyCode: 'ntt', roleCode: 'admin' }, { via: 'direct', agencyCode: 'ntt', roleCode: 'helpdesk', permissions: ['requests.view'] }] });
    expect(listed[1]!.sources.every((s) => s.via === 'tier' && s.agencyCode === 'ntt')).toBe(true);

    // Officers of the national tier see both levels below them, each through lkpp.
    const lina = await access.accessByAgency({ actor: user('lina') });
    expect(lina.map((a) => a.code)).toEqual(['lkpp', 'kupang', 'ntt']);
    expect(lina.find((a) => a.code === 'kupang')).toMatchObject({ permissions: ['requests.act', 'requests.view'], sources: [{ via: 'tier', agencyCode: 'lkpp', roleCode: 'tier' }] });

    // A direct role and a tier role in the same agency add up, each named.
    const both = createAccessService({ repo: fakeRepo([{ userId: 'x', agencyId: 'kupang', role: 'verifikator' }, { userId: 'x', agencyId: 'ntt', role: 'helpdesk' }]) });
    expect((await both.accessByAgency({ actor: user('x') })).find((a) => a.code === 'kupang')).toMatchObject({
      permissions: ['requests.act', 'requests.view'],
      sources: [{ via: 'direct', agencyCode: 'kupang' }, { via: 'tier', agencyCode: 'ntt' }],
    });
  });

  it('never lists more or less than the route check grants', async () => {
    for (const who of ['ani', 'lina', 'kiki', 'ghost', 'nobody']) {
      const listed = new Map((await access.accessByAgency({ actor: user(who) })).map((a) => [a.code, a.permissions]));
      for (const agencyId of Object.keys(parent)) {
        expect([...(listed.get(agencyId) ?? [])], `${who} in ${agencyId}`).toEqual([...(await access.permissionsIn({ actor: user(who), agencyId }))].sort());
      }
    }
  });

  it('lists nothing for a session still owing TOTP, an API token or the anonymous caller', async () => {
    expect(await access.accessByAgency({ actor: user('ani', 'totp') })).toEqual([]);
    expect(await access.accessByAgency({ actor: token('ntt', ['users.view']) })).toEqual([]);
    expect(await access.accessByAgency({ actor: { type: 'anonymous' } })).toEqual([]);
  });

  it('throws 403 naming the permission', async () => {
    await expect(access.assertPermission({ actor: user('kiki'), agencyId: 'kupang', permission: 'users.manage' })).rejects.toMatchObject({ status: 403, details: [{ rule: 'permission', message: 'users.manage' }] });
    await expect(access.assertPermission({ actor: user('kiki'), agencyId: 'kupang', permission: 'requests.act' })).resolves.toBeUndefined();
  });
});

describe('a refusal', () => {
  it('says in words what the officer may not do, never the permission code', () => {
    expect(forbidden('requests.act').localized).toEqual({ id: 'Anda tidak berhak menindaklanjuti permohonan di instansi ini', en: 'You may not act on requests in this agency' });
    const either = forbidden(['audit.view', 'users.manage']).localized;
    expect(either.id).toBe('Anda perlu berhak membaca jejak audit atau mengelola petugas di instansi ini');
    expect(`${either.id} ${either.en}`).not.toMatch(/\b(audit|users)\.[a-z]+/);
  });
});
