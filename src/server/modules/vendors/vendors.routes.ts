import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import { requestNumber } from '../../../shared/contracts/requests.js';
import {
  accountView,
  aggregationResultInput,
  aggregationView,
  applicationList,
  applicationQuery,
  confirmEmailInput,
  documentFields,
  documentView,
  emailChangeView,
  emailConfirmed,
  exportQuery,
  importQuery,
  importReport,
  linkRequestInput,
  myVendorsList,
  personInput,
  registerAccountInput,
  registerOwnAccountInput,
  registerOwnVendorInput,
  registerVendorInput,
  requestVendorView,
  searchQuery,
  serviceOfferList,
  startOwnServiceInput,
  startServiceInput,
  startServiceResult,
  fileApplicationInput,
  updateVendorInput,
  vendorPage,
  vendorRequestView,
  vendorView,
  verifyDocumentInput,
} from '../../../shared/contracts/vendors.js';
import { languages } from '../../../shared/i18n/languages.js';
import { describeIssues } from '../../../shared/validation.js';
import { AppError } from '../../lib/app-error.js';
import { publicRoute, requirePermission, routeAgency, signedIn } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import { readUpload } from '../../plugins/uploads.js';
import { defaultMaxFileBytes, fileTooLarge } from '../requests/requests.attachments.js';
import type { VendorCall, VendorsService, Workspace } from './vendors.service.js';

export interface VendorsRoutesOptions {
  service: VendorsService;
  /** Largest document or import file, in bytes (the attachments' default otherwise). */
  maxFileBytes?: number | undefined;
}

const tags = ['vendors'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const agencyParams = z.object({ agency: agencyCode });
const vendorParams = z.object({ agency: agencyCode, vendorId: z.uuid() });
const documentParams = z.object({ agency: agencyCode, vendorId: z.uuid(), documentId: z.uuid() });
const idParams = z.object({ agency: agencyCode, id: z.uuid() });
const requestParams = z.object({ agency: agencyCode, number: requestNumber });
const ownParams = z.object({ vendorId: z.uuid() });
const ownDocumentParams = z.object({ vendorId: z.uuid(), documentId: z.uuid() });
const ownIdParams = z.object({ vendorId: z.uuid(), id: z.uuid() });
const ownAgencyQuery = z.object({ agency: agencyCode });
const langQuery = z.object({ lang: z.enum(languages).optional() });

function call(request: FastifyRequest): VendorCall {
  return { actor: request.actor, ip: request.ip ?? null, requestId: String(request.id), lang: request.language };
}

function workspace(request: FastifyRequest): Workspace {
  const agency = routeAgency(request);
  return { id: agency.id, code: agency.code, name: agency.name };
}

const readVendorUpload = (request: FastifyRequest, maxBytes: number) =>
  readUpload(request, { maxBytes, tooLarge: () => fileTooLarge(maxBytes, request.language) });

/** The document's fields of a multipart upload, checked by the contract as a JSON body would be. */
function parseDocumentFields(request: FastifyRequest, fields: Record<string, string>) {
  const parsed = documentFields.safeParse(fields);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error.issues, request.language);
  throw new AppError('validation', { id: `Data dokumen tidak valid: ${details[0]!.field}`, en: `The document's data is not valid: ${details[0]!.field}` }, details);
}

function sendFile(reply: FastifyReply, file: { fileName: string; mimeType: string; data: Buffer }) {
  const name = file.fileName.replace(/[^\w.\- ]/g, '_');
  return reply
    .header('content-type', file.mimeType)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.data);
}

/**
 * The vendor registry: officers of an agency (/api/vendors/agencies/:agency/…), a vendor's own
 * people (/api/portal/vendors/…), and the e-mail confirmation link (/api/public/vendors/…).
 */
