import { relative } from 'node:path';
import type { Language } from '../../../shared/i18n/languages.js';
import { formatProblem, loadStandards } from './standards.loader.js';

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
