import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = path.resolve('bin/sigap.js');

describe('sigap standards validate', () => {
  it('passes on the shipped standards tree', async () => {
    const { stdout } = await run(process.execPath, [cli, 'standards', 'validate', '--lang', 'en']);
    expect(stdout).toMatch(/^Valid: \d+ agenc/);
    expect(stdout).toContain('kalsel-prov');
  });

  it('exits non-zero and names file:line:column field rule', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sigap-cli-standards-'));
    try {
      await mkdir(path.join(dir, 'rusak-kab'));
      await writeFile(path.join(dir, 'rusak-kab', 'agency.yaml'), 'code: rusak-kab\nlevel: desa\n');
      await expect(run(process.execPath, [cli, 'standards', 'validate', dir, '--lang', 'en'])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/rusak-kab\/agency\.yaml:2:8 level invalid_value — must be one of: national, provinsi, kabupaten, kota/),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
