import { describe, expect, it } from 'vitest';
import type { Me } from '../../shared/contracts/identity.js';
import { holdsAny } from './access.js';

const source = (via: 'direct' | 'tier', agencyCode: string, permissions: string[]) => ({ via, agencyCode, roleCode: 'r', roleName: null, permissions });
const me = (pending: Me['pending'] = null): Pick<Me, 'agencies' | 'pending'> => ({
  pending,
  agencies: [
    { code: 'ntt-prov', name: 'NTT', roles: [{ code: 'r', name: null }], permissions: ['reports.view', 'users.view'], sources: [source('direct', 'ntt-prov', ['reports.view', 'users.view'])] },
    { code: 'kupang', name: 'Kupang', roles: [], permissions: ['reports.view', 'users.view'], sources: [source('tier', 'ntt-prov', ['reports.view', 'users.view'])] },
  ],
});

describe('holdsAny', () => {
  it.each([
    ['a permission held directly', 'ntt-prov', 'users.view', true],
    ['a permission held only through the tier above', 'kupang', 'reports.view', true],
    ['any of a list, one of which is held', 'kupang', ['surveys.view', 'reports.view'], true],
    ['any of a list, none held', 'kupang', ['surveys.view', 'surveys.import'], false],
    ['an empty list', 'kupang', [], false],
    ['an agency the person does not reach', 'kalsel-prov', 'users.view', false],
  ] as const)('%s → %s', (_, agency, wanted, expected) => {
    expect(holdsAny(me(), agency, wanted)).toBe(expected);
  });

  it('admits no one whose session still owes the second factor, nor a visitor', () => {
    expect(holdsAny(me('totp'), 'ntt-prov', 'users.view')).toBe(false);
    expect(holdsAny(null, 'ntt-prov', 'users.view')).toBe(false);
  });
});
