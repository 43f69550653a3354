import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyCode } from '../../../shared/contracts/agencies.js';
import {
  calendarDate,
  calendarSettingsInput,
  calendarSettingsView,
  dateInput,
  datePatch,
  dueQuery,
  dueResult,
  holidayList,
  icsImportInput,
  icsImportResult,
  isoDateText,
  yearQuery,
} from '../../../shared/contracts/calendar.js';
import { errorBody } from '../../plugins/errors.js';
import type { AuditActor } from '../audit/audit.service.js';
import type { CalendarService, ChangeContext } from './calendar.service.js';

/**
 * Decides whether the request may change a calendar (permission `calendar.edit`) and says who
 * is acting. `agencyCode` null means the national dates, which every agency's calendar has.
 * Throws an AppError (401/403) when it may not.
 */
export type CalendarEditGuard = (request: FastifyRequest, scope: { agencyCode: string | null }) => Promise<AuditActor>;

export interface CalendarRoutesOptions {
  service: CalendarService;
  authorizeEdit: CalendarEditGuard;
  /** Only to bound the expansion of recurring events in an .ics import. */
  now?: () => number;
}

const agencyParams = z.object({ agency: agencyCode });
const agencyDateParams = z.object({ agency: agencyCode, date: isoDateText });
const nationalDateParams = z.object({ date: isoDateText });
const tags = ['calendar'];
const writeErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const calendarRoutes: FastifyPluginAsyncZod<CalendarRoutesOptions> = async (app, { service, authorizeEdit, now }) => {
  const context = async (request: FastifyRequest, agencyCode: string | null): Promise<ChangeContext> => ({
    actor: await authorizeEdit(request, { agencyCode }),
    ip: request.ip,
    requestId: String(request.id),
  });
  const untilYear = () => new Date(now?.() ?? Date.now()).getUTCFullYear() + 2;

  // ---- public reads --------------------------------------------------------------------------

  app.route({
    method: 'GET',
    url: '/api/calendar/agencies/:agency/due',
    schema: {
      tags,
      summary: 'The deadline of a time limit started at a local date-time of the agency',
      params: agencyParams,
      querystring: dueQuery,
      response: { 200: dueResult, 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) =>
      service.computeDue({ agencyCode: request.params.agency, from: request.query.from, limit: request.query.limit, explain: request.query.explain }),
  });

  app.route({
    method: 'GET',
    url: '/api/calendar/agencies/:agency/holidays',
    schema: {
      tags,
      summary: "The national and the agency's own non-working dates of a year",
      params: agencyParams,
      querystring: yearQuery,
      response: { 200: holidayList, 400: errorBody, 404: errorBody },
    },
    handler: async (request) => ({
      agency: request.params.agency,
      year: request.query.year,
      items: await service.listHolidays({ agencyCode: request.params.agency, year: request.query.year }),
    }),
  });

  app.route({
    method: 'GET',
    url: '/api/calendar/national/holidays',
    schema: {
      tags,
      summary: 'The national holidays and cuti bersama of a year',
      querystring: yearQuery,
      response: { 200: holidayList, 400: errorBody },
    },
    handler: async (request) => ({
      agency: null,
      year: request.query.year,
      items: await service.listHolidays({ agencyCode: null, year: request.query.year }),
    }),
  });

  app.route({
    method: 'GET',
    url: '/api/calendar/agencies/:agency/settings',
    schema: {
      tags,
      summary: 'Weekly hours, profiles and warning threshold of an agency (its published service hours)',
      params: agencyParams,
      response: { 200: calendarSettingsView, 404: errorBody },
    },
    handler: async (request) => service.getSettings({ agencyCode: request.params.agency }),
  });

  // ---- administrator writes (permission calendar.edit) ---------------------------------------

  app.route({
    method: 'PUT',
    url: '/api/calendar/agencies/:agency/settings',
    schema: { tags, summary: 'Set weekly hours, profiles and warning threshold (calendar.edit)', params: agencyParams, body: calendarSettingsInput, response: { 200: calendarSettingsView, ...writeErrors } },
    handler: async (request) =>
      service.updateSettings({ agencyCode: request.params.agency, settings: request.body, context: await context(request, request.params.agency) }),
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/dates',
    schema: { tags, summary: 'Add a non-working date of the agency (calendar.edit)', params: agencyParams, body: dateInput, response: { 201: calendarDate, ...writeErrors } },
    handler: async (request, reply) => {
      const ctx = await context(request, request.params.agency);
      reply.code(201);
      return service.addDate({ agencyCode: request.params.agency, ...request.body, context: ctx });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/national/dates',
    schema: { tags, summary: 'Add a national holiday or cuti bersama (calendar.edit)', body: dateInput, response: { 201: calendarDate, ...writeErrors } },
    handler: async (request, reply) => {
      const ctx = await context(request, null);
      reply.code(201);
      return service.addDate({ agencyCode: null, ...request.body, context: ctx });
    },
  });

  app.route({
    method: 'PATCH',
    url: '/api/calendar/agencies/:agency/dates/:date',
    schema: { tags, summary: "Edit or confirm an agency's date (calendar.edit)", params: agencyDateParams, body: datePatch, response: { 200: calendarDate, ...writeErrors } },
    handler: async (request) =>
      service.updateDate({ agencyCode: request.params.agency, date: request.params.date, patch: request.body, context: await context(request, request.params.agency) }),
  });

  app.route({
    method: 'PATCH',
    url: '/api/calendar/national/dates/:date',
    schema: { tags, summary: 'Edit or confirm a national date (calendar.edit)', params: nationalDateParams, body: datePatch, response: { 200: calendarDate, ...writeErrors } },
    handler: async (request) => service.updateDate({ agencyCode: null, date: request.params.date, patch: request.body, context: await context(request, null) }),
  });

  app.route({
    method: 'DELETE',
    url: '/api/calendar/agencies/:agency/dates/:date',
    schema: { tags, summary: "Remove an agency's date (calendar.edit)", params: agencyDateParams, response: { 204: z.null(), ...writeErrors } },
    handler: async (request, reply) => {
      await service.removeDate({ agencyCode: request.params.agency, date: request.params.date, context: await context(request, request.params.agency) });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'DELETE',
    url: '/api/calendar/national/dates/:date',
    schema: { tags, summary: 'Remove a national date (calendar.edit)', params: nationalDateParams, response: { 204: z.null(), ...writeErrors } },
    handler: async (request, reply) => {
      await service.removeDate({ agencyCode: null, date: request.params.date, context: await context(request, null) });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/import-ics',
    schema: { tags, summary: "Import an .ics file into the agency's dates (calendar.edit)", params: agencyParams, body: icsImportInput, response: { 200: icsImportResult, ...writeErrors } },
    handler: async (request) =>
      service.importIcs({ agencyCode: request.params.agency, ...request.body, untilYear: untilYear(), context: await context(request, request.params.agency) }),
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/national/import-ics',
    schema: { tags, summary: 'Import an .ics file into the national dates (calendar.edit)', body: icsImportInput, response: { 200: icsImportResult, ...writeErrors } },
    handler: async (request) => service.importIcs({ agencyCode: null, ...request.body, untilYear: untilYear(), context: await context(request, null) }),
  });
};
