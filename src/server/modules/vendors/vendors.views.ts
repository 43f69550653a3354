/**
 * The vendor as each reader sees it: rows shaped into the contract's views, with the other
 * agencies' accounts, requests and receipts left out for an agency's officers (vendors.policy.ts
 * decides what of the history shows).
 */
import type {
  AccountView,
  AggregationView,
  DocumentView,
  HistoryEntryView,
  PersonView,
  VendorRequestView,
  VendorSummary,
  VendorView,
} from '../../../shared/contracts/vendors.js';
import { formatNpwp } from '../../../shared/identifiers.js';
import type { AgencyInfo, VendorsContext } from './vendors.context.js';
import { historyVisibility, type Viewer } from './vendors.policy.js';
import type {
  AccountRow,
  AggregationRow,
  DocumentRow,
  EmailChangeRow,
  HistoryRow,
  PersonRow,
  ReceiptRow,
  VendorRequestRow,
  VendorRow,
  VendorWithAccount,
} from './vendors.repo.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The NPWP as people read it: dotted for the old 15 digits, the 16 digits as they are. */
export function displayNpwp(written: string): string {
  return written.length === 15 ? formatNpwp(`0${written}`) : written;
}

function core(v: VendorRow) {
  return { id: v.id, name: v.name, legalForm: v.legalForm, npwp: displayNpwp(v.npwp), nib: v.nib, address: v.address, email: v.email, phone: v.phone };
}

export function summaryView(v: VendorWithAccount): VendorSummary {
  return { ...core(v), account: v.account ? { userId: v.account.userLogin, email: v.account.email, status: v.account.status } : null };
}

export function personView(p: PersonRow): PersonView {
  return { id: p.id, role: p.role, name: p.name, nik: p.nik, position: p.position, email: p.email, phone: p.phone, signsIn: p.userId !== null };
}

export function documentView(d: DocumentRow, agencies: Map<string, AgencyInfo>): DocumentView {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    number: d.number,
    issuedOn: d.issuedOn,
    personId: d.personId,
    fileName: d.fileName,
    mimeType: d.mimeType,
    size: d.size,
    sha256: d.sha256,
    uploadedAt: d.uploadedAt.toISOString(),
    uploadedBy: d.uploadedByLabel,
    supersededAt: iso(d.supersededAt),
    verification: d.verifiedAt
      ? {
          originalShown: d.originalShown ?? false,
          at: d.verifiedAt.toISOString(),
          by: d.verifiedByLabel,
          agency: d.verifiedAgencyId ? (agencies.get(d.verifiedAgencyId)?.code ?? null) : null,
          note: d.verificationNote,
        }
      : null,
  };
}

export function accountView(a: AccountRow, agencies: Map<string, AgencyInfo>, pending: EmailChangeRow | undefined): AccountView {
  const agency = agencies.get(a.agencyId);
  return {
    id: a.id,
    agency: { code: agency?.code ?? '', name: agency?.name ?? '' },
    userId: a.userLogin,
    email: a.email,
    status: a.status,
    registeredAt: a.registeredAt.toISOString(),
    activatedAt: iso(a.activatedAt),
    activatedBy: a.activatedByLabel,
    activatedRequest: a.activatedRequestNumber,
    deactivatedAt: iso(a.deactivatedAt),
    deactivatedBy: a.deactivatedByLabel,
    deactivatedRequest: a.deactivatedRequestNumber,
    deactivationReason: a.deactivationReason,
    pendingEmail: pending
      ? { id: pending.id, email: pending.newEmail, requestedAt: pending.requestedAt.toISOString(), expiresAt: pending.expiresAt.toISOString(), requestNumber: pending.requestNumber }
      : null,
    version: a.version,
  };
}

