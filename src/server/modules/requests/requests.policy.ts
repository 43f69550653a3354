import type { RequestSource } from '../../../shared/contracts/requests.js';
import { requesterRole } from '../../../shared/standard/schema.js';
import type { Actor } from '../identity/identity.actor.js';

/**
 * Who may see and act on a request, decided from the request and the actor. Pure, so the rules
 * are tested as a table (requests.policy.test.ts); the service supplies roles and permissions.
 */

export interface PolicyRequest {
  agencyId: string;
  handlingAgencyId: string;
  involvedAgencyIds: string[];
  source: RequestSource;
  currentRole: string | null;
  status: string;
}

export type Verdict = { ok: true } | { ok: false; reason: 'not_visible' | 'closed' | 'requester_step' | 'officer_step' | 'role' | 'token' | 'workspace' };

/** Staff see a request through the agency they work in: its owner, or a tier that handled it. */
export function staffCanSee(request: PolicyRequest, workspaceId: string): boolean {
  return request.agencyId === workspaceId || request.handlingAgencyId === workspaceId || request.involvedAgencyIds.includes(workspaceId);
}

/**
 * An officer acts in a step when they hold the step's role in the agency handling it now
 * (exactly there: a tier's role is held in the tier's agency). A requester's step is acted on by
 * the requester, or by the desk on their behalf when the desk filed it (walk-in, call, letter).
 */
export function officerMayAct(options: {
  request: PolicyRequest;
  actor: Actor;
  workspaceId: string;
  rolesInHandlingAgency: readonly string[];
  canIntakeInOwner: boolean;
}): Verdict {
  const { request, actor, workspaceId, rolesInHandlingAgency, canIntakeInOwner } = options;
  if (!staffCanSee(request, workspaceId)) return { ok: false, reason: 'not_visible' };
  if (request.status === 'closed' || request.currentRole === null) return { ok: false, reason: 'closed' };
  if (request.currentRole === requesterRole) {
    if (request.source === 'staff' && workspaceId === request.agencyId && canIntakeInOwner) return { ok: true };
    return { ok: false, reason: 'requester_step' };
  }
  if (actor.type !== 'user') return { ok: false, reason: 'token' };
  if (workspaceId !== request.handlingAgencyId && workspaceId !== request.agencyId) return { ok: false, reason: 'workspace' };
  if (!rolesInHandlingAgency.includes(request.currentRole)) return { ok: false, reason: 'role' };
  return { ok: true };
}

export function requesterMayAct(request: PolicyRequest): Verdict {
  if (request.status === 'closed' || request.currentRole === null) return { ok: false, reason: 'closed' };
  if (request.currentRole !== requesterRole) return { ok: false, reason: 'officer_step' };
  return { ok: true };
}
