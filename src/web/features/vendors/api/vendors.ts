import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccountView,
  aggregationResultInput,
  AggregationView,
  applicationList,
  DocumentView,
  emailChangeView,
  emailConfirmed,
  ImportReport,
  myVendorsList,
  PersonInput,
  RegisterAccountInput,
  RegisterOwnVendorInput,
  RegisterVendorInput,
  requestVendorView,
  serviceOfferList,
  StartServiceInput,
  StartServiceResult,
  UpdateVendorInput,
  VendorPage,
  VendorView,
} from '../../../../shared/contracts/vendors.js';
import { apiFetch } from '../../../lib/api.js';

const enc = encodeURIComponent;

/**
 * Who looks at a vendor: one of its own people (`/api/portal/vendors/…`, every agency's account)
 * or an officer of one agency (`/api/vendors/agencies/:agency/…`, that agency's account). The
 * components take a scope so the vendor and the help desk share one page of documents and services.
 */
export type VendorScope = { kind: 'own' } | { kind: 'staff'; agency: string };

export type ApplicationItem = z.infer<typeof applicationList>['items'][number];
export type ServiceOffer = z.infer<typeof serviceOfferList>['items'][number];
export type RequestVendor = z.infer<typeof requestVendorView>;
export type EmailChange = z.infer<typeof emailChangeView>;
export type EmailConfirmed = z.infer<typeof emailConfirmed>;
export type MyVendor = z.infer<typeof myVendorsList>['items'][number];

const staffBase = (agency: string) => `/api/vendors/agencies/${enc(agency)}`;

/** The vendor's own address in the API: the portal's, or the agency's registry. */
export function vendorBase(scope: VendorScope, vendorId: string): string {
  return scope.kind === 'own' ? `/api/portal/vendors/${enc(vendorId)}` : `${staffBase(scope.agency)}/vendors/${enc(vendorId)}`;
}

export const vendorKey = (scope: VendorScope, vendorId: string) => ['vendor', scope.kind === 'own' ? '' : scope.agency, vendorId] as const;

export function documentUrl(scope: VendorScope, vendorId: string, documentId: string): string {
  return `${vendorBase(scope, vendorId)}/documents/${enc(documentId)}`;
}

export function receiptUrl(scope: VendorScope, vendorId: string, receiptId: string, lang: string): string {
  const path = scope.kind === 'own' ? `${vendorBase(scope, vendorId)}/receipts/${enc(receiptId)}` : `${staffBase(scope.agency)}/receipts/${enc(receiptId)}`;
  return `${path}?lang=${enc(lang)}`;
}

export function exportUrl(agency: string, format: 'csv' | 'xlsx'): string {
  return `${staffBase(agency)}/export?format=${format}`;
}

// ── Reading ──

export function useMyVendors(enabled = true) {
  return useQuery({ queryKey: ['my-vendors'], queryFn: () => apiFetch<z.infer<typeof myVendorsList>>('/api/portal/vendors'), select: (d) => d.items, enabled });
}

export function useVendor(scope: VendorScope, vendorId: string) {
  return useQuery({ queryKey: vendorKey(scope, vendorId), queryFn: () => apiFetch<VendorView>(vendorBase(scope, vendorId)) });
}

/** The account services of an agency for this vendor, prefilled (for the vendor, of the chosen agency). */
export function useOffers(scope: VendorScope, vendorId: string, agency: string | null) {
  const path = scope.kind === 'own' ? `${vendorBase(scope, vendorId)}/services?agency=${enc(agency ?? '')}` : `${vendorBase(scope, vendorId)}/services`;
  return useQuery({
    queryKey: ['vendor-offers', ...vendorKey(scope, vendorId), agency],
    queryFn: () => apiFetch<z.infer<typeof serviceOfferList>>(path),
    select: (d) => d.items,
    enabled: agency !== null && agency !== '',
  });
}

export interface SearchParams {
  q: string;
  after: string | null;
}

