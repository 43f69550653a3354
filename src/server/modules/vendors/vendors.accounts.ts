/**
 * SPSE accounts outside the effects: registering one at an agency (awaiting verification), the
 * single-use link that makes an e-mail change take effect (and a new link when the first was
 * lost), and LKPP's answer to an Agregasi Data Penyedia.
 */
import { randomUUID } from 'node:crypto';
import { emailConfirmationPath, type AggregationView, type RegisterAccountInput } from '../../../shared/contracts/vendors.js';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../lib/app-error.js';
import { hashToken, randomToken } from '../../lib/secrets.js';
import type { AuditActor } from '../audit/audit.service.js';
import { refuse, vendorNotFound, type AgencyInfo, type VendorCall, type VendorsContext, type Workspace } from './vendors.context.js';
import { emailChangeHours } from './vendors.effects.js';
import { emailChangedMail, emailChangeLinkMail } from './vendors.mail.js';
import type { AccountRow, VendorRow } from './vendors.repo.js';
import { accountView, aggregationView } from './vendors.views.js';

const aggregationNotFound = () => notFound({ id: 'Agregasi tidak ditemukan', en: 'Aggregation not found' });

export function createAccounts(context: VendorsContext) {
  const { deps, repo, now, recordChange } = context;
  const { db } = deps;

  /**
   * An account at an agency for a locked vendor, awaiting verification: one per vendor and agency,
   * its user ID free at the agency, its e-mail held by no other vendor's account anywhere.
   */
  async function insertAccount(
    tx: Executor,
    options: { ctx: VendorCall; agency: Pick<AgencyInfo, 'id'>; vendor: VendorRow; input: RegisterAccountInput; actor: AuditActor; fieldPrefix?: string },
  ): Promise<AccountRow> {
    const { ctx, agency, vendor, input } = options;
    const prefix = options.fieldPrefix ?? '';
    if (await repo.findAccount(agency.id, vendor.id, tx)) throw refuse('conflict', ctx.lang, `${prefix}account`, 'vendor.account_exists');
    const loginKey = input.userId.toLowerCase();
    if (await repo.findAccountByLogin(agency.id, loginKey, tx)) throw refuse('conflict', ctx.lang, `${prefix}userId`, 'vendor.user_id_taken');
    await repo.lockEmail(input.email, tx);
    if ((await repo.findAccountsWithEmailOfOthers(input.email, vendor.id, tx)).length > 0) throw refuse('conflict', ctx.lang, `${prefix}email`, 'vendor.email_taken');
    const at = now();
    const account = await repo.insertAccount(
      { agencyId: agency.id, id: randomUUID(), vendorId: vendor.id, userLogin: input.userId, userLoginKey: loginKey, email: input.email, status: 'awaiting_verification', registeredAt: at, updatedAt: at },
      tx,
    );
    await recordChange(tx, {
      vendorId: vendor.id,
      changes: [{ field: 'account.registered', oldValue: null, newValue: `${input.userId} <${input.email}>`, accountId: account.id }],
      meta: { agencyId: agency.id, actor: options.actor, at },
      action: 'vendors.account_registered',
      target: { type: 'vendor_account', id: account.id },
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return account;
  }

  async function register(options: { ctx: VendorCall; agency: AgencyInfo; vendorId: string; input: RegisterAccountInput }) {
    const account = await db.transaction(async (tx) => {
      const vendor = await repo.lockVendor(options.vendorId, tx);
      if (!vendor) throw vendorNotFound();
      return insertAccount(tx, { ...options, vendor, actor: context.auditActor(options.ctx) });
    });
    return accountView(account, await context.agencyCodes([account.agencyId]), undefined);
  }

  /** A new link for a pending change whose mail was lost: the old link stops working. */
  async function resend(options: { ctx: VendorCall; agencyId: string; changeId: string; vendorId?: string }) {
    const { ctx } = options;
    const sent = await db.transaction(async (tx) => {
      const pending = await repo.findEmailChange(options.agencyId, options.changeId, tx);
      if (!pending || (options.vendorId && pending.vendorId !== options.vendorId)) throw notFound({ id: 'Perubahan e-mail tidak ditemukan', en: 'E-mail change not found' });
      await repo.lockVendor(pending.vendorId, tx);
      if (pending.confirmedAt) throw refuse('conflict', ctx.lang, 'changeId', 'vendor.email_link_used');
      if (pending.supersededAt) throw refuse('conflict', ctx.lang, 'changeId', 'vendor.email_link_expired');
      const at = now();
      const token = randomToken();
      await repo.supersedeEmailChanges(options.agencyId, pending.accountId, at, tx);
      const renewed = await repo.insertEmailChange(
        { ...pending, id: randomUUID(), tokenHash: hashToken(token), requestedAt: at, expiresAt: new Date(at.getTime() + emailChangeHours * 3_600_000), confirmedAt: null, supersededAt: null, requestedByLabel: context.auditActor(ctx).label },
        tx,
      );
      await deps.audit.record({ tx, agencyId: options.agencyId, actor: context.auditActor(ctx), action: 'vendors.email_link_renewed', target: { type: 'vendor_account', id: pending.accountId }, after: { pendingEmail: pending.newEmail }, ip: ctx.ip, requestId: ctx.requestId });
      const account = (await repo.findAccountById(options.agencyId, pending.accountId, tx))!;
      const vendor = (await repo.findVendor(pending.vendorId, tx))!;
      return { renewed, token, account, vendor };
    });
    const agency = await context.agencyById(options.agencyId);
    await deps.mailer.send(
      emailChangeLinkMail({
        to: sent.renewed.newEmail,
        vendorName: sent.vendor.name,
        userId: sent.account.userLogin,
        agencyName: agency?.name ?? '',
        link: `${deps.publicUrl}${emailConfirmationPath}#token=${encodeURIComponent(sent.token)}`,
        hours: emailChangeHours,
        requestNumber: sent.renewed.requestNumber,
      }),
    );
    return { id: sent.renewed.id, email: sent.renewed.newEmail, requestedAt: sent.renewed.requestedAt.toISOString(), expiresAt: sent.renewed.expiresAt.toISOString(), requestNumber: sent.renewed.requestNumber };
  }

  return {
    insertAccount,

    async registerAccount(options: { ctx: VendorCall; workspace: Workspace; vendorId: string; input: RegisterAccountInput }) {
      const agency = await context.agencyById(options.workspace.id);
      return register({ ...options, agency: agency! });
    },

    async registerOwnAccount(options: { ctx: VendorCall; vendorId: string; agencyCode: string; input: RegisterAccountInput }) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      const agency = await context.agencyByCode(options.agencyCode);
      if (!agency) throw refuse('validation', options.ctx.lang, 'agency', 'agency.not_found');
      return register({ ...options, agency });
    },

    /**
     * The link of an e-mail change, opened: the account's e-mail becomes the new one (still held by
     * no other vendor's account), once; the old address is told.
     */
    async confirmEmail({ ctx, token }: { ctx: VendorCall; token: string }) {
      const tokenHash = hashToken(token);
      const found = await repo.findEmailChangeByToken(tokenHash);
      if (!found) throw refuse('not_found', ctx.lang, 'token', 'vendor.email_link_invalid');
      const done = await db.transaction(async (tx) => {
        const vendor = await repo.lockVendor(found.vendorId, tx);
        const change = await repo.findEmailChangeByToken(tokenHash, tx, true);
        if (!vendor || !change) throw refuse('not_found', ctx.lang, 'token', 'vendor.email_link_invalid');
        if (change.confirmedAt) throw refuse('conflict', ctx.lang, 'token', 'vendor.email_link_used');
        const at = now();
        const account = await repo.findAccountById(change.agencyId, change.accountId, tx, true);
        if (change.supersededAt || change.expiresAt.getTime() <= at.getTime() || !account || account.email !== change.oldEmail) {
          throw refuse('conflict', ctx.lang, 'token', 'vendor.email_link_expired');
        }
        await repo.lockEmail(change.newEmail, tx);
        if ((await repo.findAccountsWithEmailOfOthers(change.newEmail, vendor.id, tx)).length > 0) throw refuse('conflict', ctx.lang, 'token', 'vendor.email_taken');
        await repo.updateAccount(change.agencyId, account.id, { email: change.newEmail }, at, tx);
        await repo.updateEmailChange(change.agencyId, change.id, { confirmedAt: at }, tx);
        await recordChange(tx, {
          vendorId: vendor.id,
          changes: [{ field: 'account.email', oldValue: change.oldEmail, newValue: change.newEmail, accountId: account.id }],
          meta: {
            agencyId: change.agencyId,
            actor: { type: 'anonymous', id: null, label: `email-link:${change.newEmail}` },
            at,
            request: change.requestId && change.requestNumber ? { id: change.requestId, number: change.requestNumber } : null,
          },
          action: 'vendors.email_changed',
          target: { type: 'vendor_account', id: account.id },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
        return { vendor, account, change };
      });
      const agency = await context.agencyById(done.change.agencyId);
      // The change stands even if this notice fails; the failure is logged.
      await deps.mailer
        .send(emailChangedMail({ to: done.change.oldEmail, vendorName: done.vendor.name, userId: done.account.userLogin, agencyName: agency?.name ?? '', newEmail: done.change.newEmail }))
        .catch((error: unknown) => deps.log.error({ err: error, account: done.account.id }, 'the notice of a changed e-mail was not sent'));
      return { email: done.change.newEmail, agency: agency?.code ?? '', userId: done.account.userLogin };
    },

    async resendEmailLink(options: { ctx: VendorCall; workspace: Workspace; changeId: string }) {
      return resend({ ctx: options.ctx, agencyId: options.workspace.id, changeId: options.changeId });
    },

    async resendOwnEmailLink(options: { ctx: VendorCall; vendorId: string; agencyCode: string; changeId: string }) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      const agency = await context.agencyByCode(options.agencyCode);
      if (!agency) throw refuse('validation', options.ctx.lang, 'agency', 'agency.not_found');
      return resend({ ctx: options.ctx, agencyId: agency.id, changeId: options.changeId, vendorId: options.vendorId });
    },

    /** LKPP answered an Agregasi Data Penyedia: recorded once, with LKPP's own reference if it gave one. */
    async recordAggregationResult(options: {
      ctx: VendorCall;
      workspace: Workspace;
      aggregationId: string;
      input: { outcome: 'approved' | 'rejected'; reference?: string | undefined; note?: string | undefined };
    }): Promise<AggregationView> {
      const { ctx, workspace, input } = options;
      const found = await repo.findAggregation(workspace.id, options.aggregationId);
      if (!found) throw aggregationNotFound();
      const updated = await db.transaction(async (tx) => {
        await repo.lockVendor(found.vendorId, tx);
        const aggregation = await repo.findAggregation(workspace.id, options.aggregationId, tx, true);
        if (!aggregation) throw aggregationNotFound();
        if (aggregation.state !== 'submitted') throw refuse('conflict', ctx.lang, 'aggregationId', 'vendor.aggregation_state');
        const at = now();
        const actor = context.auditActor(ctx);
        const row = await repo.updateAggregation(
          workspace.id,
          aggregation.id,
          { state: input.outcome, resultAt: at, resultByLabel: actor.label, resultReference: input.reference ?? null, resultNote: input.note ?? null },
          tx,
        );
        await recordChange(tx, {
          vendorId: aggregation.vendorId,
          changes: [{ field: 'account.aggregation', oldValue: 'submitted', newValue: `${input.outcome}${input.reference ? ` ${input.reference}` : ''}`, accountId: aggregation.accountId }],
          meta: { agencyId: workspace.id, actor, at, request: aggregation.requestId && aggregation.requestNumber ? { id: aggregation.requestId, number: aggregation.requestNumber } : null },
          action: 'vendors.aggregation_answered',
          target: { type: 'vendor_aggregation', id: aggregation.id },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
        return row;
      });
      return aggregationView(updated, await context.agencyCodes([updated.agencyId]));
    },
  };
}
