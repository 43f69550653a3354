import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { Localized } from '../../../shared/i18n/languages.js';
import {
  agencyRefsOf,
  agencyStandard,
  serviceStandardSchema,
  type AgencyStandard,
  type ServiceStandard,
} from '../../../shared/standard/schema.js';
import { describeIssue } from '../../../shared/validation.js';

/**
 * Reads service standards from disk: `standards/<agency>/agency.yaml` and
 * `standards/<agency>/services/<service>.yaml`. A folder is an agency iff it holds an
 * agency.yaml. Every problem is reported with its file, line and column, the field path and
 * the rule broken, in both languages, so a transcriber can go straight to the mistake.
 */

export interface StandardProblem {
  file: string;
  /** 1-based; the start of the offending value, or of the nearest enclosing node. */
  line: number;
  column: number;
  /** Dotted path inside the file, e.g. `workflow.steps.2.actions.0.to`; empty for the whole file. */
  field: string;
  /** A key of `ruleMessages`. */
  rule: string;
  message: Localized;
}

export interface LoadedAgency {
  dir: string;
  agency: AgencyStandard;
  services: ServiceStandard[];
}

export interface LoadResult {
  /** Agencies whose files all validated. */
  agencies: LoadedAgency[];
  problems: StandardProblem[];
}

type Issue = z.core.$ZodIssue & Record<string, unknown>;
type PathSegment = PropertyKey;

/** A parsed YAML file that can say where a path points. */
class YamlFile {
  private constructor(
    readonly file: string,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, source: string): { yaml: YamlFile; problems: StandardProblem[] } {
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const yaml = new YamlFile(file, doc, lines);
    const problems = doc.errors.map((err) => {
      const pos = lines.linePos(err.pos[0]);
      return problem(file, pos, '', 'standard.yaml_syntax', { detail: err.message.split('\n')[0] });
    });
    return { yaml, problems };
  }

  get ok(): boolean {
    return this.doc.errors.length === 0;
  }

  toJS(): unknown {
    return this.doc.toJS();
  }

  /**
   * Line and column of the node at `path`. When the path ends in a key that is missing, the
   * position of the deepest existing node: the key holding the object that lacks the field.
   */
  positionOf(path: readonly PathSegment[], unknownKey?: string): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let anchor: YamlNode | null = (this.doc.contents as YamlNode | null) ?? null;
    // The key (or list item) that holds the current node: where a missing field is reported.
    let holder: YamlNode | null = null;
    const segments = unknownKey === undefined ? path : [...path, unknownKey];
    for (const [i, seg] of segments.entries()) {
      const isKeyLookup = unknownKey !== undefined && i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) {
          anchor = holder ?? anchor;
          break;
        }
        const key = pair.key as YamlNode;
        if (isKeyLookup) {
          anchor = key;
          break;
        }
        node = pair.value;
        holder = key;
        anchor = (pair.value as YamlNode | null)?.range ? (pair.value as YamlNode) : key;
      } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
        node = node.items[seg];
        if ((node as YamlNode | null)?.range) {
          anchor = node as YamlNode;
          holder = anchor;
        }
      } else {
        anchor = holder ?? anchor;
        break;
      }
    }
    const offset = anchor?.range?.[0] ?? 0;
    return this.lines.linePos(offset);
  }
}

function localize(rule: string, path: readonly PathSegment[], extra: Record<string, unknown>): {
  rule: string;
  message: Localized;
} {
  const issue = { ...extra, code: 'custom', message: rule, path: [...path], input: undefined } as z.core.$ZodIssue;
  const id = describeIssue(issue, 'id');
  const en = describeIssue(issue, 'en');
  return { rule: id.rule, message: { id: id.message, en: en.message } };
}

function problem(
  file: string,
  pos: { line: number; col: number },
  field: string,
  rule: string,
  extra: Record<string, unknown> = {},
): StandardProblem {
  const described = localize(rule, [], extra);
  return { file, line: pos.line, column: pos.col, field, rule: described.rule, message: described.message };
}

/** Turns zod issues into problems located in the YAML file. */
function problemsFromIssues(yaml: YamlFile, issues: readonly Issue[]): StandardProblem[] {
  const out: StandardProblem[] = [];
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      // One problem per unknown key, located at the key itself: that is the typo to fix.
      for (const key of issue.keys) {
        const pos = yaml.positionOf(path, key);
        const id = describeIssue({ ...issue, keys: [key] }, 'id');
        const en = describeIssue({ ...issue, keys: [key] }, 'en');
        out.push({
          file: yaml.file,
          line: pos.line,
          column: pos.col,
          field: [...path, key].map(String).join('.'),
          rule: id.rule,
          message: { id: id.message, en: en.message },
        });
      }
      continue;
    }
    const pos = yaml.positionOf(path);
    const id = describeIssue(issue, 'id');
    const en = describeIssue(issue, 'en');
    out.push({ file: yaml.file, line: pos.line, column: pos.col, field: id.field, rule: id.rule, message: { id: id.message, en: en.message } });
  }
  return out;
}

async function readYaml(file: string): Promise<{ yaml?: YamlFile; problems: StandardProblem[] }> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { problems: [problem(file, { line: 1, col: 1 }, '', 'standard.file_unreadable', { detail })] };
  }
  return YamlFile.parse(file, source);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Loads one agency folder: agency.yaml and every services/*.yaml. */