export function useVendorSearch(agency: string, params: SearchParams) {
  const query = new URLSearchParams({ limit: '20' });
  if (params.q.trim()) query.set('q', params.q.trim());
  if (params.after) query.set('after', params.after);
  return useQuery({
    queryKey: ['vendor-search', agency, params.q.trim(), params.after],
    queryFn: () => apiFetch<VendorPage>(`${staffBase(agency)}/vendors?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
}

/** Services prepared online waiting at this agency's counter; with a reference, that one. */
export function usePrepared(agency: string, reference: string) {
  const ref = reference.trim().toUpperCase();
  const query = ref.length === 6 ? `?reference=${enc(ref)}` : '';
  return useQuery({
    queryKey: ['vendor-prepared', agency, ref.length === 6 ? ref : ''],
    queryFn: () => apiFetch<z.infer<typeof applicationList>>(`${staffBase(agency)}/applications${query}`),
    select: (d) => d.items,
  });
}

/** The vendor of a request, for the request's page; a 404 when the request has none. */
export function useRequestVendor(agency: string, number: string) {
  return useQuery({
    queryKey: ['request-vendor', agency, number],
    queryFn: () => apiFetch<RequestVendor>(`${staffBase(agency)}/requests/${enc(number)}/vendor`),
    retry: false,
  });
}

// ── Writing ──

function useRefreshVendor(scope: VendorScope, vendorId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: vendorKey(scope, vendorId) });
    void client.invalidateQueries({ queryKey: ['vendor-offers'] });
  };
}

export function useRegisterOwnVendor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterOwnVendorInput) => apiFetch<VendorView>('/api/portal/vendors', { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['my-vendors'] }),
  });
}

export function useRegisterVendor(agency: string) {
  return useMutation({
    mutationFn: (body: RegisterVendorInput) => apiFetch<VendorView>(`${staffBase(agency)}/vendors`, { method: 'POST', body: JSON.stringify(body) }),
  });
}

export function useUpdateVendor(scope: VendorScope, vendorId: string) {
  const refresh = useRefreshVendor(scope, vendorId);
  return useMutation({
    mutationFn: (body: UpdateVendorInput) => apiFetch<VendorView>(vendorBase(scope, vendorId), { method: 'PATCH', body: JSON.stringify(body) }),
    onSuccess: refresh,
  });
}

export function useAddPerson(scope: VendorScope, vendorId: string) {
  const refresh = useRefreshVendor(scope, vendorId);
  return useMutation({
    mutationFn: (body: PersonInput) => apiFetch<VendorView>(`${vendorBase(scope, vendorId)}/persons`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: refresh,
  });
}

export interface DocumentUpload {
  file: File;
  kind: string;
  title?: string | undefined;
  number?: string | undefined;
  issuedOn?: string | undefined;
  replaces?: string | undefined;
}

export function useUploadDocument(scope: VendorScope, vendorId: string) {
  const refresh = useRefreshVendor(scope, vendorId);
  return useMutation({
    mutationFn: ({ file, ...fields }: DocumentUpload) => {
      // The server reads the text fields sent before the file, so they go first.
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
      form.append('file', file);
      return apiFetch<DocumentView>(`${vendorBase(scope, vendorId)}/documents`, { method: 'POST', body: form });
    },
    onSuccess: refresh,
  });
}

export function useVerifyDocument(agency: string, vendorId: string) {
  const refresh = useRefreshVendor({ kind: 'staff', agency }, vendorId);
  return useMutation({
    mutationFn: ({ documentId, ...body }: { documentId: string; originalShown: boolean; note?: string }) =>
      apiFetch<DocumentView>(`${vendorBase({ kind: 'staff', agency }, vendorId)}/documents/${enc(documentId)}/verify`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: refresh,
  });
}

export function useRegisterAccount(scope: VendorScope, vendorId: string) {
  const refresh = useRefreshVendor(scope, vendorId);
  return useMutation({
    mutationFn: ({ agency, ...body }: RegisterAccountInput & { agency: string }) =>
      scope.kind === 'own'
        ? apiFetch<AccountView>(`${vendorBase(scope, vendorId)}/accounts`, { method: 'POST', body: JSON.stringify({ ...body, agency }) })
        : apiFetch<AccountView>(`${vendorBase(scope, vendorId)}/account`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: refresh,
  });
}

export function useStartService(scope: VendorScope, vendorId: string) {
  const refresh = useRefreshVendor(scope, vendorId);
  return useMutation({
    mutationFn: ({ agency, ...body }: StartServiceInput & { agency: string }) =>
      apiFetch<StartServiceResult>(`${vendorBase(scope, vendorId)}/services`, {
        method: 'POST',
        body: JSON.stringify(scope.kind === 'own' ? { ...body, agency, channel: undefined } : body),
      }),
    onSuccess: refresh,
  });
}

export function useWithdrawOwn(vendorId: string) {
  const refresh = useRefreshVendor({ kind: 'own' }, vendorId);
  return useMutation({
    mutationFn: ({ agency, id }: { agency: string; id: string }) =>
      apiFetch(`${vendorBase({ kind: 'own' }, vendorId)}/requests/${enc(id)}/withdraw?agency=${enc(agency)}`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useResendEmailLink(scope: VendorScope, vendorId: string) {
  const refresh = useRefreshVendor(scope, vendorId);
  return useMutation({
    mutationFn: ({ agency, id }: { agency: string; id: string }) =>
      apiFetch<EmailChange>(
        scope.kind === 'own' ? `${vendorBase(scope, vendorId)}/email-changes/${enc(id)}/resend?agency=${enc(agency)}` : `${staffBase(agency)}/email-changes/${enc(id)}/resend`,
        { method: 'POST' },
      ),
    onSuccess: refresh,
  });
}

export function useFilePrepared(agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, channel }: { id: string; channel?: string }) =>
      apiFetch<StartServiceResult>(`${staffBase(agency)}/applications/${enc(id)}/file`, { method: 'POST', body: JSON.stringify(channel ? { channel } : {}) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['vendor-prepared', agency] }),
  });
}

export function useRecordAggregation(agency: string, vendorId: string) {
  const refresh = useRefreshVendor({ kind: 'staff', agency }, vendorId);
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof aggregationResultInput> & { id: string }) =>
      apiFetch<AggregationView>(`${staffBase(agency)}/aggregations/${enc(id)}/result`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: refresh,
  });
}

export function useImportVendors(agency: string) {
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file);
      return apiFetch<ImportReport>(`${staffBase(agency)}/import?dryRun=${dryRun}`, { method: 'POST', body: form });
    },
  });
}

export function useConfirmEmail() {
  return useMutation({
    mutationFn: (token: string) => apiFetch<EmailConfirmed>('/api/public/vendors/email-confirmations', { method: 'POST', body: JSON.stringify({ token }) }),
  });
}
