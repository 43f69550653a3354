import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode, agencyList, agencySummary } from '../../../shared/contracts/agencies.js';
import { errorBody } from '../../plugins/errors.js';
import type { AgenciesService } from './agencies.service.js';

export const agenciesRoutes: FastifyPluginAsyncZod<{ service: AgenciesService }> = async (app, { service }) => {
  app.route({
    method: 'GET',
    url: '/api/agencies',
    schema: {
      tags: ['agencies'],
      summary: 'List the agencies served by this deployment',
      response: { 200: agencyList },
    },
    handler: async () => ({ items: await service.listAgencies() }),
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:code',
    schema: {
      tags: ['agencies'],
      summary: 'One agency',
      params: z.object({ code: agencyCode }),
      response: { 200: agencySummary, 404: errorBody },
    },
    handler: async (request) => service.getAgency({ code: request.params.code }),
  });
};
