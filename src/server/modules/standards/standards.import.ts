import type { AuditActor } from '../audit/audit.service.js';
import { loadAgencyFolder, loadStandards, type LoadedAgency, type StandardProblem } from './standards.loader.js';
import type { ImportedAgency, StandardsService } from './standards.service.js';

export type ImportStandardsResult =
  | { ok: true; agencies: ImportedAgency[] }
  /** Nothing was imported: every problem the loader found, with file, line, column and rule. */
  | { ok: false; problems: StandardProblem[] };

/**
 * Loads, validates and imports standards from disk: `root` is a tree of agency folders (as
 * `./standards`), `dir` one agency folder. Any problem anywhere refuses the whole import, so a
 * half-transcribed tree never leaves some agencies new and others old.
 */
export async function importStandards(
  service: Pick<StandardsService, 'importLoaded'>,
  options: ({ root: string } | { dir: string }) & { actor: AuditActor },
): Promise<ImportStandardsResult> {
  let agencies: LoadedAgency[];
  if ('root' in options) {
    const result = await loadStandards(options.root);
    if (result.problems.length > 0) return { ok: false, problems: result.problems };
    agencies = result.agencies;
  } else {
    const result = await loadAgencyFolder(options.dir);
    if (result.problems.length > 0 || !result.loaded) return { ok: false, problems: result.problems };
    agencies = [result.loaded];
  }
  return { ok: true, agencies: await service.importLoaded({ agencies, actor: options.actor }) };
}

/** One line per agency, for the command line and the start-up log. */
export function describeImport(result: ImportedAgency): string {
  const parent = result.parentMissing
    ? ` — induk "${result.parentMissing}" belum ada, tautan eskalasi kosong / parent "${result.parentMissing}" not present, escalation link left empty`
    : '';
  switch (result.status) {
    case 'created':
      return `${result.code}: versi 1 diimpor / version 1 imported${parent}`;
    case 'updated':
      return `${result.code}: versi ${result.version} diimpor (sebelumnya ${result.previousVersion}) / version ${result.version} imported (was ${result.previousVersion})${parent}`;
    case 'unchanged':
      return `${result.code}: tidak berubah, tetap versi ${result.version} / unchanged, still version ${result.version}${parent}`;
  }
}
