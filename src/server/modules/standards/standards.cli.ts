import { relative } from 'node:path';
import type { Language } from '../../../shared/i18n/languages.js';
import { AppError } from '../../lib/app-error.js';
import { systemActor } from '../audit/audit.service.js';
import { renderStandardFiles, writeStandardFiles } from './standards.export.js';
import { describeImport, importStandards } from './standards.import.js';
import { formatProblem, loadStandards, type StandardProblem } from './standards.loader.js';
import type { StandardsService } from './standards.service.js';

export interface ValidateStandardsOptions {
  dir: string;
  lang: Language;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Paths are printed relative to this, so editors and CI logs can jump to them. */
  cwd?: string;
}

/**
 * `sigap standards validate [dir]`: checks one agency folder or a whole tree. Prints one
 * line per problem (`file:line:column field rule — message`) and returns the exit code:
 * 0 when everything is valid, 1 otherwise.
 */
export async function validateStandards(options: ValidateStandardsOptions): Promise<number> {
  const { dir, lang, out, err } = options;
  const cwd = options.cwd ?? process.cwd();
  const result = await loadStandards(dir);
  if (result.problems.length > 0) {
    for (const problem of result.problems) {
      const file = relative(cwd, problem.file) || problem.file;
      err(formatProblem({ ...problem, file }, lang));
    }
    const files = new Set(result.problems.map((p) => p.file)).size;
    const count = result.problems.length;
    err(
      lang === 'id'
        ? `${count} masalah di ${files} berkas; standar tidak valid.`
        : `${count} problem${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; the standard is not valid.`,
    );
    return 1;
  }
  const services = result.agencies.reduce((n, a) => n + a.services.length, 0);
  const codes = result.agencies.map((a) => a.agency.code).join(', ');
  out(
    lang === 'id'
      ? `Valid: ${result.agencies.length} instansi (${codes}), ${services} layanan.`
      : `Valid: ${result.agencies.length} agenc${result.agencies.length === 1 ? 'y' : 'ies'} (${codes}), ${services} service${services === 1 ? '' : 's'}.`,
  );
  return 0;
}

/**
 * `sigap standards import [dir]`: validates, then stores a new version of each agency whose
 * standard changed. Any problem refuses the whole import (exit 1).
 */
export async function importStandardsCommand(
  standards: Pick<StandardsService, 'importLoaded'>,
  options: { dir: string; lang: Language; operator: string; out: (line: string) => void; err: (line: string) => void; cwd?: string },
): Promise<number> {
  const result = await importStandards(standards, { root: options.dir, actor: systemActor(`sigap standards import (${options.operator})`) });
  if (!result.ok) {
    printStandardProblems(result.problems, options.lang, options.err, options.cwd);
    const files = new Set(result.problems.map((p) => p.file)).size;
    const count = result.problems.length;
    options.err(
      options.lang === 'id'
        ? `${count} masalah di ${files} berkas; tidak ada yang diimpor.`
        : `${count} problem${count === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing was imported.`,
    );
    return 1;
  }
  for (const agency of result.agencies) options.out(describeImport(agency));
  return 0;
}

/**
 * `sigap standards export <agency> <dir>`: writes the stored version (the latest, or `version`)
 * as `<dir>/agency.yaml` + `<dir>/services/*.yaml`.
 */
export async function exportStandardsCommand(
  standards: Pick<StandardsService, 'getStoredVersion'>,
  options: { agency: string; dir: string; version?: number | undefined; out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  try {
    const stored = await standards.getStoredVersion({ code: options.agency, version: options.version });
    const header = `Exported by Sigap from the stored standard of ${options.agency}, version ${stored.version} (effective ${stored.effectiveFrom}).`;
    const written = await writeStandardFiles(options.dir, renderStandardFiles(stored.agency, stored.services, header));
    options.out(`${options.agency} versi/version ${stored.version}: ${written.length} berkas/files → ${options.dir}`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      options.err(`${error.localized.id} / ${error.localized.en}`);
      return error.status === 404 ? 3 : 1;
    }
    throw error;
  }
}

/** The problems of a standards folder, as `validate` prints them; the start-up refusal uses it. */
export function printStandardProblems(problems: readonly StandardProblem[], lang: Language, err: (line: string) => void, cwd = process.cwd()): void {
  for (const problem of problems) {
    const file = relative(cwd, problem.file) || problem.file;
    err(formatProblem({ ...problem, file }, lang));
  }
}
