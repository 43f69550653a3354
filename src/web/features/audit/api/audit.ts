import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditPage, auditQuery } from '../../../../shared/contracts/identity.js';
import { apiFetch } from '../../../lib/api.js';

export type AuditPage = z.infer<typeof auditPage>;
export type AuditEvent = AuditPage['items'][number];

/** The viewer's filters as the API takes them (instants in ISO; empty strings are left out). */
export type AuditFilters = Pick<z.input<typeof auditQuery>, 'action' | 'actorId' | 'from' | 'to'>;

export function auditSearch(filters: AuditFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value !== undefined && value !== '') params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** One page of the agency's audit trail, newest first; `beforeSeq` is the cursor of the page. */
export function useAuditPage(agency: string, filters: AuditFilters, beforeSeq: number | undefined, limit = 50) {
  return useQuery({
    queryKey: ['audit', agency, filters, beforeSeq ?? null, limit],
    queryFn: () => apiFetch<AuditPage>(`/api/agencies/${encodeURIComponent(agency)}/audit${auditSearch(filters, { beforeSeq, limit })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function auditCsvUrl(agency: string, filters: AuditFilters): string {
  return `/api/agencies/${encodeURIComponent(agency)}/audit.csv${auditSearch(filters)}`;
}
