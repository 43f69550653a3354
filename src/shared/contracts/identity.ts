import { z } from 'zod';
import { permissions } from '../permissions.js';
import { requesterTypes } from '../standard/schema.js';

/**
 * Contracts of sign-in, the signed-in person (/api/me), staff administration, API tokens and the
 * audit viewer. The password itself is checked by the server's policy (zxcvbn needs the person's
 * details); here only its bounds.
 */
export const email = z.email('invalid_format.email').max(254);
export const password = z.string().min(1).max(256);
export const isoDate = z.iso.date();
export const totpCode = z.string().regex(/^\d{6}$/, 'totp.code_format');
export const roleCode = z.string().min(1).max(64).regex(/^[a-z0-9]+([_-][a-z0-9]+)*$/, 'role.code');
export const permission = z.enum(permissions, 'permission.unknown');
export const personName = z.string().trim().min(1).max(200);

export const signInBody = z.object({ email, password }).meta({ id: 'SignInBody' });

export const signInStatus = z.enum(['signed_in', 'totp_required', 'totp_enrolment_required']);
export const signInResult = z
  .object({
    status: signInStatus,
    /** Send it back as the X-CSRF-Token header on every write. */
    csrfToken: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'SignInResult' });
export type SignInResult = z.infer<typeof signInResult>;

export const secondFactorBody = z
  .union([z.object({ code: totpCode }), z.object({ recoveryCode: z.string().min(8).max(40) })])
  .meta({ id: 'SecondFactorBody' });

/** What an external user is, as the standards name who may ask for a service. */
export const requesterType = z.enum(requesterTypes);
export type RequesterType = z.infer<typeof requesterType>;

export const registerBody = z
  .object({ email, password, name: personName, birthDate: isoDate.nullish(), requesterType: requesterType.nullish() })
  .meta({ id: 'RegisterBody' });

export const tokenBody = z.object({ token: z.string().min(20).max(200) });
export const passwordResetRequestBody = z.object({ email });
export const passwordResetBody = z.object({ token: z.string().min(20).max(200), password });
export const invitationAcceptBody = z.object({
  token: z.string().min(20).max(200),
  password,
  name: personName.optional(),
  birthDate: isoDate.nullish(),
});
export const invitationInfo = z
  .object({ email: z.string(), name: z.string(), agencyCode: z.string().nullable(), agencyName: z.string().nullable() })
  .meta({ id: 'InvitationInfo' });

export const passwordCheckBody = z.object({
  password,
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
  birthDate: isoDate.optional(),
  agency: z.string().max(200).optional(),
  /** The agency whose security policy applies besides the signed-in person's (an invitation's). */
  agencyCode: z.string().max(64).optional(),
  /** A password-reset link's token: the check is for that link's person, and their agencies' policy. */
  resetToken: z.string().max(200).optional(),
});

/**
 * The security policy a person is held to: the strictest of their agencies' `securityPolicy`,
 * never below Sigap's floor; `declaredBy` names the agencies whose standard set it (empty: the floor).
 */
export const securityPolicyInForce = z
  .object({ passwordMinLength: z.number().int(), passwordAllClasses: z.boolean(), totpRequired: z.boolean(), declaredBy: z.array(z.string()) })
  .meta({ id: 'SecurityPolicyInForce' });
export type SecurityPolicyInForceView = z.infer<typeof securityPolicyInForce>;

export const passwordCheckResult = z
  .object({ ok: z.boolean(), failed: z.array(z.object({ rule: z.string(), message: z.string() })), policy: securityPolicyInForce })
  .meta({ id: 'PasswordCheckResult' });

export const accepted = z.object({ status: z.literal('accepted') });
export const done = z.object({ status: z.literal('ok') });

