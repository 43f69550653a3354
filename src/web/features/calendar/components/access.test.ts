import { describe, expect, it } from 'vitest';
import type { Me } from '../../../../shared/contracts/identity.js';
import { calendarAccessOf } from './access.js';

const agencies = [
  { code: 'lkpp', level: 'national' },
  { code: 'ntt-prov', level: 'provinsi' },
  { code: 'kupang', level: 'kota' },
] as const;
const person = (pending: Me['pending'], held: Record<string, string[]>): Pick<Me, 'agencies' | 'pending'> => ({
  pending,
  agencies: Object.entries(held).map(([code, permissions]) => ({ code, name: code, roles: [], permissions, sources: [] })),
});

describe('calendarAccessOf', () => {
  it('lets a visitor only read', () => {
    expect(calendarAccessOf(null, agencies, 'ntt-prov')).toEqual({ signedIn: false, canEdit: false, nationalThrough: null });
  });

  it('edits the agencies where calendar.edit is held, the national dates only through a national agency', () => {
    const admin = person(null, { 'ntt-prov': ['calendar.edit'], kupang: ['calendar.edit'] });
    expect(calendarAccessOf(admin, agencies, 'kupang')).toEqual({ signedIn: true, canEdit: true, nationalThrough: null });
    const national = person(null, { lkpp: ['calendar.edit'], 'ntt-prov': ['calendar.view'] });
    expect(calendarAccessOf(national, agencies, 'ntt-prov')).toEqual({ signedIn: true, canEdit: false, nationalThrough: 'lkpp' });
  });

  it('gives nothing to a session that still owes its second factor', () => {
    expect(calendarAccessOf(person('totp', { 'ntt-prov': ['calendar.edit'] }), agencies, 'ntt-prov')).toEqual({ signedIn: false, canEdit: false, nationalThrough: null });
  });
});
