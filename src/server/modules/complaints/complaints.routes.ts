import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import {
  answerInput,
  assignInput,
  assigneeList,
  classifyInput,
  closeInput,
  complainantCloseInput,
  complainantCompletionInput,
  complainantReopenInput,
  complaintDetail,
  complaintForm,
  complaintList,
  complaintNumber,
  complaintStatistics,
  completionInput,
  exportQuery,
  filedComplaint,
  fileComplaintInput,
  followUpInput,
  intakeComplaintInput,
  listQuery,
  statisticsQuery,
  trackingCredentials,
  trackingView,
  verifyInput,
} from '../../../shared/contracts/complaints.js';
import { auditContext, publicRoute, requirePermission } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import type { ActionContext, ComplaintsService } from './complaints.service.js';

export interface ComplaintsRoutesOptions {
  service: ComplaintsService;
  /** Public filings per IP and minute. */
  filePerMinute?: number;
  /** Public tracking lookups and complainant steps per IP and minute: numbers are guessable, secrets are not, but slow both. */
  trackPerMinute?: number;
}

const tags = ['complaints'];
const agencyParams = z.object({ agency: agencyCode });
const complaintParams = z.object({ agency: agencyCode, number: complaintNumber });
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

function contextOf(request: FastifyRequest): ActionContext {
  return { ...auditContext(request), lang: request.language };
}

/**
 * Complaints (pengaduan): the public form, tracking and statistics; the staff's intake, list,
 * complaint page, steps and CSV export. Identity leaves only through the complaint page, and only
 * to those `complaints.policy` allows.
 */
