import { agencyCode, type AgencySummary } from '../../../shared/contracts/agencies.js';
import type { Executor } from '../../db/client.js';
import type { AgencyLevel } from '../../db/tables/index.js';
import { ruleMessages } from '../../../shared/i18n/rules.js';
import { AppError } from '../../lib/app-error.js';
import type { AgenciesRepo } from './agencies.repo.js';

/** How another module names an agency: by the code in a URL or a command, or by a row's agency id. */
export type AgencyRef = { code: string } | { id: string };

/** An agency as every module sees it; `parentId` is what escalation and role reach follow. */
export type Agency = AgencySummary & { parentId: string | null };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 404 with the field and the rule, in both languages; the one "agency not found" of Sigap. */
export function agencyNotFound(ref: AgencyRef): AppError {
  const [field, raw] = 'code' in ref ? ['agency', ref.code] : ['agencyId', ref.id];
  const value = raw.length > 64 ? `${raw.slice(0, 64)}…` : raw;
  return new AppError('not_found', { id: `Instansi "${value}" tidak ditemukan`, en: `Agency "${value}" not found` }, [
    { field, rule: 'agency.not_found', message: ruleMessages['agency.not_found'].id },
  ]);
}

/**
 * The agencies served by this deployment. Every module that needs an agency asks here
 * (`getAgency` when a missing agency is the caller's mistake, `findByCode`/`findById` when the
 * caller decides), so "look it up or 404" exists once.
 */
export function createAgenciesService(deps: { repo: Pick<AgenciesRepo, 'listAll' | 'findByCode' | 'findById' | 'upsert'> }) {
  // A code or id that cannot be one (from a URL: `%00`, 5,000 characters) names no agency: it is
  // not found, and never reaches the database, which would refuse it as bad data.
  const find = async (ref: AgencyRef, tx?: Executor): Promise<Agency | undefined> => {
    if ('code' in ref) return agencyCode.safeParse(ref.code).success ? deps.repo.findByCode(ref.code, tx) : undefined;
    return uuid.test(ref.id) ? deps.repo.findById(ref.id, tx) : undefined;
  };

  return {
    listAgencies(): Promise<AgencySummary[]> {
      return deps.repo.listAll();
    },

    async getAgency(ref: AgencyRef): Promise<Agency> {
      const agency = await find(ref);
      if (!agency) throw agencyNotFound(ref);
      return agency;
    },

    findByCode(code: string): Promise<Agency | undefined> {
      return find({ code });
    },

    findById(id: string): Promise<Agency | undefined> {
      return find({ id });
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
