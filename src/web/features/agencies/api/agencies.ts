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

/**
 * Each agency's time zone (WIB/WITA/WIT): due times are read on the agency's own clock. Western
 * Indonesian time until the list has loaded.
 */
export function useAgencyZones(): (agency: string) => string {
  const agencies = useAgencies();
  return (agency) => agencies.data?.find((a) => a.code === agency)?.timeZone ?? 'Asia/Jakarta';
}
