/**
 * The account services of an agency's standard, started from the registry: offered to a vendor
 * prefilled (its company, its person, its account, the documents it gave last time), started by
 * the vendor online or by the help desk at the counter, and filed as requests through the requests
 * service. A service whose channels are all walk-in is prepared online and filed when the vendor
 * is at the desk: the standard's clock starts there, not at home. A request filed without the
 * registry can be linked to its vendor afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  deedKinds,
  effectChangeFields,
  legalFormLabels,
  vendorEffects,
  type ChangeInput,
  type ServiceOffer,
  type StartServiceInput,
  type StartServiceResult,
  type VendorEffect,
  type VendorRequestView,
} from '../../../shared/contracts/vendors.js';
import type { IntakeInput, IntakeReceipt } from '../../../shared/contracts/requests.js';
import { requesterRole, type ServiceStandard } from '../../../shared/standard/schema.js';
import type { FieldProblem } from '../../../shared/validation.js';
import { notFound } from '../../lib/app-error.js';
import { checklistFor, onlineChannelKinds, staffChannelKinds } from '../requests/requests.workflow.js';
import { counterReference, problem, refuse, refuseAll, vendorNotFound, type AgencyInfo, type VendorCall, type VendorsContext, type Workspace } from './vendors.context.js';
import { accountServiceVerdict } from './vendors.policy.js';
import { npwpKeyOf } from './vendors.registry.js';
import type { AccountRow, PersonRow, VendorRequestRow, VendorRow } from './vendors.repo.js';
import type { createAccounts } from './vendors.accounts.js';
import { summaryView, vendorRequestView } from './vendors.views.js';

/** The one vendor effect of a service's workflow: what makes it an account service. */
export function vendorEffectOf(service: ServiceStandard): VendorEffect | null {
  for (const step of service.workflow.steps) {
    for (const action of step.actions) {
      const found = action.effects.find((e): e is VendorEffect => (vendorEffects as readonly string[]).includes(e));
      if (found) return found;
    }
  }
  return null;
}

const applicationNotFound = () => notFound({ id: 'Layanan penyedia tidak ditemukan', en: 'Vendor service not found' });

/** A claim whose filing never finished may be retried after this long. */
const staleClaimMs = 2 * 60_000;

