import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AgencyStandardView,
  Catalogue,
  CatalogueQuery,
  ServiceView,
  StandardVersionList,
} from '../../../../shared/contracts/standards.js';
import { apiFetch } from '../../../lib/api.js';

const enc = encodeURIComponent;

/** The agency's standard in force today (agency part + service summaries). */
export function useAgencyStandard(code: string) {
  return useQuery({
    queryKey: ['standards', code, 'current'],
    queryFn: () => apiFetch<AgencyStandardView>(`/api/agencies/${enc(code)}/standard`),
  });
}

export function useStandardVersions(code: string) {
  return useQuery({
    queryKey: ['standards', code, 'versions'],
    queryFn: () => apiFetch<StandardVersionList>(`/api/agencies/${enc(code)}/standard/versions`),
  });
}

/** One service in full; `version` pins it to a stored version, else the current one. */
export function useService(code: string, service: string, version?: number) {
  return useQuery({
    queryKey: ['standards', code, 'services', service, version ?? 'current'],
    queryFn: () =>
      apiFetch<ServiceView>(`/api/agencies/${enc(code)}/services/${enc(service)}${version ? `?version=${version}` : ''}`),
  });
}

export function useCatalogue(query: CatalogueQuery) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const search = params.toString();
  return useQuery({
    queryKey: ['catalogue', search],
    queryFn: () => apiFetch<Catalogue>(`/api/services${search ? `?${search}` : ''}`),
    select: (data) => data.items,
    // Keep the list on screen while a new filter loads, instead of flashing a loader.
    placeholderData: keepPreviousData,
  });
}

/** Where the PDFs are; plain links, so the browser downloads them. */
export const pdfLinks = {
  annex: (code: string, lang: string, version?: number) =>
    `/api/agencies/${enc(code)}/standard/annex.pdf?lang=${lang}${version ? `&version=${version}` : ''}`,
  maklumat: (code: string, lang: string, version?: number) =>
    `/api/agencies/${enc(code)}/maklumat.pdf?lang=${lang}${version ? `&version=${version}` : ''}`,
};
