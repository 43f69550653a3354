/**
 * The named effects `vendor.*`: what the account services of a standard do to the registry when
 * the officer takes the action that names them. Each runs in the action's transaction (only
 * through `context.tx`: the embedded database has one connection), refuses with the field and the
 * rule when it cannot apply — so the request does not move and nothing is half-done — and applies
 * once: the request's version guards a retried action, and a vendor request already applied
 * answers with what it did. E-mails leave after the commit.
 */
import { randomUUID } from 'node:crypto';
import { emailConfirmationPath, type VendorEffect } from '../../../shared/contracts/vendors.js';
import { hashToken, randomToken } from '../../lib/secrets.js';
import type { EffectContext, EffectHandler, EffectHandlers } from '../requests/requests.effects.js';
import { createVendorsContext, refuse, type Change, type ChangeMeta, type VendorEffectsDeps } from './vendors.context.js';
import { documentLabel } from './vendors.documents.js';
import { activationReceiptMail, emailChangeLinkMail, emailChangeNoticeMail, maskEmail } from './vendors.mail.js';
import { accountServiceVerdict, activationDocumentsVerdict, legalFormDocumentsVerdict } from './vendors.policy.js';
import { createReceiptRenderer, type ActivationReceiptData } from './vendors.receipts.js';
import { npwpKeyOf } from './vendors.registry.js';
import type { AccountRow, VendorRequestRow, VendorRow } from './vendors.repo.js';
import { displayNpwp } from './vendors.views.js';

/** How long the link of an e-mail change works. */
export const emailChangeHours = 72;

