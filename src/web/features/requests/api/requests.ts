import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionInput,
  IntakeInput,
  IntakeReceipt,
  PublicRequestView,
  RequestView,
} from '../../../../shared/contracts/requests.js';
import { apiFetch } from '../../../lib/api.js';

const enc = encodeURIComponent;
const staffBase = (agency: string) => `/api/requests/agencies/${enc(agency)}`;

export type QueueView = 'mine' | 'role' | 'near_breach' | 'breached' | 'unassigned' | 'all';

export interface QueueItem {
  number: string;
  agency: string;
  title: string;
  service: string;
  step: string;
  role: string | null;
  status: string;
  assigneeId: string | null;
  priority: boolean;
  clockState: 'ok' | 'warning' | 'breached';
  dueAt: string | null;
  receivedAt: string;
  requesterName: string;
  escalated: boolean;
}

export interface MyRequest {
  number: string;
  agency: string;
  title: string;
  service: string;
  status: string;
  step: string;
  receivedAt: string;
  clockState: 'ok' | 'warning' | 'breached';
}

export interface AttachmentView {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  confidential: boolean;
  requirementCode: string | null;
  uploadedAt: string;
}

export interface CannedReply {
  id: string;
  service: string | null;
  title: string;
  body: string;
}

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

export interface TrackBody {
  number: string;
  email?: string;
  phone?: string;
  secret?: string;
}

/** Tracking is a POST: the contact and secret stay out of the address bar and the logs. */
export function useTrackRequest() {
  return useMutation({
    mutationFn: (body: TrackBody) => apiFetch<PublicRequestView>('/api/public/requests/track', { method: 'POST', body: JSON.stringify(body) }),
  });
}

export function requesterAction(number: string, body: ActionInput & { secret: string }) {
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

export function useQueue(agency: string, view: QueueView) {
  return useQuery({
    queryKey: ['requests', agency, 'queue', view],
    queryFn: () => apiFetch<{ items: QueueItem[]; next: string | null }>(`${staffBase(agency)}/queue?view=${view}&limit=100`),
  });
}

export function useStaffRequest(agency: string, number: string) {
  return useQuery({
    queryKey: ['requests', agency, 'request', number],
    queryFn: () => apiFetch<RequestView>(`${staffBase(agency)}/requests/${enc(number)}`),
  });
}

/** Every officer write answers with the new view; it replaces the cached one and the queues refresh. */
export function useStaffWrite(agency: string, number: string) {
  const qc = useQueryClient();
  const url = `${staffBase(agency)}/requests/${enc(number)}`;
  return useMutation({
    mutationFn: ({ path, body }: { path: 'actions' | 'assign' | 'claim' | 'checklist' | 'notes'; body: unknown }) =>
      apiFetch<RequestView>(`${url}/${path}`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (view) => {
      qc.setQueryData(['requests', agency, 'request', number], view);
      void qc.invalidateQueries({ queryKey: ['requests', agency, 'queue'] });
    },
  });
}

export function staffDownloadUrl(agency: string, number: string, id: string) {
  return `${staffBase(agency)}/requests/${enc(number)}/attachments/${enc(id)}`;
}

export function useCannedReplies(agency: string, service: string | undefined) {
  return useQuery({
    queryKey: ['requests', agency, 'canned', service ?? ''],
    queryFn: () => apiFetch<{ items: CannedReply[] }>(`${staffBase(agency)}/canned-replies${service ? `?service=${enc(service)}` : ''}`),
  });
}
