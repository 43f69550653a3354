import { createHash } from 'node:crypto';
import type { AgencySummary } from '../../../shared/contracts/agencies.js';
import type {
  AgencyStandardView,
  Catalogue,
  CatalogueQuery,
  ServiceSummary,
  ServiceView,
  StandardVersionInfo,
  StandardVersionList,
} from '../../../shared/contracts/standards.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { administratorRole } from '../../../shared/permissions.js';
import { decreeInstrument, feeAmount, type AgencyStandard, type DecreeInstrument, type ServiceStandard } from '../../../shared/standard/schema.js';
import type { Db, Executor } from '../../db/client.js';
import type { AgencyLevel } from '../../db/tables/index.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { agencyNotFound } from '../agencies/agencies.service.js';
import type { AuditActor, RecordAuditOptions } from '../audit/audit.service.js';
import type { RoleSyncResult } from '../identity/identity.service.js';
import type { LoadedAgency } from './standards.loader.js';
import { renderAnnexPdf, renderMaklumatPdf } from './standards.pdf.js';
import type { ServiceRow, StandardsRepo, VersionRow } from './standards.repo.js';

/**
 * Versioned service standards. An import stores a new version only when the content changed;
 * versions are immutable, so a request can be pinned to the one in force when it was filed.
 */

export interface StandardsServiceDeps {
  db: Db;
  repo: StandardsRepo;
  agencies: {
    listAgencies(): Promise<AgencySummary[]>;
    getAgency(ref: { code: string } | { id: string }): Promise<AgencySummary>;
    saveAgencyFromStandard(options: {
      tx: Executor;
      code: string;
      name: string;
      level: AgencyLevel;
      timeZone: string;
      parentCode?: string | undefined;
    }): Promise<{ id: string; parentMissing: string | null }>;
  };
  roles: {
    syncAgencyRoles(options: {
      tx: Executor;
      agencyId: string;
      roles: readonly { code: string; name: string; permissions: readonly string[] }[];
    }): Promise<RoleSyncResult>;
  };
  audit: { record(options: RecordAuditOptions): Promise<unknown> };
  clock?: () => Date;
}

export interface ImportedAgency {
  code: string;
  status: 'created' | 'updated' | 'unchanged';
  /** The agency's latest version after the import. */
  version: number;
  previousVersion: number | null;
  contentHash: string;
  /** `parentAgency` names an agency not (yet) here: the link stays empty until it is imported. */
  parentMissing: string | null;
  roles: RoleSyncResult | null;
}

export interface PdfFile {
  pdf: Buffer;
  /** For content-disposition: agency, version and what it is, e.g. standar-pelayanan-kalsel-prov-v2.pdf. */
  fileName: string;
}

/** A stored version in full: what requests are pinned to. */
export interface StandardInForce {
  agencyId: string;
  agencyCode: string;
  version: number;
  effectiveFrom: string;
  agency: AgencyStandard;
  services: ServiceStandard[];
}

// ---------------------------------------------------------------------------------------
// Pure helpers

/** JSON with keys sorted at every level, so equal content hashes equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHashOf(agency: AgencyStandard, services: readonly ServiceStandard[]): string {
  return createHash('sha256').update(canonicalJson({ agency, services })).digest('hex');
}

/** The calendar date at `at` in `timeZone`, as YYYY-MM-DD: decrees take effect on local dates. */
export function localDateOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Parents before their children, so a batch links every parent it contains. */
export function orderByParent(loaded: readonly LoadedAgency[]): LoadedAgency[] {
  const byCode = new Map(loaded.map((l) => [l.agency.code, l]));
  const done = new Set<string>();
  const out: LoadedAgency[] = [];
  const visit = (l: LoadedAgency, path: Set<string>) => {
    if (done.has(l.agency.code) || path.has(l.agency.code)) return;
    path.add(l.agency.code);
    const parent = l.agency.parentAgency ? byCode.get(l.agency.parentAgency) : undefined;
    if (parent) visit(parent, path);
    done.add(l.agency.code);
    out.push(l);
  };
  for (const l of loaded) visit(l, new Set());
  return out;
}

export function summarizeService(service: ServiceStandard, position: number): ServiceSummary {
  return {
    position,
    code: service.code,
    name: service.name,
    description: service.description,
    requesterTypes: service.requesterTypes,
    channels: service.channels.map((c) => ({
      code: c.code,
      kind: c.kind,
      label: c.label,
      ...(c.timeLimit ? { timeLimit: c.timeLimit } : {}),
      ...(c.responseLimit ? { responseLimit: c.responseLimit } : {}),
      ...(c.limitNotStated ? { limitNotStated: c.limitNotStated } : {}),
    })),
    feeAmount: feeAmount(service),
    derivedFrom: service.derivedFrom ?? null,
  };
}

