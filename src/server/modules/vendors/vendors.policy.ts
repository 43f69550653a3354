import { deedKinds, type AccountStatus, type DocumentKind, type HistoryField, type VendorEffect } from '../../../shared/contracts/vendors.js';
import type { RuleKey } from '../../../shared/i18n/rules.js';

/**
 * Who may see and do what with a vendor, and when an account service may run: pure decisions,
 * tested table by table (vendors.policy.test.ts). The routes name the permission; these decide
 * on the record.
 *
 * The permissions the routes ask (Sigap's, mapped to each agency's roles by its standard):
 * `requests.view` reads the registry; `requests.act` registers vendors and accounts, uploads and
 * verifies documents, files services at the counter and records LKPP's answer (the help desk and
 * the verifier, as every LPSE standard gives them); `requests.assign` (the supervisors) imports
 * and exports the agency's vendors.
 */

export type Refusal = { ok: false; field: string; rule: RuleKey; params?: Record<string, string | number> };
export type Verdict = { ok: true } | Refusal;

const refuse = (field: string, rule: RuleKey, params?: Record<string, string | number>): Refusal => ({ ok: false, field, rule, ...(params ? { params } : {}) });

/** Who reads a vendor: an officer of one agency, or one of the vendor's own people. */
export type Viewer = { kind: 'staff'; agencyId: string } | { kind: 'vendor' };

/**
 * How a history entry shows to a viewer. The company data is shared, so its changes show to every
 * agency, but another agency's request number does not; another agency's account entries not at all.
 */
export function historyVisibility(entry: { agencyId: string | null; field: HistoryField }, viewer: Viewer): 'full' | 'without_request' | 'hidden' {
  if (viewer.kind === 'vendor') return 'full';
  if (entry.agencyId === null || entry.agencyId === viewer.agencyId) return 'full';
  return entry.field.startsWith('account.') ? 'hidden' : 'without_request';
}

/**
 * Whether an account service may be started (or its effect applied) with the account as it is.
 * Activation also re-activates an inactive account; every other service needs an account that
 * is not inactive, and deactivation and aggregation one that is active.
 */
export function accountServiceVerdict(effect: VendorEffect, account: { status: AccountStatus } | undefined, options: { registersAccount?: boolean } = {}): Verdict {
  if (effect === 'vendor.activate') {
    if (!account) return options.registersAccount ? { ok: true } : refuse('account', 'vendor.account_missing');
    if (options.registersAccount) return refuse('account', 'vendor.account_exists');
    if (account.status === 'active') return refuse('account', 'vendor.account_already_active');
    return { ok: true };
  }
  if (!account) return refuse('account', 'vendor.account_missing');
  if (effect === 'vendor.deactivate') {
    if (account.status === 'inactive') return refuse('account', 'vendor.account_already_inactive');
    if (account.status !== 'active') return refuse('account', 'vendor.account_not_active');
    return { ok: true };
  }
  if (account.status === 'inactive') return refuse('account', 'vendor.account_inactive');
  if (effect === 'vendor.requestAggregation' && account.status !== 'active') return refuse('account', 'vendor.account_not_active');
  return { ok: true };
}

export interface DocumentState {
  id: string;
  kind: DocumentKind;
  label: string;
  supersededAt: Date | null;
  verifiedAt: Date | null;
}

/** An account is activated only when the vendor's current documents are all verified (and there are some). */
export function activationDocumentsVerdict(documents: readonly DocumentState[]): Verdict {
  const current = documents.filter((d) => d.supersededAt === null);
  if (current.length === 0) return refuse('documents', 'vendor.documents_missing');
  const unverified = current.filter((d) => d.verifiedAt === null);
  if (unverified.length > 0) return refuse('documents', 'vendor.documents_unverified', { documents: unverified.map((d) => d.label).join(', ') });
  return { ok: true };
}

/** A change of legal form (CV → PT) needs the new deed and NIB, verified and current, among the request's documents. */
export function legalFormDocumentsVerdict(chosen: readonly DocumentState[]): Verdict {
  const usable = chosen.filter((d) => d.supersededAt === null && d.verifiedAt !== null);
  const hasDeed = usable.some((d) => deedKinds.includes(d.kind));
  const hasNib = usable.some((d) => d.kind === 'nib');
  return hasDeed && hasNib ? { ok: true } : refuse('documents', 'vendor.legal_form_documents');
}
