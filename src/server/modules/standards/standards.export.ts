import { isDeepStrictEqual } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { z } from 'zod';
import {
  agencyRefsOf,
  agencyStandard,
  serviceStandardSchema,
  type AgencyStandard,
  type ServiceStandard,
} from '../../../shared/standard/schema.js';

/**
 * Writes a stored standard back as `agency.yaml` + `services/<code>.yaml`. Loading what it writes
 * gives back the stored objects exactly: the files are the data, only formatting and comments
 * are lost. Fields equal to their schema default are left out, as a transcriber would.
 */

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  defaultValue?: unknown;
  valueType?: Schema;
}
type Schema = { _zod: { def: Def } };

function defOf(schema: unknown): Def {
  return (schema as Schema)._zod.def;
}

/** Drops, at every level, object fields whose value equals the field's `.default(…)`. */
export function omitDefaults(schema: unknown, value: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
    case 'optional':
    case 'nullable':
    case 'readonly':
      return omitDefaults(def.innerType, value);
    case 'array':
      return Array.isArray(value) ? value.map((v) => omitDefaults(def.element, v)) : value;
    case 'record':
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, omitDefaults(def.valueType, v)]));
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      // The schema's field order, which is also the order the README documents.
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        if (!(key in value)) continue;
        const v = (value as Record<string, unknown>)[key];
        const fieldDef = defOf(field);
        if (fieldDef.type === 'default' && isDeepStrictEqual(v, fieldDef.defaultValue)) continue;
        out[key] = omitDefaults(field, v);
      }
      return out;
    }
    default:
      // Unions (component text, time limits) hold no defaults; scalars are as they are.
      return value;
  }
}

export function toYaml(value: unknown): string {
  // No line folding: texts stay as the agency wrote them, one paragraph per line.
  return stringify(value, { lineWidth: 0, minContentWidth: 0 });
}

export interface ExportedFiles {
  /** Relative path → content. */
  files: Map<string, string>;
}

/**
 * The files of one standard. Throws if re-reading them would not give the same objects, so a
 * schema change that breaks the round trip fails loudly instead of writing lossy files.
 */
export function renderStandardFiles(agency: AgencyStandard, services: readonly ServiceStandard[], header?: string): ExportedFiles {
  const files = new Map<string, string>();
  const prefix = header ? header.split('\n').map((l) => `# ${l}`.trimEnd()).join('\n') + '\n' : '';
  const agencyOut = omitDefaults(agencyStandard, agency);
  files.set('agency.yaml', prefix + toYaml(agencyOut));
  check(agencyStandard, agencyOut, agency, 'agency.yaml');
  const serviceSchema = serviceStandardSchema(agencyRefsOf(agency));
  for (const service of services) {
    const out = omitDefaults(serviceSchema, service);
    files.set(`services/${service.code}.yaml`, toYaml(out));
    check(serviceSchema, out, service, `services/${service.code}.yaml`);
  }
  return { files };
}

function check(schema: z.ZodType, written: unknown, original: unknown, file: string): void {
  const reparsed = schema.parse(JSON.parse(JSON.stringify(written)));
  if (!isDeepStrictEqual(reparsed, JSON.parse(JSON.stringify(original)))) {
    throw new Error(`export of ${file} would not read back as the stored standard`);
  }
}

/** Writes the files under `dir` (created if missing); returns the paths written. */
export async function writeStandardFiles(dir: string, exported: ExportedFiles): Promise<string[]> {
  await mkdir(join(dir, 'services'), { recursive: true });
  const written: string[] = [];
  for (const [name, content] of exported.files) {
    const path = join(dir, name);
    await writeFile(path, content, 'utf8');
    written.push(path);
  }
  return written;
}