export function createApplications(context: VendorsContext, accounts: Pick<ReturnType<typeof createAccounts>, 'insertAccount'>) {
  const { deps, repo, now } = context;
  const { db } = deps;

  async function serviceOf(agency: AgencyInfo, code: string, lang: VendorCall['lang']) {
    const standard = await deps.standards.getStandardInForce({ agencyId: agency.id, at: now() });
    const service = standard.services.find((s) => s.code === code);
    if (!service) throw refuse('validation', lang, 'service', 'request.service_unknown');
    const effect = vendorEffectOf(service);
    if (!effect || !service.requesterTypes.includes('vendor')) throw refuse('validation', lang, 'service', 'vendor.service_not_account');
    return { service, effect };
  }

  /** The channel a service is filed through: the officer's choice, else walk-in first (desk); an online one (portal). */
  function channelFor(service: ServiceStandard, mode: 'desk' | 'own', chosen: string | undefined, lang: VendorCall['lang']) {
    if (mode === 'own') return service.channels.find((c) => onlineChannelKinds.includes(c.kind)) ?? null;
    if (chosen) {
      const channel = service.channels.find((c) => c.code === chosen);
      if (!channel) throw refuse('validation', lang, 'channel', 'request.channel_unknown');
      return channel;
    }
    const staff = service.channels.filter((c) => staffChannelKinds.includes(c.kind));
    return staff.find((c) => c.kind === 'walk_in') ?? staff[0] ?? null;
  }

  /** What the service changes, as its effect needs it: required fields there, the others dropped. */
  function changeFor(effect: VendorEffect, change: ChangeInput, lang: VendorCall['lang']): ChangeInput {
    const fields = effectChangeFields[effect];
    const problems: FieldProblem[] = fields.required.filter((f) => change[f] === undefined).map((f) => problem(lang, `change.${f}`, 'required'));
    if (problems.length > 0) throw refuseAll(problems);
    const kept: ChangeInput = {};
    for (const f of [...fields.required, ...fields.optional]) if (change[f] !== undefined) (kept as Record<string, unknown>)[f] = change[f];
    return kept;
  }

  /**
   * Everything the effect would refuse that can be told now, before anything is written: the
   * account's state, the documents, a new e-mail, NPWP or legal form that would not apply.
   */
  async function precheck(options: {
    lang: VendorCall['lang'];
    vendor: VendorRow;
    account: AccountRow | undefined;
    effect: VendorEffect;
    change: ChangeInput;
    service: ServiceStandard;
    documents: StartServiceInput['documents'];
    registersAccount: boolean;
  }) {
    const { lang, vendor, account, effect, change } = options;
    const verdict = accountServiceVerdict(effect, account, { registersAccount: options.registersAccount });
    if (!verdict.ok) throw refuse('conflict', lang, verdict.field, verdict.rule, verdict.params);
    const codes = new Set(options.service.requirements.map((r) => r.code));
    const chosen = [];
    for (const [i, d] of options.documents.entries()) {
      if (!codes.has(d.requirementCode)) throw refuse('validation', lang, `documents.${i}.requirementCode`, 'request.requirement_unknown');
      const doc = await repo.findDocument(vendor.id, d.documentId);
      if (!doc) throw refuse('validation', lang, `documents.${i}.documentId`, 'vendor.document_unknown');
      if (doc.supersededAt) throw refuse('conflict', lang, `documents.${i}.documentId`, 'vendor.document_superseded');
      chosen.push(doc);
    }
    if (effect === 'vendor.changeEmail' && change.email) {
      if (account && change.email === account.email) throw refuse('validation', lang, 'change.email', 'vendor.email_same');
      if ((await repo.findAccountsWithEmailOfOthers(change.email, vendor.id)).length > 0) throw refuse('conflict', lang, 'change.email', 'vendor.email_taken');
    }
    if (effect === 'vendor.changeNpwp' && change.npwp) {
      if (change.npwp === vendor.npwp) throw refuse('validation', lang, 'change.npwp', 'vendor.npwp_same');
      const other = await repo.findVendorByNpwpKey(npwpKeyOf(change.npwp));
      if (other && other.id !== vendor.id) throw refuse('conflict', lang, 'change.npwp', 'vendor.duplicate', { name: other.name });
    }
    if (effect === 'vendor.changeLegalForm') {
      if (change.legalForm === vendor.legalForm) throw refuse('validation', lang, 'change.legalForm', 'vendor.legal_form_same');
      // Verified at the counter; what can be told now is whether the new deed and NIB are given at all.
      if (!chosen.some((d) => deedKinds.includes(d.kind)) || !chosen.some((d) => d.kind === 'nib')) {
        throw refuse('validation', lang, 'documents', 'vendor.legal_form_documents');
      }
      if (change.nib && change.nib !== vendor.nib) {
        const other = await repo.findVendorByNib(change.nib);
        if (other && other.id !== vendor.id) throw refuse('conflict', lang, 'change.nib', 'vendor.duplicate', { name: other.name });
      }
    }
  }

  /** Who files: the signed-in person (their own), or the vendor's first person for the desk, with their Sigap account if they have one. */
  function requesterOf(vendor: VendorRow, persons: PersonRow[], own: { userId: string; email: string; name: string } | null) {
    if (own) {
      const me = persons.find((p) => p.userId === own.userId);
      return { name: own.name, nik: me?.nik, email: own.email, phone: me?.phone ?? undefined, userId: own.userId };
    }
    const first = persons.find((p) => p.role !== 'kuasa') ?? persons[0];
    const signsIn = persons.find((p) => p.userId !== null);
    return {
      name: first?.name ?? vendor.name,
      nik: first?.nik,
      email: first?.email ?? vendor.email,
      phone: first?.phone ?? vendor.phone ?? undefined,
      userId: signsIn?.userId ?? undefined,
    };
  }

  function describeChange(change: ChangeInput): string | undefined {
    const parts = Object.entries(change).map(([k, v]) => `${k}: ${String(v)}`);
    return parts.length > 0 ? parts.join('\n') : undefined;
  }

  function intakeInputOf(options: {
    vendor: VendorRow;
    service: ServiceStandard;
    channelCode: string;
    requester: ReturnType<typeof requesterOf>;
    phone?: string | undefined;
    change: ChangeInput;
  }): IntakeInput {
    const { vendor, requester } = options;
    const company = `${legalFormLabels[vendor.legalForm]} ${vendor.name}`;
    const description = describeChange(options.change);
    return {
      service: options.service.code,
      channel: options.channelCode,
      title: `${options.service.name} — ${company}`.slice(0, 300),
      ...(description ? { description } : {}),
      requester: {
        type: 'vendor',
        name: requester.name,
        ...(requester.nik ? { nik: requester.nik } : {}),
        ...(options.phone ?? requester.phone ? { phone: options.phone ?? requester.phone } : {}),
        ...(requester.email ? { email: requester.email } : {}),
      },
      organisation: { name: company.slice(0, 300), npwp: vendor.npwpKey, ...(vendor.nib ? { nib: vendor.nib } : {}) },
      fields: {},
      statements: [],
    };
  }

  /** Files a claimed vendor request through the requests service and records the request on it; a failed filing gives the claim back. */
  async function fileClaimed(options: {
    ctx: VendorCall;
    agency: AgencyInfo;
    row: VendorRequestRow;
    input: IntakeInput;
    source: 'staff' | 'portal';
    userId: string | undefined;
    onFailure: 'release' | 'delete';
  }): Promise<{ row: VendorRequestRow; receipt: IntakeReceipt }> {
    let receipt: IntakeReceipt;
    try {
      receipt = await deps.requests.intake({ ctx: options.ctx, agencyCode: options.agency.code, input: options.input, source: options.source, userId: options.userId });
    } catch (error) {
      if (options.onFailure === 'release') await repo.releaseClaim(options.agency.id, options.row.id);
      else await repo.deleteVendorRequest(options.agency.id, options.row.id);
      throw error;
    }
    const request = await deps.requests.loadByNumber(receipt.number);
    const row = await repo.updateVendorRequest(options.agency.id, options.row.id, 'filed', { requestId: request.id, requestNumber: request.number, filedAt: request.receivedAt });
    return { row: row!, receipt };
  }

  async function start(options: {
    ctx: VendorCall;
    mode: 'desk' | 'own';
    agency: AgencyInfo;
    vendorId: string;
    input: StartServiceInput;
  }): Promise<StartServiceResult> {
    const { ctx, mode, agency, input } = options;
    const lang = ctx.lang;
    const own = mode === 'own' ? await context.assertActsFor(ctx.actor, options.vendorId) : null;
    const vendor = await repo.findVendor(options.vendorId);
    if (!vendor) throw vendorNotFound();
    const { service, effect } = await serviceOf(agency, input.service, lang);
    const change = changeFor(effect, input.change, lang);
    const account = await repo.findAccount(agency.id, vendor.id);
    const registersAccount = input.account !== undefined && effect === 'vendor.activate' && !account;
    if (input.account && !registersAccount) throw refuse('conflict', lang, 'account', account ? 'vendor.account_exists' : 'vendor.service_not_account');
    await precheck({ lang, vendor, account, effect, change, service, documents: input.documents, registersAccount });
    const channel = channelFor(service, mode, mode === 'desk' ? input.channel : undefined, lang);
    const fileNow = channel !== null;
    if (mode === 'desk' && !channel) throw refuse('validation', lang, 'channel', 'request.channel_not_allowed');
    const persons = await repo.listPersons(vendor.id);
    const requester = requesterOf(vendor, persons, own);
    const actor = context.auditActor(ctx);
    const at = now();

    const row = await db.transaction(async (tx) => {
      const locked = await repo.lockVendor(vendor.id, tx);
      if (!locked) throw vendorNotFound();
      if (registersAccount) await accounts.insertAccount(tx, { ctx, agency, vendor: locked, input: input.account!, actor, fieldPrefix: 'account.' });
      const inserted = await repo.insertVendorRequest(
        {
          agencyId: agency.id,
          id: randomUUID(),
          vendorId: vendor.id,
          serviceCode: service.code,
          serviceName: service.name,
          effect,
          // Filed at once: claimed as `filed` until the request exists; otherwise waiting for the counter.
          state: fileNow ? 'filed' : 'prepared',
          reference: await freeReference(agency.id, tx),
          change,
          documents: input.documents,
          requesterUserId: requester.userId ?? null,
          preparedByLabel: actor.label,
          onBehalf: mode === 'desk',
          createdAt: at,
          filedAt: fileNow ? at : null,
        },
        tx,
      );
      await deps.audit.record({
        tx,
        agencyId: agency.id,
        actor,
        action: fileNow ? 'vendors.service_started' : 'vendors.service_prepared',
        target: { type: 'vendor_request', id: inserted.id },
        after: { vendor: vendor.id, service: service.code, effect, change, reference: inserted.reference, onBehalf: mode === 'desk' },
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return inserted;
    });
    const agencies = await context.agencyCodes([agency.id]);
    if (!fileNow) return { request: vendorRequestView(row, agencies), receipt: null };
    const filed = await fileClaimed({
      ctx,
      agency,
      row,
      input: intakeInputOf({ vendor, service, channelCode: channel.code, requester, phone: input.phone, change }),
      source: mode === 'desk' ? 'staff' : 'portal',
      userId: requester.userId,
      onFailure: 'delete',
    });
    return { request: vendorRequestView(filed.row, agencies), receipt: filed.receipt };
  }

  async function freeReference(agencyId: string, tx: Parameters<typeof repo.findVendorRequestByReference>[2]): Promise<string> {
    for (;;) {
      const reference = counterReference(randomBytes(6));
      if (!(await repo.findVendorRequestByReference(agencyId, reference, tx))) return reference;
    }
  }

  return {
    /** The account services of an agency, offered to one vendor, prefilled from the registry. */
    async listOffers(options: { ctx: VendorCall; mode: 'desk' | 'own'; agency: AgencyInfo; vendorId: string }): Promise<ServiceOffer[]> {
      const { ctx } = options;
      const own = options.mode === 'own' ? await context.assertActsFor(ctx.actor, options.vendorId) : null;
      const vendor = await repo.findVendor(options.vendorId);
      if (!vendor) throw vendorNotFound();
      const standard = await deps.standards.getStandardInForce({ agencyId: options.agency.id, at: now() });
      const account = await repo.findAccount(options.agency.id, vendor.id);
      const persons = await repo.listPersons(vendor.id);
      const requester = requesterOf(vendor, persons, own);
      const documents = await repo.listDocuments(vendor.id);
      const current = new Set(documents.filter((d) => d.supersededAt === null).map((d) => d.id));
      const lastChoice = new Map<string, string>();
      for (const c of await repo.lastDocumentChoices(vendor.id)) if (!lastChoice.has(c.requirementCode) && current.has(c.documentId)) lastChoice.set(c.requirementCode, c.documentId);
      const offers: ServiceOffer[] = [];
      for (const service of standard.services) {
        const effect = vendorEffectOf(service);
        if (!effect || !service.requesterTypes.includes('vendor')) continue;
        const verdict = accountServiceVerdict(effect, account, { registersAccount: effect === 'vendor.activate' && !account });
        const channel = channelFor(service, options.mode, undefined, ctx.lang);
        const requirements = channel ? checklistFor(service, channel.code, 'vendor') : service.requirements.filter((r) => !r.requesterTypes || r.requesterTypes.includes('vendor'));
        offers.push({
          agency: { code: options.agency.code, name: options.agency.name },
          code: service.code,
          name: service.name,
          product: service.products.find((p) => p.kind === 'account')?.name ?? service.products[0]?.name ?? service.name,
          effect,
          online: options.mode === 'own' ? channel !== null : true,
          channels: service.channels.map((c) => ({ code: c.code, kind: c.kind, label: c.label })),
          changeFields: { required: [...effectChangeFields[effect].required], optional: [...effectChangeFields[effect].optional] },
          requirements: requirements.map((r) => ({
            code: r.code,
            label: r.label,
            kind: r.kind,
            required: r.required,
            note: r.note ?? null,
            suggestedDocumentId: lastChoice.get(r.code) ?? null,
          })),
          available: verdict.ok,
          unavailable: verdict.ok ? null : { rule: verdict.rule, message: problem(ctx.lang, verdict.field, verdict.rule, verdict.params).message },
          prefill: {
            title: `${service.name} — ${legalFormLabels[vendor.legalForm]} ${vendor.name}`.slice(0, 300),
            requester: { name: requester.name, nik: requester.nik ?? null, email: requester.email ?? null, phone: requester.phone ?? null },
            organisation: { name: `${legalFormLabels[vendor.legalForm]} ${vendor.name}`, npwp: summaryView({ ...vendor, account: null }).npwp, nib: vendor.nib },
            change: { email: account?.email ?? null, npwp: vendor.npwp, legalForm: vendor.legalForm, name: vendor.name, nib: vendor.nib },
          },
        });
      }
      return offers;
    },

    /** The help desk starts a service for a vendor at the counter: filed at once, on the vendor's behalf. */
    async startForVendor(options: { ctx: VendorCall; workspace: Workspace; vendorId: string; input: StartServiceInput }) {
      const agency = await context.agencyById(options.workspace.id);
      return start({ ...options, mode: 'desk', agency: agency! });
    },

    /** A vendor's person starts a service online: filed at once on an online channel, else prepared for the counter. */
    async startOwn(options: { ctx: VendorCall; vendorId: string; agencyCode: string; input: StartServiceInput }) {
      const agency = await context.agencyByCode(options.agencyCode);
      if (!agency) throw refuse('validation', options.ctx.lang, 'agency', 'agency.not_found');
      return start({ ...options, mode: 'own', agency });
    },

    /** The vendor came to the counter: the desk files what was prepared, with the clock from now. */
    async filePrepared(options: { ctx: VendorCall; workspace: Workspace; id: string; channel?: string | undefined }): Promise<StartServiceResult> {
      const { ctx } = options;
      const agency = (await context.agencyById(options.workspace.id))!;
      const prepared = await repo.findVendorRequest(agency.id, options.id);
      if (!prepared) throw applicationNotFound();
      const vendor = await repo.findVendor(prepared.vendorId);
      if (!vendor) throw vendorNotFound();
      const { service, effect } = await serviceOf(agency, prepared.serviceCode, ctx.lang);
      const account = await repo.findAccount(agency.id, vendor.id);
      // The account may have changed since it was prepared (another request, an import).
      await precheck({ lang: ctx.lang, vendor, account, effect, change: prepared.change, service, documents: prepared.documents, registersAccount: false });
      const channel = channelFor(service, 'desk', options.channel, ctx.lang);
      if (!channel) throw refuse('validation', ctx.lang, 'channel', 'request.channel_not_allowed');
      const at = now();
      const claimed = await repo.claimForFiling(agency.id, prepared.id, at, new Date(at.getTime() - staleClaimMs));
      if (!claimed) throw refuse('conflict', ctx.lang, 'id', 'vendor.application_state');
      const persons = await repo.listPersons(vendor.id);
      const own = prepared.requesterUserId ? persons.find((p) => p.userId === prepared.requesterUserId) : undefined;
      const requester = own
        ? { name: own.name, nik: own.nik, email: own.email ?? vendor.email, phone: own.phone ?? undefined, userId: prepared.requesterUserId ?? undefined }
        : requesterOf(vendor, persons, null);
      const filed = await fileClaimed({
        ctx,
        agency,
        row: claimed,
        input: intakeInputOf({ vendor, service, channelCode: channel.code, requester, change: prepared.change }),
        source: 'staff',
        userId: requester.userId,
        onFailure: 'release',
      });
      return { request: vendorRequestView(filed.row, await context.agencyCodes([agency.id])), receipt: filed.receipt };
    },

    async withdrawOwn(options: { ctx: VendorCall; vendorId: string; agencyCode: string; id: string }): Promise<VendorRequestView> {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      const agency = await context.agencyByCode(options.agencyCode);
      const row = agency ? await repo.findVendorRequest(agency.id, options.id) : undefined;
      if (!agency || !row || row.vendorId !== options.vendorId) throw applicationNotFound();
      const updated = await repo.updateVendorRequest(agency.id, row.id, 'prepared', { state: 'withdrawn' });
      if (!updated) throw refuse('conflict', options.ctx.lang, 'id', 'vendor.application_state');
      return vendorRequestView(updated, await context.agencyCodes([agency.id]));
    },

    /** Prepared services waiting at the agency's counter (or the one with a reference). */
    async listPrepared(options: { workspace: Workspace; reference?: string | undefined; limit: number }) {
      const rows = options.reference
        ? [await repo.findVendorRequestByReference(options.workspace.id, options.reference)].filter((r): r is VendorRequestRow => r !== undefined)
        : await repo.listVendorRequestsInState(options.workspace.id, 'prepared', options.limit);
      const agencies = await context.agencyCodes([options.workspace.id]);
      const items = [];
      for (const r of rows) {
        const v = await repo.findVendor(r.vendorId);
        if (v) items.push({ ...vendorRequestView(r, agencies), vendor: { id: v.id, name: v.name, legalForm: v.legalForm, npwp: summaryView({ ...v, account: null }).npwp } });
      }
      return { items };
    },

    /** The vendor of a request, for its page: the linked vendor request, or the vendor of its NPWP. */
    async vendorOfRequest(options: { workspace: Workspace; number: string }) {
      const request = await deps.requests.loadByNumber(options.number);
      if (request.agencyId !== options.workspace.id) throw notFound({ id: `Permohonan ${options.number} tidak ditemukan`, en: `Request ${options.number} not found` });
      const link = await repo.findVendorRequestOfRequest(options.workspace.id, request.id);
      const vendor = link ? await repo.findVendor(link.vendorId) : request.organisationNpwp ? await repo.findVendorByNpwpKey(request.organisationNpwp) : undefined;
      if (!vendor) throw vendorNotFound();
      const account = await repo.findAccount(options.workspace.id, vendor.id);
      const agencies = await context.agencyCodes([options.workspace.id]);
      return {
        vendor: summaryView({ ...vendor, account: account ? { userLogin: account.userLogin, email: account.email, status: account.status } : null }),
        request: link ? vendorRequestView(link, agencies) : null,
      };
    },

    /** Links a request filed without the registry (a walk-in typed in by hand) to its vendor, with what it changes. */
    async linkRequest(options: { ctx: VendorCall; workspace: Workspace; number: string; input: { vendorId: string; change: ChangeInput; documents: StartServiceInput['documents'] } }) {
      const { ctx, workspace, input } = options;
      const lang = ctx.lang;
      const request = await deps.requests.loadByNumber(options.number);
      if (request.agencyId !== workspace.id) throw notFound({ id: `Permohonan ${options.number} tidak ditemukan`, en: `Request ${options.number} not found` });
      if (request.status === 'closed') throw refuse('conflict', lang, 'number', 'vendor.request_closed');
      if (request.currentRole === requesterRole && request.status === 'confirming') throw refuse('conflict', lang, 'number', 'vendor.request_closed');
      const agency = (await context.agencyById(workspace.id))!;
      const vendor = await repo.findVendor(input.vendorId);
      if (!vendor) throw vendorNotFound();
      const { service, effect } = await serviceOf(agency, request.serviceCode, lang);
      const change = changeFor(effect, input.change, lang);
      const account = await repo.findAccount(agency.id, vendor.id);
      await precheck({ lang, vendor, account, effect, change, service, documents: input.documents, registersAccount: false });
      const actor = context.auditActor(ctx);
      const row = await db.transaction(async (tx) => {
        await repo.lockVendor(vendor.id, tx);
        if (await repo.findVendorRequestOfRequest(agency.id, request.id, tx)) throw refuse('conflict', lang, 'number', 'vendor.request_linked');
        const inserted = await repo.insertVendorRequest(
          {
            agencyId: agency.id,
            id: randomUUID(),
            vendorId: vendor.id,
            serviceCode: service.code,
            serviceName: service.name,
            effect,
            state: 'filed',
            reference: await freeReference(agency.id, tx),
            change,
            documents: input.documents,
            requesterUserId: request.requesterUserId,
            requestId: request.id,
            requestNumber: request.number,
            preparedByLabel: actor.label,
            onBehalf: true,
            createdAt: now(),
            filedAt: request.receivedAt,
          },
          tx,
        );
        await deps.audit.record({
          tx,
          agencyId: agency.id,
          actor,
          action: 'vendors.request_linked',
          target: { type: 'request', id: request.id },
          after: { vendor: vendor.id, effect, change },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
        return inserted;
      });
      return { vendor: summaryView({ ...vendor, account: account ? { userLogin: account.userLogin, email: account.email, status: account.status } : null }), request: vendorRequestView(row, await context.agencyCodes([agency.id])) };
    },
  };
}

export type Applications = ReturnType<typeof createApplications>;
