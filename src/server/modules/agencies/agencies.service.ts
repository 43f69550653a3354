import type { AgencySummary } from '../../../shared/contracts/agencies.js';
import type { Executor } from '../../db/client.js';
import type { AgencyLevel } from '../../db/tables/index.js';
import { notFound } from '../../lib/app-error.js';
import type { AgenciesRepo } from './agencies.repo.js';

export function createAgenciesService(deps: { repo: Pick<AgenciesRepo, 'listAll' | 'findByCode' | 'findById' | 'upsert'> }) {
  return {
    listAgencies(): Promise<AgencySummary[]> {
      return deps.repo.listAll();
    },

    async getAgency({ code }: { code: string }): Promise<AgencySummary> {
      const agency = await deps.repo.findByCode(code);
      if (!agency) throw notFound({ id: `Instansi "${code}" tidak ditemukan`, en: `Agency "${code}" not found` });
      return agency;
    },

    findAgencyById({ id }: { id: string }): Promise<AgencySummary | undefined> {
      return deps.repo.findById(id);
    },

    /**
     * Creates or updates an agency from its service standard (agency.yaml), in the caller's
     * transaction. The parent is linked when it exists here; otherwise it stays null and
     * `parentMissing` says so, and a later import links it once the parent is there.
     */
    async saveAgencyFromStandard(options: {
      tx: Executor;
      code: string;
      name: string;
      level: AgencyLevel;
      timeZone: string;
      parentCode?: string | undefined;
    }): Promise<{ id: string; parentMissing: string | null }> {
      const { tx, parentCode } = options;
      const parent = parentCode ? await deps.repo.findByCode(parentCode, tx) : undefined;
      const id = await deps.repo.upsert(
        { code: options.code, name: options.name, level: options.level, timeZone: options.timeZone, parentId: parent?.id ?? null },
        tx,
      );
      return { id, parentMissing: parentCode && !parent ? parentCode : null };
    },
  };
}

export type AgenciesService = ReturnType<typeof createAgenciesService>;
