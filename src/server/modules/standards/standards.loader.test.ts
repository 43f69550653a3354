import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validAgency, validService } from '../../../shared/standard/fixtures.test-helpers.js';
import { formatProblem, loadStandards, type StandardProblem } from './standards.loader.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sigap-standards-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(path: string, content: string): Promise<string> {
  const file = join(root, path);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, content);
  return file;
}

async function writeValidAgency(code = 'contoh-kab', patch: (a: ReturnType<typeof validAgency>) => void = () => {}) {
  const agency = validAgency();
  agency.code = code;
  patch(agency);
  await write(`${code}/agency.yaml`, stringify(agency));
  await write(`${code}/services/aktivasi.yaml`, stringify(validService()));
}

const brief = (p: StandardProblem) => ({ file: p.file.slice(root.length + 1), line: p.line, column: p.column, field: p.field, rule: p.rule });

describe('loadStandards', () => {
  it('loads a valid agency folder with its services in the listed order', async () => {
    await writeValidAgency();
    const result = await loadStandards(join(root, 'contoh-kab'));
    expect(result.problems).toEqual([]);
    expect(result.agencies).toHaveLength(1);
    expect(result.agencies[0]!.agency.code).toBe('contoh-kab');
    expect(result.agencies[0]!.services.map((s) => s.code)).toEqual(['aktivasi']);
  });

  it('finds every folder holding an agency.yaml under a tree', async () => {
    await writeValidAgency('satu-kab');
    await writeValidAgency('dua-kota', (a) => Object.assign(a, { parentAgency: 'satu-kab' }));
    await write('README.md', '# not an agency');
    const result = await loadStandards(root);
    expect(result.problems).toEqual([]);
    expect(result.agencies.map((a) => a.agency.code)).toEqual(['dua-kota', 'satu-kab']);
  });

  it('points at the value that breaks a rule: file, line, column, field', async () => {
    await writeValidAgency();
    await write(
      'contoh-kab/services/aktivasi.yaml',
      stringify(validService()).replace('to: verify', 'to: verifikasi'),
    );
    const text = stringify(validService()).replace('to: verify', 'to: verifikasi');
    const lineIndex = text.split('\n').findIndex((l) => l.includes('to: verifikasi'));
    const column = text.split('\n')[lineIndex]!.indexOf('verifikasi') + 1;
    const { problems } = await loadStandards(root);
    expect(problems.map(brief)).toContainEqual({
      file: 'contoh-kab/services/aktivasi.yaml',
      line: lineIndex + 1,
      column,
      field: 'workflow.steps.0.actions.0.to',
      rule: 'standard.step_unknown',
    });
  });

  it('points at a misspelt key itself', async () => {
    await writeValidAgency();
    await write(
      'contoh-kab/agency.yaml',
      stringify(validAgency()).replace('timeZone: Asia/Makassar', 'timeZone: Asia/Makassar\ntimezone: Asia/Jakarta'),
    );
    const { problems } = await loadStandards(root);
    const line = stringify(validAgency()).split('\n').findIndex((l) => l.startsWith('timeZone')) + 2;
    expect(problems.map(brief)).toEqual([
      { file: 'contoh-kab/agency.yaml', line, column: 1, field: 'timezone', rule: 'unrecognized_keys' },
    ]);
    expect(problems[0]!.message.en).toBe('unknown fields: timezone');
  });

  it('reports a missing field at the key of the object that lacks it', async () => {
    await writeValidAgency();
    await write(
      'contoh-kab/agency.yaml',
      [
        'code: contoh-kab',
        'name: Bagian PBJ',
        'level: kabupaten',
        'address: Jl. Contoh',
        'timeZone: Asia/Makassar',
        'decree:',
        '  number: "1"',
        '  date: 2025-01-10',
        '  effectiveFrom: 2025-01-10',
        '  signatory:',
        '    name: Fulan',
        'maklumat: { text: Kami siap., signatory: { position: Kepala Bagian } }',
        'complaints: { channels: [{ code: email, kind: email, label: E-mail }] }',
        'serviceHours: { mon: [], tue: [], wed: [], thu: [], fri: [] }',
        'roles: [{ code: helpdesk, name: Helpdesk, description: Menerima }]',
        'services: [aktivasi]',
        '',
      ].join('\n'),
    );
    const { problems } = await loadStandards(root);
    expect(problems.map(brief)).toEqual([
      { file: 'contoh-kab/agency.yaml', line: 10, column: 3, field: 'decree.signatory.position', rule: 'required' },
    ]);
  });

  it('reports YAML syntax errors with their position', async () => {
    await writeValidAgency();
    await write('contoh-kab/services/aktivasi.yaml', 'code: aktivasi\nname: [unclosed\n');
    const { problems } = await loadStandards(root);
    expect(problems).toHaveLength(1);
    expect(brief(problems[0]!)).toMatchObject({ file: 'contoh-kab/services/aktivasi.yaml', rule: 'standard.yaml_syntax' });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a repeated key as a YAML error', async () => {
    await writeValidAgency();
    await write('contoh-kab/services/aktivasi.yaml', stringify(validService()).replace('code: aktivasi\n', 'code: aktivasi\ncode: lain\n'));
    const { problems } = await loadStandards(root);
    expect(problems.map(brief)).toEqual([
      { file: 'contoh-kab/services/aktivasi.yaml', line: 2, column: 1, field: '', rule: 'standard.yaml_syntax' },
    ]);
  });

  it('requires the agency code to equal its folder name', async () => {
    await writeValidAgency();
    await write('lain-kab/agency.yaml', stringify(validAgency()));
    await write('lain-kab/services/aktivasi.yaml', stringify(validService()));
    const { problems } = await loadStandards(join(root, 'lain-kab'));
    expect(problems.map(brief)).toEqual([
      { file: 'lain-kab/agency.yaml', line: 1, column: 7, field: 'code', rule: 'standard.folder_mismatch' },
    ]);
  });

  it('requires a service code to equal its file name', async () => {
    await writeValidAgency();
    await write('contoh-kab/services/aktivasi.yaml', stringify({ ...validService(), code: 'aktivasi-akun' }));
    const { problems } = await loadStandards(root);
    expect(problems.map((p) => [p.field, p.rule])).toEqual([['code', 'standard.file_mismatch']]);
  });

  it('reports a listed service without a file, and a file that is not listed', async () => {
    await writeValidAgency('contoh-kab', (a) => (a.services = ['aktivasi', 'perubahan-email']));
    await write('contoh-kab/services/non-aktif.yaml', stringify({ ...validService(), code: 'non-aktif' }));
    const { problems, agencies } = await loadStandards(root);
    expect(problems.map(brief)).toEqual([
      { file: 'contoh-kab/agency.yaml', line: expect.any(Number), column: 5, field: 'services.1', rule: 'standard.service_file_missing' },
      { file: 'contoh-kab/services/non-aktif.yaml', line: 1, column: 7, field: 'code', rule: 'standard.service_not_listed' },
    ]);
    expect(agencies).toEqual([]);
  });

  it('checks service references against agency.yaml', async () => {
    await writeValidAgency('contoh-kab', (a) => (a.roles = a.roles.filter((r) => r.code !== 'verifikator')));
    const { problems } = await loadStandards(root);
    expect(problems.map((p) => [p.field, p.rule])).toEqual([['workflow.steps.3.role', 'standard.role_unknown']]);
  });

  it('still checks the services when agency.yaml is broken', async () => {
    await writeValidAgency();
    await write('contoh-kab/agency.yaml', 'code: contoh-kab\n');
    await write('contoh-kab/services/aktivasi.yaml', stringify({ ...validService(), requesterTypes: [] }));
    const { problems } = await loadStandards(root);
    expect(problems.some((p) => p.file.endsWith('agency.yaml'))).toBe(true);
    expect(problems.map(brief)).toContainEqual(
      expect.objectContaining({ file: 'contoh-kab/services/aktivasi.yaml', field: 'requesterTypes', rule: 'too_small.array' }),
    );
  });

  it('in a tree, rejects a parent agency that is not there', async () => {
    await writeValidAgency('satu-kab', (a) => Object.assign(a, { parentAgency: 'tiga-prov' }));
    await writeValidAgency('dua-kota');
    const { problems } = await loadStandards(root);
    expect(problems.map((p) => [p.file.slice(root.length + 1), p.field, p.rule])).toEqual([
      ['satu-kab/agency.yaml', 'parentAgency', 'standard.agency_unknown'],
    ]);
  });

  it('says so when there is no agency at all', async () => {
    await write('notes.txt', 'nothing');
    const { problems } = await loadStandards(root);
    expect(problems.map((p) => p.rule)).toEqual(['standard.no_agency']);
  });

  it('formats a problem as file:line:column field rule — message, in either language', async () => {
    await writeValidAgency();
    await write('contoh-kab/services/aktivasi.yaml', stringify(validService()).replace('role: verifikator', 'role: pokja'));
    const { problems } = await loadStandards(root);
    const lines = stringify(validService()).replace('role: verifikator', 'role: pokja').split('\n');
    const line = lines.findIndex((l) => l.includes('role: pokja')) + 1;
    const column = lines[line - 1]!.indexOf('pokja') + 1;
    expect(formatProblem(problems[0]!, 'id')).toBe(
      `${root}/contoh-kab/services/aktivasi.yaml:${line}:${column} workflow.steps.3.role standard.role_unknown — peran "pokja" tidak ada di roles pada agency.yaml`,
    );
    expect(formatProblem(problems[0]!, 'en')).toContain('the role "pokja" is not among the roles in agency.yaml');
  });
});