export const vendorsRoutes: FastifyPluginAsyncZod<VendorsRoutesOptions> = async (app, options) => {
  const { service } = options;
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 10, fieldSize: 1000 } });
  const base = '/api/vendors/agencies/:agency';

  // ── Officers ──
  app.route({
    method: 'GET',
    url: `${base}/vendors`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'Search the registry by NPWP, NIB, name (typo-tolerant), user ID or e-mail; without q, the registry by name', params: agencyParams, querystring: searchQuery, response: { 200: vendorPage, ...errors } },
    handler: async (request) => service.search(workspace(request), request.query),
  });

  app.route({
    method: 'POST',
    url: `${base}/vendors`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: 'Register a vendor; 409 naming the vendor that already holds the NPWP or NIB', params: agencyParams, body: registerVendorInput, response: { 201: vendorView, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await service.registerVendor({ ctx: call(request), workspace: workspace(request), input: request.body })),
  });

  app.route({
    method: 'GET',
    url: `${base}/vendors/:vendorId`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: "A vendor: the shared company data, this agency's account, requests and receipts, and the history", params: vendorParams, response: { 200: vendorView, ...errors } },
    handler: async (request) => service.getForStaff({ workspace: workspace(request), vendorId: request.params.vendorId }),
  });

  app.route({
    method: 'PATCH',
    url: `${base}/vendors/:vendorId`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: 'Change contact data (address, e-mail, phone; a NIB when none); 409 on a stale version', params: vendorParams, body: updateVendorInput, response: { 200: vendorView, ...errors } },
    handler: async (request) => service.updateVendorForStaff({ ctx: call(request), workspace: workspace(request), vendorId: request.params.vendorId, input: request.body }),
  });

  app.route({
    method: 'POST',
    url: `${base}/vendors/:vendorId/persons`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: 'Add a person who acts for the vendor (with NIK)', params: vendorParams, body: personInput, response: { 200: vendorView, ...errors } },
    handler: async (request) => service.addPersonForStaff({ ctx: call(request), workspace: workspace(request), vendorId: request.params.vendorId, input: request.body }),
  });

  app.route({
    method: 'POST',
    url: `${base}/vendors/:vendorId/documents`,
    config: requirePermission('requests.act'),
    schema: {
      tags,
      summary: 'Upload a document (multipart: kind, title, number, issuedOn, personId, replaces, then file); stored encrypted, once per content',
      params: vendorParams,
      consumes: ['multipart/form-data'],
      response: { 201: documentView, ...errors, 413: errorBody, 415: errorBody },
    },
    handler: async (request, reply) => {
      const upload = await readVendorUpload(request, maxFileBytes);
      const fields = parseDocumentFields(request, upload.fields);
      const view = await service.uploadDocument({ ctx: call(request), agencyId: workspace(request).id, vendorId: request.params.vendorId, fields, file: upload });
      return reply.code(201).send(view);
    },
  });

  app.route({
    method: 'GET',
    url: `${base}/vendors/:vendorId/documents/:documentId`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'Download a document', params: documentParams, response: { ...errors } },
    handler: async (request, reply) => {
      const file = await service.downloadDocument({ vendorId: request.params.vendorId, documentId: request.params.documentId });
      return sendFile(reply, { fileName: file.document.fileName, mimeType: file.document.mimeType, data: file.data });
    },
  });

  app.route({
    method: 'POST',
    url: `${base}/vendors/:vendorId/documents/:documentId/verify`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: 'Mark a document verified: the original shown (or only the copy), by whom and when', params: documentParams, body: verifyDocumentInput, response: { 200: documentView, ...errors } },
    handler: async (request) =>
      service.verifyDocument({ ctx: call(request), workspace: workspace(request), vendorId: request.params.vendorId, documentId: request.params.documentId, ...request.body }),
  });

  app.route({
    method: 'POST',
    url: `${base}/vendors/:vendorId/account`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: "Register the vendor's SPSE account at this agency (awaiting verification)", params: vendorParams, body: registerAccountInput, response: { 201: accountView, ...errors } },
    handler: async (request, reply) =>
      reply.code(201).send(await service.registerAccount({ ctx: call(request), workspace: workspace(request), vendorId: request.params.vendorId, input: request.body })),
  });

  app.route({
    method: 'GET',
    url: `${base}/vendors/:vendorId/services`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: "This agency's account services for the vendor, prefilled from the registry, each with whether it can start now", params: vendorParams, response: { 200: serviceOfferList, ...errors } },
    handler: async (request) => service.listOffersForStaff({ ctx: call(request), workspace: workspace(request), vendorId: request.params.vendorId }),
  });

  app.route({
    method: 'POST',
    url: `${base}/vendors/:vendorId/services`,
    config: requirePermission('requests.intake'),
    schema: { tags, summary: "File an account service on the vendor's behalf at the counter, prefilled from the registry", params: vendorParams, body: startServiceInput, response: { 201: startServiceResult, ...errors } },
    handler: async (request, reply) =>
      reply.code(201).send(await service.startForVendor({ ctx: call(request), workspace: workspace(request), vendorId: request.params.vendorId, input: request.body })),
  });

  app.route({
    method: 'GET',
    url: `${base}/applications`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'Services vendors prepared online, waiting to be filed at the counter (or the one with a reference)', params: agencyParams, querystring: applicationQuery, response: { 200: applicationList, ...errors } },
    handler: async (request) => service.listPrepared({ workspace: workspace(request), reference: request.query.reference, limit: request.query.limit }),
  });

  app.route({
    method: 'POST',
    url: `${base}/applications/:id/file`,
    config: requirePermission('requests.intake'),
    schema: { tags, summary: 'File a prepared service now that the vendor is at the counter; 409 when it was filed already', params: idParams, body: fileApplicationInput, response: { 201: startServiceResult, ...errors } },
    handler: async (request, reply) =>
      reply.code(201).send(await service.filePrepared({ ctx: call(request), workspace: workspace(request), id: request.params.id, channel: request.body.channel })),
  });

  app.route({
    method: 'GET',
    url: `${base}/requests/:number/vendor`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'The vendor of a request and what its service changes', params: requestParams, response: { 200: requestVendorView, ...errors } },
    handler: async (request) => service.vendorOfRequest({ workspace: workspace(request), number: request.params.number }),
  });

  app.route({
    method: 'PUT',
    url: `${base}/requests/:number/vendor`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: 'Link a request filed without the registry to its vendor, with what its service changes', params: requestParams, body: linkRequestInput, response: { 200: requestVendorView, ...errors } },
    handler: async (request) => service.linkRequest({ ctx: call(request), workspace: workspace(request), number: request.params.number, input: request.body }),
  });

  app.route({
    method: 'POST',
    url: `${base}/aggregations/:id/result`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: "Record LKPP's answer to an Agregasi Data Penyedia", params: idParams, body: aggregationResultInput, response: { 200: aggregationView, ...errors } },
    handler: async (request) => service.recordAggregationResult({ ctx: call(request), workspace: workspace(request), aggregationId: request.params.id, input: request.body }),
  });

  app.route({
    method: 'POST',
    url: `${base}/email-changes/:id/resend`,
    config: requirePermission('requests.act'),
    schema: { tags, summary: 'Send a new confirmation link for a pending e-mail change (the old link stops working)', params: idParams, response: { 200: emailChangeView, ...errors } },
    handler: async (request) => service.resendEmailLink({ ctx: call(request), workspace: workspace(request), changeId: request.params.id }),
  });

  app.route({
    method: 'GET',
    url: `${base}/receipts/:id`,
    config: requirePermission('requests.view'),
    schema: { tags, summary: 'The receipt of an activation (PDF)', params: idParams, querystring: langQuery, response: { ...errors } },
    handler: async (request, reply) => sendFile(reply, await service.receiptForStaff({ workspace: workspace(request), id: request.params.id, lang: request.query.lang ?? request.language })),
  });

  app.route({
    method: 'POST',
    url: `${base}/import`,
    config: requirePermission('requests.assign'),
    schema: {
      tags,
      summary: "Import the agency's vendors from CSV or XLSX (documented columns); ?dryRun=true reports without storing; row errors name row, column and rule",
      params: agencyParams,
      querystring: importQuery,
      consumes: ['multipart/form-data'],
      response: { 200: importReport, ...errors, 413: errorBody },
    },
    handler: async (request) => {
      const upload = await readVendorUpload(request, maxFileBytes);
      return service.importVendors({ ctx: call(request), workspace: workspace(request), content: upload.data, dryRun: request.query.dryRun === 'true' });
    },
  });

  app.route({
    method: 'GET',
    url: `${base}/export`,
    config: requirePermission('requests.assign'),
    schema: { tags, summary: "The agency's vendors and accounts in the import's columns (CSV or XLSX)", params: agencyParams, querystring: exportQuery, response: { ...errors } },
    handler: async (request, reply) => sendFile(reply, await service.exportVendors({ workspace: workspace(request), format: request.query.format })),
  });

  // ── A vendor's own people ──
  app.route({
    method: 'GET',
    url: '/api/portal/vendors',
    config: signedIn(),
    schema: { tags, summary: 'The vendors I act for', response: { 200: myVendorsList, 401: errorBody } },
    handler: async (request) => service.listOwn({ ctx: call(request) }),
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors',
    config: signedIn(),
    schema: { tags, summary: 'Register my company; 409 naming the vendor that already holds the NPWP or NIB', body: registerOwnVendorInput, response: { 201: vendorView, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await service.registerOwnVendor({ ctx: call(request), input: request.body })),
  });

  app.route({
    method: 'GET',
    url: '/api/portal/vendors/:vendorId',
    config: signedIn(),
    schema: { tags, summary: 'My company: data, accounts at every agency, documents, requests, receipts, history', params: ownParams, response: { 200: vendorView, ...errors } },
    handler: async (request) => service.getOwn({ ctx: call(request), vendorId: request.params.vendorId }),
  });

  app.route({
    method: 'PATCH',
    url: '/api/portal/vendors/:vendorId',
    config: signedIn(),
    schema: { tags, summary: "Change my company's contact data", params: ownParams, body: updateVendorInput, response: { 200: vendorView, ...errors } },
    handler: async (request) => service.updateOwnVendor({ ctx: call(request), vendorId: request.params.vendorId, input: request.body }),
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors/:vendorId/persons',
    config: signedIn(),
    schema: { tags, summary: 'Add a person who acts for my company', params: ownParams, body: personInput, response: { 200: vendorView, ...errors } },
    handler: async (request) => service.addOwnPerson({ ctx: call(request), vendorId: request.params.vendorId, input: request.body }),
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors/:vendorId/documents',
    config: signedIn(),
    schema: {
      tags,
      summary: 'Upload a document of my company once, to reuse in every request (multipart: kind, title, number, issuedOn, personId, replaces, then file)',
      params: ownParams,
      consumes: ['multipart/form-data'],
      response: { 201: documentView, ...errors, 413: errorBody, 415: errorBody },
    },
    handler: async (request, reply) => {
      const upload = await readVendorUpload(request, maxFileBytes);
      const fields = parseDocumentFields(request, upload.fields);
      return reply.code(201).send(await service.uploadOwnDocument({ ctx: call(request), vendorId: request.params.vendorId, fields, file: upload }));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/portal/vendors/:vendorId/documents/:documentId',
    config: signedIn(),
    schema: { tags, summary: 'Download a document of my company', params: ownDocumentParams, response: { ...errors } },
    handler: async (request, reply) => {
      const file = await service.downloadOwnDocument({ ctx: call(request), vendorId: request.params.vendorId, documentId: request.params.documentId });
      return sendFile(reply, { fileName: file.document.fileName, mimeType: file.document.mimeType, data: file.data });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors/:vendorId/accounts',
    config: signedIn(),
    schema: { tags, summary: "Register my company's SPSE account at an agency (awaiting verification)", params: ownParams, body: registerOwnAccountInput, response: { 201: accountView, ...errors } },
    handler: async (request, reply) => {
      const { agency, ...input } = request.body;
      return reply.code(201).send(await service.registerOwnAccount({ ctx: call(request), vendorId: request.params.vendorId, agencyCode: agency, input }));
    },
  });

  app.route({
    method: 'GET',
    url: '/api/portal/vendors/:vendorId/services',
    config: signedIn(),
    schema: { tags, summary: "An agency's account services for my company, prefilled", params: ownParams, querystring: ownAgencyQuery, response: { 200: serviceOfferList, ...errors } },
    handler: async (request) => service.listOwnOffers({ ctx: call(request), vendorId: request.params.vendorId, agencyCode: request.query.agency }),
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors/:vendorId/services',
    config: signedIn(),
    schema: {
      tags,
      summary: 'Start an account service: filed at once on an online channel, else prepared with a reference to say at the counter',
      params: ownParams,
      body: startOwnServiceInput,
      response: { 201: startServiceResult, ...errors },
    },
    handler: async (request, reply) => {
      const { agency, ...input } = request.body;
      return reply.code(201).send(await service.startOwn({ ctx: call(request), vendorId: request.params.vendorId, agencyCode: agency, input }));
    },
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors/:vendorId/requests/:id/withdraw',
    config: signedIn(),
    schema: { tags, summary: 'Withdraw a prepared service before it is filed', params: ownIdParams, querystring: ownAgencyQuery, response: { 200: vendorRequestView, ...errors } },
    handler: async (request) => service.withdrawOwn({ ctx: call(request), vendorId: request.params.vendorId, agencyCode: request.query.agency, id: request.params.id }),
  });

  app.route({
    method: 'POST',
    url: '/api/portal/vendors/:vendorId/email-changes/:id/resend',
    config: signedIn(),
    schema: { tags, summary: 'Send a new confirmation link for a pending e-mail change', params: ownIdParams, querystring: ownAgencyQuery, response: { 200: emailChangeView, ...errors } },
    handler: async (request) =>
      service.resendOwnEmailLink({ ctx: call(request), vendorId: request.params.vendorId, agencyCode: request.query.agency, changeId: request.params.id }),
  });

  app.route({
    method: 'GET',
    url: '/api/portal/vendors/:vendorId/receipts/:id',
    config: signedIn(),
    schema: { tags, summary: 'The receipt of an activation of my account (PDF)', params: ownIdParams, querystring: langQuery, response: { ...errors } },
    handler: async (request, reply) =>
      sendFile(reply, await service.receiptForVendor({ ctx: call(request), vendorId: request.params.vendorId, id: request.params.id, lang: request.query.lang ?? request.language })),
  });

  // ── The e-mail confirmation link ──
  app.route({
    method: 'POST',
    url: '/api/public/vendors/email-confirmations',
    config: { ...publicRoute, rateLimit: { max: 20, timeWindow: 60_000 } },
    schema: { tags, summary: "Confirm an SPSE account's new e-mail with the single-use token from the link", body: confirmEmailInput, response: { 200: emailConfirmed, 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody } },
    handler: async (request) => service.confirmEmail({ ctx: call(request), token: request.body.token }),
  });
};
