import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accepted,
  changePasswordBody,
  done,
  invitationAcceptBody,
  invitationInfo,
  me,
  passwordCheckBody,
  passwordCheckResult,
  passwordConfirmBody,
  passwordResetBody,
  passwordResetRequestBody,
  profileBody,
  recoveryCodes,
  registerBody,
  secondFactorBody,
  sessionList,
  signInBody,
  signInResult,
  tokenBody,
  totpCodeBody,
  totpEnrolment,
} from '../../../shared/contracts/identity.js';
import { AppError } from '../../lib/app-error.js';
import { clearSessionCookies, publicRoute, requestContext, sessionCookie, setSessionCookies, signedIn } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import type { UserActor } from './identity.actor.js';
import { passwordRuleMessage } from './identity.password-policy.js';
import { securityPolicyView } from './identity.policy.js';
import type { IdentityService } from './identity.service.js';

export interface IdentityRateLimits {
  /** Requests per minute per client address. */
  signIn: number;
  secondFactor: number;
  passwordReset: number;
  register: number;
  tokens: number;
}

export const defaultRateLimits: IdentityRateLimits = { signIn: 20, secondFactor: 20, passwordReset: 5, register: 10, tokens: 30 };

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody } as const;

function userOf(request: FastifyRequest): UserActor {
  if (request.actor.type !== 'user') throw new AppError('forbidden', { id: 'Hanya untuk pengguna yang masuk', en: 'For signed-in users only' });
  return request.actor;
}

