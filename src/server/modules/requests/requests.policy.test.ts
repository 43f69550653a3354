import { describe, expect, it } from 'vitest';
import type { Actor } from '../identity/identity.actor.js';
import { officerMayAct, requesterMayAct, staffCanSee, type PolicyRequest } from './requests.policy.js';

const user: Actor = { type: 'user', userId: 'u', email: 'u@x.id', name: 'U', sessionId: 's', csrfToken: 'c', pending: null };
const token: Actor = { type: 'api_token', tokenId: 't', name: 'T', agencyId: 'own', permissions: new Set() };
const base: PolicyRequest = { agencyId: 'own', handlingAgencyId: 'own', involvedAgencyIds: ['own'], source: 'public', currentRole: 'helpdesk', status: 'open' };

describe('requests policy', () => {
  const cases: [string, Partial<PolicyRequest>, { actor?: Actor; workspace?: string; roles?: string[]; intake?: boolean }, string][] = [
    ['the step role in the handling agency acts', {}, { roles: ['helpdesk'] }, 'ok'],
    ['another role is refused', {}, { roles: ['verifikator'] }, 'role'],
    ['an API token holds no role', {}, { actor: token, roles: ['helpdesk'] }, 'token'],
    ['another agency does not see it', {}, { workspace: 'other', roles: ['helpdesk'] }, 'not_visible'],
    ['the escalation tier acts through its own workspace', { handlingAgencyId: 'lkpp', involvedAgencyIds: ['own', 'lkpp'] }, { workspace: 'lkpp', roles: ['helpdesk'] }, 'ok'],
    ['the owner cannot act while the tier holds it', { handlingAgencyId: 'lkpp', involvedAgencyIds: ['own', 'lkpp'] }, { roles: [] }, 'role'],
    ['a tier that handled it before still sees it but cannot act', { involvedAgencyIds: ['own', 'lkpp'] }, { workspace: 'lkpp', roles: ['helpdesk'] }, 'workspace'],
    ['a requester step is not the officer’s', { currentRole: 'requester' }, { roles: ['helpdesk'] }, 'requester_step'],
    ['the desk acts for the requester on what it filed', { currentRole: 'requester', source: 'staff' }, { intake: true }, 'ok'],
    ['closed requests take no action', { status: 'closed', currentRole: null }, { roles: ['helpdesk'] }, 'closed'],
  ];
  it.each(cases)('%s', (_name, request, who, expected) => {
    const verdict = officerMayAct({
      request: { ...base, ...request },
      actor: who.actor ?? user,
      workspaceId: who.workspace ?? 'own',
      rolesInHandlingAgency: who.roles ?? [],
      canIntakeInOwner: who.intake ?? false,
    });
    expect(verdict.ok ? 'ok' : verdict.reason).toBe(expected);
  });

  it('lets the requester act only in requester steps of open requests', () => {
    expect(requesterMayAct({ ...base, currentRole: 'requester', status: 'waiting' }).ok).toBe(true);
    expect(requesterMayAct(base)).toEqual({ ok: false, reason: 'officer_step' });
    expect(requesterMayAct({ ...base, status: 'closed', currentRole: null })).toEqual({ ok: false, reason: 'closed' });
    expect(staffCanSee({ ...base, involvedAgencyIds: ['own', 'lkpp'] }, 'lkpp')).toBe(true);
  });
});