export const me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    birthDate: z.string().nullable(),
    requesterType: requesterType.nullable(),
    emailVerified: z.boolean(),
    totpEnabled: z.boolean(),
    totpRequired: z.boolean(),
    securityPolicy: securityPolicyInForce,
    recoveryCodesLeft: z.number().int(),
    pending: z.enum(['totp', 'totp_enrolment']).nullable(),
    csrfToken: z.string(),
    /**
     * Every agency the person may act in: where they hold a role, and every agency below it
     * through the escalation tiers. Direct agencies first.
     */
    agencies: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        /** Roles held in this agency itself (none when reached only through a tier). */
        roles: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
        /** Effective: what the server grants here, direct and through tiers together. */
        permissions: z.array(z.string()),
        /** How: each role reaching this agency, held here (`direct`) or in a tier above (`tier`, in `agencyCode`). */
        sources: z.array(
          z.object({
            via: z.enum(['direct', 'tier']),
            agencyCode: z.string(),
            roleCode: z.string(),
            roleName: z.string().nullable(),
            permissions: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof me>;

export const profileBody = z.object({ name: personName.optional(), birthDate: isoDate.nullable().optional(), requesterType: requesterType.nullable().optional() });
export const changePasswordBody = z.object({ currentPassword: password, newPassword: password });

export const sessionInfo = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionList = z.object({ items: z.array(sessionInfo) }).meta({ id: 'SessionList' });

export const totpEnrolment = z
  .object({ secret: z.string(), otpauthUri: z.string(), qrCode: z.string().describe('PNG as a data: URL') })
  .meta({ id: 'TotpEnrolment' });
export const totpCodeBody = z.object({ code: totpCode });
export const recoveryCodes = z
  .object({ recoveryCodes: z.array(z.string()), status: signInStatus.optional(), csrfToken: z.string().optional() })
  .meta({ id: 'RecoveryCodes' });
export const passwordConfirmBody = z.object({ password });

export const staffMember = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.string()),
    disabled: z.boolean(),
    invitationPending: z.boolean(),
    totpEnabled: z.boolean(),
  })
  .meta({ id: 'StaffMember' });
/** Someone with an account whom the agency offered roles; they hold none of them until they accept. */
export const offeredStaff = z.object({ id: z.uuid(), email: z.string(), name: z.string(), roles: z.array(z.string()) });
export const staffList = z.object({ items: z.array(staffMember), offered: z.array(offeredStaff) }).meta({ id: 'StaffList' });
export const inviteStaffBody = z.object({ email, name: personName, roles: z.array(roleCode).min(1).max(20) });
/** `offered`: the address already had an account, so the roles wait for the person to accept them. */
export const inviteStaffResult = z.object({ id: z.uuid(), invitationSent: z.boolean(), offered: z.boolean() });
/** The roles agencies offer the signed-in person, one entry per agency. */
export const membershipOfferList = z
  .object({
    items: z.array(
      z.object({
        agency: z.object({ code: z.string(), name: z.string() }),
        roles: z.array(z.object({ code: z.string(), name: z.string() })),
        offeredBy: z.string().nullable(),
        offeredAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'MembershipOfferList' });
export const roleInfo = z.object({ code: z.string(), name: z.string(), permissions: z.array(z.string()) });
export const roleList = z.object({ items: z.array(roleInfo) }).meta({ id: 'RoleList' });
export const disabledBody = z.object({ disabled: z.boolean() });

export const apiTokenInfo = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export const apiTokenList = z.object({ items: z.array(apiTokenInfo) }).meta({ id: 'ApiTokenList' });
export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(permission).min(1),
  expiresAt: z.iso.datetime().nullish(),
});
export const createdApiToken = z
  .object({ id: z.uuid(), name: z.string(), token: z.string().describe('Shown once; store it now'), permissions: z.array(z.string()) })
  .meta({ id: 'CreatedApiToken' });

export const auditQuery = z.object({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const auditEvent = z.object({
  seq: z.number().int(),
  occurredAt: z.iso.datetime(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export const auditPage = z
  .object({ items: z.array(auditEvent), nextBeforeSeq: z.number().int().nullable() })
  .meta({ id: 'AuditPage' });
