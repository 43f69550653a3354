import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import {
  actionInput,
  assignInput,
  attachmentView,
  cannedReplyInput,
  cannedReplyList,
  cannedReplyView,
  checklistInput,
  claimInput,
  intakeInput,
  intakeReceipt,
  myRequestsPage,
  noteInput,
  publicRequestView,
  queueCounts,
  queueFilters,
  queuePage,
  queueQuery,
  requesterActionInput,
  requestNumber,
  requestSettingsInput,
  requestSettingsView,
  requestView,
  trackInput,
  type RequestView,
} from '../../../shared/contracts/requests.js';
import type { Permission } from '../../../shared/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { publicRoute, requirePermission, routeAgency, signedIn } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import { readUpload } from '../../plugins/uploads.js';
import { defaultMaxFileBytes, fileTooLarge } from './requests.attachments.js';
import type { CallContext, RequestsService } from './requests.service.js';

export interface RequestsRoutesOptions {
  service: RequestsService;
  maxFileBytes?: number;
  /** Anonymous filings per IP and minute. */
  publicPerMinute?: number;
}

const tags = ['requests'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const agencyParams = z.object({ agency: agencyCode });
const requestParams = z.object({ agency: agencyCode, number: requestNumber });
const numberParams = z.object({ number: requestNumber });
const attachmentParams = z.object({ agency: agencyCode, number: requestNumber, id: z.uuid() });
const publicAttachmentParams = z.object({ number: requestNumber, id: z.uuid() });

function callContext(request: FastifyRequest): CallContext {
  return { actor: request.actor, ip: request.ip ?? null, requestId: String(request.id), lang: request.language };
}

/** Who acts on which request, from the workspace of the URL: what every staff route hands the service. */
function staffCall(request: FastifyRequest<{ Params: { number: string } }>) {
  return { ctx: callContext(request), workspaceId: routeAgency(request).id, number: request.params.number };
}

/** The routes a requester reaches without an account: limited per address. */
const publicLimited = { ...publicRoute, rateLimit: { max: 30, timeWindow: 60_000 } };

/**
 * One staff action on a request of the workspace: POST `…/requests/:number/<path>` with the
 * route's body, answered with the request as staff see it after the change.
 */
function staffAction<Body extends z.ZodType>(
  app: FastifyInstance,
  route: { path: string; permission: Permission; summary: string; body: Body; run: (call: ReturnType<typeof staffCall>, body: z.output<Body>) => Promise<RequestView> },
) {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: 'POST',
    url: `/api/requests/agencies/:agency/requests/:number/${route.path}`,
    config: requirePermission(route.permission),
    schema: { tags, summary: route.summary, params: requestParams, body: route.body, response: { 200: requestView, ...errors } },
    // The type provider cannot narrow a generic schema; zod has parsed the body against `route.body`.
    handler: async (request) => route.run(staffCall(request), request.body as z.output<Body>),
  });
}

