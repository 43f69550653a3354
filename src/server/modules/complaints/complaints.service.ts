import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  readRequiredContents,
  webChannel,
  type ComplaintDetail,
  type ComplaintForm,
  type ComplaintList,
  type ComplaintOutcome,
  type ComplaintStatistics,
  type ComplaintStatus,
  type ContentField,
  type FileComplaintInput,
  type FiledComplaint,
  type IntakeComplaintInput,
  type ListQuery,
  type RequiredContents,
  type TrackingCredentials,
  type TrackingView,
} from '../../../shared/contracts/complaints.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import type { Permission } from '../../../shared/permissions.js';
import type { AgencyStandard, ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import type { Db, Executor } from '../../db/client.js';
import { complaintStatuses, complaintOutcomes, type ComplaintLimit } from '../../db/tables/index.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { BusinessCalendar, Pause } from '../calendar/calendar.js';
import type { TimeLimit } from '../calendar/limit.js';
import { localDateOf, localToInstant } from '../calendar/time-zone.js';
import {
  clockState,
  defaultReopenWindow,
  dueTimes,
  filingDeadline,
  fromStandardLimit,
  hardLimit,
  limitView,
  reopenDeadline,
  rulesFor,
  toStored,
} from './complaints.clocks.js';
import { complainantMay, maySeeIdentity, mayTake, staffActionsFor, type ComplainantAction, type StaffAction } from './complaints.policy.js';
import type { ComplaintListRow, ComplaintRow, ComplaintsRepo, EventRow, NewEvent, PauseRow } from './complaints.repo.js';

export interface ComplaintAgency {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

/** The standard a complaint is judged by (standards module's `getStandardInForce`). */
export interface StandardSource {
  getStandardInForce(options: { agencyId: string; at: Date }): Promise<{ version: number; agency: AgencyStandard; services: ServiceStandard[] }>;
}

export interface ComplaintsServiceDeps {
  db: Db;
  repo: ComplaintsRepo;
  agencies: { findByCode(code: string): Promise<ComplaintAgency | undefined> };
  standards: StandardSource;
  calendar: { calendarFor(options: { agencyCode: string }): Promise<{ calendar: BusinessCalendar }> };
  /** The agency's staff, for assignment (identity module). */
  staff: { listStaff(agencyId: string): Promise<{ id: string; name: string; disabledAt: Date | null }[]> };
  audit: Pick<AuditService, 'record'>;
  clock: () => Date;
  /** How long after closing the complainant may reopen; default 10 working days (as SP4N-LAPOR!). */
  reopenWindow?: TimeLimit | undefined;
}

/** Who acts, and from where: what the timeline and the audit trail record. */
export interface ActionContext {
  actor: AuditActor;
  ip: string | null;
  requestId: string | null;
  lang: Language;
}

type Source =
  | { kind: 'public' }
  | { kind: 'staff'; channel: string; receivedAt?: string | undefined; laporTrackingId?: string | undefined }
  | { kind: 'lapor'; channelCode: string; receivedAt: Date; laporTrackingId: string };

const agencyNotFound = (code: string) => notFound({ id: `Instansi "${code}" tidak ditemukan`, en: `Agency "${code}" not found` });
const complaintNotFound = (number: string) => notFound({ id: `Pengaduan ${number} tidak ditemukan`, en: `Complaint ${number} not found` });

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

function problem(field: string, rule: RuleKey, lang: Language, values: Record<string, string> = {}): FieldProblem {
  return { field, rule, message: fill(ruleMessages[rule][lang], values) };
}

function invalid(details: FieldProblem[]): AppError {
  return new AppError('validation', { id: 'Data pengaduan tidak valid', en: 'The complaint data is not valid' }, details);
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------
// Tracking secret

const secretAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 12 characters without look-alikes (0/O, 1/I), in groups of four: easy to read out on the phone. */
export function newTrackingSecret(): string {
  const chars = Array.from({ length: 12 }, () => secretAlphabet[randomInt(secretAlphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export function hashTrackingSecret(secret: string): string {
  return createHash('sha256').update(secret.toUpperCase().replace(/[^A-Z0-9]/g, '')).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function formatComplaintNumber(agencyCode: string, year: number, seq: number): string {
  return `${agencyCode.toUpperCase()}-ADU-${year}-${String(seq).padStart(5, '0')}`;
}

// ---------------------------------------------------------------------------------------
// Required contents

type ContentInput = Pick<FileComplaintInput, 'complainant' | 'description' | 'loss' | 'requestedResolution' | 'place' | 'signed' | 'otherContents'>;

function present(field: ContentField, input: ContentInput): boolean {
  switch (field) {
    case 'complainant.name':
      return !!input.complainant.name;
    case 'complainant.address':
      return !!input.complainant.address;
    case 'complainant.contact':
      return !!input.complainant.email || !!input.complainant.phone;
    case 'description':
      return !!input.description;
    case 'loss':
      return !!input.loss;
    case 'requestedResolution':
      return !!input.requestedResolution;
    case 'place':
      return !!input.place;
    case 'signed':
      return input.signed;
  }
}

/** Each required content the input lacks, naming the field and the agency's own sentence. */
export function checkRequiredContents(required: RequiredContents, input: ContentInput, lang: Language): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const { field, requirement } of required.fields) {
    if (!present(field, input)) problems.push(problem(field, 'complaint.content_required', lang, { requirement }));
  }
  for (const sentence of required.others) {
    if (!input.otherContents[sentence]?.trim()) problems.push(problem(`otherContents.${sentence}`, 'complaint.content_required', lang, { requirement: sentence }));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------

export function createComplaintsService(deps: ComplaintsServiceDeps) {
  const { repo, clock } = deps;
  const reopenWindow = deps.reopenWindow ?? defaultReopenWindow;

  async function agencyByCode(code: string): Promise<ComplaintAgency> {
    const agency = await deps.agencies.findByCode(code);
    if (!agency) throw agencyNotFound(code);
    return agency;
  }

  const calendarOf = async (agency: ComplaintAgency) => (await deps.calendar.calendarFor({ agencyCode: agency.code })).calendar;

  const toPauses = (rows: PauseRow[]): Pause[] => rows.map((p) => ({ from: p.startedAt.getTime(), to: p.endedAt ? p.endedAt.getTime() : null }));

  function eventOf(context: ActionContext | null, type: string, fields: Partial<NewEvent> = {}): NewEvent {
    const actor = context?.actor;
    const derived = !actor || actor.type === 'anonymous' ? 'complainant' : actor.type === 'system' ? 'system' : 'staff';
    const actorType = fields.actorType ?? derived;
    const named = actorType !== 'complainant';
    return {
      ...fields,
      at: clock(),
      type,
      actorType,
      // The complainant is never named on the timeline, whoever reads it.
      actorId: named ? (actor?.id ?? null) : null,
      actorLabel: named ? (actor?.label ?? null) : null,
    };
  }

  async function audit(tx: Executor, agency: ComplaintAgency, context: ActionContext, action: string, number: string, before: unknown, after: unknown) {
    await deps.audit.record({
      tx,
      agencyId: agency.id,
      actor: context.actor,
      action,
      target: { type: 'complaint', id: number },
      before,
      after,
      ip: context.ip,
      requestId: context.requestId,
    });
  }

  /** The form of an agency: its channels, required contents read as fields, limits and classes. */
  async function getForm({ agencyCode }: { agencyCode: string }): Promise<ComplaintForm> {
    const agency = await agencyByCode(agencyCode);
    const standard = await deps.standards.getStandardInForce({ agencyId: agency.id, at: clock() });
    const rules = standard.agency.complaints;
    const applied = rulesFor(standard.agency, undefined);
    const required = readRequiredContents(rules.requiredContents);
    return {
      agency: { code: agency.code, name: agency.name, timeZone: agency.timeZone },
      channels: rules.channels.map((c) => ({ code: c.code, kind: c.kind, label: c.label, value: c.value ?? null })),
      services: standard.services.map((s) => ({ code: s.code, name: s.name })),
      requiredContents: rules.requiredContents,
      fields: required.fields,
      otherContents: required.others,
      fileWithin: limitView(applied.fileWithin),
      responseLimit: limitView(applied.responseLimit),
      resolutionLimit: limitView(applied.resolutionLimit),
      classes: rules.classes.map((c) => ({ code: c.code, name: c.name, limit: limitView(fromStandardLimit(c.limit))! })),
      hardLimitDays: hardLimit.max,
      rulesText: rules.text ?? null,
    };
  }

  /** Files a complaint from any source; validates it by the standard in force at receipt. */
  async function fileComplaint(options: {
    agency: ComplaintAgency;
    input: FileComplaintInput & { laporTrackingId?: string | undefined };
    source: Source;
    context: ActionContext;
  }): Promise<FiledComplaint & { complaint: ComplaintRow }> {
    const { agency, input, source, context } = options;
    const lang = context.lang;
    const now = clock();
    let receivedAt = now;
    if (source.kind === 'staff' && source.receivedAt) receivedAt = new Date(source.receivedAt);
    if (source.kind === 'lapor') receivedAt = source.receivedAt;
    if (receivedAt.getTime() > now.getTime() + 60_000) throw invalid([problem('receivedAt', 'complaint.received_future', lang)]);

    const standard = await deps.standards.getStandardInForce({ agencyId: agency.id, at: receivedAt });
    const rules = standard.agency.complaints;
    const problems: FieldProblem[] = [];

    let channel: { code: string; kind: string };
    if (source.kind === 'public') channel = webChannel;
    else if (source.kind === 'lapor') channel = { code: source.channelCode, kind: 'sp4n_lapor' };
    else {
      const found = source.channel === webChannel.code ? webChannel : rules.channels.find((c) => c.code === source.channel);
      if (!found) problems.push(problem('channel', 'complaint.channel_unknown', lang));
      channel = found ?? webChannel;
    }

    const service = input.serviceCode ? standard.services.find((s) => s.code === input.serviceCode) : undefined;
    if (input.serviceCode && !service) problems.push(problem('serviceCode', 'complaint.service_unknown', lang));

    // A report forwarded from LAPOR! has already been accepted there: it is taken as it comes.
    if (source.kind !== 'lapor') problems.push(...checkRequiredContents(readRequiredContents(rules.requiredContents), input, lang));

    const receivedLocal = localDateOf(agency.timeZone, receivedAt.getTime());
    if (input.serviceDate && input.serviceDate > receivedLocal) problems.push(problem('serviceDate', 'complaint.service_date_future', lang));
    if (problems.length > 0) throw invalid(problems);

    const calendar = await calendarOf(agency);
    const applied = rulesFor(standard.agency, service);
    let late = false;
    let fileBy: string | null = null;
    if (input.serviceDate && applied.fileWithin) {
      // A late complaint is still taken: UU 25/2009 gives no ground to refuse it. It is flagged.
      ({ late, fileBy } = filingDeadline({
        calendar,
        serviceDate: input.serviceDate,
        timeZone: agency.timeZone,
        fileWithin: applied.fileWithin,
        receivedLocalDate: receivedLocal,
      }));
    }
    const due = dueTimes({ calendar, receivedAt, responseLimit: applied.responseLimit, resolutionLimit: applied.resolutionLimit, pauses: [], at: receivedAt });
    const secret = newTrackingSecret();
    const year = Number(receivedLocal.slice(0, 4));
    const { complainant } = input;
    const hasIdentity = !!(complainant.name || complainant.address || complainant.email || complainant.phone);

    try {
      const complaint = await deps.db.transaction(async (tx) => {
        const seq = await repo.nextSeq(agency.id, year, tx);
        const number = formatComplaintNumber(agency.code, year, seq);
        const row = await repo.insertComplaint(
          {
            agencyId: agency.id,
            number,
            year,
            seq,
            trackingSecretHash: hashTrackingSecret(secret),
            standardVersion: standard.version,
            channel: channel.code,
            channelKind: channel.kind,
            serviceCode: input.serviceCode ?? null,
            requestNumber: input.requestNumber ?? null,
            requestId: null,
            laporTrackingId: input.laporTrackingId ?? (source.kind === 'staff' || source.kind === 'lapor' ? (source.laporTrackingId ?? null) : null),
            anonymous: input.anonymous,
            confidential: input.confidential,
            subject: input.subject,
            description: input.description,
            loss: input.loss ?? null,
            requestedResolution: input.requestedResolution ?? null,
            place: input.place ?? null,
            signed: input.signed,
            otherContents: input.otherContents,
            receivedAt,
            serviceDate: input.serviceDate ?? null,
            fileBy,
            late,
            status: 'received',
            responseLimit: applied.responseLimit ? toStored(applied.responseLimit) : null,
            responseDueAt: due.responseDueAt,
            resolutionLimit: applied.resolutionLimit ? toStored(applied.resolutionLimit) : null,
            resolutionDueAt: due.resolutionDueAt,
            hardDueAt: due.hardDueAt,
          },
          tx,
        );
        if (hasIdentity) {
          await repo.insertComplainant(
            { agencyId: agency.id, complaintId: row.id, name: complainant.name ?? null, address: complainant.address ?? null, email: complainant.email ?? null, phone: complainant.phone ?? null },
            tx,
          );
        }
        await repo.appendEvent(
          agency.id,
          row.id,
          eventOf(context, 'filed', {
            toStatus: 'received',
            actorType: source.kind === 'public' ? 'complainant' : source.kind === 'lapor' ? 'lapor' : undefined,
            data: { channel: channel.code, late, ...(row.laporTrackingId ? { laporTrackingId: row.laporTrackingId } : {}) },
          }),
          tx,
        );
        await audit(tx, agency, context, 'complaints.filed', number, null, {
          channel: channel.code,
          serviceCode: row.serviceCode,
          anonymous: row.anonymous,
          confidential: row.confidential,
          late,
          receivedAt: receivedAt.toISOString(),
          laporTrackingId: row.laporTrackingId,
          standardVersion: standard.version,
        });
        return row;
      });
      return {
        complaint,
        number: complaint.number,
        trackingSecret: secret,
        receivedAt: receivedAt.toISOString(),
        status: 'received',
        late,
        fileBy,
        responseDueAt: iso(due.responseDueAt),
        resolutionDueAt: iso(due.resolutionDueAt),
        hardDueAt: due.hardDueAt.toISOString(),
      };
    } catch (error) {
      const laporId = input.laporTrackingId ?? (source.kind !== 'public' ? source.laporTrackingId : undefined);
      if (laporId && (await repo.findByLaporId(agency.id, laporId))) {
        throw new AppError('conflict', { id: `Laporan SP4N-LAPOR! ${laporId} sudah tercatat`, en: `SP4N-LAPOR! report ${laporId} is already recorded` }, [
          problem('laporTrackingId', 'complaint.lapor_duplicate', lang),
        ]);
      }
      throw error;
    }
  }

  /** Finds a complaint of the route's agency by its number; another agency's number is simply not found. */
  async function complaintOf(agency: ComplaintAgency, number: string, tx?: Executor): Promise<ComplaintRow> {
    const row = await repo.findByNumber(agency.id, number.toUpperCase(), tx ? { tx, forUpdate: true } : {});
    if (!row) throw complaintNotFound(number);
    return row;
  }

  function transitionRefused(status: ComplaintStatus, lang: Language): AppError {
    return new AppError(
      'conflict',
      { id: `Langkah ini tidak dapat dilakukan pada pengaduan berstatus "${status}"`, en: `This step cannot be taken on a complaint with status "${status}"` },
      [problem('status', 'complaint.transition', lang)],
    );
  }

  type StandardInForce = Awaited<ReturnType<StandardSource['getStandardInForce']>>;
  interface StepEnv {
    agency: ComplaintAgency;
    standard: StandardInForce;
    calendar: BusinessCalendar;
  }
  type StepWork = (c: ComplaintRow, tx: Executor, env: StepEnv) => Promise<{ patch: Partial<ComplaintRow>; event: NewEvent; audit?: Record<string, unknown> }>;

  /**
   * One step on a complaint, in one transaction: lock it, check the step is allowed now, change
   * it, add the timeline event and the audit entry. What the step reads besides the complaint
   * (its standard, the calendar) is loaded before the transaction: on the embedded database a
   * query outside the transaction would wait for it forever.
   */
  async function step(options: {
    agencyCode: string;
    number: string;
    context: ActionContext;
    allowed: (status: ComplaintStatus) => boolean;
    action: string;
    work: StepWork;
  }): Promise<ComplaintRow> {
    const agency = await agencyByCode(options.agencyCode);
    const first = await complaintOf(agency, options.number);
    const env: StepEnv = {
      agency,
      standard: await deps.standards.getStandardInForce({ agencyId: agency.id, at: first.receivedAt }),
      calendar: await calendarOf(agency),
    };
    return deps.db.transaction(async (tx) => {
      const current = await complaintOf(agency, options.number, tx);
      if (!options.allowed(current.status)) throw transitionRefused(current.status, options.context.lang);
      const { patch, event, audit: auditAfter } = await options.work(current, tx, env);
      const updated = await repo.updateComplaint(agency.id, current.id, patch, tx);
      await repo.appendEvent(agency.id, current.id, { ...event, fromStatus: current.status, toStatus: updated.status }, tx);
      await audit(tx, agency, options.context, options.action, current.number, { status: current.status }, { status: updated.status, ...auditAfter });
      return updated;
    });
  }

  function staffStep(action: StaffAction, agencyCode: string, number: string, context: ActionContext, work: StepWork) {
    return step({ agencyCode, number, context, allowed: (s) => mayTake(action, s), action: `complaints.${action}`, work });
  }

  /** The resolution and 60-day due instants again, after the pauses changed. */
  async function recount(env: StepEnv, c: ComplaintRow, tx: Executor, resolutionLimit: ComplaintLimit | null = c.resolutionLimit) {
    const { agency, calendar } = env;
    const pauses = toPauses(await repo.listPauses(agency.id, c.id, tx));
    const due = dueTimes({ calendar, receivedAt: c.receivedAt, responseLimit: null, resolutionLimit, pauses, at: clock() });
    return { resolutionDueAt: due.resolutionDueAt, hardDueAt: due.hardDueAt };
  }

  /** The complainant (or an officer on their behalf) adds what was missing: the clocks run again. */
  async function completeFile(c: ComplaintRow, tx: Executor, env: StepEnv, text: string, context: ActionContext) {
    const now = clock();
    await repo.closePause(env.agency.id, c.id, now, tx);
    const due = await recount(env, c, tx);
    return {
      patch: { status: 'received' as const, additions: [...c.additions, { at: now.toISOString(), text }], ...due },
      event: eventOf(context, 'completed', { note: text }),
      audit: { resolutionDueAt: iso(due.resolutionDueAt), hardDueAt: due.hardDueAt.toISOString() },
    };
  }

  function closeWork(env: StepEnv, context: ActionContext, note: string | undefined, type: string) {
    const now = clock();
    const reopenUntil = reopenDeadline(env.calendar, now, reopenWindow);
    return {
      patch: { status: 'closed' as const, closedAt: now, reopenUntil },
      event: eventOf(context, type, { note: note ?? null }),
      audit: { reopenUntil: reopenUntil.toISOString() },
    };
  }

  /** The complainant's own steps: the number and the tracking secret open them. */
  async function complainantStep(options: {
    agencyCode: string;
    number: string;
    secret: string;
    action: ComplainantAction;
    context: ActionContext;
    work: StepWork;
  }) {
    const agency = await agencyByCode(options.agencyCode);
    const row = await repo.findByNumber(agency.id, options.number);
    if (!row || !sameHash(row.trackingSecretHash, hashTrackingSecret(options.secret))) throw trackingRefused(options.context.lang);
    await step({
      agencyCode: options.agencyCode,
      number: options.number,
      context: options.context,
      allowed: (s) => complainantMay(options.action, s),
      action: `complaints.complainant_${options.action}`,
      work: options.work,
    });
    return track({ agencyCode: options.agencyCode, credentials: { number: options.number, secret: options.secret, email: undefined }, lang: options.context.lang });
  }

  function trackingRefused(lang: Language): AppError {
    // The same answer for an unknown number and a wrong secret: numbers are guessable.
    return new AppError(
      'not_found',
      { id: 'Nomor pengaduan dan kode pelacakan atau e-mail tidak cocok', en: 'The complaint number and the tracking code or e-mail do not match' },
      [problem('number', 'complaint.tracking', lang)],
    );
  }

  async function className(agency: ComplaintAgency, c: Pick<ComplaintRow, 'classCode' | 'receivedAt'>): Promise<string | null> {
    if (!c.classCode) return null;
    const standard = await deps.standards.getStandardInForce({ agencyId: agency.id, at: c.receivedAt });
    return standard.agency.complaints.classes.find((k) => k.code === c.classCode)?.name ?? c.classCode;
  }

  /** Public tracking: the number with the secret, or with the e-mail the complainant gave. */
  async function track({ agencyCode, credentials, lang }: { agencyCode: string; credentials: TrackingCredentials; lang: Language }): Promise<TrackingView> {
    const agency = await agencyByCode(agencyCode);
    const c = await repo.findByNumber(agency.id, credentials.number);
    if (!c) throw trackingRefused(lang);
    let ok = false;
    if (credentials.secret) ok = sameHash(c.trackingSecretHash, hashTrackingSecret(credentials.secret));
    if (!ok && credentials.email) {
      const email = await repo.findComplainantEmail(agency.id, c.id);
      ok = email !== null && email === credentials.email;
    }
    if (!ok) throw trackingRefused(lang);
    const events = await repo.listEvents(agency.id, c.id, { visibleToComplainant: true });
    const pauses = await repo.listPauses(agency.id, c.id);
    const withNote = new Set(['verified_incomplete', 'completed', 'followed_up', 'answered', 'closed', 'confirmed', 'reopened']);
    const missing = c.status === 'incomplete' ? ([...events].reverse().find((e) => e.type === 'verified_incomplete')?.note ?? null) : null;
    const now = clock();
    const bySecret = !!credentials.secret && ok;
    return {
      number: c.number,
      agency: { code: agency.code, name: agency.name, timeZone: agency.timeZone },
      status: c.status,
      subject: c.subject,
      serviceCode: c.serviceCode,
      receivedAt: c.receivedAt.toISOString(),
      late: c.late,
      className: await className(agency, c),
      responseDueAt: iso(c.responseDueAt),
      resolutionDueAt: iso(c.resolutionDueAt),
      hardDueAt: c.hardDueAt.toISOString(),
      paused: pauses.some((p) => p.endedAt === null),
      missing,
      answer: c.answer,
      outcome: c.outcome,
      answeredAt: iso(c.answeredAt),
      closedAt: iso(c.closedAt),
      reopenUntil: iso(c.reopenUntil),
      // Steps need the secret: someone who only knows the e-mail may look, not act.
      canComplete: bySecret && complainantMay('complete', c.status),
      canConfirm: bySecret && complainantMay('confirm', c.status),
      canReopen: bySecret && complainantMay('reopen', c.status) && !!c.reopenUntil && now <= c.reopenUntil,
      timeline: events.map((e) => ({
        at: e.at.toISOString(),
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: withNote.has(e.type) ? e.note : null,
      })),
    };
  }

  function listItem(r: ComplaintListRow, now: Date) {
    const answered = r.answeredAt !== null;
    const waiting = r.status === 'incomplete';
    const resolutionDue = r.resolutionDueAt ?? r.hardDueAt;
    return {
      number: r.number,
      status: r.status,
      subject: r.subject,
      serviceCode: r.serviceCode,
      channel: r.channel,
      classCode: r.classCode,
      receivedAt: r.receivedAt.toISOString(),
      late: r.late,
      anonymous: r.anonymous,
      confidential: r.confidential,
      laporTrackingId: r.laporTrackingId,
      assigneeName: r.assigneeName,
      resolutionDueAt: iso(r.resolutionDueAt),
      hardDueAt: r.hardDueAt.toISOString(),
      overdue: !answered && !waiting && (now > resolutionDue || now > r.hardDueAt),
    };
  }

  /** Answered by the earlier of its resolution due time and the 60-day limit. */
  const answeredOnTime = (r: Pick<ComplaintRow, 'answeredAt' | 'resolutionDueAt' | 'hardDueAt'>) =>
    r.answeredAt !== null && r.answeredAt <= r.hardDueAt && (r.resolutionDueAt === null || r.answeredAt <= r.resolutionDueAt);

  const csvCell = (value: unknown): string => {
    let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
    // A cell starting with =, +, - or @ is a formula to a spreadsheet.
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };

  return {
    agencyByCode,
    getForm,
    track,
    now: clock,

    /** A complaint from the public web form. */
    async fileOnline({ agencyCode, input, context }: { agencyCode: string; input: FileComplaintInput; context: ActionContext }): Promise<FiledComplaint> {
      const agency = await agencyByCode(agencyCode);
      const { complaint: _, ...filed } = await fileComplaint({ agency, input, source: { kind: 'public' }, context });
      return filed;
    },

    /** A complaint an officer records from a walk-in, letter, e-mail, call, chat or a LAPOR! forwarding. */
    async intake({ agencyCode, input, context }: { agencyCode: string; input: IntakeComplaintInput; context: ActionContext }): Promise<FiledComplaint> {
      const agency = await agencyByCode(agencyCode);
      const { channel, receivedAt, laporTrackingId, ...fields } = input;
      const { complaint: _, ...filed } = await fileComplaint({ agency, input: fields, source: { kind: 'staff', channel, receivedAt, laporTrackingId }, context });
      return filed;
    },

    /** A report pulled from SP4N-LAPOR!: once per tracking ID. Returns null when already recorded. */
    async fileFromLapor(options: {
      agencyCode: string;
      laporTrackingId: string;
      receivedAt: Date;
      input: FileComplaintInput;
      context: ActionContext;
    }): Promise<FiledComplaint | null> {
      const agency = await agencyByCode(options.agencyCode);
      if (await repo.findByLaporId(agency.id, options.laporTrackingId)) return null;
      const standard = await deps.standards.getStandardInForce({ agencyId: agency.id, at: options.receivedAt });
      const channelCode = standard.agency.complaints.channels.find((c) => c.kind === 'sp4n_lapor')?.code ?? 'sp4n-lapor';
      const { complaint: _, ...filed } = await fileComplaint({
        agency,
        input: options.input,
        source: { kind: 'lapor', channelCode, receivedAt: options.receivedAt, laporTrackingId: options.laporTrackingId },
        context: options.context,
      });
      return filed;
    },

    async getLaporCursor({ agencyCode }: { agencyCode: string }): Promise<string | null> {
      return repo.getLaporCursor((await agencyByCode(agencyCode)).id);
    },

    async saveLaporCursor({ agencyCode, cursor }: { agencyCode: string; cursor: string }): Promise<void> {
      await repo.setLaporCursor((await agencyByCode(agencyCode)).id, cursor, clock());
    },

    /** Complaints from LAPOR! with follow-ups, answers or closings not yet posted back, oldest first. */
    async listLaporPending({ agencyCode }: { agencyCode: string }) {
      const agency = await agencyByCode(agencyCode);
      const postable = new Set(['followed_up', 'answered', 'closed', 'confirmed']);
      return (await repo.listLaporPending(agency.id))
        .map(({ complaint, events }) => {
          const posted = new Set(events.filter((e) => e.type === 'lapor_posted').map((e) => Number(e.data.eventSeq)));
          return {
            number: complaint.number,
            laporTrackingId: complaint.laporTrackingId!,
            answer: complaint.answer,
            events: events.filter((e) => postable.has(e.type) && !posted.has(e.seq)).map((e) => ({ seq: e.seq, type: e.type, note: e.note, at: e.at })),
          };
        })
        .filter((p) => p.events.length > 0);
    },

    /** Records on the timeline that an event reached LAPOR!, so it is never posted twice. */
    async markLaporPosted(options: { agencyCode: string; number: string; eventSeq: number; kind: 'follow_up' | 'close'; context: ActionContext }) {
      const agency = await agencyByCode(options.agencyCode);
      await deps.db.transaction(async (tx) => {
        const c = await complaintOf(agency, options.number, tx);
        await repo.appendEvent(
          agency.id,
          c.id,
          eventOf(options.context, 'lapor_posted', { actorType: 'system', data: { eventSeq: options.eventSeq, kind: options.kind }, visibleToComplainant: false }),
          tx,
        );
        await audit(tx, agency, options.context, 'complaints.lapor_posted', c.number, null, { eventSeq: options.eventSeq, kind: options.kind, laporTrackingId: c.laporTrackingId });
      });
    },

    async verify(options: { agencyCode: string; number: string; complete: boolean; missing?: string | undefined; note?: string | undefined; context: ActionContext }) {
      if (!options.complete && !options.missing) throw invalid([problem('missing', 'complaint.missing_needed', options.context.lang)]);
      return staffStep('verify', options.agencyCode, options.number, options.context, async (c, tx, { agency }) => {
        const now = clock();
        const respondedAt = c.respondedAt ?? now;
        if (options.complete) {
          return { patch: { status: 'verified', respondedAt }, event: eventOf(options.context, 'verified_complete', { note: options.note ?? null }), audit: { complete: true } };
        }
        await repo.openPause(agency.id, c.id, now, 'incomplete', tx);
        return {
          patch: { status: 'incomplete', respondedAt },
          event: eventOf(options.context, 'verified_incomplete', { note: options.missing ?? null, data: options.note ? { internalNote: options.note } : {} }),
          audit: { complete: false },
        };
      });
    },

    async recordCompletion(options: { agencyCode: string; number: string; text: string; context: ActionContext }) {
      return staffStep('record_completion', options.agencyCode, options.number, options.context, (c, tx, env) => completeFile(c, tx, env, options.text, options.context));
    },

    async classify(options: { agencyCode: string; number: string; classCode?: string | undefined; note?: string | undefined; context: ActionContext }) {
      const lang = options.context.lang;
      return staffStep('classify', options.agencyCode, options.number, options.context, async (c, tx, env) => {
        const { standard } = env;
        const classes = standard.agency.complaints.classes;
        let limit: ComplaintLimit | null;
        if (classes.length > 0) {
          if (!options.classCode) throw invalid([problem('classCode', 'complaint.class_required', lang)]);
          const found = classes.find((k) => k.code === options.classCode);
          if (!found) throw invalid([problem('classCode', 'complaint.class_unknown', lang)]);
          limit = toStored(fromStandardLimit(found.limit));
        } else if (options.classCode) {
          throw invalid([problem('classCode', 'complaint.class_none', lang)]);
        } else {
          const service = c.serviceCode ? standard.services.find((s) => s.code === c.serviceCode) : undefined;
          const applied = rulesFor(standard.agency, service).resolutionLimit;
          limit = applied ? toStored(applied) : null;
        }
        const due = await recount(env, c, tx, limit);
        return {
          patch: { status: 'classified', classCode: options.classCode ?? null, resolutionLimit: limit, ...due },
          event: eventOf(options.context, 'classified', { note: options.note ?? null, data: { classCode: options.classCode ?? null, limit } }),
          audit: { classCode: options.classCode ?? null, resolutionDueAt: iso(due.resolutionDueAt) },
        };
      });
    },

    async assign(options: { agencyCode: string; number: string; assigneeId: string; note?: string | undefined; context: ActionContext }) {
      const staff = await deps.staff.listStaff((await agencyByCode(options.agencyCode)).id);
      return staffStep('assign', options.agencyCode, options.number, options.context, async () => {
        const member = staff.find((s) => s.id === options.assigneeId && s.disabledAt === null);
        if (!member) throw invalid([problem('assigneeId', 'complaint.assignee_unknown', options.context.lang)]);
        return {
          patch: { status: 'assigned', assigneeId: member.id, assigneeName: member.name },
          event: eventOf(options.context, 'assigned', { note: options.note ?? null, data: { assigneeId: member.id, assigneeName: member.name }, visibleToComplainant: false }),
          audit: { assigneeId: member.id },
        };
      });
    },

    async followUp(options: { agencyCode: string; number: string; note: string; context: ActionContext }) {
      return staffStep('follow_up', options.agencyCode, options.number, options.context, async () => ({
        patch: { status: 'followed_up' },
        event: eventOf(options.context, 'followed_up', { note: options.note }),
      }));
    },

    async answer(options: { agencyCode: string; number: string; answer: string; outcome: ComplaintOutcome; context: ActionContext }) {
      return staffStep('answer', options.agencyCode, options.number, options.context, async (c) => {
        const now = clock();
        const onTime = answeredOnTime({ answeredAt: now, resolutionDueAt: c.resolutionDueAt, hardDueAt: c.hardDueAt });
        return {
          patch: { status: 'answered', answer: options.answer, outcome: options.outcome, answeredAt: now },
          event: eventOf(options.context, 'answered', { note: options.answer, data: { outcome: options.outcome, onTime } }),
          audit: { outcome: options.outcome, onTime },
        };
      });
    },

    async close(options: { agencyCode: string; number: string; note?: string | undefined; context: ActionContext }) {
      return staffStep('close', options.agencyCode, options.number, options.context, async (_c, _tx, env) => closeWork(env, options.context, options.note, 'closed'));
    },

    async complainantComplete(options: { agencyCode: string; number: string; secret: string; text: string; context: ActionContext }) {
      return complainantStep({ ...options, action: 'complete', work: (c, tx, env) => completeFile(c, tx, env, options.text, options.context) });
    },

    async complainantConfirm(options: { agencyCode: string; number: string; secret: string; context: ActionContext }) {
      return complainantStep({ ...options, action: 'confirm', work: async (_c, _tx, env) => closeWork(env, options.context, undefined, 'confirmed') });
    },

    async complainantReopen(options: { agencyCode: string; number: string; secret: string; reason: string; context: ActionContext }) {
      return complainantStep({
        ...options,
        action: 'reopen',
        work: async (c) => {
          if (!c.reopenUntil || clock() > c.reopenUntil) {
            throw new AppError(
              'conflict',
              { id: 'Batas waktu untuk membuka kembali pengaduan sudah lewat', en: 'The time to reopen the complaint has passed' },
              [problem('number', 'complaint.reopen_window', options.context.lang)],
            );
          }
          return {
            // The clocks are not restarted: the 60 days of the Perpres run from the complete file.
            patch: { status: 'reopened', closedAt: null, answeredAt: null, reopenUntil: null, reopenCount: c.reopenCount + 1 },
            event: eventOf(options.context, 'reopened', { note: options.reason }),
            audit: { reopenCount: c.reopenCount + 1 },
          };
        },
      });
    },

    async list({ agencyCode, query }: { agencyCode: string; query: ListQuery }): Promise<ComplaintList> {
      const agency = await agencyByCode(agencyCode);
      const { rows, total } = await repo.list(agency.id, {
        status: query.status,
        classCode: query.classCode,
        q: query.q,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const now = clock();
      return { items: rows.map((r) => listItem(r, now)), total, page: query.page, pageSize: query.pageSize, timeZone: agency.timeZone };
    },

    /** Complaints about one request, for the request's page (to holders of complaints.view). */
    async listForRequest({ agencyCode, requestNumber }: { agencyCode: string; requestNumber: string }): Promise<ComplaintList> {
      const agency = await agencyByCode(agencyCode);
      const { rows, total } = await repo.list(agency.id, { requestNumber, limit: 200, offset: 0 });
      const now = clock();
      return { items: rows.map((r) => listItem(r, now)), total, page: 1, pageSize: 200, timeZone: agency.timeZone };
    },

    async detail({ agencyCode, number, permissions }: { agencyCode: string; number: string; permissions: ReadonlySet<Permission> }): Promise<ComplaintDetail> {
      const agency = await agencyByCode(agencyCode);
      const c = await complaintOf(agency, number);
      const showIdentity = maySeeIdentity({ anonymous: c.anonymous, permissions });
      // Withheld identity is never read, so it cannot leak through a later change of this code.
      const who = showIdentity ? await repo.findComplainant(agency.id, c.id) : undefined;
      const [events, pauseRows, standard, calendar] = await Promise.all([
        repo.listEvents(agency.id, c.id),
        repo.listPauses(agency.id, c.id),
        deps.standards.getStandardInForce({ agencyId: agency.id, at: c.receivedAt }),
        calendarOf(agency),
      ]);
      const pauses = toPauses(pauseRows);
      const now = clock();
      const clockOf = (limit: ComplaintLimit | TimeLimit | null, dueAt: Date | null, stoppedAt: Date | null, pausable: boolean) => ({
        dueAt: iso(dueAt),
        state: clockState({ calendar, receivedAt: c.receivedAt, limit, dueAt, stoppedAt, pauses, pausable, at: now }),
        limit: limitView(limit),
      });
      const channel = standard.agency.complaints.channels.find((k) => k.code === c.channel);
      const classes = standard.agency.complaints.classes;
      return {
        number: c.number,
        status: c.status,
        timeZone: agency.timeZone,
        standardVersion: c.standardVersion,
        channel: { code: c.channel, kind: c.channelKind, label: channel?.label ?? null },
        serviceCode: c.serviceCode,
        requestNumber: c.requestNumber,
        laporTrackingId: c.laporTrackingId,
        anonymous: c.anonymous,
        confidential: c.confidential,
        complainant: who ? { name: who.name, address: who.address, email: who.email, phone: who.phone } : null,
        identityWithheld: !showIdentity,
        subject: c.subject,
        description: c.description,
        loss: c.loss,
        requestedResolution: c.requestedResolution,
        place: c.place,
        signed: c.signed,
        otherContents: c.otherContents,
        additions: c.additions,
        receivedAt: c.receivedAt.toISOString(),
        serviceDate: c.serviceDate,
        fileBy: c.fileBy,
        late: c.late,
        classCode: c.classCode,
        className: classes.find((k) => k.code === c.classCode)?.name ?? c.classCode,
        assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
        clocks: {
          response: clockOf(c.responseLimit, c.responseDueAt, c.respondedAt, false),
          resolution: clockOf(c.resolutionLimit, c.resolutionDueAt, c.answeredAt, true),
          hard: clockOf(hardLimit, c.hardDueAt, c.answeredAt, true),
        },
        paused: pauses.some((p) => p.to === null),
        answer: c.answer,
        outcome: c.outcome,
        answeredAt: iso(c.answeredAt),
        closedAt: iso(c.closedAt),
        reopenUntil: iso(c.reopenUntil),
        reopenCount: c.reopenCount,
        actions: staffActionsFor(c.status),
        classes: classes.map((k) => ({ code: k.code, name: k.name, limit: limitView(fromStandardLimit(k.limit))! })),
        timeline: events.map((e: EventRow) => ({
          at: e.at.toISOString(),
          type: e.type,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          actorType: e.actorType,
          actorLabel: e.actorLabel,
          data: e.data,
        })),
      };
    },

    async listAssignees({ agencyCode }: { agencyCode: string }) {
      const agency = await agencyByCode(agencyCode);
      const staff = await deps.staff.listStaff(agency.id);
      return { items: staff.filter((s) => s.disabledAt === null).map((s) => ({ id: s.id, name: s.name })) };
    },

    /**
     * CSV of the complaints received in [from, to] (local dates), for staff reports. No column of
     * the complainant's identity exists here, anonymous or not: the query does not read it.
     */
    async exportCsv({ agencyCode, from, to }: { agencyCode: string; from?: string | undefined; to?: string | undefined }): Promise<{ csv: string; fileName: string }> {
      const agency = await agencyByCode(agencyCode);
      const startOf = (date: string) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        return new Date(localToInstant(agency.timeZone, Date.UTC(y, m - 1, d)));
      };
      const endOf = (date: string) => new Date(startOf(date).getTime() + 86_400_000);
      const rows = await repo.listReceivedBetween(agency.id, from ? startOf(from) : undefined, to ? endOf(to) : undefined);
      const header = [
        'nomor',
        'diterima',
        'saluran',
        'layanan',
        'nomor_permohonan',
        'id_lapor',
        'klasifikasi',
        'status',
        'terlambat_diajukan',
        'anonim',
        'rahasia',
        'perihal',
        'batas_tanggapan',
        'ditanggapi',
        'batas_penyelesaian',
        'batas_60_hari',
        'dijawab',
        'hasil',
        'tepat_waktu',
        'ditutup',
      ];
      const lines = [header.join(',')];
      for (const r of rows) {
        lines.push(
          [
            r.number,
            r.receivedAt,
            r.channel,
            r.serviceCode,
            r.requestNumber,
            r.laporTrackingId,
            r.classCode,
            r.status,
            r.late ? 'ya' : 'tidak',
            r.anonymous ? 'ya' : 'tidak',
            r.confidential ? 'ya' : 'tidak',
            r.subject,
            r.responseDueAt,
            r.respondedAt,
            r.resolutionDueAt,
            r.hardDueAt,
            r.answeredAt,
            r.outcome,
            r.answeredAt ? (answeredOnTime(r) ? 'ya' : 'tidak') : '',
            r.closedAt,
          ]
            .map(csvCell)
            .join(','),
        );
      }
      const fileName = `pengaduan-${agency.code}${from ? `-${from}` : ''}${to ? `-${to}` : ''}.csv`;
      // A byte-order mark so that spreadsheet programs read UTF-8.
      return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, fileName };
    },

    /** Public statistics of a year: counts only, and subjects of answered complaints that are not confidential. */
    async statistics({ agencyCode, year }: { agencyCode: string; year?: number | undefined }): Promise<ComplaintStatistics> {
      const agency = await agencyByCode(agencyCode);
      const now = clock();
      const y = year ?? Number(localDateOf(agency.timeZone, now.getTime()).slice(0, 4));
      const rows = await repo.listReceivedBetween(
        agency.id,
        new Date(localToInstant(agency.timeZone, Date.UTC(y, 0, 1))),
        new Date(localToInstant(agency.timeZone, Date.UTC(y + 1, 0, 1))),
      );
      let classes: { code: string; name: string }[] = [];
      try {
        classes = (await deps.standards.getStandardInForce({ agencyId: agency.id, at: now })).agency.complaints.classes;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
      const countBy = <K extends string | null>(key: (r: ComplaintListRow) => K) => {
        const map = new Map<K, number>();
        for (const r of rows) map.set(key(r), (map.get(key(r)) ?? 0) + 1);
        return map;
      };
      const byClass = countBy((r) => r.classCode);
      const byOutcome = countBy((r) => r.outcome);
      const byStatus = countBy((r) => r.status);
      const answered = rows.filter((r) => r.answeredAt !== null);
      const onTime = answered.filter(answeredOnTime).length;
      return {
        agency: { code: agency.code, name: agency.name },
        year: y,
        total: rows.length,
        open: rows.filter((r) => r.status !== 'closed').length,
        lateFiled: rows.filter((r) => r.late).length,
        byClass: [...byClass].map(([classCode, count]) => ({ classCode, name: classes.find((k) => k.code === classCode)?.name ?? classCode, count })),
        byOutcome: complaintOutcomes.map((outcome) => ({ outcome, count: byOutcome.get(outcome) ?? 0 })),
        byStatus: complaintStatuses.map((status) => ({ status, count: byStatus.get(status) ?? 0 })).filter((s) => s.count > 0),
        onTime: { answered: answered.length, onTime, rate: answered.length ? Math.round((onTime / answered.length) * 10000) / 100 : null },
        recent: answered
          .filter((r) => !r.confidential)
          .sort((a, b) => b.answeredAt!.getTime() - a.answeredAt!.getTime())
          .slice(0, 20)
          .map((r) => ({
            number: r.number,
            subject: r.subject,
            className: classes.find((k) => k.code === r.classCode)?.name ?? r.classCode,
            outcome: r.outcome,
            answeredAt: r.answeredAt!.toISOString(),
          })),
      };
    },

  };
}

export type ComplaintsService = ReturnType<typeof createComplaintsService>;