export async function loadAgencyFolder(dir: string): Promise<{ loaded?: LoadedAgency; problems: StandardProblem[] }> {
  const problems: StandardProblem[] = [];
  const agencyFile = join(dir, 'agency.yaml');
  const folderName = basename(dir);

  let agency: AgencyStandard | undefined;
  const read = await readYaml(agencyFile);
  problems.push(...read.problems);
  if (read.yaml?.ok) {
    const yaml = read.yaml;
    const result = agencyStandard.safeParse(yaml.toJS(), { reportInput: true });
    if (result.success) {
      agency = result.data;
      if (agency.code !== folderName) {
        problems.push(
          problem(agencyFile, yaml.positionOf(['code']), 'code', 'standard.folder_mismatch', {
            value: agency.code,
            expected: folderName,
          }),
        );
      }
    } else {
      problems.push(...problemsFromIssues(yaml, result.error.issues as Issue[]));
    }
  }

  // Without a valid agency.yaml the services are still checked on their own, so one run
  // reports every mistake; only the references into agency.yaml go unchecked.
  const schema = serviceStandardSchema(agency ? agencyRefsOf(agency) : undefined);
  const servicesDir = join(dir, 'services');
  const files = (await isDirectory(servicesDir))
    ? (await readdir(servicesDir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort()
    : [];

  const byCode = new Map<string, ServiceStandard>();
  for (const name of files) {
    const file = join(servicesDir, name);
    const expected = name.replace(/\.ya?ml$/, '');
    const serviceRead = await readYaml(file);
    problems.push(...serviceRead.problems);
    if (!serviceRead.yaml?.ok) continue;
    const yaml = serviceRead.yaml;
    const result = schema.safeParse(yaml.toJS(), { reportInput: true });
    if (!result.success) {
      problems.push(...problemsFromIssues(yaml, result.error.issues as Issue[]));
      continue;
    }
    const service = result.data;
    if (service.code !== expected) {
      problems.push(
        problem(file, yaml.positionOf(['code']), 'code', 'standard.file_mismatch', { value: service.code, expected }),
      );
      continue;
    }
    if (agency && !agency.services.includes(service.code)) {
      problems.push(problem(file, yaml.positionOf(['code']), 'code', 'standard.service_not_listed'));
    }
    byCode.set(service.code, service);
  }

  if (agency) {
    const listed = agency.services;
    const present = new Set(files.map((f) => f.replace(/\.ya?ml$/, '')));
    const agencyYaml = read.yaml!;
    listed.forEach((c, i) => {
      if (!present.has(c)) {
        problems.push(problem(agencyFile, agencyYaml.positionOf(['services', i]), `services.${i}`, 'standard.service_file_missing', { value: c }));
      }
    });
  }

  if (!agency || problems.length > 0) return { problems };
  const services = agency.services.map((c) => byCode.get(c)).filter((s): s is ServiceStandard => s !== undefined);
  return { loaded: { dir, agency, services }, problems };
}

const skipped = new Set(['node_modules', 'services']);

async function findAgencyFolders(root: string): Promise<string[]> {
  if (await isFile(join(root, 'agency.yaml'))) return [root];
  const found: string[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || skipped.has(entry.name)) continue;
    found.push(...(await findAgencyFolders(join(root, entry.name))));
  }
  return found;
}

/**
 * Loads `root`: one agency folder, or a tree holding several. In a tree, an agency's
 * `parentAgency` must be one of the agencies loaded.
 */
export async function loadStandards(root: string): Promise<LoadResult> {
  if (!(await isDirectory(root))) {
    return { agencies: [], problems: [problem(root, { line: 1, col: 1 }, '', 'standard.file_unreadable', { detail: 'not a directory' })] };
  }
  const folders = await findAgencyFolders(root);
  if (folders.length === 0) {
    return { agencies: [], problems: [problem(root, { line: 1, col: 1 }, '', 'standard.no_agency')] };
  }
  const agencies: LoadedAgency[] = [];
  const problems: StandardProblem[] = [];
  for (const dir of folders) {
    const result = await loadAgencyFolder(dir);
    problems.push(...result.problems);
    if (result.loaded) agencies.push(result.loaded);
  }
  if (folders.length > 1) {
    const codes = new Set(folders.map((f) => basename(f)));
    for (const { dir, agency } of agencies) {
      if (agency.parentAgency !== undefined && !codes.has(agency.parentAgency)) {
        const file = join(dir, 'agency.yaml');
        const read = await readYaml(file);
        const pos = read.yaml?.positionOf(['parentAgency']) ?? { line: 1, col: 1 };
        problems.push(problem(file, pos, 'parentAgency', 'standard.agency_unknown', { value: agency.parentAgency }));
      }
    }
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const failed = new Set(problems.map((p) => p.file));
  return {
    agencies: agencies.filter((a) => ![...failed].some((f) => f.startsWith(a.dir + '/') || f === a.dir)),
    problems,
  };
}

/** One line per problem: `file:line:column field rule — message`. */
export function formatProblem(p: StandardProblem, lang: keyof Localized): string {
  return `${p.file}:${p.line}:${p.column} ${p.field || '(root)'} ${p.rule} — ${p.message[lang]}`;
}
