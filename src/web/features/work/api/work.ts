import { useQuery } from '@tanstack/react-query';
import type { AgencyWork, StaffWork } from '../../../../shared/contracts/work.js';
import { apiFetch } from '../../../lib/api.js';

export type { AgencyWork, StaffWork };

/** What waits for the signed-in officer in each agency they work in (counted by the server). */
export function useMyWork() {
  return useQuery({ queryKey: ['work'], queryFn: () => apiFetch<StaffWork>('/api/me/work'), refetchInterval: 60_000 });
}
