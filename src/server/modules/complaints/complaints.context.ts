/**
 * What every use case of the complaints service shares: its dependencies, who acts, the agency and
 * the complaint looked up or refused, the timeline event and the audit entry of a step, and the
 * bilingual refusals. The use cases (complaints.filing.ts, .transitions.ts, …) take this context;
 * complaints.service.ts composes them.
 */
import type { Mailer } from '../../lib/mailer.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import type { AgencyStandard, ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditActor, AuditService } from '../audit/audit.service.js';
import type { StaffService } from '../identity/identity.staff.service.js';
import type { BusinessCalendar } from '../calendar/calendar.js';
import type { TimeLimit } from '../calendar/limit.js';
import type { ComplaintRow, ComplaintsRepo, NewEvent } from './complaints.repo.js';

/** The agency a complaint belongs to, as the agencies service gives it. */
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
export type StandardInForce = Awaited<ReturnType<StandardSource['getStandardInForce']>>;

export interface ComplaintsServiceDeps {
  db: Db;
  repo: ComplaintsRepo;
  agencies: Pick<AgenciesService, 'getAgency'>;
  standards: StandardSource;
  calendar: { calendarFor(options: { agencyCode: string }): Promise<{ calendar: BusinessCalendar }> };
  /** The agency's staff, for assignment (identity module). */
  staff: Pick<StaffService, 'listStaff'>;
  audit: Pick<AuditService, 'record'>;
  clock: () => Date;
  /** Tells the complainant an answered complaint closed without their reply; after the commit, a failure logged. */
  mailer: Mailer;
  log: { error(details: object, message: string): void };
  /** Where people reach Sigap, for the tracking link in the mail. */
  publicUrl: string;
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

// ---------------------------------------------------------------------------------------
// Refusals, each with the field and the rule in both languages

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
}

export function problem(field: string, rule: RuleKey, lang: Language, values: Record<string, string> = {}): FieldProblem {
  return { field, rule, message: fill(ruleMessages[rule][lang], values) };
}

export function invalid(details: FieldProblem[]): AppError {
  return new AppError('validation', { id: 'Data pengaduan tidak valid', en: 'The complaint data is not valid' }, details);
}

export const complaintNotFound = (number: string) => notFound({ id: `Pengaduan ${number} tidak ditemukan`, en: `Complaint ${number} not found` });

export function trackingRefused(lang: Language): AppError {
  // The same answer for an unknown number and a wrong secret: numbers are guessable.
  return new AppError(
    'not_found',
    { id: 'Nomor pengaduan dan kode pelacakan atau e-mail tidak cocok', en: 'The complaint number and the tracking code or e-mail do not match' },
    [problem('number', 'complaint.tracking', lang)],
  );
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------

export function createComplaintsContext(deps: ComplaintsServiceDeps) {
  const { repo, clock } = deps;

  const agencyOf = (code: string): Promise<ComplaintAgency> => deps.agencies.getAgency({ code });

  const calendarOf = async (agency: ComplaintAgency) => (await deps.calendar.calendarFor({ agencyCode: agency.code })).calendar;

  const standardAt = (agency: ComplaintAgency, at: Date) => deps.standards.getStandardInForce({ agencyId: agency.id, at });

  /** Finds a complaint of the route's agency by its number; another agency's number is simply not found. */
  async function complaintOf(agency: ComplaintAgency, number: string): Promise<ComplaintRow> {
    const row = await repo.findByNumber(agency.id, number.toUpperCase());
    if (!row) throw complaintNotFound(number);
    return row;
  }

  /** The same, locked for the rest of the transaction. */
  async function lockComplaint(agency: ComplaintAgency, number: string, tx: Executor): Promise<ComplaintRow> {
    const row = await repo.findByNumberForUpdate(agency.id, number.toUpperCase(), tx);
    if (!row) throw complaintNotFound(number);
    return row;
  }

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

  return { deps, repo, clock, agencyOf, calendarOf, standardAt, complaintOf, lockComplaint, eventOf, audit };
}

export type ComplaintsContext = ReturnType<typeof createComplaintsContext>;
