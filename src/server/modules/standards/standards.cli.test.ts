import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validAgency, validService } from '../../../shared/standard/fixtures.test-helpers.js';
import { validateStandards } from './standards.cli.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sigap-validate-'));
  await mkdir(join(root, 'contoh-kab/services'), { recursive: true });
  await writeFile(join(root, 'contoh-kab/agency.yaml'), stringify(validAgency()));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function run(lang: 'id' | 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateStandards({ dir: root, lang, out: (l) => out.push(l), err: (l) => err.push(l), cwd: root });
  return { code, out, err };
}

describe('validateStandards', () => {
  it('exits 0 and says what it checked when every file is valid', async () => {
    await writeFile(join(root, 'contoh-kab/services/aktivasi.yaml'), stringify(validService()));
    expect(await run('en')).toEqual({ code: 0, out: ['Valid: 1 agency (contoh-kab), 1 service.'], err: [] });
  });

  it('exits 1 naming file:line:column, field and rule of each problem', async () => {
    const text = stringify(validService()).replace('unit: minutes', 'unit: menit');
    await writeFile(join(root, 'contoh-kab/services/aktivasi.yaml'), text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('unit: menit')) + 1;
    const column = lines[line - 1]!.indexOf('menit') + 1;
    const { code, out, err } = await run('id');
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `contoh-kab/services/aktivasi.yaml:${line}:${column} channels.0.timeLimit.unit invalid_value — harus salah satu dari: minutes, hours, working_days, calendar_days`,
      '1 masalah di 1 berkas; standar tidak valid.',
    ]);
  });
});
