import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ImportInput,
  ImportReport,
  KioskSubmission,
  PublicLatest,
  RequestSurveyState,
  RequestSurveySubmission,
  ResultsQuery,
  ResultsReport,
  submissionReceipt,
} from '../../../../shared/contracts/surveys.js';
import { apiFetch } from '../../../lib/api.js';

const enc = encodeURIComponent;

/** The latest IKM per service of an agency: public aggregates. */
export function usePublicLatest(agencyCode: string) {
  return useQuery({
    queryKey: ['surveys', agencyCode, 'latest'],
    queryFn: () => apiFetch<PublicLatest>(`/api/surveys/agencies/${enc(agencyCode)}/latest`),
  });
}

/** Sends one kiosk response; the public results are refetched afterwards. */
export function useSubmitKiosk(agencyCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: KioskSubmission) =>
      apiFetch<SubmissionReceipt>(`/api/surveys/agencies/${enc(agencyCode)}/kiosk`, {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', agencyCode] }),
  });
}

/** The period and selection of a results report, as the API reads them. */
export type ResultsParams = ResultsQuery;
type SubmissionReceipt = z.infer<typeof submissionReceipt>;

function searchOf(params: ResultsParams, extra: Record<string, string> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...extra })) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

/** Staff: the results of a period (surveys.view). */
export function useSurveyResults(agencyCode: string, params: ResultsParams) {
  return useQuery({
    queryKey: ['surveys', agencyCode, 'results', searchOf(params)],
    queryFn: () => apiFetch<ResultsReport>(`/api/surveys/agencies/${enc(agencyCode)}/results?${searchOf(params)}`),
    retry: false,
  });
}

/** The report PDF of the same selection; a plain link, so the browser downloads it. */
export function surveyReportUrl(agencyCode: string, params: ResultsParams, lang: string): string {
  return `/api/surveys/agencies/${enc(agencyCode)}/report.pdf?${searchOf(params, { lang })}`;
}

/** Staff: import paper surveys (surveys.import); a dry run only checks. */
export function useImportSurveys(agencyCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportInput) =>
      apiFetch<ImportReport>(`/api/surveys/agencies/${enc(agencyCode)}/imports`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (report) => {
      if (report.imported > 0) void client.invalidateQueries({ queryKey: ['surveys', agencyCode] });
    },
  });
}

/** A browser File as base64, as the import API takes it. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Whether the survey of a closed request is open or answered, for the holder of its tracking link. */
export function useRequestSurveyState(number: string, secret: string | null) {
  return useQuery({
    queryKey: ['surveys', 'request', number, secret],
    queryFn: () => apiFetch<RequestSurveyState>(`/api/public/surveys/requests/${enc(number)}?k=${enc(secret ?? '')}`),
    enabled: Boolean(number && secret),
    retry: false,
  });
}

/** Sends the requester's survey of a closed request (once); its state is refetched afterwards. */
export function useSubmitRequestSurvey(number: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestSurveySubmission) =>
      apiFetch<SubmissionReceipt>(`/api/public/surveys/requests/${enc(number)}`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', 'request', number] }),
  });
}