const noStandard = (code: string) =>
  notFound({ id: `Instansi "${code}" belum memiliki standar pelayanan`, en: `Agency "${code}" has no service standard yet` });
const versionNotFound = (code: string, version: number) =>
  notFound({ id: `Standar pelayanan "${code}" versi ${version} tidak ada`, en: `Service standard "${code}" has no version ${version}` });
const serviceNotFound = (code: string, service: string, version: number) =>
  notFound({
    id: `Layanan "${service}" tidak ada dalam standar pelayanan "${code}" versi ${version}`,
    en: `Service "${service}" is not in version ${version} of the "${code}" service standard`,
  });

/** The agency's roles: those its standard names, and Sigap's own administrator. */
function rolesOf(agency: LoadedAgency['agency']) {
  return [...agency.roles, administratorRole];
}

/** Versions are immutable: a loaded one can be kept for the life of the process. */
const versionCacheSize = 64;

// ---------------------------------------------------------------------------------------

export function createStandardsService(deps: StandardsServiceDeps) {
  const { repo } = deps;
  const now = deps.clock ?? (() => new Date());
  const cache = new Map<string, StandardInForce>();

  async function importOne(loaded: LoadedAgency, actor: AuditActor): Promise<ImportedAgency> {
    const { agency, services } = loaded;
    const contentHash = contentHashOf(agency, services);
    return deps.db.transaction(async (tx) => {
      const saved = await deps.agencies.saveAgencyFromStandard({
        tx,
        code: agency.code,
        name: agency.name,
        level: agency.level,
        timeZone: agency.timeZone,
        parentCode: agency.parentAgency,
      });
      await repo.lockAgencyImports(saved.id, tx);
      const latest = await repo.findLatestVersion(saved.id, tx);
      const base = { code: agency.code, contentHash, parentMissing: saved.parentMissing };
      if (latest?.contentHash === contentHash) {
        // The standard is unchanged, but the roles Sigap adds may be new to this database (the
        // administrator role came after many agencies were imported): keep them in step.
        const roles = await deps.roles.syncAgencyRoles({ tx, agencyId: saved.id, roles: rolesOf(agency) });
        if (roles.added.length || roles.changed.length || roles.removed.length) {
          await deps.audit.record({
            tx,
            agencyId: saved.id,
            actor,
            action: 'standards.roles_synced',
            target: { type: 'standard_version', id: `${agency.code}@${latest.version}` },
            before: null,
            after: { roles },
          });
        }
        return { ...base, status: 'unchanged', version: latest.version, previousVersion: latest.version, roles: null };
      }
      const version = (latest?.version ?? 0) + 1;
      await repo.insertVersion(
        {
          agencyId: saved.id,
          version,
          // Null: not stated in the source document.
          decreeNumber: agency.decree.number ?? null,
          decreeDate: agency.decree.date ?? null,
          effectiveFrom: agency.decree.effectiveFrom,
          contentHash,
          document: agency,
          importedAt: now(),
          importedBy: actor.type === 'user' ? actor.id : null,
        },
        services.map((s, i) => ({
          agencyId: saved.id,
          version,
          serviceCode: s.code,
          position: i + 1,
          name: s.name,
          requesterTypes: [...s.requesterTypes],
          channels: [...new Set(s.channels.map((c) => c.kind))],
          definition: s,
        })),
        tx,
      );
      const roles = await deps.roles.syncAgencyRoles({ tx, agencyId: saved.id, roles: rolesOf(agency) });
      await deps.audit.record({
        tx,
        agencyId: saved.id,
        actor,
        action: 'standards.imported',
        target: { type: 'standard_version', id: `${agency.code}@${version}` },
        before: latest ? { version: latest.version, contentHash: latest.contentHash, decree: latest.decreeNumber } : null,
        after: {
          version,
          contentHash,
          decree: agency.decree.number ?? null,
          effectiveFrom: agency.decree.effectiveFrom,
          services: services.map((s) => s.code),
          roles,
          parentMissing: saved.parentMissing,
        },
      });
      return { ...base, status: latest ? 'updated' : 'created', version, previousVersion: latest?.version ?? null, roles };
    });
  }

  const agencyByCode = (code: string): Promise<AgencySummary> => deps.agencies.getAgency({ code });

  async function loadVersion(agency: AgencySummary, version: number): Promise<{ row: VersionRow; services: ServiceRow[] }> {
    const row = await repo.findVersion(agency.id, version);
    if (!row) throw versionNotFound(agency.code, version);
    return { row, services: await repo.listServices(agency.id, version) };
  }

  /** Which version is in force today, and which is the agency's current one to show. */
  async function versionState(agency: AgencySummary) {
    const today = localDateOf(now(), agency.timeZone);
    const inForce = await repo.findVersionNumberInForce(agency.id, today);
    return { today, inForce };
  }

  function versionInfo(
    row: Pick<VersionRow, 'version' | 'decreeNumber' | 'decreeDate' | 'effectiveFrom' | 'importedAt'>,
    state: { today: string; inForce: number | undefined },
    serviceCount: number,
    instrument: DecreeInstrument,
  ): StandardVersionInfo {
    return {
      version: row.version,
      decreeInstrument: instrument,
      decreeNumber: row.decreeNumber,
      decreeDate: row.decreeDate,
      effectiveFrom: row.effectiveFrom,
      importedAt: row.importedAt.toISOString(),
      inForce: row.version === state.inForce,
      upcoming: row.effectiveFrom > state.today,
      serviceCount,
    };
  }

  const agencyPart = (a: AgencySummary) => ({ code: a.code, name: a.name, level: a.level, timeZone: a.timeZone, parentCode: a.parentCode });

  /**
   * The version a public page shows: the one in force today; before any decree takes effect,
   * the first upcoming one (marked as not in force), so a new agency's page is not empty.
   */
  async function currentVersionNumber(agency: AgencySummary): Promise<{ version: number; state: { today: string; inForce: number | undefined } }> {
    const state = await versionState(agency);
    const version = state.inForce ?? (await repo.findFirstUpcomingVersionNumber(agency.id, state.today));
    if (version === undefined) throw noStandard(agency.code);
    return { version, state };
  }

  async function standardView(agency: AgencySummary, version: number, state: { today: string; inForce: number | undefined }): Promise<AgencyStandardView> {
    const { row, services } = await loadVersion(agency, version);
    return {
      agency: agencyPart(agency),
      version: versionInfo(row, state, services.length, decreeInstrument(row.document.decree)),
      standard: row.document,
      services: services.map((s) => summarizeService(s.definition, s.position)),
    };
  }

  /**
   * The standard a request filed at `at` is judged by: the highest version whose decree is
   * effective on that date in the agency's time zone.
   */
  async function getStandardInForce(options: ({ agencyId: string } | { agencyCode: string }) & { at: Date }): Promise<StandardInForce> {
    const agency = await deps.agencies.getAgency('agencyId' in options ? { id: options.agencyId } : { code: options.agencyCode });
    const date = localDateOf(options.at, agency.timeZone);
    const version = await repo.findVersionNumberInForce(agency.id, date);
    if (version === undefined) {
      throw notFound({
        id: `Tidak ada standar pelayanan "${agency.code}" yang berlaku pada ${date}`,
        en: `No service standard of "${agency.code}" is in force on ${date}`,
      });
    }
    const key = `${agency.id}:${version}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const { row, services } = await loadVersion(agency, version);
    const loaded: StandardInForce = {
      agencyId: agency.id,
      agencyCode: agency.code,
      version,
      effectiveFrom: row.effectiveFrom,
      agency: row.document,
      services: services.map((s) => s.definition),
    };
    if (cache.size >= versionCacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, loaded);
    return loaded;
  }

  /** The standard in force now, or undefined when the agency has none in force. */
  async function inForceNow(agencyId: string): Promise<StandardInForce | undefined> {
    try {
      return await getStandardInForce({ agencyId, at: now() });
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The version public documents show: the given one, or the current one. */
  async function publishedVersion({ code, version }: { code: string; version?: number | undefined }) {
    const agency = await agencyByCode(code);
    const number = version ?? (await currentVersionNumber(agency)).version;
    const { row, services } = await loadVersion(agency, number);
    return { agency: row.document, services: services.map((s) => s.definition), version: number };
  }

  return {
    /**
     * Stores each agency's standard: a new version when its content changed since the latest
     * version, nothing when not. One transaction per agency, parents first; the agency row and its
     * roles follow the standard, and every new version is an audited change. The caller has
     * validated `agencies` (the loader refuses any problem).
     */
    async importLoaded({ agencies, actor }: { agencies: readonly LoadedAgency[]; actor: AuditActor }): Promise<ImportedAgency[]> {
      const results: ImportedAgency[] = [];
      for (const loaded of orderByParent(agencies)) results.push(await importOne(loaded, actor));
      return results;
    },

    getStandardInForce,

    /** Weekly hours of the standard in force now: the calendar's default for the agency. */
    async getServiceHours(agencyId: string) {
      const standard = await inForceNow(agencyId);
      if (!standard) return undefined;
      return {
        weeklyHours: standard.agency.serviceHours,
        profiles: standard.agency.serviceHourProfiles.map((p) => ({ name: p.name, from: p.from, to: p.to, weeklyHours: p.hours })),
      };
    },

    /**
     * The `securityPolicy` of each agency's standard in force now (undefined where the agency has
     * no standard in force or its standard states none): the identity service holds passwords and
     * TOTP to it. A re-imported version with a new policy applies from its effective date.
     */
    async getSecurityPolicies(agencyIds: readonly string[]) {
      return Promise.all(
        agencyIds.map(async (agencyId) => {
          const agency = await deps.agencies.getAgency({ id: agencyId });
          return { agencyCode: agency.code, policy: (await inForceNow(agencyId))?.agency.securityPolicy };
        }),
      );
    },

    async getCurrentStandard({ code }: { code: string }): Promise<AgencyStandardView> {
      const agency = await agencyByCode(code);
      const { version, state } = await currentVersionNumber(agency);
      return standardView(agency, version, state);
    },

    async getStandardVersion({ code, version }: { code: string; version: number }): Promise<AgencyStandardView> {
      const agency = await agencyByCode(code);
      return standardView(agency, version, await versionState(agency));
    },

    async listVersions({ code }: { code: string }): Promise<StandardVersionList> {
      const agency = await agencyByCode(code);
      const state = await versionState(agency);
      const rows = await repo.listVersions(agency.id);
      return { agency: agencyPart(agency), items: rows.map((r) => versionInfo(r, state, r.serviceCount, r.decreeInstrument ?? 'keputusan')) };
    },

    async getService({ code, service, version }: { code: string; service: string; version?: number | undefined }): Promise<ServiceView> {
      const agency = await agencyByCode(code);
      const current = version === undefined ? await currentVersionNumber(agency) : { version, state: await versionState(agency) };
      const row = await repo.findVersion(agency.id, current.version);
      if (!row) throw versionNotFound(agency.code, current.version);
      const serviceRow = await repo.findService(agency.id, current.version, service);
      if (!serviceRow) throw serviceNotFound(agency.code, service, current.version);
      const services = await repo.listServices(agency.id, current.version);
      return {
        agency: agencyPart(agency),
        version: versionInfo(row, current.state, services.length, decreeInstrument(row.document.decree)),
        service: serviceRow.definition,
        position: serviceRow.position,
        complaints: row.document.complaints,
        serviceHours: row.document.serviceHours,
        roles: row.document.roles.map((r) => ({ code: r.code, name: r.name })),
      };
    },

    /** The catalogue: services of every agency's current version that match all filters. */
    async searchCatalogue(query: CatalogueQuery): Promise<Catalogue> {
      const all = await deps.agencies.listAgencies();
      const agencies = query.agency ? all.filter((a) => a.code === query.agency) : all;
      if (query.agency && agencies.length === 0) throw agencyNotFound({ code: query.agency });
      const at = now();
      const versions = await repo.findVersionsInForce(agencies.map((a) => ({ agencyId: a.id, localDate: localDateOf(at, a.timeZone) })));
      const rows = await repo.searchServices({ versions, requesterType: query.requesterType, channel: query.channel, q: query.q || undefined });
      const byId = new Map(agencies.map((a) => [a.id, a]));
      const items = rows.map((r) => {
        const a = byId.get(r.agencyId)!;
        return { ...summarizeService(r.definition, r.position), agency: { code: a.code, name: a.name, level: a.level }, version: r.version };
      });
      // Agencies by name (as the landing page lists them), services in their standard's order.
      items.sort((x, y) => x.agency.name.localeCompare(y.agency.name, 'id') || x.position - y.position);
      return { items };
    },

    /** A stored version in full, for the export and the PDFs; the latest when `version` is absent. */
    async getStoredVersion({ code, version }: { code: string; version?: number | undefined }) {
      const agency = await agencyByCode(code);
      const number = version ?? (await repo.findLatestVersion(agency.id))?.version;
      if (number === undefined) throw noStandard(agency.code);
      const { row, services } = await loadVersion(agency, number);
      return { agency: row.document, services: services.map((s) => s.definition), version: number, effectiveFrom: row.effectiveFrom };
    },

    /** The annex of the decree as a PDF: the current version, or `version`. */
    async getAnnexPdf(options: { code: string; version?: number | undefined; lang: Language }): Promise<PdfFile> {
      const published = await publishedVersion(options);
      const pdf = await renderAnnexPdf({ agency: published.agency, services: published.services, version: published.version, lang: options.lang });
      const name = options.lang === 'en' ? 'service-standard' : 'standar-pelayanan';
      return { pdf, fileName: `${name}-${options.code}-v${published.version}.pdf` };
    },

    /** The maklumat (service charter), ready to print and sign. */
    async getMaklumatPdf(options: { code: string; version?: number | undefined; lang: Language }): Promise<PdfFile> {
      const published = await publishedVersion(options);
      const pdf = await renderMaklumatPdf({ agency: published.agency, version: published.version, lang: options.lang });
      const name = options.lang === 'en' ? 'service-charter' : 'maklumat-pelayanan';
      return { pdf, fileName: `${name}-${options.code}-v${published.version}.pdf` };
    },
  };
}

export type StandardsService = ReturnType<typeof createStandardsService>;