export function createVendorEffects(deps: VendorEffectsDeps) {
  const context = createVendorsContext(deps);
  const { repo } = context;
  const renderReceipt = createReceiptRenderer(deps, context);

  /**
   * The vendor and account a request acts on: the vendor request it was filed from or linked to,
   * or else the vendor of its NPWP; both locked to the commit, and the account checked for the
   * service (a request filed before the account changed finds it as it is now).
   */
  async function target(ec: EffectContext, effect: VendorEffect): Promise<{ link: VendorRequestRow | undefined; vendor: VendorRow; account: AccountRow }> {
    const link = await repo.findVendorRequestOfRequest(ec.agencyId, ec.request.id, ec.tx, true);
    let vendorId = link?.vendorId;
    if (!vendorId && ec.request.organisationNpwp) vendorId = (await repo.findVendorByNpwpKey(ec.request.organisationNpwp, ec.tx))?.id;
    const vendor = vendorId ? await repo.lockVendor(vendorId, ec.tx) : undefined;
    if (!vendor) throw refuse('conflict', ec.lang, 'organisation.npwp', 'vendor.not_registered');
    const account = await repo.findAccount(ec.agencyId, vendor.id, ec.tx, true);
    const verdict = accountServiceVerdict(effect, account);
    if (!verdict.ok) throw refuse('conflict', ec.lang, verdict.field, verdict.rule, verdict.params);
    return { link, vendor, account: account! };
  }

  const metaOf = (ec: EffectContext): ChangeMeta => ({ agencyId: ec.agencyId, actor: ec.actor, at: ec.at, request: { id: ec.request.id, number: ec.request.number } });

  async function markApplied(ec: EffectContext, link: VendorRequestRow | undefined, result: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (link) await repo.updateVendorRequest(ec.agencyId, link.id, null, { state: 'applied', appliedAt: ec.at, result }, ec.tx);
    return result;
  }

  /** A vendor request whose effect already ran answers with what it did: never twice. */
  const alreadyApplied = (link: VendorRequestRow | undefined) => (link?.state === 'applied' ? { ...(link.result ?? {}), alreadyApplied: true } : undefined);

  function missing(ec: EffectContext, link: VendorRequestRow | undefined, field: string) {
    return refuse(link ? 'validation' : 'conflict', ec.lang, link ? `change.${field}` : 'request', 'vendor.change_missing');
  }

  const activate: EffectHandler = async (ec) => {
    const { link, vendor, account } = await target(ec, 'vendor.activate');
    const done = alreadyApplied(link);
    if (done) return done;
    const documents = await repo.listDocuments(vendor.id, ec.tx);
    const verdict = activationDocumentsVerdict(documents.map((d) => ({ ...d, label: documentLabel(d) })));
    if (!verdict.ok) throw refuse('conflict', ec.lang, verdict.field, verdict.rule, verdict.params);
    await repo.updateAccount(
      ec.agencyId,
      account.id,
      {
        status: 'active',
        activatedAt: ec.at,
        activatedByLabel: ec.actor.label,
        activatedRequestId: ec.request.id,
        activatedRequestNumber: ec.request.number,
        deactivatedAt: null,
        deactivatedByLabel: null,
        deactivatedRequestId: null,
        deactivatedRequestNumber: null,
        deactivationReason: null,
      },
      ec.at,
      ec.tx,
    );
    await context.recordChange(ec.tx, {
      vendorId: vendor.id,
      changes: [{ field: 'account.status', oldValue: account.status, newValue: 'active', accountId: account.id }],
      meta: metaOf(ec),
      action: 'vendors.account_activated',
      target: { type: 'vendor_account', id: account.id },
    });
    const data: ActivationReceiptData = {
      agencyId: ec.agencyId,
      serviceCode: ec.request.serviceCode,
      requestNumber: ec.request.number,
      activatedAt: ec.at.toISOString(),
      activatedBy: ec.actor.label,
      vendor: { name: vendor.name, legalForm: vendor.legalForm, npwp: displayNpwp(vendor.npwp), nib: vendor.nib, address: vendor.address },
      account: { userId: account.userLogin, email: account.email },
      documents: documents
        .filter((d) => d.supersededAt === null)
        .map((d) => ({
          kind: d.kind,
          title: d.title,
          number: d.number,
          issuedOn: d.issuedOn,
          originalShown: d.originalShown ?? false,
          verifiedAt: d.verifiedAt!.toISOString(),
          verifiedBy: d.verifiedByLabel,
          verifiedAgencyId: d.verifiedAgencyId,
        })),
    };
    const receipt = await repo.insertReceipt(
      { agencyId: ec.agencyId, id: randomUUID(), vendorId: vendor.id, accountId: account.id, requestId: ec.request.id, requestNumber: ec.request.number, kind: 'activation', data: { ...data }, createdAt: ec.at },
      ec.tx,
    );
    ec.afterCommit(async () => {
      const agency = await context.agencyById(ec.agencyId);
      const pdf = await renderReceipt(data, 'id');
      const product = await productName(ec);
      await deps.mailer.send(
        activationReceiptMail({ to: account.email, vendorName: vendor.name, userId: account.userLogin, agencyName: agency?.name ?? '', product, requestNumber: ec.request.number, pdf }),
      );
    });
    return markApplied(ec, link, { vendorId: vendor.id, accountId: account.id, userId: account.userLogin, status: 'active', receiptId: receipt.id });
  };

  async function productName(ec: EffectContext): Promise<string> {
    const standard = await deps.standards.getStandardInForce({ agencyId: ec.agencyId, at: ec.at });
    const service = standard.services.find((s) => s.code === ec.request.serviceCode);
    return service?.products.find((p) => p.kind === 'account')?.name ?? service?.name ?? ec.request.serviceCode;
  }

  const deactivate: EffectHandler = async (ec) => {
    const { link, vendor, account } = await target(ec, 'vendor.deactivate');
    const done = alreadyApplied(link);
    if (done) return done;
    const reason = link?.change.reason ?? ec.comment;
    if (!reason) throw refuse('validation', ec.lang, link ? 'change.reason' : 'comment', 'vendor.change_missing');
    await repo.updateAccount(
      ec.agencyId,
      account.id,
      {
        status: 'inactive',
        deactivatedAt: ec.at,
        deactivatedByLabel: ec.actor.label,
        deactivatedRequestId: ec.request.id,
        deactivatedRequestNumber: ec.request.number,
        deactivationReason: reason,
      },
      ec.at,
      ec.tx,
    );
    await context.recordChange(ec.tx, {
      vendorId: vendor.id,
      changes: [{ field: 'account.status', oldValue: account.status, newValue: `inactive: ${reason}`, accountId: account.id }],
      meta: metaOf(ec),
      action: 'vendors.account_deactivated',
      target: { type: 'vendor_account', id: account.id },
    });
    return markApplied(ec, link, { vendorId: vendor.id, accountId: account.id, userId: account.userLogin, status: 'inactive', reason });
  };

  const changeEmail: EffectHandler = async (ec) => {
    const { link, vendor, account } = await target(ec, 'vendor.changeEmail');
    const done = alreadyApplied(link);
    if (done) return done;
    const email = link?.change.email;
    if (!email) throw missing(ec, link, 'email');
    if (email === account.email) throw refuse('validation', ec.lang, 'change.email', 'vendor.email_same');
    await repo.lockEmail(email, ec.tx);
    if ((await repo.findAccountsWithEmailOfOthers(email, vendor.id, ec.tx)).length > 0) throw refuse('conflict', ec.lang, 'change.email', 'vendor.email_taken');
    await repo.supersedeEmailChanges(ec.agencyId, account.id, ec.at, ec.tx);
    const token = randomToken();
    const expiresAt = new Date(ec.at.getTime() + emailChangeHours * 3_600_000);
    const change = await repo.insertEmailChange(
      {
        agencyId: ec.agencyId,
        id: randomUUID(),
        accountId: account.id,
        vendorId: vendor.id,
        requestId: ec.request.id,
        requestNumber: ec.request.number,
        oldEmail: account.email,
        newEmail: email,
        tokenHash: hashToken(token),
        requestedAt: ec.at,
        expiresAt,
        requestedByLabel: ec.actor.label,
      },
      ec.tx,
    );
    // Not yet a change of the account: it takes effect, with its history entry, when the link is opened.
    await deps.audit.record({
      tx: ec.tx,
      agencyId: ec.agencyId,
      actor: ec.actor,
      action: 'vendors.email_change_requested',
      target: { type: 'vendor_account', id: account.id },
      before: { email: account.email },
      after: { pendingEmail: email, expiresAt: expiresAt.toISOString(), request: ec.request.number },
    });
    ec.afterCommit(async () => {
      const agency = await context.agencyById(ec.agencyId);
      const ref = { vendorName: vendor.name, userId: account.userLogin, agencyName: agency?.name ?? '' };
      await deps.mailer.send(
        emailChangeLinkMail({ ...ref, to: email, link: `${deps.publicUrl}${emailConfirmationPath}#token=${encodeURIComponent(token)}`, hours: emailChangeHours, requestNumber: ec.request.number }),
      );
      await deps.mailer.send(emailChangeNoticeMail({ ...ref, to: account.email, newEmail: email, requestNumber: ec.request.number }));
    });
    return markApplied(ec, link, { vendorId: vendor.id, accountId: account.id, emailChangeId: change.id, pendingEmail: maskEmail(email), expiresAt: expiresAt.toISOString() });
  };

  const changeNpwp: EffectHandler = async (ec) => {
    const { link, vendor } = await target(ec, 'vendor.changeNpwp');
    const done = alreadyApplied(link);
    if (done) return done;
    const npwp = link?.change.npwp;
    if (!npwp) throw missing(ec, link, 'npwp');
    if (npwp === vendor.npwp) throw refuse('validation', ec.lang, 'change.npwp', 'vendor.npwp_same');
    const key = npwpKeyOf(npwp);
    if (key !== vendor.npwpKey) {
      await repo.lockIdentifier('npwp', key, ec.tx);
      const other = await repo.findVendorByNpwpKey(key, ec.tx);
      if (other && other.id !== vendor.id) throw refuse('conflict', ec.lang, 'change.npwp', 'vendor.duplicate', { name: other.name });
    }
    await repo.updateVendor(vendor.id, { npwp, npwpKey: key }, null, ec.at, ec.tx);
    await context.recordChange(ec.tx, {
      vendorId: vendor.id,
      changes: [{ field: 'npwp', oldValue: displayNpwp(vendor.npwp), newValue: displayNpwp(npwp) }],
      meta: metaOf(ec),
      action: 'vendors.npwp_changed',
    });
    return markApplied(ec, link, { vendorId: vendor.id, npwp: displayNpwp(npwp) });
  };

  const changeLegalForm: EffectHandler = async (ec) => {
    const { link, vendor } = await target(ec, 'vendor.changeLegalForm');
    const done = alreadyApplied(link);
    if (done) return done;
    const legalForm = link?.change.legalForm;
    if (!link || !legalForm) throw missing(ec, link, 'legalForm');
    if (legalForm === vendor.legalForm) throw refuse('validation', ec.lang, 'change.legalForm', 'vendor.legal_form_same');
    const chosen = [];
    for (const { documentId } of link.documents) {
      const doc = await repo.findDocument(vendor.id, documentId, ec.tx);
      if (doc) chosen.push({ ...doc, label: documentLabel(doc) });
    }
    const verdict = legalFormDocumentsVerdict(chosen);
    if (!verdict.ok) throw refuse('conflict', ec.lang, verdict.field, verdict.rule, verdict.params);
    const name = link.change.name;
    const nib = link.change.nib;
    if (nib && nib !== vendor.nib) {
      await repo.lockIdentifier('nib', nib, ec.tx);
      const other = await repo.findVendorByNib(nib, ec.tx);
      if (other && other.id !== vendor.id) throw refuse('conflict', ec.lang, 'change.nib', 'vendor.duplicate', { name: other.name });
    }
    const changes: Change[] = [{ field: 'legalForm', oldValue: vendor.legalForm, newValue: legalForm }];
    if (name && name !== vendor.name) changes.push({ field: 'name', oldValue: vendor.name, newValue: name });
    if (nib && nib !== vendor.nib) changes.push({ field: 'nib', oldValue: vendor.nib, newValue: nib });
    await repo.updateVendor(
      vendor.id,
      { legalForm, ...(name && name !== vendor.name ? { name } : {}), ...(nib && nib !== vendor.nib ? { nib } : {}) },
      null,
      ec.at,
      ec.tx,
    );
    // The accounts and the history stay with the vendor: only its fields change.
    await context.recordChange(ec.tx, { vendorId: vendor.id, changes, meta: metaOf(ec), action: 'vendors.legal_form_changed' });
    return markApplied(ec, link, { vendorId: vendor.id, legalForm, ...(name ? { name } : {}), ...(nib ? { nib } : {}) });
  };

  const requestAggregation: EffectHandler = async (ec) => {
    const { link, vendor, account } = await target(ec, 'vendor.requestAggregation');
    const done = alreadyApplied(link);
    if (done) return done;
    const aggregation = await repo.insertAggregation(
      {
        agencyId: ec.agencyId,
        id: randomUUID(),
        vendorId: vendor.id,
        accountId: account.id,
        requestId: ec.request.id,
        requestNumber: ec.request.number,
        state: 'submitted',
        submittedAt: ec.at,
        submittedByLabel: ec.actor.label,
        lkppReference: ec.request.externalReference,
      },
      ec.tx,
    );
    await context.recordChange(ec.tx, {
      vendorId: vendor.id,
      changes: [{ field: 'account.aggregation', oldValue: null, newValue: `submitted${ec.request.externalReference ? ` ${ec.request.externalReference}` : ''}`, accountId: account.id }],
      meta: metaOf(ec),
      action: 'vendors.aggregation_submitted',
      target: { type: 'vendor_aggregation', id: aggregation.id },
    });
    return markApplied(ec, link, { vendorId: vendor.id, accountId: account.id, aggregationId: aggregation.id, lkppReference: ec.request.externalReference });
  };

  const handlers: EffectHandlers = {
    'vendor.activate': activate,
    'vendor.deactivate': deactivate,
    'vendor.changeEmail': changeEmail,
    'vendor.changeLegalForm': changeLegalForm,
    'vendor.changeNpwp': changeNpwp,
    'vendor.requestAggregation': requestAggregation,
  };
  return { handlers, renderReceipt };
}
