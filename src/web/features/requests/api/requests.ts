import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ActionInput,
  assignInput,
  attachmentView,
  cannedReplyList,
  checklistInput,
  claimInput,
  IntakeInput,
  IntakeReceipt,
  myRequestsPage,
  noteInput,
  PublicRequestView,
  QueueCounts,
  QueueFilters,
  queuePage,
  queueViews,
  requesterActionInput,
  RequestView,
  trackInput,
} from '../../../../shared/contracts/requests.js';
import { apiFetch } from '../../../lib/api.js';

const enc = encodeURIComponent;
const staffBase = (agency: string) => `/api/requests/agencies/${enc(agency)}`;

export type QueueView = (typeof queueViews)[number];
export type QueuePage = z.infer<typeof queuePage>;
export type QueueItem = QueuePage['items'][number];
export type { QueueCounts, QueueFilters };
export type MyRequest = z.infer<typeof myRequestsPage>['items'][number];
export type AttachmentView = z.infer<typeof attachmentView>;
export type TrackBody = z.input<typeof trackInput>;

// ── Filing ──

/** Files a request: on the portal when signed in (linked to the account), else anonymously. */
export function useFileRequest(agency: string, signedIn: boolean) {
  return useMutation({
    mutationFn: (body: IntakeInput) =>
      apiFetch<IntakeReceipt>(signedIn ? `/api/portal/agencies/${enc(agency)}/requests` : `/api/public/agencies/${enc(agency)}/requests`, {
        method: 'POST',
        body: JSON.stringify(body),
      }),
  });
}

/** Staff intake for walk-in, call and letter channels (requests.intake). */
export function useIntake(agency: string) {
  return useMutation({
    mutationFn: (body: IntakeInput) => apiFetch<IntakeReceipt>(`${staffBase(agency)}/intake`, { method: 'POST', body: JSON.stringify(body) }),
  });
}

function uploadForm(file: File, fields: Record<string, string | undefined>): FormData {
  // The server reads the text fields sent before the file, so they go first.
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  form.append('file', file);
  return form;
}

/** Uploads one file as the requester, with the tracking secret. */
export function uploadAsRequester(number: string, secret: string, file: File, requirementCode?: string, confidential = false) {
  return apiFetch<AttachmentView>(`/api/public/requests/${enc(number)}/attachments`, {
    method: 'POST',
    body: uploadForm(file, { secret, requirementCode, confidential: String(confidential) }),
  });
}

/** Uploads one file as an officer. */
export function uploadAsStaff(agency: string, number: string, file: File, requirementCode?: string, confidential = false) {
  return apiFetch<AttachmentView>(`${staffBase(agency)}/requests/${enc(number)}/attachments`, {
    method: 'POST',
    body: uploadForm(file, { requirementCode, confidential: String(confidential) }),
  });
}

// ── Tracking and the requester ──

/** Tracking is a POST: the contact and secret stay out of the address bar and the logs. */
export function useTrackRequest() {
  return useMutation({
    mutationFn: (body: TrackBody) => apiFetch<PublicRequestView>('/api/public/requests/track', { method: 'POST', body: JSON.stringify(body) }),
  });
}

export function requesterAction(number: string, body: z.input<typeof requesterActionInput>) {
  return apiFetch<PublicRequestView>(`/api/public/requests/${enc(number)}/actions`, { method: 'POST', body: JSON.stringify(body) });
}

export function portalAction(number: string, body: ActionInput) {
  return apiFetch<PublicRequestView>(`/api/portal/requests/${enc(number)}/actions`, { method: 'POST', body: JSON.stringify(body) });
}

export function useMyRequests() {
  return useQuery({ queryKey: ['requests', 'mine'], queryFn: () => apiFetch<{ items: MyRequest[] }>('/api/portal/requests') });
}

