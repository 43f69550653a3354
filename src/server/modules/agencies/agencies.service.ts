import type { AgencySummary } from '../../../shared/contracts/agencies.js';
import { notFound } from '../../lib/app-error.js';
import type { AgenciesRepo } from './agencies.repo.js';

export function createAgenciesService(deps: { repo: Pick<AgenciesRepo, 'listAll' | 'findByCode'> }) {
  return {
    listAgencies(): Promise<AgencySummary[]> {
      return deps.repo.listAll();
    },

    async getAgency({ code }: { code: string }): Promise<AgencySummary> {
      const agency = await deps.repo.findByCode(code);
      if (!agency) throw notFound({ id: `Instansi "${code}" tidak ditemukan`, en: `Agency "${code}" not found` });
      return agency;
    },
  };
}

export type AgenciesService = ReturnType<typeof createAgenciesService>;
