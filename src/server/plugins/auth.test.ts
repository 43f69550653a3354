import { describe, expect, it } from 'vitest';
import { requirePermission } from './auth.js';

describe('requirePermission', () => {
  it('declares one permission as a list of one, so existing routes keep their meaning', () => {
    expect(requirePermission('users.view')).toEqual({ access: { kind: 'permission', permissions: ['users.view'] } });
  });

  it('declares several as "any of", once each, keeping the agency parameter', () => {
    expect(requirePermission(['surveys.view', 'reports.view', 'surveys.view'], { agencyParam: 'code' })).toEqual({
      access: { kind: 'permission', permissions: ['surveys.view', 'reports.view'], agencyParam: 'code' },
    });
  });

  it('refuses an empty list, which would open the route to no one by accident', () => {
    expect(() => requirePermission([] as unknown as ['users.view'])).toThrow(/at least one/);
  });
});