export function useMyRequest(number: string | undefined) {
  return useQuery({
    queryKey: ['requests', 'mine', number],
    enabled: Boolean(number),
    queryFn: () => apiFetch<PublicRequestView>(`/api/portal/requests/${enc(number ?? '')}`),
  });
}

export function requesterDownloadUrl(number: string, id: string, secret: string) {
  return `/api/public/requests/${enc(number)}/attachments/${enc(id)}?k=${enc(secret)}`;
}

// ── Officers ──

const queueKey = (agency: string) => ['requests', agency, 'queue'] as const;
const requestKey = (agency: string, number: string) => ['requests', agency, 'request', number] as const;

/** The query string of a queue's filters, leaving out those not set. */
function filterParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, String(value));
  return params;
}

export const queuePageSize = 100;

/** One queue under the filters, a page of 100 at a time: `fetchNextPage` follows the API's cursor to the end. */
export function useQueue(agency: string, view: QueueView, filters: QueueFilters = {}) {
  return useInfiniteQuery({
    queryKey: [...queueKey(agency), view, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = filterParams(filters);
      params.set('view', view);
      params.set('limit', String(queuePageSize));
      if (pageParam) params.set('after', pageParam);
      return apiFetch<QueuePage>(`${staffBase(agency)}/queue?${params.toString()}`);
    },
    getNextPageParam: (last) => last.next,
  });
}

/** How many requests each queue holds under the filters: the tabs' counts. */
export function useQueueCounts(agency: string, filters: QueueFilters = {}) {
  return useQuery({
    queryKey: [...queueKey(agency), 'counts', filters],
    queryFn: () => apiFetch<QueueCounts>(`${staffBase(agency)}/queue/counts?${filterParams(filters).toString()}`),
  });
}

/** Takes a request from the queue: the queue carries no version, so the request is read first and taken at the version seen. */
export function useClaimFromQueue(agency: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (number: string) => {
      const url = `${staffBase(agency)}/requests/${enc(number)}`;
      const current = await apiFetch<RequestView>(url);
      const body: z.input<typeof claimInput> = { version: current.version };
      return apiFetch<RequestView>(`${url}/claim`, { method: 'POST', body: JSON.stringify(body) });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: queueKey(agency) }),
  });
}

export function useStaffRequest(agency: string, number: string) {
  return useQuery({
    queryKey: requestKey(agency, number),
    queryFn: () => apiFetch<RequestView>(`${staffBase(agency)}/requests/${enc(number)}`),
  });
}

/** An officer's write on one request: the path and the body the server's contract takes there. */
export type StaffWrite =
  | { path: 'actions'; body: ActionInput }
  | { path: 'assign'; body: z.input<typeof assignInput> }
  | { path: 'claim'; body: z.input<typeof claimInput> }
  | { path: 'checklist'; body: z.input<typeof checklistInput> }
  | { path: 'notes'; body: z.input<typeof noteInput> };

/** Every officer write answers with the new view; it replaces the cached one and the queues refresh. */
export function useStaffWrite(agency: string, number: string) {
  const qc = useQueryClient();
  const url = `${staffBase(agency)}/requests/${enc(number)}`;
  return useMutation({
    mutationFn: ({ path, body }: StaffWrite) => apiFetch<RequestView>(`${url}/${path}`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (view) => {
      qc.setQueryData(requestKey(agency, number), view);
      void qc.invalidateQueries({ queryKey: queueKey(agency) });
    },
  });
}

export function staffDownloadUrl(agency: string, number: string, id: string) {
  return `${staffBase(agency)}/requests/${enc(number)}/attachments/${enc(id)}`;
}

export function useCannedReplies(agency: string, service: string | undefined) {
  return useQuery({
    queryKey: ['requests', agency, 'canned', service ?? ''],
    queryFn: () => apiFetch<z.infer<typeof cannedReplyList>>(`${staffBase(agency)}/canned-replies${service ? `?service=${enc(service)}` : ''}`),
  });
}
