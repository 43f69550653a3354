import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agencyStandardView,
  catalogue,
  pdfQuery,
  catalogueQuery,
  serviceParams,
  serviceQuery,
  serviceView,
  standardParams,
  standardVersionList,
  versionParams,
} from '../../../shared/contracts/standards.js';
import { errorBody } from '../../plugins/errors.js';
import { publicRoute } from '../../plugins/auth.js';
import type { StandardsService } from './standards.service.js';

/** The published standards: public, as the law wants them (UU 25/2009 art. 20–22). */
export const standardsRoutes: FastifyPluginAsyncZod<{ service: StandardsService }> = async (app, { service }) => {
  app.route({
    method: 'GET',
    url: '/api/agencies/:code/standard',
    config: publicRoute,
    schema: {
      tags: ['standards'],
      summary: "The agency's service standard in force today: the agency part and its services",
      params: standardParams,
      response: { 200: agencyStandardView, 404: errorBody },
    },
    handler: async (request) => service.getCurrentStandard({ code: request.params.code }),
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:code/standard/versions',
    config: publicRoute,
    schema: {
      tags: ['standards'],
      summary: 'Every imported version of the standard, newest first, with its decree',
      params: standardParams,
      response: { 200: standardVersionList, 404: errorBody },
    },
    handler: async (request) => service.listVersions({ code: request.params.code }),
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:code/standard/versions/:version',
    config: publicRoute,
    schema: {
      tags: ['standards'],
      summary: 'One version of the standard, in force or not',
      params: versionParams,
      response: { 200: agencyStandardView, 404: errorBody },
    },
    handler: async (request) => service.getStandardVersion({ code: request.params.code, version: request.params.version }),
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:code/services/:service',
    config: publicRoute,
    schema: {
      tags: ['standards'],
      summary: 'One service in full: the 14 components, channels, checklist, workflow (current version, or ?version=)',
      params: serviceParams,
      querystring: serviceQuery,
      response: { 200: serviceView, 404: errorBody },
    },
    handler: async (request) =>
      service.getService({ code: request.params.code, service: request.params.service, version: request.query.version }),
  });

  app.route({
    method: 'GET',
    url: '/api/services',
    config: publicRoute,
    schema: {
      tags: ['standards'],
      summary: "The catalogue: every agency's current services, filtered by requester type, channel, text and agency",
      querystring: catalogueQuery,
      response: { 200: catalogue, 404: errorBody },
    },
    handler: async (request) => service.searchCatalogue(request.query),
  });

  for (const [url, summary, render] of [
    ['/api/agencies/:code/standard/annex.pdf', 'The annex of the decree (one table per service: No | Komponen | Uraian) as PDF', service.getAnnexPdf],
    ['/api/agencies/:code/maklumat.pdf', 'The maklumat (service charter) as PDF, ready to print and sign', service.getMaklumatPdf],
  ] as const) {
    app.route({
      method: 'GET',
      url,
      config: publicRoute,
      schema: {
        tags: ['standards'],
        summary,
        params: standardParams,
        querystring: pdfQuery,
        produces: ['application/pdf'],
        response: { 200: z.any().meta({ description: 'PDF document', type: 'string', format: 'binary' }), 404: errorBody },
      },
      handler: async (request, reply) => {
        const { pdf, fileName } = await render({ code: request.params.code, version: request.query.version, lang: request.query.lang });
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('cache-control', 'public, max-age=300')
          .send(pdf);
      },
    });
  }
};