function signedInUser(request: FastifyRequest): { userId: string; email: string } {
  const actor = request.actor;
  if (actor.type !== 'user') throw new AppError('unauthenticated', { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' });
  return { userId: actor.userId, email: actor.email };
}

/** One multipart upload (plugins/uploads.ts) with the text fields the requests routes read: `confidential`, `requirementCode`, `secret`. */
async function readRequestUpload(request: FastifyRequest, maxBytes: number) {
  const upload = await readUpload(request, { maxBytes, tooLarge: () => fileTooLarge(maxBytes, request.language) });
  return {
    data: upload.data,
    fileName: upload.fileName,
    confidential: upload.fields.confidential === 'true',
    requirementCode: upload.fields.requirementCode ?? null,
    secret: upload.fields.secret,
  };
}

function sendFile(reply: FastifyReply, file: { attachment: { fileName: string; mimeType: string }; data: Buffer }) {
  const name = file.attachment.fileName.replace(/[^\w.\- ]/g, '_');
  return reply
    .header('content-type', file.attachment.mimeType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

/**
 * Service requests: intake by staff (walk-in, call, letter), integrations (API token), the portal
 * (signed in) and the public (no account); the officers' queues and actions; tracking by number
 * with e-mail, phone or the link's secret.
 */
export const requestsRoutes: FastifyPluginAsyncZod<RequestsRoutesOptions> = async (app, options) => {
  const { service } = options;
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 10, fieldSize: 1000 } });

  // ── Intake ──
  app.route({
    method: 'POST',
    url: '/api/requests/agencies/:agency/intake',
    config: requirePermission('requests.intake'),
    schema: {
      tags,
      summary: "File a request on someone's behalf (walk-in, call centre, letter) or from an integration's API token (requests.intake)",
      params: agencyParams,
      body: intakeInput,
      response: { 201: intakeReceipt, ...errors },
    },
    handler: async (request, reply) => {
      const source = request.actor.type === 'api_token' ? 'api' : 'staff';
      const receipt = await service.intake({ ctx: callContext(request), agencyCode: routeAgency(request).code, input: request.body, source });
      // Sent only now: the transaction has committed.
      return reply.code(201).send(receipt);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/portal/agencies/:agency/requests',
    config: signedIn(),
    schema: {
      tags,
      summary: 'File a request from the portal as the signed-in user (online channels only)',
      params: agencyParams,
      body: intakeInput,
      response: { 201: intakeReceipt, ...errors },
    },
    handler: async (request, reply) => {
      const user = signedInUser(request);
      const body = { ...request.body, requester: { ...request.body.requester, email: request.body.requester.email ?? user.email } };
      const receipt = await service.intake({ ctx: callContext(request), agencyCode: request.params.agency, input: body, source: 'portal', userId: user.userId });
      return reply.code(201).send(receipt);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/public/agencies/:agency/requests',
    config: { ...publicRoute, rateLimit: { max: options.publicPerMinute ?? 20, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'File a request without an account (online channels only); e-mail or phone is required for tracking',
      params: agencyParams,
      body: intakeInput,
      response: { 201: intakeReceipt, 400: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      // Anonymous by design: a session cookie does not link the request to an account here.
      const ctx = { ...callContext(request), actor: { type: 'anonymous' as const } };
      const receipt = await service.intake({ ctx, agencyCode: request.params.agency, input: request.body, source: 'public' });
      return reply.code(201).send(receipt);
    },
  });

  // ── Tracking and the requester's side ──
  app.route({
    method: 'POST',
    url: '/api/public/requests/track',
    config: publicLimited,
    schema: {
      tags,
      summary: 'Follow a request by its number with the e-mail or phone given at filing, or the secret of the tracking link',
      body: trackInput,
      response: { 200: publicRequestView, 400: errorBody, 404: errorBody, 429: errorBody },
    },
    handler: async (request) => service.track(request.body),
  });

  app.route({
    method: 'POST',
    url: '/api/public/requests/:number/actions',
    config: publicLimited,
    schema: {
      tags,
      summary: "The requester's action in a requester step (send the missing data, confirm closing, not solved), with the tracking link's secret",
      params: numberParams,
      body: requesterActionInput,
      response: { 200: publicRequestView, ...errors, 429: errorBody },
    },
    handler: async (request) => {
      const { secret, ...input } = request.body;
      return service.actAsRequester({ ctx: callContext(request), number: request.params.number, input, secret });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/public/requests/:number/attachments',
    config: publicLimited,
    schema: {
      tags,
      summary: 'Attach a file as the requester (multipart: secret, confidential, requirementCode, then file)',
      params: numberParams,
      consumes: ['multipart/form-data'],
      response: { 201: attachmentView, ...errors, 413: errorBody, 415: errorBody, 429: errorBody },
    },
    handler: async (request, reply) => {
      const upload = await readRequestUpload(request, maxFileBytes);
      if (!upload.secret) throw new AppError('validation', { id: 'Rahasia pelacakan wajib dikirim', en: 'The tracking secret is required' }, [{ field: 'secret', rule: 'required', message: 'secret' }]);
      const view = await service.addRequesterAttachment({
        ctx: callContext(request),
        number: request.params.number,
        secret: upload.secret,
        file: { data: upload.data, fileName: upload.fileName },
        confidential: upload.confidential,
        requirementCode: upload.requirementCode,
      });
      return reply.code(201).send(view);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/public/requests/:number/attachments/:id',
    config: publicRoute,
    schema: {
      tags,
      summary: "Download an attachment as the requester (?k= the tracking link's secret)",
      params: publicAttachmentParams,
      querystring: z.object({ k: z.string().min(10).max(200) }),
      response: { 404: errorBody },
    },
    handler: async (request, reply) =>
      sendFile(reply, await service.downloadForRequester({ number: request.params.number, secret: request.query.k, attachmentId: request.params.id })),
  });

  app.route({
    method: 'GET',
    url: '/api/portal/requests',
    config: signedIn(),
    schema: { tags, summary: "The signed-in user's requests, in every agency", response: { 200: myRequestsPage, 401: errorBody } },
    handler: async (request) => service.listMine(signedInUser(request)),
  });

  app.route({
    method: 'GET',
    url: '/api/portal/requests/:number',
    config: signedIn(),
    schema: { tags, summary: 'One of my requests', params: numberParams, response: { 200: publicRequestView, 401: errorBody, 404: errorBody } },
    handler: async (request) => service.getMine({ ...signedInUser(request), number: request.params.number }),
  });

  app.route({
    method: 'POST',
    url: '/api/portal/requests/:number/actions',
    config: signedIn(),
    schema: { tags, summary: 'Act in a requester step of one of my requests', params: numberParams, body: actionInput, response: { 200: publicRequestView, ...errors } },
    handler: async (request) => {
      const user = signedInUser(request);
      return service.actAsRequester({ ctx: callContext(request), number: request.params.number, input: request.body, userId: user.userId, userEmail: user.email });
    },
  });

  // ── Officers ──
  app.route({
    method: 'GET',
    url: '/api/requests/agencies/:agency/queue',
    config: requirePermission('requests.view'),
    schema: {
      tags,
      summary: 'A queue: mine, my role can take, unassigned, near breach, breached, all open; searched (number, requester, company, NPWP, text) and filtered (service, channel, status, clock, officer); priority first, then the clock',
      params: agencyParams,
      querystring: queueQuery,
      response: { 200: queuePage, ...errors },
    },
    handler: async (request) => {
      const { view, limit, after, ...filters } = request.query;
      return service.queue({ ctx: callContext(request), workspaceId: routeAgency(request).id, view, limit, after, filters });
    },
  });

  app.route({
    method: 'GET',
    url: '/api/requests/agencies/:agency/queue/counts',
    config: requirePermission('requests.view'),
    schema: {
      tags,
      summary: 'How many open requests each queue holds for me, under the same search and filters as the queue',
      params: agencyParams,
      querystring: queueFilters,
      response: { 200: queueCounts, ...errors },
    },
    handler: async (request) => service.queueCounts({ ctx: callContext(request), workspaceId: routeAgency(request).id, filters: request.query }),
  });

  app.route({
    method: 'GET',
    url: '/api/requests/agencies/:agency/requests/:number',
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'One request with its timeline, checklist, clocks and the actions allowed now', params: requestParams, response: { 200: requestView, ...errors } },
    handler: async (request) => service.getForStaff(staffCall(request)),
  });

  staffAction(app, {
    path: 'actions',
    permission: 'requests.act',
    summary: "A workflow action of the current step, as the standard defines it, by the step's role; 409 when the version is stale",
    body: actionInput,
    run: (call, input) => service.actAsOfficer({ ...call, input }),
  });

  staffAction(app, {
    path: 'assign',
    permission: 'requests.assign',
    summary: 'Assign or reassign (null: unassign) to an officer holding the step role',
    body: assignInput,
    run: (call, body) => service.assign({ ...call, ...body }),
  });

  staffAction(app, {
    path: 'claim',
    permission: 'requests.act',
    summary: 'Take the request (holder of the step role)',
    body: claimInput,
    run: (call, body) => service.claim({ ...call, version: body.version }),
  });

  staffAction(app, {
    path: 'checklist',
    permission: 'requests.act',
    summary: 'Mark checklist items received / original shown / missing',
    body: checklistInput,
    run: (call, body) => service.markChecklist({ ...call, items: body.items }),
  });

  staffAction(app, {
    path: 'notes',
    permission: 'requests.act',
    summary: 'A public reply to the requester or an internal note',
    body: noteInput,
    run: (call, body) => service.addNote({ ...call, ...body }),
  });

  app.route({
    method: 'POST',
    url: '/api/requests/agencies/:agency/requests/:number/attachments',
    config: requirePermission('requests.act'),
    schema: {
      tags,
      summary: 'Attach a file (multipart: confidential, requirementCode, then file); type checked by content; stored once per content',
      params: requestParams,
      consumes: ['multipart/form-data'],
      response: { 201: attachmentView, ...errors, 413: errorBody, 415: errorBody },
    },
    handler: async (request, reply) => {
      const upload = await readRequestUpload(request, maxFileBytes);
      const view = await service.addStaffAttachment({
        ...staffCall(request),
        file: { data: upload.data, fileName: upload.fileName },
        confidential: upload.confidential,
        requirementCode: upload.requirementCode,
      });
      return reply.code(201).send(view);
    },
  });

  app.route({
    method: 'GET',
    url: '/api/requests/agencies/:agency/requests/:number/attachments/:id',
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'Download an attachment (confidential ones decrypted for staff who may see the request)', params: attachmentParams, response: { ...errors } },
    handler: async (request, reply) =>
      sendFile(reply, await service.downloadForStaff({ ...staffCall(request), attachmentId: request.params.id })),
  });

  app.route({
    method: 'GET',
    url: '/api/requests/agencies/:agency/canned-replies',
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'Canned replies (for one service and for all)', params: agencyParams, querystring: z.object({ service: z.string().max(64).optional() }), response: { 200: cannedReplyList, ...errors } },
    handler: async (request) => service.listCannedReplies({ agencyId: routeAgency(request).id, service: request.query.service }),
  });

  app.route({
    method: 'POST',
    url: '/api/requests/agencies/:agency/canned-replies',
    config: requirePermission('requests.assign'),
    schema: { tags, summary: 'Add a canned reply', params: agencyParams, body: cannedReplyInput, response: { 201: cannedReplyView, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await service.addCannedReply({ ctx: callContext(request), agencyId: routeAgency(request).id, input: request.body })),
  });

  app.route({
    method: 'GET',
    url: '/api/requests/agencies/:agency/settings',
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'Request settings of the agency (auto-close after N working days)', params: agencyParams, response: { 200: requestSettingsView, ...errors } },
    handler: async (request) => service.getSettings({ agencyId: routeAgency(request).id }),
  });

  app.route({
    method: 'PUT',
    url: '/api/requests/agencies/:agency/settings',
    config: requirePermission('requests.assign'),
    schema: { tags, summary: 'Change the request settings of the agency', params: agencyParams, body: requestSettingsInput, response: { 200: requestSettingsView, ...errors } },
    handler: async (request) => service.updateSettings({ ctx: callContext(request), agencyId: routeAgency(request).id, autoCloseWorkingDays: request.body.autoCloseWorkingDays }),
  });
};
