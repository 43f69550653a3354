/**
 * What every use case of the vendor module shares: its dependencies, who calls, the agencies
 * (few, kept), the bilingual refusals, the history writer and the vendor's people. The use cases
 * (vendors.registry.ts, .documents.ts, .accounts.ts, .applications.ts, .transfer.ts) take this
 * context; vendors.service.ts composes them. The effects (vendors.effects.ts) run inside a
 * request's transaction and take only what is safe there.
 */
import type { HistoryField } from '../../../shared/contracts/vendors.js';
import type { Language, Localized } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import type { AgencyStandard, ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError, notFound, type ErrorCode } from '../../lib/app-error.js';
import type { Mailer } from '../../lib/mailer.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditActor, RecordAuditOptions } from '../audit/audit.service.js';
import { isSignedInUser, toAuditActor, type Actor } from '../identity/identity.actor.js';
import type { FileStorage } from '../requests/requests.attachments.js';
import type { RequestsService } from '../requests/requests.service.js';
import type { HistoryInsert, VendorsRepo } from './vendors.repo.js';

/** Who is calling and from where, for the history and the audit trail (the shape requests take too). */
export interface VendorCall {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  lang: Language;
}

/** The agency of a staff route (its `:agency`), as the auth plugin resolved it. */
export interface Workspace {
  id: string;
  code: string;
  name: string;
}

