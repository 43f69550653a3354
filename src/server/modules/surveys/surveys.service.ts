import { createHash } from 'node:crypto';
import {
  skmElementCodes,
  type ImportInput,
  type ImportReport,
  type KioskSubmission,
  type PublicLatest,
  type RequestSurveyState,
  type RequestSurveySubmission,
  type ResultsQuery,
  type ResultsReport,
  type RespondentProfile,
  type SkmAnswers,
  type SurveyMode,
} from '../../../shared/contracts/surveys.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages } from '../../../shared/i18n/rules.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import { localToInstant } from '../calendar/time-zone.js';
import { computeFromTotals, gradeIkm, isValidPeriod, minimumSample, periodContaining, periodLabel, periodRange, previousPeriod, type Period } from './surveys.compute.js';
import { parseSurveyFile } from './surveys.import.js';
import type { ResponseFilter, SurveysRepo } from './surveys.repo.js';

export interface SurveyAgency {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

/**
 * Which services an agency offers, from its service standard. Optional: without it (no standard
 * imported yet) any well-formed service code is accepted.
 */
export interface ServiceCatalogue {
  findService(options: { agencyCode: string; serviceCode: string }): Promise<{ code: string; name: string } | undefined>;
}

export interface SurveysServiceDeps {
  db: Db;
  repo: SurveysRepo;
  agencies: Pick<AgenciesService, 'getAgency'>;
  audit: Pick<AuditService, 'record'>;
  clock: () => Date;
  catalogue?: ServiceCatalogue | undefined;
  /** The requests module's service: checks a tracking secret and says what the request is. */
  requests?: RequestSurveyTargets | undefined;
}

export interface RequestSurveyTargets {
  /** Requests of a service received in [from, to): the population N of the minimum sample. */
  serviceUsers?(options: { agencyId: string; serviceCode: string; from: Date; to: Date }): Promise<number>;
  surveyTarget(options: { number: string; secret: string }): Promise<{
    agencyId: string;
    requestId: string;
    number: string;
    serviceCode: string;
    channel: string;
    closed: boolean;
  }>;
}

export interface ActionContext {
  actor: AuditActor;
  ip: string | null;
  requestId: string;
}

/** How many suggestions the results and the report carry. */
export const suggestionsLimit = 200;

export function createSurveysService(deps: SurveysServiceDeps) {
  const { repo, clock } = deps;

  const agencyByCode = (code: string): Promise<SurveyAgency> => deps.agencies.getAgency({ code });

  /**
   * Whether a published result rests on enough responses (issue #18: "91,67 A · Sangat Baik"
   * after three responses). N is the service's users in the period before, as PermenPANRB 14/2017
   * takes it; Sigap knows them as the requests it received, so it counts those, or the period's
   * own when Sigap was not yet in use before. With neither, the minimum cannot be computed.
   */
  async function publicSample(agency: SurveyAgency, serviceCode: string, period: Period, respondents: number) {
    const count = async (p: Period) => {
      if (!deps.requests?.serviceUsers) return 0;
      const range = periodRange(p, agency.timeZone);
      return deps.requests.serviceUsers({ agencyId: agency.id, serviceCode, from: range.from, to: range.to });
    };
    const before = await count(previousPeriod(period));
    const [population, basis] = before > 0 ? [before, 'previous_period' as const] : [await count(period), 'this_period' as const];
    if (population === 0) return { population: null, basis: null, minimum: null, reached: null };
    const minimum = minimumSample(population);
    return { population, basis, minimum, reached: respondents >= minimum };
  }

  async function assertService(agency: SurveyAgency, serviceCode: string): Promise<void> {
    if (!deps.catalogue) return;
    const found = await deps.catalogue.findService({ agencyCode: agency.code, serviceCode });
    if (!found) {
      throw notFound({
        id: `Layanan "${serviceCode}" tidak ada dalam standar pelayanan ${agency.name}`,
        en: `Service "${serviceCode}" is not in the service standard of ${agency.name}`,
      });
    }
  }

  function responseRow(answers: SkmAnswers, profile: RespondentProfile) {
    return {
      u1: answers.U1,
      u2: answers.U2,
      u3: answers.U3,
      u4: answers.U4,
      u5: answers.U5,
      u6: answers.U6,
      u7: answers.U7,
      u8: answers.U8,
      u9: answers.U9,
      sex: profile.sex,
      ageBand: profile.ageBand,
      education: profile.education,
      occupation: profile.occupation,
    };
  }

  async function requestTarget(number: string, secret: string) {
    if (!deps.requests) throw notFound({ id: `Permohonan ${number} tidak ditemukan`, en: `Request ${number} not found` });
    return deps.requests.surveyTarget({ number, secret });
  }

  function periodOf(query: Pick<ResultsQuery, 'period' | 'year' | 'index'>): Period {
    const period: Period = { kind: query.period, year: query.year, index: query.period === 'year' ? 1 : query.index };
    if (!isValidPeriod(period)) {
      throw new AppError(
        'validation',
        { id: `Periode ${query.period} ke-${query.index} tidak ada`, en: `There is no ${query.period} number ${query.index}` },
        [{ field: 'index', rule: 'too_big.number', message: `${query.index}` }],
      );
    }
    return period;
  }

  /**
   * The requester's survey after a request closed. One per request: a second answer is refused.
   * (Reached through `submitForClosedRequest`, which checks the tracking secret.)
   */
  async function submitForRequest(options: { agencyId: string; requestId: string; serviceCode: string; channel: string | null; answers: SkmAnswers; profile: RespondentProfile; suggestion: string | null }) {
    try {
      const row = await repo.insertResponse({
        agencyId: options.agencyId,
        requestId: options.requestId,
        serviceCode: options.serviceCode,
        channel: options.channel,
        mode: 'online',
        ...responseRow(options.answers, options.profile),
        suggestion: options.suggestion || null,
        submittedAt: clock(),
      });
      return { id: row.id, submittedAt: row.submittedAt.toISOString() };
    } catch (error) {
      if (await repo.findByRequest(options.agencyId, options.requestId)) {
        throw new AppError('conflict', { id: 'Survei untuk permohonan ini sudah diisi', en: 'The survey of this request was already answered' }, [
          { field: 'requestId', rule: 'skm.request_answered', message: ruleMessages['skm.request_answered'].en },
        ]);
      }
      throw error;
    }
  }

  return {
    /** A walk-in respondent at the kiosk: anonymous, tied to a service. */
    async submitKiosk({ agencyCode, input }: { agencyCode: string; input: KioskSubmission }) {
      const agency = await agencyByCode(agencyCode);
      await assertService(agency, input.serviceCode);
      const mode: SurveyMode = 'kiosk';
      const row = await repo.insertResponse({
        agencyId: agency.id,
        serviceCode: input.serviceCode,
        channel: input.channel,
        mode,
        ...responseRow(input.answers, input.profile),
        suggestion: input.suggestion || null,
        submittedAt: clock(),
      });
      return { id: row.id, submittedAt: row.submittedAt.toISOString() };
    },

    submitForRequest,

    /** Whether the holder of a request's tracking link may answer its survey, or already did. */
    async requestSurveyState({ number, secret }: { number: string; secret: string }): Promise<RequestSurveyState> {
      const target = await requestTarget(number, secret);
      const answered = target.closed ? await repo.findByRequest(target.agencyId, target.requestId) : undefined;
      return {
        number: target.number,
        serviceCode: target.serviceCode,
        state: !target.closed ? 'not_closed' : answered ? 'answered' : 'open',
        answeredAt: answered ? answered.submittedAt.toISOString() : null,
      };
    },

    /** The requester's survey of a closed request, authorised by its tracking link's secret. */
    async submitForClosedRequest({ number, input }: { number: string; input: RequestSurveySubmission }) {
      const target = await requestTarget(number, input.secret);
      if (!target.closed) {
        throw new AppError('conflict', { id: `Permohonan ${target.number} belum selesai; survei dapat diisi setelah selesai`, en: `Request ${target.number} is not closed yet; the survey opens once it is` }, [
          { field: 'number', rule: 'skm.request_not_closed', message: ruleMessages['skm.request_not_closed'].en },
        ]);
      }
      return submitForRequest({
        agencyId: target.agencyId,
        requestId: target.requestId,
        serviceCode: target.serviceCode,
        channel: target.channel,
        answers: input.answers,
        profile: input.profile,
        suggestion: input.suggestion,
      });
    },

    /** Paper surveys from a CSV or XLSX: all rows or none, with the row-by-row report. */
    async importPaper({ agencyCode, input, context, lang }: { agencyCode: string; input: ImportInput; context: ActionContext; lang: Language }): Promise<ImportReport> {
      const agency = await agencyByCode(agencyCode);
      const content = Buffer.from(input.content, 'base64');
      const parsed = await parseSurveyFile({ fileName: input.fileName, content, lang });
      const errors = [...parsed.errors];
      const services = new Set<string>();
      for (const row of parsed.rows) {
        services.add(row.serviceCode ?? input.serviceCode);
        if (!row.date && !input.surveyedOn) {
          errors.push({ row: row.row, column: 'tanggal', value: '', rule: 'skm.date_needed', message: ruleMessages['skm.date_needed'][lang] });
        }
      }
      if (deps.catalogue) {
        for (const service of services) {
          if (await deps.catalogue.findService({ agencyCode: agency.code, serviceCode: service })) continue;
          for (const row of parsed.rows.filter((r) => (r.serviceCode ?? input.serviceCode) === service)) {
            errors.push({
              row: row.row,
              column: row.serviceCode ? 'layanan' : 'serviceCode',
              value: service,
              rule: 'skm.service_unknown',
              message: ruleMessages['skm.service_unknown'][lang],
            });
          }
        }
      }
      errors.sort((a, b) => a.row - b.row);
      const base = { dryRun: input.dryRun, rows: parsed.rows.length + new Set(errors.map((e) => e.row)).size, errors, warnings: parsed.warnings };
      if (errors.length > 0) return { ...base, accepted: false, batchId: null, imported: 0 };
      if (input.dryRun) return { ...base, accepted: true, batchId: null, imported: 0 };

      // A paper form has a date, not a time: it counts at local noon, safely inside its day.
      const instantOf = (date: string) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        return new Date(localToInstant(agency.timeZone, Date.UTC(y, m - 1, d, 12)));
      };
      const rows = parsed.rows.map((row) => ({
        serviceCode: row.serviceCode ?? input.serviceCode,
        channel: row.channel ?? input.channel,
        mode: 'paper' as const,
        ...responseRow(row.answers, row.profile),
        suggestion: row.suggestion,
        submittedAt: instantOf(row.date ?? input.surveyedOn!),
      }));
      const fileSha256 = createHash('sha256').update(content).digest('hex');
      const batchId = await deps.db.transaction(async (tx) => {
        const id = await repo.insertBatch(
          { agencyId: agency.id, fileName: input.fileName, fileSha256, rowCount: rows.length, importedBy: context.actor.label ?? context.actor.type },
          rows,
          tx,
        );
        await deps.audit.record({
          tx,
          agencyId: agency.id,
          actor: context.actor,
          ip: context.ip,
          requestId: context.requestId,
          action: 'surveys.imported',
          target: { type: 'survey_import_batch', id },
          after: { fileName: input.fileName, fileSha256, rows: rows.length, services: [...services].sort() },
        });
        return id;
      });
      return { ...base, accepted: true, batchId, imported: rows.length };
    },

    /** Results of a period for an agency, optionally one service and/or one channel. */
    async getResults({ agencyCode, query }: { agencyCode: string; query: ResultsQuery }): Promise<ResultsReport> {
      const agency = await agencyByCode(agencyCode);
      const period = periodOf(query);
      const range = periodRange(period, agency.timeZone);
      const filter: ResponseFilter = { agencyId: agency.id, from: range.from, to: range.to, serviceCode: query.service, channel: query.channel };
      const totals = await repo.aggregate(filter);
      const result = computeFromTotals(totals, { weights: query.weights, population: query.users ?? null });
      const ikmOf = (respondents: number, sum: number) =>
        respondents === 0 ? null : computeFromTotals(spread(respondents, sum), { weights: query.weights }).ikm.value;
      const byService = (await repo.totalsByService({ ...filter, serviceCode: undefined })).map((g) => {
        const ikm = ikmOf(g.respondents, g.sum);
        return { service: g.key ?? '', respondents: g.respondents, ikm, grade: ikm === null ? null : gradeIkm(ikm) };
      });
      const byChannel = (await repo.totalsByChannel({ ...filter, channel: undefined })).map((g) => {
        const ikm = ikmOf(g.respondents, g.sum);
        return { channel: g.key, respondents: g.respondents, ikm, grade: ikm === null ? null : gradeIkm(ikm) };
      });
      return {
        agency: agency.code,
        period: { kind: period.kind, year: period.year, index: period.index, from: range.first, to: range.last, label: periodLabel(period) },
        service: query.service ?? null,
        channel: query.channel ?? null,
        result,
        byService,
        byChannel,
      };
    },

    /** The suggestions of a period, for the report (text only: no respondent data). */
    async listSuggestions({ agencyCode, query }: { agencyCode: string; query: ResultsQuery }) {
      const agency = await agencyByCode(agencyCode);
      const range = periodRange(periodOf(query), agency.timeZone);
      return repo.listSuggestions({ agencyId: agency.id, from: range.from, to: range.to, serviceCode: query.service, channel: query.channel, limit: suggestionsLimit });
    },

    /**
     * For the public page: per service, the semester of its newest response and the results of
     * that semester. Aggregates only; a service with fewer responses still shows, with its count.
     */
    async getPublicLatest({ agencyCode }: { agencyCode: string }): Promise<PublicLatest> {
      const agency = await agencyByCode(agencyCode);
      const latest = await repo.latestPerService(agency.id);
      const items = [];
      for (const { serviceCode, latest: at } of latest) {
        const period = periodContaining('semester', at, agency.timeZone);
        const range = periodRange(period, agency.timeZone);
        const result = computeFromTotals(await repo.aggregate({ agencyId: agency.id, from: range.from, to: range.to, serviceCode }));
        const sample = await publicSample(agency, serviceCode, period, result.respondents);
        items.push({
          service: serviceCode,
          period: { kind: period.kind, year: period.year, index: period.index, label: periodLabel(period) },
          respondents: result.respondents,
          ikm: result.ikm.value,
          grade: result.ikm.grade,
          elements: result.elements.map((e) => ({ code: e.code, nrr: e.nrr, grade: e.grade })),
          sample,
        });
      }
      return { agency: agency.code, items };
    },

    /** Service names from the standard, for printing; a code without one stays a code. */
    async serviceNames({ agencyCode, codes }: { agencyCode: string; codes: readonly string[] }): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      if (!deps.catalogue) return names;
      for (const code of new Set(codes)) {
        const found = await deps.catalogue.findService({ agencyCode, serviceCode: code });
        if (found) names.set(code, found.name);
      }
      return names;
    },

    agencyByCode,
    now: clock,
  };
}

/**
 * Per-element totals that add up to `sum` over n respondents: the IKM depends only on Σ, so a
 * group's index can be computed from its count and grand total.
 */
function spread(respondents: number, sum: number) {
  const base = Math.floor(sum / skmElementCodes.length);
  const extra = sum - base * skmElementCodes.length;
  return { respondents, totals: skmElementCodes.map((_, i) => base + (i < extra ? 1 : 0)) };
}

export type SurveysService = ReturnType<typeof createSurveysService>;

/** The catalogue from the standards module: a service is known when the agency's standard in force has it. */
export function catalogueFromStandards(standards: {
  getService(options: { code: string; service: string }): Promise<{ service: { code: string; name: string } }>;
}): ServiceCatalogue {
  return {
    async findService({ agencyCode, serviceCode }) {
      try {
        const view = await standards.getService({ code: agencyCode, service: serviceCode });
        return { code: view.service.code, name: view.service.name };
      } catch (error) {
        // No standard, no such service: both are "not a service of this agency".
        if (error instanceof AppError && error.code === 'not_found') return undefined;
        throw error;
      }
    },
  };
}
