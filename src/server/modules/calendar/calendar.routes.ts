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
  prefillInput,
  prefillResult,
  yearQuery,
} from '../../../shared/contracts/calendar.js';
import { auditContext, publicRoute, requirePermission } from '../../plugins/auth.js';
import { errorBody } from '../../plugins/errors.js';
import type { CalendarService, ChangeContext } from './calendar.service.js';

export interface CalendarRoutesOptions {
  service: CalendarService;
  /** Only to bound the expansion of recurring events in an .ics import. */
  now?: () => number;
}

const agencyParams = z.object({ agency: agencyCode });
const agencyDateParams = z.object({ agency: agencyCode, date: isoDateText });
const tags = ['calendar'];
const writeErrors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/**
 * Every write needs `calendar.edit` in the agency of the `:agency` parameter (checked by the auth
 * plugin). The national dates change every agency's calendar, so they are written through a
 * national-level agency (LKPP): `/agencies/<lkpp>/national-dates`.
 */
const agencyEdit = requirePermission('calendar.edit');

export const calendarRoutes: FastifyPluginAsyncZod<CalendarRoutesOptions> = async (app, { service, now }) => {
  const agencyContext = (request: FastifyRequest): ChangeContext => auditContext(request);
  const nationalContext = async (request: FastifyRequest & { params: { agency: string } }): Promise<ChangeContext> => {
    await service.assertNationalAuthority({ agencyCode: request.params.agency });
    return auditContext(request);
  };
  const untilYear = () => new Date(now?.() ?? Date.now()).getUTCFullYear() + 2;

  // ---- public reads --------------------------------------------------------------------------

  app.route({
    method: 'GET',
    url: '/api/calendar/agencies/:agency/due',
    config: publicRoute,
    schema: {
      tags,
      summary: 'The deadline of a time limit started at a local date-time of the agency',
      params: agencyParams,
      querystring: dueQuery,
      response: { 200: dueResult, 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const { from, limit, service: serviceCode, channel, tier, stage, variant, explain } = request.query;
      return service.computeDue({ agencyCode: request.params.agency, from, limit, service: serviceCode, channel, tier, stage, variant, explain, lang: request.language });
    },
  });

  app.route({
    method: 'GET',
    url: '/api/calendar/agencies/:agency/holidays',
    config: publicRoute,
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
    config: publicRoute,
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
    config: publicRoute,
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
    config: agencyEdit,
    schema: { tags, summary: 'Set weekly hours, profiles and warning threshold (calendar.edit)', params: agencyParams, body: calendarSettingsInput, response: { 200: calendarSettingsView, ...writeErrors } },
    handler: async (request) =>
      service.updateSettings({ agencyCode: request.params.agency, settings: request.body, context: agencyContext(request) }),
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/dates',
    config: agencyEdit,
    schema: { tags, summary: 'Add a non-working date of the agency (calendar.edit)', params: agencyParams, body: dateInput, response: { 201: calendarDate, ...writeErrors } },
    handler: async (request, reply) => {
      const ctx = agencyContext(request);
      reply.code(201);
      return service.addDate({ agencyCode: request.params.agency, ...request.body, context: ctx });
    },
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/national-dates',
    config: agencyEdit,
    schema: { tags, summary: 'Add a national holiday or cuti bersama (calendar.edit in a national-level agency)', params: agencyParams, body: dateInput, response: { 201: calendarDate, ...writeErrors } },
    handler: async (request, reply) => {
      const ctx = await nationalContext(request);
      reply.code(201);
      return service.addDate({ agencyCode: null, ...request.body, context: ctx });
    },
  });

  app.route({
    method: 'PATCH',
    url: '/api/calendar/agencies/:agency/dates/:date',
    config: agencyEdit,
    schema: { tags, summary: "Edit or confirm an agency's date (calendar.edit)", params: agencyDateParams, body: datePatch, response: { 200: calendarDate, ...writeErrors } },
    handler: async (request) =>
      service.updateDate({ agencyCode: request.params.agency, date: request.params.date, patch: request.body, context: agencyContext(request) }),
  });

  app.route({
    method: 'PATCH',
    url: '/api/calendar/agencies/:agency/national-dates/:date',
    config: agencyEdit,
    schema: { tags, summary: 'Edit or confirm a national date (calendar.edit in a national-level agency)', params: agencyDateParams, body: datePatch, response: { 200: calendarDate, ...writeErrors } },
    handler: async (request) => service.updateDate({ agencyCode: null, date: request.params.date, patch: request.body, context: await nationalContext(request) }),
  });

  app.route({
    method: 'DELETE',
    url: '/api/calendar/agencies/:agency/dates/:date',
    config: agencyEdit,
    schema: { tags, summary: "Remove an agency's date (calendar.edit)", params: agencyDateParams, response: { 204: z.null(), ...writeErrors } },
    handler: async (request, reply) => {
      await service.removeDate({ agencyCode: request.params.agency, date: request.params.date, context: agencyContext(request) });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'DELETE',
    url: '/api/calendar/agencies/:agency/national-dates/:date',
    config: agencyEdit,
    schema: { tags, summary: 'Remove a national date (calendar.edit in a national-level agency)', params: agencyDateParams, response: { 204: z.null(), ...writeErrors } },
    handler: async (request, reply) => {
      await service.removeDate({ agencyCode: null, date: request.params.date, context: await nationalContext(request) });
      return reply.code(204).send(null);
    },
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/import-ics',
    config: agencyEdit,
    schema: { tags, summary: "Import an .ics file into the agency's dates (calendar.edit)", params: agencyParams, body: icsImportInput, response: { 200: icsImportResult, ...writeErrors } },
    handler: async (request) =>
      service.importIcs({ agencyCode: request.params.agency, ...request.body, untilYear: untilYear(), context: agencyContext(request) }),
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/national-prefill',
    config: agencyEdit,
    schema: {
      tags,
      summary: "Pre-fill a year's national holidays from date-holidays, unconfirmed (calendar.edit in a national-level agency)",
      description: 'Cuti bersama are not in the package and its Islamic holidays may be a day off: the answer says what to check.',
      params: agencyParams,
      body: prefillInput,
      response: { 200: prefillResult, ...writeErrors },
    },
    handler: async (request) =>
      service.prefillNationalYear({ year: request.body.year, forceMissingOnly: request.body.forceMissingOnly, context: await nationalContext(request) }),
  });

  app.route({
    method: 'POST',
    url: '/api/calendar/agencies/:agency/national-import-ics',
    config: agencyEdit,
    schema: { tags, summary: 'Import an .ics file into the national dates (calendar.edit in a national-level agency)', params: agencyParams, body: icsImportInput, response: { 200: icsImportResult, ...writeErrors } },
    handler: async (request) => service.importIcs({ agencyCode: null, ...request.body, untilYear: untilYear(), context: await nationalContext(request) }),
  });
};
