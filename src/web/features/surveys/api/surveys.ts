import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KioskSubmission, PublicLatest } from '../../../../shared/contracts/surveys.js';
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
      apiFetch<{ id: string; submittedAt: string }>(`/api/surveys/agencies/${enc(agencyCode)}/kiosk`, {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['surveys', agencyCode] }),
  });
}