export interface AgencyInfo {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export interface VendorsLog {
  error(details: object, message: string): void;
}

/** What the effects need: nothing that reads outside the action's transaction while it is open. */
export interface VendorEffectsDeps {
  repo: VendorsRepo;
  audit: { record(options: RecordAuditOptions): Promise<unknown> };
  agencies: Pick<AgenciesService, 'listAgencies'>;
  standards: { getStandardInForce(options: { agencyId: string; at: Date }): Promise<{ agency: AgencyStandard; services: ServiceStandard[] }> };
  mailer: Mailer;
  log: VendorsLog;
  publicUrl: string;
  clock?: (() => Date) | undefined;
}

export interface VendorsServiceDeps extends VendorEffectsDeps {
  db: Db;
  /** Filing a prepared service, and finding a request to link, go through the requests service. */
  requests: Pick<RequestsService, 'intake' | 'loadByNumber'>;
  /** The same store (content-addressed) and file key as request attachments. */
  files: { storage: FileStorage; key: Buffer };
}

// ---------------------------------------------------------------------------------------
// Refusals, each with the field and the rule in both languages

function fill(template: string, params: Record<string, string | number>): string {
  let text = template;
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

export function ruleText(rule: RuleKey, lang: Language, params: Record<string, string | number> = {}): string {
  return fill(ruleMessages[rule][lang], params);
}

export function problem(lang: Language, field: string, rule: RuleKey, params: Record<string, string | number> = {}): FieldProblem {
  return { field, rule, message: ruleText(rule, lang, params) };
}

/** A refusal naming one field and its rule; the message says both in each language. */
export function refuse(code: ErrorCode, lang: Language, field: string, rule: RuleKey, params: Record<string, string | number> = {}): AppError {
  const message: Localized = { id: `${field}: ${ruleText(rule, 'id', params)}`, en: `${field}: ${ruleText(rule, 'en', params)}` };
  return new AppError(code, message, [problem(lang, field, rule, params)]);
}

/** Several problems at once (an import, a form): 400 with each. */
export function refuseAll(problems: FieldProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(
    'validation',
    { id: `Data yang dikirim tidak valid: ${first.field} ${first.message}`, en: `The data sent is not valid: ${first.field} ${first.message}` },
    problems,
  );
}

export const vendorNotFound = () => notFound({ id: 'Penyedia tidak ditemukan', en: 'Vendor not found' });
export const documentNotFound = () => notFound({ id: 'Dokumen tidak ditemukan', en: 'Document not found' });

export const staleVendor = (current: number, sent: number) =>
  new AppError(
    'conflict',
    {
      id: `Data penyedia telah diubah oleh orang lain (versi ${current}, Anda mengirim versi ${sent}). Muat ulang dan periksa sebelum mengubah lagi.`,
      en: `The vendor was changed by someone else (version ${current}, you sent version ${sent}). Reload it and check before changing it again.`,
    },
    [{ field: 'version', rule: 'stale_version', message: String(current) }],
  );

// ---------------------------------------------------------------------------------------
// Shared helpers

/** How a change is recorded: where, by whom, by which request. */
export interface ChangeMeta {
  agencyId: string | null;
  actor: AuditActor;
  at: Date;
  request?: { id: string; number: string } | null | undefined;
}

export interface Change {
  field: HistoryField;
  oldValue: string | null;
  newValue: string | null;
  accountId?: string | null;
}

export function historyEntries(changes: Change[], meta: ChangeMeta): HistoryInsert[] {
  return changes.map((c) => ({
    occurredAt: meta.at,
    agencyId: meta.agencyId,
    accountId: c.accountId ?? null,
    field: c.field,
    oldValue: c.oldValue,
    newValue: c.newValue,
    requestId: meta.request?.id ?? null,
    requestNumber: meta.request?.number ?? null,
    actorType: meta.actor.type,
    actorId: meta.actor.id,
    actorLabel: meta.actor.label,
  }));
}

/** Six characters said at the counter; no 0/O or 1/I to mishear. */
export function counterReference(random: Buffer): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(random.subarray(0, 6), (b) => alphabet[b % alphabet.length]).join('');
}

export function createVendorsContext<D extends VendorEffectsDeps>(deps: D) {
  const now = deps.clock ?? (() => new Date());
  const agencyCache = new Map<string, AgencyInfo>();

  /** Agencies are few and change by a standards import: kept, and reloaded on a miss. */
  async function agencyById(id: string): Promise<AgencyInfo | undefined> {
    if (!agencyCache.has(id)) {
      for (const a of await deps.agencies.listAgencies()) agencyCache.set(a.id, { id: a.id, code: a.code, name: a.name, timeZone: a.timeZone });
    }
    return agencyCache.get(id);
  }

  async function agencyCodes(ids: Iterable<string | null>): Promise<Map<string, AgencyInfo>> {
    const map = new Map<string, AgencyInfo>();
    for (const id of ids) {
      if (!id || map.has(id)) continue;
      const info = await agencyById(id);
      if (info) map.set(id, info);
    }
    return map;
  }

  async function agencyByCode(code: string): Promise<AgencyInfo | undefined> {
    for (const a of agencyCache.values()) if (a.code === code) return a;
    for (const a of await deps.agencies.listAgencies()) agencyCache.set(a.id, { id: a.id, code: a.code, name: a.name, timeZone: a.timeZone });
    for (const a of agencyCache.values()) if (a.code === code) return a;
    return undefined;
  }

  /** Writes the history entries and the audit entry of one change, in its transaction. */
  async function recordChange(
    tx: Executor,
    options: { vendorId: string; changes: Change[]; meta: ChangeMeta; action: string; target?: { type: string; id: string }; ip?: string | null; requestId?: string | null },
  ): Promise<void> {
    const { changes, meta } = options;
    if (changes.length === 0) return;
    await deps.repo.appendHistory(options.vendorId, historyEntries(changes, meta), tx);
    await deps.audit.record({
      tx,
      agencyId: meta.agencyId,
      actor: meta.actor,
      action: options.action,
      target: options.target ?? { type: 'vendor', id: options.vendorId },
      before: Object.fromEntries(changes.map((c) => [c.field, c.oldValue])),
      after: { ...Object.fromEntries(changes.map((c) => [c.field, c.newValue])), ...(meta.request ? { request: meta.request.number } : {}) },
      ip: options.ip ?? null,
      requestId: options.requestId ?? null,
    });
  }

  /**
   * The vendors a signed-in person acts for: the persons linked to their account, and those an
   * officer recorded with their e-mail (verified at sign-in), which are linked now.
   */
  async function vendorsOfUser(actor: Actor): Promise<{ userId: string; email: string; name: string; vendorIds: Set<string> }> {
    if (!isSignedInUser(actor)) throw new AppError('unauthenticated', { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' });
    const persons = await deps.repo.listPersonsOfUser(actor.userId, actor.email.toLowerCase());
    const unlinked = persons.filter((p) => p.userId === null).map((p) => p.id);
    if (unlinked.length > 0) await deps.repo.linkPersons(unlinked, actor.userId);
    return { userId: actor.userId, email: actor.email.toLowerCase(), name: actor.name, vendorIds: new Set(persons.map((p) => p.vendorId)) };
  }

  /** A vendor the caller acts for, or 404 (a vendor of others answers as unknown). */
  async function assertActsFor(actor: Actor, vendorId: string) {
    const me = await vendorsOfUser(actor);
    if (!me.vendorIds.has(vendorId)) throw vendorNotFound();
    return me;
  }

  return {
    deps,
    repo: deps.repo,
    now,
    agencyById,
    agencyByCode,
    agencyCodes,
    recordChange,
    vendorsOfUser,
    assertActsFor,
    auditActor: (ctx: Pick<VendorCall, 'actor'>) => toAuditActor(ctx.actor),
  };
}

/** The context of the service's use cases; the effects get the same helpers over their narrower dependencies. */
export type VendorsContext<D extends VendorEffectsDeps = VendorsServiceDeps> = ReturnType<typeof createVendorsContext<D>>;
