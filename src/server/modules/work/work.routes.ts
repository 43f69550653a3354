import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { staffWork } from '../../../shared/contracts/work.js';
import { signedIn } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import type { WorkService } from './work.service.js';

const errors = { 401: errorBody, 403: errorBody } as const;

/** The staff home's counts (/api/me/work). */
export const workRoutes: FastifyPluginAsyncZod<{ service: WorkService }> = async (app, { service }) => {
  app.route({
    method: 'GET',
    url: '/api/me/work',
    config: signedIn(),
    schema: {
      tags: ['me'],
      summary: 'What waits for me in each agency I work in: request queues (unassigned, mine, my role, near breach, breached) and complaints, where my permissions open them',
      response: { 200: staffWork, ...errors },
    },
    handler: async (request) => service.myWork({ ctx: { actor: request.actor, ip: request.ip ?? null, requestId: String(request.id), lang: request.language } }),
  });
};
