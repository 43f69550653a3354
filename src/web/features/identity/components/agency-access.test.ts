import { describe, expect, it } from 'vitest';
import type { AgencyAccess } from '../../../lib/access.js';
import { adminPagesFor, tierAgencies, worksInAnAgency } from './agency-access.js';

const access = (via: 'direct' | 'tier', permissions: string[]): AgencyAccess => ({
  code: 'kupang',
  name: 'Kupang',
  roles: [],
  permissions,
  sources: [{ via, agencyCode: via === 'direct' ? 'kupang' : 'ntt-prov', roleCode: 'r', roleName: null, permissions }],
});

describe('tierAgencies', () => {
  it('names the tier for an agency reached only through it, nothing for a direct one', () => {
    expect(tierAgencies(access('tier', ['reports.view']))).toEqual(['ntt-prov']);
    expect(tierAgencies(access('direct', ['reports.view']))).toEqual([]);
  });
});

describe('adminPagesFor', () => {
  it('opens a page for any one of its permissions, and none without them', () => {
    expect(adminPagesFor(access('direct', ['reports.view', 'users.view'])).map((p) => p.key)).toEqual(['staff', 'surveys']);
    expect(adminPagesFor(access('direct', ['standards.view']))).toEqual([]);
  });

  it('opens the complaints to a holder of complaints.handle alone, as the Kalsel head of bureau', () => {
    expect(adminPagesFor(access('direct', ['complaints.handle'])).map((p) => p.path)).toEqual(['pengaduan']);
    expect(adminPagesFor(access('direct', ['complaints.view', 'requests.view'])).map((p) => p.key)).toEqual(['requests', 'complaints', 'vendors']);
  });
});

describe('worksInAnAgency', () => {
  it('sends an officer to the staff home and a requester without roles to where they went', () => {
    expect(worksInAnAgency([access('direct', ['requests.view'])])).toBe(true);
    expect(worksInAnAgency([access('tier', ['complaints.handle'])])).toBe(true);
    expect(worksInAnAgency([])).toBe(false);
    expect(worksInAnAgency([access('direct', ['standards.view'])])).toBe(false);
  });
});
