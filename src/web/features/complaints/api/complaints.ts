import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  answerInput,
  assigneeList,
  assignInput,
  classifyInput,
  closeInput,
  complainantCloseInput,
  complainantCompletionInput,
  complainantReopenInput,
  ComplainantAction,
  completionInput,
  ComplaintDetail,
  ComplaintForm,
  ComplaintList,
  ComplaintStatistics,
  fileComplaintInput,
  FiledComplaint,
  followUpInput,
  ListQuery,
  trackingCredentials,
  TrackingView,
  verifyInput,
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
    mutationFn: (body: z.input<typeof fileComplaintInput>) => apiFetch<FiledComplaint>(base(agency), { method: 'POST', body: JSON.stringify(body) }),
  });
}

/** Tracking is a POST: the code stays out of the address bar, the history and the logs. */
export function useTrackComplaint(agency: string) {
  return useMutation({
    mutationFn: (body: z.input<typeof trackingCredentials>) => apiFetch<TrackingView>(`${base(agency)}/track`, { method: 'POST', body: JSON.stringify(body) }),
  });
}

/** What each of the complainant's own steps sends (each opened by the tracking secret). */
interface ComplainantBodies {
  complete: z.input<typeof complainantCompletionInput>;
  confirm: z.input<typeof complainantCloseInput>;
  reopen: z.input<typeof complainantReopenInput>;
}
/** One of the complainant's steps on the tracking page, as the shared contract lists them. */
export type ComplainantStep = { [S in ComplainantAction]: { step: S; body: ComplainantBodies[S] } }[ComplainantAction];

export function useComplainantStep(agency: string) {
  return useMutation({
    mutationFn: ({ step, body }: ComplainantStep) =>
      apiFetch<TrackingView>(`${base(agency)}/track/${step}`, { method: 'POST', body: JSON.stringify(body) }),
  });
}

export function useComplaintStatistics(agency: string, year: number) {
  return useQuery({
    queryKey: ['complaints', agency, 'statistics', year],
    queryFn: () => apiFetch<ComplaintStatistics>(`${base(agency)}/statistics?year=${year}`),
  });
}

/** The staff list's filters; the status comes from the address as typed (the server refuses an unknown one). */
export type ListParams = Pick<ListQuery, 'page' | 'q'> & { status?: string | undefined };

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

/** Complaints filed about one request (complaints.view); the list never carries who filed them. */
export function useComplaintsAboutRequest(agency: string, requestNumber: string) {
  return useQuery({
    queryKey: ['complaints', agency, 'by-request', requestNumber],
    queryFn: () => apiFetch<ComplaintList>(`${base(agency)}/by-request/${enc(requestNumber)}`),
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
    queryFn: () => apiFetch<z.infer<typeof assigneeList>>(`${base(agency)}/assignees`),
    enabled,
  });
}

/** One officer's step: the path of its route and the body its contract takes. */
export type StaffStep =
  | { step: 'verify'; body: z.input<typeof verifyInput> }
  | { step: 'completion'; body: z.input<typeof completionInput> }
  | { step: 'classify'; body: z.input<typeof classifyInput> }
  | { step: 'assign'; body: z.input<typeof assignInput> }
  | { step: 'follow-up'; body: z.input<typeof followUpInput> }
  | { step: 'answer'; body: z.input<typeof answerInput> }
  | { step: 'close'; body: z.input<typeof closeInput> };

/** One officer's step; the answer is the complaint as it is now. */
export function useComplaintStep(agency: string, number: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, body }: StaffStep) =>
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
