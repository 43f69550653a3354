import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import {
  importInput,
  importReport,
  kioskSubmission,
  publicLatest,
  requestSurveyState,
  requestSurveySubmission,
  resultsQuery,
  resultsReport,
  submissionReceipt,
} from '../../../shared/contracts/surveys.js';
import { languages } from '../../../shared/i18n/languages.js';
import { auditContext, publicRoute, requirePermission } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import type { SurveysService } from './surveys.service.js';
import { renderSurveyReport } from './surveys.pdf.js';

export interface SurveysRoutesOptions {
  service: SurveysService;
  /** Kiosk submissions per IP and minute. A whole office shares one IP behind its router, so not too few. */
  kioskPerMinute?: number;
}

const agencyParams = z.object({ agency: agencyCode });
const tags = ['surveys'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export const reportQuery = resultsQuery.extend({
  lang: z.enum(languages).default('id'),
});

/**
 * The satisfaction survey: the public kiosk and results, the staff's paper import, results and
 * published report. Permissions are checked by the auth plugin from each route's config.
 */
export const surveysRoutes: FastifyPluginAsyncZod<SurveysRoutesOptions> = async (app, { service, kioskPerMinute = 30 }) => {
  app.route({
    method: 'POST',
    url: '/api/surveys/agencies/:agency/kiosk',
    config: { ...publicRoute, rateLimit: { max: kioskPerMinute, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'Submit an anonymous survey response for a service (kiosk or walk-in)',
      params: agencyParams,
      body: kioskSubmission,
      response: { 201: submissionReceipt, 400: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const receipt = await service.submitKiosk({ agencyCode: request.params.agency, input: request.body });
      reply.code(201);
      return receipt;
    },
  });

  // ── The requester's survey of a closed request, with the tracking link's secret ──
  const requestParams = z.object({ number: z.string().min(1).max(64) });
  app.route({
    method: 'GET',
    url: '/api/public/surveys/requests/:number',
    config: { ...publicRoute, rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: "Whether the survey of a request is open, answered, or not yet (request not closed); ?k= the tracking link's secret",
      params: requestParams,
      querystring: z.object({ k: z.string().min(1).max(200) }),
      response: { 200: requestSurveyState, 400: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request) => service.requestSurveyState({ number: request.params.number, secret: request.query.k }),
  });

  app.route({
    method: 'POST',
    url: '/api/public/surveys/requests/:number',
    config: { ...publicRoute, rateLimit: { max: 30, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: "The requester's survey of a closed request, with the tracking link's secret; one response per request",
      params: requestParams,
      body: requestSurveySubmission,
      response: { 201: submissionReceipt, 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const receipt = await service.submitForClosedRequest({ number: request.params.number, input: request.body });
      reply.code(201);
      return receipt;
    },
  });

  app.route({
    method: 'GET',
    url: '/api/surveys/agencies/:agency/latest',
    config: publicRoute,
    schema: {
      tags,
      summary: "The latest IKM per service of an agency (its newest response's semester); aggregates only",
      params: agencyParams,
      response: { 200: publicLatest, 404: errorBody },
    },
    handler: async (request) => service.getPublicLatest({ agencyCode: request.params.agency }),
  });

  app.route({
    method: 'POST',
    url: '/api/surveys/agencies/:agency/imports',
    config: requirePermission('surveys.import'),
    // A base64 XLSX of a few thousand rows is larger than the default body limit.
    bodyLimit: 12 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Import paper surveys from a CSV or XLSX (surveys.import): all rows or none, with a row-by-row report',
      params: agencyParams,
      body: importInput,
      response: { 200: importReport, ...errors },
    },
    handler: async (request) =>
      service.importPaper({ agencyCode: request.params.agency, input: request.body, context: auditContext(request), lang: request.language }),
  });

  app.route({
    method: 'GET',
    url: '/api/surveys/agencies/:agency/results',
    // Survey officers, and supervisors compiling the semester report who hold only reports.view.
    config: requirePermission(['surveys.view', 'reports.view']),
    schema: {
      tags,
      summary: 'SKM results of a period (surveys.view or reports.view): NRR, IKM, grades, profile, minimum sample, per service and channel',
      params: agencyParams,
      querystring: resultsQuery,
      response: { 200: resultsReport, ...errors },
    },
    handler: async (request) => service.getResults({ agencyCode: request.params.agency, query: request.query }),
  });

  app.route({
    method: 'GET',
    url: '/api/surveys/agencies/:agency/report.pdf',
    config: requirePermission(['surveys.view', 'reports.view']),
    schema: {
      tags,
      summary: 'The published SKM report of a period as PDF (surveys.view or reports.view)',
      params: agencyParams,
      querystring: reportQuery,
      response: { 200: z.any().meta({ description: 'application/pdf' }), ...errors },
    },
    handler: async (request, reply) => {
      const { lang, ...query } = request.query;
      const agency = await service.agencyByCode(request.params.agency);
      const report = await service.getResults({ agencyCode: agency.code, query });
      const suggestions = await service.listSuggestions({ agencyCode: agency.code, query });
      const serviceNames = await service.serviceNames({ agencyCode: agency.code, codes: report.byService.map((s) => s.service).concat(query.service ?? []) });
      const pdf = await renderSurveyReport({ agency, report, suggestions, serviceNames, lang, generatedAt: service.now() });
      const name = `skm-${agency.code}-${report.period.kind}-${report.period.year}-${report.period.index}${query.service ? `-${query.service}` : ''}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
    },
  });
};
