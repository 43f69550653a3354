import { useQuery } from '@tanstack/react-query';
import type { AgencyList } from '../../../../shared/contracts/agencies.js';
import { apiFetch } from '../../../lib/api.js';

export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: () => apiFetch<AgencyList>('/api/agencies'),
    select: (data) => data.items,
  });
}
