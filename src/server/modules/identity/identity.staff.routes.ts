import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import {
  apiTokenList,
  createApiTokenBody,
  createdApiToken,
  disabledBody,
  done,
  inviteStaffBody,
  inviteStaffResult,
  membershipOfferList,
  roleCode,
  roleList,
  staffList,
  staffMember,
} from '../../../shared/contracts/identity.js';
import { requestContext, requirePermission, routeAgency, signedIn } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import { AppError } from '../../lib/app-error.js';
import type { UserActor } from './identity.actor.js';
import type { StaffService } from './identity.staff.service.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody } as const;
const agencyParams = z.object({ agency: agencyCode });
const memberParams = agencyParams.extend({ userId: z.uuid() });

function userOf(request: FastifyRequest): UserActor {
  if (request.actor.type !== 'user') throw new AppError('forbidden', { id: 'Hanya untuk pengguna yang masuk', en: 'For signed-in users only' });
  return request.actor;
}

/** An agency's officers, roles and API tokens: /api/agencies/:agency/{staff,roles,api-tokens}. */
export const staffRoutes: FastifyPluginAsyncZod<{ service: StaffService }> = async (app, { service }) => {
  app.route({
    method: 'GET',
    url: '/api/agencies/:agency/staff',
    config: requirePermission('users.view'),
    schema: { tags: ['staff'], summary: 'Officers of the agency with their roles', params: agencyParams, response: { 200: staffList, ...errors } },
    handler: async (request) => {
      const agency = routeAgency(request);
      return { items: await service.listStaff({ agency }), offered: await service.listOffered({ agency }) };
    },
  });

  // The person's side of an offer: /api/me/membership-offers, answered after signing in.
  app.route({
    method: 'GET',
    url: '/api/me/membership-offers',
    config: signedIn(),
    schema: { tags: ['me'], summary: 'Roles agencies offer me, waiting for my answer', response: { 200: membershipOfferList, ...errors } },
    handler: async (request) => ({ items: await service.listMyOffers({ actor: userOf(request) }) }),
  });

  app.route({
    method: 'POST',
    url: '/api/me/membership-offers/:agency/:answer',
    config: signedIn(),
    schema: {
      tags: ['me'],
      summary: "Accept or decline an agency's offer of roles",
      params: z.object({ agency: agencyCode, answer: z.enum(['accept', 'decline']) }),
      response: { 200: done, ...errors },
    },
    handler: async (request) => {
      await service.answerOffer({ actor: userOf(request), agencyCode: request.params.agency, accept: request.params.answer === 'accept', ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:agency/staff/:userId',
    config: requirePermission('users.view'),
    schema: { tags: ['staff'], summary: 'One officer of the agency', params: memberParams, response: { 200: staffMember, ...errors } },
    handler: async (request) => service.getStaffMember({ agency: routeAgency(request), userId: request.params.userId }),
  });

  app.route({
    method: 'POST',
    url: '/api/agencies/:agency/staff/invitations',
    config: requirePermission('users.manage'),
    schema: { tags: ['staff'], summary: 'Invite an officer by e-mail with roles', params: agencyParams, body: inviteStaffBody, response: { 201: inviteStaffResult, ...errors } },
    handler: async (request, reply) => {
      const result = await service.inviteStaff({ actor: request.actor, agency: routeAgency(request), ...request.body, ctx: requestContext(request) });
      return reply.code(201).send(result);
    },
  });

  app.route({
    method: 'PUT',
    url: '/api/agencies/:agency/staff/:userId/roles/:role',
    config: requirePermission('users.manage'),
    schema: { tags: ['staff'], summary: 'Grant a role', params: memberParams.extend({ role: roleCode }), response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.grantRole({ actor: request.actor, agency: routeAgency(request), userId: request.params.userId, roleCode: request.params.role, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'DELETE',
    url: '/api/agencies/:agency/staff/:userId/roles/:role',
    config: requirePermission('users.manage'),
    schema: { tags: ['staff'], summary: 'Revoke a role', params: memberParams.extend({ role: roleCode }), response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.revokeRole({ actor: request.actor, agency: routeAgency(request), userId: request.params.userId, roleCode: request.params.role, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'PUT',
    url: '/api/agencies/:agency/staff/:userId/disabled',
    config: requirePermission('users.manage'),
    schema: { tags: ['staff'], summary: 'Disable or re-enable the account', params: memberParams, body: disabledBody, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.setDisabled({ actor: request.actor, agency: routeAgency(request), userId: request.params.userId, disabled: request.body.disabled, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'POST',
    url: '/api/agencies/:agency/staff/:userId/totp-reset',
    config: requirePermission('users.manage'),
    schema: { tags: ['staff'], summary: 'Lost device: remove the authenticator; the officer enrols again', params: memberParams, response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.resetTotp({ actor: request.actor, agency: routeAgency(request), userId: request.params.userId, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:agency/roles',
    config: requirePermission('users.view'),
    schema: { tags: ['staff'], summary: 'Roles of the agency and their permissions', params: agencyParams, response: { 200: roleList, ...errors } },
    handler: async (request) => ({ items: await service.listRoles({ agency: routeAgency(request) }) }),
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:agency/api-tokens',
    config: requirePermission('tokens.manage'),
    schema: { tags: ['api-tokens'], summary: 'API tokens of the agency (never the tokens themselves)', params: agencyParams, response: { 200: apiTokenList, ...errors } },
    handler: async (request) => ({ items: await service.listApiTokens({ agency: routeAgency(request) }) }),
  });

  app.route({
    method: 'POST',
    url: '/api/agencies/:agency/api-tokens',
    config: requirePermission('tokens.manage'),
    schema: { tags: ['api-tokens'], summary: 'Create an API token; it is shown once', params: agencyParams, body: createApiTokenBody, response: { 201: createdApiToken, ...errors } },
    handler: async (request, reply) => {
      const { name, permissions, expiresAt } = request.body;
      const created = await service.createApiToken({
        actor: request.actor,
        agency: routeAgency(request),
        name,
        permissions,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
        ctx: requestContext(request),
      });
      return reply.code(201).send(created);
    },
  });

  app.route({
    method: 'DELETE',
    url: '/api/agencies/:agency/api-tokens/:tokenId',
    config: requirePermission('tokens.manage'),
    schema: { tags: ['api-tokens'], summary: 'Revoke an API token', params: agencyParams.extend({ tokenId: z.uuid() }), response: { 200: done, ...errors } },
    handler: async (request) => {
      await service.revokeApiToken({ actor: request.actor, agency: routeAgency(request), tokenId: request.params.tokenId, ctx: requestContext(request) });
      return { status: 'ok' as const };
    },
  });
};
