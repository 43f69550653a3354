import { useMutation, useQuery } from '@tanstack/react-query';
import type { SetupBody, SetupResult } from '../../../../shared/contracts/setup.js';
import { apiFetch } from '../../../lib/api.js';

const post = <T>(path: string, body: unknown) => apiFetch<T>(path, { method: 'POST', body: JSON.stringify(body) });

/** Whether the first-run setup link is open; a dead or foreign link is a 404 the page explains. */
export function useSetupCheck(token: string | null) {
  return useQuery({
    queryKey: ['setup', token],
    queryFn: () => post<{ open: true }>('/api/setup/check', { token }),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
  });
}

export function useCompleteSetup() {
  return useMutation({ mutationFn: (body: SetupBody) => post<SetupResult>('/api/setup', body) });
}
