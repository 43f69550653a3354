import type { Permission } from '../../../shared/permissions.js';
import type { AuditActor } from '../audit/audit.service.js';

/** Who is making a request. Resolved once per request by the auth plugin (`request.actor`). */
export type Actor = AnonymousActor | UserActor | ApiTokenActor | SystemActor;

export interface AnonymousActor {
  type: 'anonymous';
}

export interface UserActor {
  type: 'user';
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  csrfToken: string;
  /**
   * What the session still owes before it counts as signed in: a TOTP code, or (staff without an
   * authenticator) enrolment. Null once complete.
   */
  pending: null | 'totp' | 'totp_enrolment';
}

export interface ApiTokenActor {
  type: 'api_token';
  tokenId: string;
  name: string;
  /** An API token acts in exactly one agency. */
  agencyId: string;
  permissions: ReadonlySet<Permission>;
}

/** The operator at the command line (`sigap users invite …`); holds no permission in any agency. */
export interface SystemActor {
  type: 'system';
  label: string;
}

export const anonymous: AnonymousActor = { type: 'anonymous' };

/** A user whose session has passed every factor. */
export function isSignedInUser(actor: Actor): actor is UserActor & { pending: null } {
  return actor.type === 'user' && actor.pending === null;
}

export function toAuditActor(actor: Actor): AuditActor {
  switch (actor.type) {
    case 'user':
      return { type: 'user', id: actor.userId, label: actor.email };
    case 'api_token':
      return { type: 'api_token', id: actor.tokenId, label: actor.name };
    case 'system':
      return { type: 'system', id: null, label: actor.label };
    default:
      return { type: 'anonymous', id: null, label: null };
  }
}