/** Sign-in, registration, e-mailed links (/api/auth/*) and the signed-in person (/api/me/*). */
export const identityRoutes: FastifyPluginAsyncZod<{ service: IdentityService; rateLimits?: IdentityRateLimits }> = async (app, options) => {
  const { service } = options;
  const limits = options.rateLimits ?? defaultRateLimits;
  const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });

  app.route({
    method: 'POST',
    url: '/api/auth/sign-in',
    config: { ...publicRoute, ...perMinute(limits.signIn) },
    schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: signInBody, response: { 200: signInResult, ...errors } },
    handler: async (request, reply) => {
      const issued = await service.signIn({ ...request.body, previousToken: request.cookies[sessionCookie], ctx: requestContext(request) });
      setSessionCookies(request, reply, issued);
      return { status: issued.status, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/second-factor',
    config: { ...signedIn({ allowPending: true }), ...perMinute(limits.secondFactor) },
    schema: { tags: ['auth'], summary: 'Finish sign-in with a TOTP code or a recovery code', body: secondFactorBody, response: { 200: signInResult, ...errors } },
    handler: async (request, reply) => {
      const body = request.body;
      const issued = await service.completeSignIn({
        actor: userOf(request),
        code: 'code' in body ? body.code : undefined,
        recoveryCode: 'recoveryCode' in body ? body.recoveryCode : undefined,
        ctx: requestContext(request),
      });
      setSessionCookies(request, reply, issued);
      return { status: issued.status, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/sign-out',
    config: signedIn({ allowPending: true }),
    schema: { tags: ['auth'], summary: 'Sign out this browser', response: { 200: done, ...errors } },
    handler: async (request, reply) => {
      await service.signOut({ actor: userOf(request), ctx: requestContext(request) });
      clearSessionCookies(request, reply);
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/register',
    config: { ...publicRoute, ...perMinute(limits.register) },
    schema: { tags: ['auth'], summary: 'Register as an external user; a verification link is e-mailed', body: registerBody, response: { 202: accepted, ...errors } },
    handler: async (request, reply) => {
      await service.register({ ...request.body, ctx: requestContext(request) });
      return reply.code(202).send({ status: 'accepted' as const });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/verify-email',
    config: { ...publicRoute, ...perMinute(limits.tokens) },
    schema: { tags: ['auth'], summary: 'Verify an e-mail address with the e-mailed token', body: tokenBody, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.verifyEmail({ token: request.body.token, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/password-reset/request',
    config: { ...publicRoute, ...perMinute(limits.passwordReset) },
    schema: { tags: ['auth'], summary: 'E-mail a password reset link (same answer for unknown addresses)', body: passwordResetRequestBody, response: { 202: accepted, ...errors } },
    handler: async (request, reply) => {
      await service.requestPasswordReset({ email: request.body.email, ctx: requestContext(request) });
      return reply.code(202).send({ status: 'accepted' as const });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/password-reset',
    config: { ...publicRoute, ...perMinute(limits.passwordReset) },
    schema: { tags: ['auth'], summary: 'Set a new password with the e-mailed token', body: passwordResetBody, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.resetPassword({ ...request.body, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/invitation',
    config: { ...publicRoute, ...perMinute(limits.tokens) },
    schema: { tags: ['auth'], summary: 'Describe a staff invitation (who, which agency)', body: tokenBody, response: { 200: invitationInfo, ...errors } },
    handler: async (request) => service.describeInvitation({ token: request.body.token }),
  });

  app.route({
    method: 'POST',
    url: '/api/auth/invitation/accept',
    config: { ...publicRoute, ...perMinute(limits.tokens) },
    schema: { tags: ['auth'], summary: 'Accept a staff invitation by setting a password', body: invitationAcceptBody, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.acceptInvitation({ ...request.body, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/auth/password-check',
    config: { ...publicRoute, ...perMinute(limits.tokens) },
    schema: { tags: ['auth'], summary: 'The password rules a candidate breaks, for live feedback', body: passwordCheckBody, response: { 200: passwordCheckResult, ...errors } },
    handler: async (request) => {
      const { password, email, name, birthDate, agency, agencyCode, resetToken } = request.body;
      const { failed, policy } = await service.describePassword({
        password,
        actor: request.actor.type === 'user' ? request.actor : undefined,
        context: { email, name, birthDate, agencies: agency ? [agency] : [] },
        agencyCode,
        resetToken,
      });
      return {
        ok: failed.length === 0,
        failed: failed.map((rule) => ({ rule, message: passwordRuleMessage(rule, request.language, policy.password) })),
        policy: securityPolicyView(policy),
      };
    },
  });

  // ── /api/me ──

  app.route({
    method: 'GET',
    url: '/api/me',
    config: signedIn({ allowPending: true }),
    schema: { tags: ['me'], summary: 'The signed-in person, their agencies, roles and permissions', response: { 200: me, ...errors } },
    handler: async (request) => service.getProfile({ actor: userOf(request) }),
  });

  app.route({
    method: 'PATCH',
    url: '/api/me',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'Change name or birth date', body: profileBody, response: { 200: me, ...errors } },
    handler: async (request) => {
      const actor = userOf(request);
      await service.updateProfile({ actor, ...request.body, ctx: requestContext(request) });
      return service.getProfile({ actor });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/me/password',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'Change the password; other sessions end', body: changePasswordBody, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.changePassword({ actor: userOf(request), ...request.body, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/me/sessions',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'Where the person is signed in', response: { 200: sessionList, ...errors } },
    handler: async (request) => ({ items: await service.listSessions({ actor: userOf(request) }) }),
  });

  app.route({
    method: 'DELETE',
    url: '/api/me/sessions/:sessionId',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'End one session', params: z.object({ sessionId: z.uuid() }), response: { 200: done, ...errors } },
    handler: async (request, reply) => {
      const actor = userOf(request);
      await service.revokeSession({ actor, sessionId: request.params.sessionId, ctx: requestContext(request) });
      if (request.params.sessionId === actor.sessionId) clearSessionCookies(request, reply);
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/me/sessions/sign-out-everywhere',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'End every session of this person, this one included', response: { 200: done, ...errors } },
    handler: async (request, reply) => {
      await service.signOutEverywhere({ actor: userOf(request), ctx: requestContext(request) });
      clearSessionCookies(request, reply);
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/me/totp/enrolment',
    config: signedIn({ allowPending: true }),
    schema: { tags: ['me'], summary: 'Start enrolling an authenticator app: secret and QR code', response: { 200: totpEnrolment, ...errors } },
    handler: async (request) => service.startTotpEnrolment({ actor: userOf(request) }),
  });

  app.route({
    method: 'POST',
    url: '/api/me/totp/enrolment/confirm',
    config: { ...signedIn({ allowPending: true }), ...perMinute(limits.secondFactor) },
    schema: { tags: ['me'], summary: 'Confirm enrolment with a first code; returns ten recovery codes once', body: totpCodeBody, response: { 200: recoveryCodes, ...errors } },
    handler: async (request, reply) => {
      const result = await service.confirmTotpEnrolment({ actor: userOf(request), code: request.body.code, ctx: requestContext(request) });
      if (result.session) {
        setSessionCookies(request, reply, result.session);
        return { recoveryCodes: result.recoveryCodes, status: result.session.status, csrfToken: result.session.csrfToken };
      }
      return { recoveryCodes: result.recoveryCodes };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/me/totp/recovery-codes',
    config: { ...signedIn(), ...perMinute(limits.secondFactor) },
    schema: { tags: ['me'], summary: 'Replace the recovery codes (needs a current TOTP code)', body: totpCodeBody, response: { 200: recoveryCodes, ...errors } },
    handler: async (request) => ({ recoveryCodes: await service.regenerateRecoveryCodes({ actor: userOf(request), code: request.body.code, ctx: requestContext(request) }) }),
  });

  app.route({
    method: 'POST',
    url: '/api/me/totp/disable',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'Turn TOTP off (external users only)', body: passwordConfirmBody, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.disableOwnTotp({ actor: userOf(request), password: request.body.password, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });
};
