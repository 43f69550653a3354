import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import { auditPage, auditQuery } from '../../../shared/contracts/identity.js';
import { requirePermission, routeAgency } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import { auditCsv, type AuditService } from './audit.service.js';
import type { AuditEventRow } from './audit.repo.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody } as const;
const params = z.object({ agency: agencyCode });
/** Enough for a semester of a busy unit; beyond it, narrow the dates. */
const csvLimit = 100_000;

const toEvent = (r: AuditEventRow) => ({
  seq: r.seq,
  occurredAt: r.occurredAt.toISOString(),
  actorType: r.actorType,
  actorId: r.actorId,
  actorLabel: r.actorLabel,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  ip: r.ip,
  requestId: r.requestId,
  before: r.before,
  after: r.after,
  hash: r.hash,
});

/** The audit viewer of an agency: filtered pages, newest first, and CSV export. */
export const auditRoutes: FastifyPluginAsyncZod<{ service: AuditService }> = async (app, { service }) => {
  const filterOf = (q: z.infer<typeof auditQuery>) => ({
    action: q.action,
    actorId: q.actorId,
    targetType: q.targetType,
    targetId: q.targetId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    beforeSeq: q.beforeSeq,
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:agency/audit',
    config: requirePermission('audit.view'),
    schema: { tags: ['audit'], summary: 'Audit trail of the agency, newest first', params, querystring: auditQuery, response: { 200: auditPage, ...errors } },
    handler: async (request) => {
      const q = request.query;
      const rows = await service.searchEvents({ agencyId: routeAgency(request).id, filter: filterOf(q), limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      return { items: page.map(toEvent), nextBeforeSeq: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null };
    },
  });

  app.route({
    method: 'GET',
    url: '/api/agencies/:agency/audit.csv',
    config: requirePermission('audit.view'),
    schema: {
      tags: ['audit'],
      summary: 'Audit trail of the agency as CSV (same filters)',
      params,
      querystring: auditQuery.omit({ limit: true, beforeSeq: true }),
      response: { 200: z.string().describe('text/csv; UTF-8 with BOM'), ...errors },
    },
    handler: async (request, reply) => {
      const agency = routeAgency(request);
      const rows = await service.searchEvents({ agencyId: agency.id, filter: filterOf({ ...request.query, limit: csvLimit }), limit: csvLimit });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${agency.code}.csv"`)
        .send(auditCsv(rows));
    },
  });
};
