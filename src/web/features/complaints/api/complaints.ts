import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ComplaintDetail,
  ComplaintForm,
  ComplaintList,
  ComplaintStatistics,
  FileComplaintInput,
  FiledComplaint,
  TrackingView,
} from '../../../../shared/contracts/complaints.js';
import { apiFetch } from '../../../lib/api.js';

const enc = encodeURIComponent;
const base = (agency: string) => `/api/complaints/agencies/${enc(agency)}`;

/** The agency's complaint form, read from its service standard. */
export function useComplaintForm(agency: string) {
  return useQuery({ queryKey: ['complaints', agency, 'form'], queryFn: () => apiFetch<ComplaintForm>(`${base(agency)}/form`) });
}

export function useFileComplaint(agency: string) {
  return useMutation({
    mutationFn: (body: Partial<FileComplaintInput>) => apiFetch<FiledComplaint>(base(agency), { method: 'POST', body: JSON.stringify(body) }),
  });
}

/** Tracking is a POST: the code stays out of the address bar, the history and the logs. */
export function useTrackComplaint(agency: string) {
  return useMutation({
    mutationFn: (body: { number: string; secret?: string; email?: string }) => apiFetch<TrackingView>(`${base(agency)}/track`, { method: 'POST', body: JSON.stringify(body) }),
  });
}

export function useComplainantStep(agency: string) {
  return useMutation({
    mutationFn: ({ step, body }: { step: 'complete' | 'confirm' | 'reopen'; body: Record<string, string> }) =>
      apiFetch<TrackingView>(`${base(agency)}/track/${step}`, { method: 'POST', body: JSON.stringify(body) }),
  });
}

export function useComplaintStatistics(agency: string, year: number) {
  return useQuery({
    queryKey: ['complaints', agency, 'statistics', year],
    queryFn: () => apiFetch<ComplaintStatistics>(`${base(agency)}/statistics?year=${year}`),
  });
}

export interface ListParams {
  status?: string | undefined;
  q?: string | undefined;
  page: number;
}

export function useComplaintList(agency: string, params: ListParams) {
  const search = new URLSearchParams({ page: String(params.page) });
  if (params.status) search.set('status', params.status);
  if (params.q) search.set('q', params.q);
  return useQuery({
    queryKey: ['complaints', agency, 'list', search.toString()],
    queryFn: () => apiFetch<ComplaintList>(`${base(agency)}/complaints?${search}`),
    retry: false,
  });
}

export function useComplaintDetail(agency: string, number: string) {
  return useQuery({
    queryKey: ['complaints', agency, 'detail', number],
    queryFn: () => apiFetch<ComplaintDetail>(`${base(agency)}/complaints/${enc(number)}`),
    retry: false,
  });
}

export function useAssignees(agency: string, enabled: boolean) {
  return useQuery({
    queryKey: ['complaints', agency, 'assignees'],
    queryFn: () => apiFetch<{ items: { id: string; name: string }[] }>(`${base(agency)}/assignees`),
    enabled,
  });
}

export type StaffStep = 'verify' | 'completion' | 'classify' | 'assign' | 'follow-up' | 'answer' | 'close';

/** One officer's step; the answer is the complaint as it is now. */
export function useComplaintStep(agency: string, number: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: { step: StaffStep; body: object }) =>
      apiFetch<ComplaintDetail>(`${base(agency)}/complaints/${enc(number)}/${step}`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (detail) => {
      client.setQueryData(['complaints', agency, 'detail', number], detail);
      void client.invalidateQueries({ queryKey: ['complaints', agency, 'list'] });
    },
  });
}

export function exportUrl(agency: string, from?: string, to?: string): string {
  const search = new URLSearchParams();
  if (from) search.set('from', from);
  if (to) search.set('to', to);
  return `${base(agency)}/export.csv${search.size ? `?${search}` : ''}`;
}
