import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.js';
import { refuseChangeOfPerson, refuseDisable, refuseRoles, refuseTokenPermissions, strictestSecurityPolicy } from './identity.policy.js';

describe('identity policy', () => {
  it.each([
    ['another person', 'a', 'b', null],
    ['oneself', 'a', 'a', 'self'],
    ['by an API token', null, 'b', null],
  ] as const)('changing the roles of %s', (_, actorUserId, targetUserId, expected) => {
    expect(refuseChangeOfPerson({ actorUserId, targetUserId })).toBe(expected);
  });

  it.each([
    ['a person only in the managed agency', 'a', 'b', ['x'], ['x'], null],
    ['a person also in an agency the actor does not manage', 'a', 'b', ['x', 'y'], ['x'], 'other_agency'],
    ['a person in two agencies both managed', 'a', 'b', ['x', 'y'], ['x', 'y'], null],
    ['oneself', 'a', 'a', ['x'], ['x'], 'self'],
  ] as const)('disabling %s', (_, actorUserId, targetUserId, targetAgencyIds, managed, expected) => {
    expect(refuseDisable({ actorUserId, targetUserId, targetAgencyIds, agenciesActorManages: new Set(managed) })).toBe(expected);
  });

  it.each([
    [['helpdesk'], null],
    [['helpdesk', 'ketua'], null],
    [['helpdesk', 'pokja'], 'unknown_role'],
  ] as const)('roles %j against the defined ones', (requested, expected) => {
    expect(refuseRoles({ requested, defined: new Set(['helpdesk', 'ketua']) })).toBe(expected);
  });

  it.each([
    [['requests.view'], null],
    [['requests.view', 'users.manage'], 'permission_not_held'],
    [[], null],
  ] as const)('token permissions %j for a holder of requests.view and tokens.manage', (requested, expected) => {
    const held = new Set<Permission>(['requests.view', 'tokens.manage']);
    expect(refuseTokenPermissions({ requested: requested as readonly Permission[], held })).toBe(expected);
  });

  // NTT's policy: "Terdiri dari 10 karakter; Terdiri dari huruf (besar dan kecil), angka dan
  // karakter special (tanda baca)", and TOTP; the other shipped agencies state none.
  const ntt = { passwordMinLength: 10, passwordAllClasses: true, totpRequired: true };
  it.each([
    ['no agency (an external user)', [], { minLength: 10, allClasses: true }, true, []],
    ['agencies that state no policy', [['bjm', undefined], ['kalsel', undefined]], { minLength: 10, allClasses: true }, true, []],
    ['NTT alone', [['ntt', ntt]], { minLength: 10, allClasses: true }, true, ['ntt']],
    ['an agency asking for 14 characters and one silent', [['x', { passwordMinLength: 14 }], ['bjm', undefined]], { minLength: 14, allClasses: true }, true, ['x']],
    ['an agency relaxing to 8 characters, no classes, no TOTP: the floor stays', [['x', { passwordMinLength: 8, passwordAllClasses: false, totpRequired: false }]], { minLength: 10, allClasses: true }, true, ['x']],
    ['NTT and an agency asking for 16: the strictest of both', [['ntt', ntt], ['y', { passwordMinLength: 16 }]], { minLength: 16, allClasses: true }, true, ['ntt', 'y']],
  ] as const)('the security policy of %s', (_, agencies, password, totpRequired, declaredBy) => {
    const declared = agencies.map(([agencyCode, policy]) => ({ agencyCode, policy }));
    expect(strictestSecurityPolicy(declared)).toEqual({ password, totpRequired, declaredBy });
  });
});