export function vendorRequestView(r: VendorRequestRow, agencies: Map<string, AgencyInfo>): VendorRequestView {
  return {
    id: r.id,
    agency: agencies.get(r.agencyId)?.code ?? '',
    service: { code: r.serviceCode, name: r.serviceName },
    effect: r.effect,
    state: r.state,
    reference: r.reference,
    change: r.change,
    documents: r.documents,
    requestNumber: r.requestNumber,
    preparedBy: r.preparedByLabel,
    onBehalf: r.onBehalf,
    createdAt: r.createdAt.toISOString(),
    filedAt: iso(r.filedAt),
    appliedAt: iso(r.appliedAt),
  };
}

export function aggregationView(g: AggregationRow, agencies: Map<string, AgencyInfo>): AggregationView {
  return {
    id: g.id,
    agency: agencies.get(g.agencyId)?.code ?? '',
    state: g.state,
    submittedAt: g.submittedAt.toISOString(),
    submittedBy: g.submittedByLabel,
    lkppReference: g.lkppReference,
    requestNumber: g.requestNumber,
    result:
      g.state !== 'submitted' && g.resultAt
        ? { outcome: g.state, at: g.resultAt.toISOString(), by: g.resultByLabel, reference: g.resultReference, note: g.resultNote }
        : null,
  };
}

export function historyView(rows: HistoryRow[], viewer: Viewer, agencies: Map<string, AgencyInfo>): HistoryEntryView[] {
  const out: HistoryEntryView[] = [];
  for (const h of rows) {
    const visibility = historyVisibility(h, viewer);
    if (visibility === 'hidden') continue;
    out.push({
      seq: h.seq,
      occurredAt: h.occurredAt.toISOString(),
      field: h.field,
      oldValue: h.oldValue,
      newValue: h.newValue,
      actor: h.actorLabel,
      agency: h.agencyId ? (agencies.get(h.agencyId)?.code ?? null) : null,
      requestNumber: visibility === 'full' ? h.requestNumber : null,
    });
  }
  return out;
}

/** One vendor for a viewer: everything of theirs for its people, one agency's part for its officers. */
export async function buildVendorView(context: VendorsContext, vendor: VendorRow, viewer: Viewer): Promise<VendorView> {
  const { repo } = context;
  const agencyId = viewer.kind === 'staff' ? viewer.agencyId : null;
  const [persons, documents, allAccounts, requests, aggregations, receipts, history, pending] = await Promise.all([
    repo.listPersons(vendor.id),
    repo.listDocuments(vendor.id),
    repo.listAccountsOfVendor(vendor.id),
    repo.listVendorRequests(vendor.id, agencyId),
    repo.listAggregations(vendor.id, agencyId),
    repo.listReceipts(vendor.id, agencyId),
    repo.listHistory(vendor.id),
    repo.listPendingEmailChanges(vendor.id),
  ]);
  const accounts = agencyId ? allAccounts.filter((a) => a.agencyId === agencyId) : allAccounts;
  const agencies = await context.agencyCodes([
    ...accounts.map((a) => a.agencyId),
    ...documents.map((d) => d.verifiedAgencyId),
    ...requests.map((r) => r.agencyId),
    ...aggregations.map((g) => g.agencyId),
    ...receipts.map((r) => r.agencyId),
    ...history.map((h) => h.agencyId),
  ]);
  const pendingOf = (a: AccountRow) => pending.find((p) => p.agencyId === a.agencyId && p.accountId === a.id);
  return {
    ...core(vendor),
    version: vendor.version,
    createdAt: vendor.createdAt.toISOString(),
    updatedAt: vendor.updatedAt.toISOString(),
    persons: persons.map(personView),
    documents: documents.map((d) => documentView(d, agencies)),
    accounts: accounts.map((a) => accountView(a, agencies, pendingOf(a))),
    requests: requests.map((r) => vendorRequestView(r, agencies)),
    aggregations: aggregations.map((g) => aggregationView(g, agencies)),
    receipts: receipts.map((r: ReceiptRow) => ({ id: r.id, agency: agencies.get(r.agencyId)?.code ?? '', kind: r.kind, requestNumber: r.requestNumber, createdAt: r.createdAt.toISOString() })),
    history: historyView(history, viewer, agencies),
  };
}
