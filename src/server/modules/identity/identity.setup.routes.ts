import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { setupBody, setupResult, setupState, setupToken } from '../../../shared/contracts/setup.js';
import { publicRoute, requestContext } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import type { SetupService } from './identity.setup.js';

const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody } as const;
// A token of 256 bits is not guessed; the limit keeps a scan from filling the log.
const perMinute = { rateLimit: { max: 20, timeWindow: 60_000 } };

/** The first-run setup page's two calls (/api/setup/*); the token travels in the body, never in a URL. */
export const setupRoutes: FastifyPluginAsyncZod<{ service: SetupService }> = async (app, { service }) => {
  app.route({
    method: 'POST',
    url: '/api/setup/check',
    config: { ...publicRoute, ...perMinute },
    schema: { tags: ['auth'], summary: 'Whether the first-run setup link is open', body: setupToken, response: { 200: setupState, ...errors } },
    handler: async (request) => service.checkSetup(request.body),
  });

  app.route({
    method: 'POST',
    url: '/api/setup',
    config: { ...publicRoute, ...perMinute },
    schema: {
      tags: ['auth'],
      summary: 'Name the first administrator of a unit (while none exists); answers where to set the password and TOTP',
      body: setupBody,
      response: { 200: setupResult, ...errors },
    },
    handler: async (request) => service.completeSetup({ ...request.body, ctx: requestContext(request) }),
  });
};