export const complaintsRoutes: FastifyPluginAsyncZod<ComplaintsRoutesOptions> = async (app, { service, filePerMinute = 10, trackPerMinute = 30 }) => {
  const base = '/api/complaints/agencies/:agency';

  app.route({
    method: 'GET',
    url: `${base}/form`,
    config: publicRoute,
    schema: {
      tags,
      summary: "The agency's complaint form: channels, required contents as fields, filing window, limits and classes",
      params: agencyParams,
      response: { 200: complaintForm, 404: errorBody },
    },
    handler: async (request) => service.getForm({ agencyCode: request.params.agency }),
  });

  app.route({
    method: 'POST',
    url: base,
    config: { ...publicRoute, rateLimit: { max: filePerMinute, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'File a complaint on the public form; answers its number and the tracking code (shown once)',
      params: agencyParams,
      body: fileComplaintInput,
      response: { 201: filedComplaint, 400: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const filed = await service.fileOnline({ agencyCode: request.params.agency, input: request.body, context: contextOf(request) });
      reply.code(201);
      return filed;
    },
  });

  app.route({
    method: 'POST',
    url: `${base}/track`,
    config: { ...publicRoute, rateLimit: { max: trackPerMinute, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'Track a complaint by its number and tracking code or e-mail (POST: the code stays out of URLs and logs)',
      params: agencyParams,
      body: trackingCredentials,
      response: { 200: trackingView, 400: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request) => service.track({ agencyCode: request.params.agency, credentials: request.body, lang: request.language }),
  });

  app.route({
    method: 'POST',
    url: `${base}/track/complete`,
    config: { ...publicRoute, rateLimit: { max: trackPerMinute, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'The complainant adds what an incomplete complaint lacked; its clocks run again',
      params: agencyParams,
      body: complainantCompletionInput,
      response: { 200: trackingView, ...errors, 429: errorBody },
    },
    handler: async (request) => service.complainantComplete({ agencyCode: request.params.agency, ...request.body, context: contextOf(request) }),
  });

  app.route({
    method: 'POST',
    url: `${base}/track/confirm`,
    config: { ...publicRoute, rateLimit: { max: trackPerMinute, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'The complainant accepts the answer: the complaint closes',
      params: agencyParams,
      body: complainantCloseInput,
      response: { 200: trackingView, ...errors, 429: errorBody },
    },
    handler: async (request) => service.complainantConfirm({ agencyCode: request.params.agency, ...request.body, context: contextOf(request) }),
  });

  app.route({
    method: 'POST',
    url: `${base}/track/reopen`,
    config: { ...publicRoute, rateLimit: { max: trackPerMinute, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'The complainant reopens a closed complaint within the window',
      params: agencyParams,
      body: complainantReopenInput,
      response: { 200: trackingView, ...errors, 429: errorBody },
    },
    handler: async (request) => service.complainantReopen({ agencyCode: request.params.agency, ...request.body, context: contextOf(request) }),
  });

  app.route({
    method: 'GET',
    url: `${base}/statistics`,
    config: publicRoute,
    schema: {
      tags,
      summary: 'Public statistics of a year: counts by class, outcome and status, on-time rate; no identity, no text of confidential complaints',
      params: agencyParams,
      querystring: statisticsQuery,
      response: { 200: complaintStatistics, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => service.statistics({ agencyCode: request.params.agency, year: request.query.year }),
  });

  // ── Staff ──

  app.route({
    method: 'POST',
    url: `${base}/intake`,
    config: requirePermission('complaints.handle'),
    schema: {
      tags,
      summary: 'Record a complaint received by walk-in, letter, e-mail, call, chat or SP4N-LAPOR! (complaints.handle)',
      params: agencyParams,
      body: intakeComplaintInput,
      response: { 201: filedComplaint, ...errors },
    },
    handler: async (request, reply) => {
      const filed = await service.intake({ agencyCode: request.params.agency, input: request.body, context: contextOf(request) });
      reply.code(201);
      return filed;
    },
  });

  app.route({
    method: 'GET',
    url: `${base}/complaints`,
    config: requirePermission('complaints.view'),
    schema: { tags, summary: 'Complaints of the agency (complaints.view); never identity', params: agencyParams, querystring: listQuery, response: { 200: complaintList, ...errors } },
    handler: async (request) => service.list({ agencyCode: request.params.agency, query: request.query }),
  });

  app.route({
    method: 'GET',
    url: `${base}/by-request/:request`,
    config: requirePermission('complaints.view'),
    schema: {
      tags,
      summary: 'Complaints about one request, by its number (complaints.view)',
      params: z.object({ agency: agencyCode, request: z.string().min(1).max(64) }),
      response: { 200: complaintList, ...errors },
    },
    handler: async (request) => service.listForRequest({ agencyCode: request.params.agency, requestNumber: request.params.request }),
  });

  app.route({
    method: 'GET',
    url: `${base}/export.csv`,
    config: requirePermission('complaints.view'),
    schema: {
      tags,
      summary: 'CSV of the complaints received between two local dates (complaints.view); no identity column',
      params: agencyParams,
      querystring: exportQuery,
      response: { 200: z.any().meta({ description: 'text/csv' }), ...errors },
    },
    handler: async (request, reply) => {
      const { csv, fileName } = await service.exportCsv({ agencyCode: request.params.agency, ...request.query });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
    },
  });

  app.route({
    method: 'GET',
    url: `${base}/assignees`,
    config: requirePermission('complaints.handle'),
    schema: { tags, summary: 'Officers a complaint can be assigned to (complaints.handle)', params: agencyParams, response: { 200: assigneeList, ...errors } },
    handler: async (request) => service.listAssignees({ agencyCode: request.params.agency }),
  });

  app.route({
    method: 'GET',
    url: `${base}/complaints/:number`,
    config: requirePermission('complaints.view'),
    schema: {
      tags,
      summary: "A complaint with its clocks and timeline (complaints.view); an anonymous complainant's identity only with complaints.identity",
      params: complaintParams,
      response: { 200: complaintDetail, ...errors },
    },
    handler: async (request) => service.detail({ agencyCode: request.params.agency, number: request.params.number, permissions: request.permissions }),
  });

  const detailAfter = (request: FastifyRequest<{ Params: { agency: string; number: string } }>) =>
    service.detail({ agencyCode: request.params.agency, number: request.params.number, permissions: request.permissions });

  const stepRoute = <S extends z.ZodType>(path: string, summary: string, body: S, run: (request: FastifyRequest & { params: { agency: string; number: string }; body: z.infer<S> }) => Promise<unknown>) =>
    app.route({
      method: 'POST',
      url: `${base}/complaints/:number/${path}`,
      config: requirePermission('complaints.handle'),
      schema: { tags, summary: `${summary} (complaints.handle)`, params: complaintParams, body, response: { 200: complaintDetail, ...errors } },
      handler: async (request) => {
        await run(request as never);
        return detailAfter(request as never);
      },
    });

  stepRoute('verify', 'Verify the file: complete, or incomplete with what is missing (pauses the clocks)', verifyInput, (r) =>
    service.verify({ agencyCode: r.params.agency, number: r.params.number, ...r.body, context: contextOf(r) }),
  );
  stepRoute('completion', "Record what the complainant added to an incomplete file (the clocks run again)", completionInput, (r) =>
    service.recordCompletion({ agencyCode: r.params.agency, number: r.params.number, text: r.body.text, context: contextOf(r) }),
  );
  stepRoute('classify', "Classify by the agency's classes: the class sets the resolution limit", classifyInput, (r) =>
    service.classify({ agencyCode: r.params.agency, number: r.params.number, ...r.body, context: contextOf(r) }),
  );
  stepRoute('assign', 'Assign to an officer', assignInput, (r) => service.assign({ agencyCode: r.params.agency, number: r.params.number, ...r.body, context: contextOf(r) }));
  stepRoute('follow-up', 'Record a follow-up', followUpInput, (r) => service.followUp({ agencyCode: r.params.agency, number: r.params.number, note: r.body.note, context: contextOf(r) }));
  stepRoute('answer', 'Answer the complainant, with the outcome', answerInput, (r) =>
    service.answer({ agencyCode: r.params.agency, number: r.params.number, ...r.body, context: contextOf(r) }),
  );
  stepRoute('close', 'Close an answered complaint (the complainant may reopen it within the window)', closeInput, (r) =>
    service.close({ agencyCode: r.params.agency, number: r.params.number, note: r.body.note, context: contextOf(r) }),
  );
};
