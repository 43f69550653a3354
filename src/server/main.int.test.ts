import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/client.js';
import { agencies } from './db/tables/index.js';

const run = promisify(execFile);
const cli = path.resolve('bin/sigap.js');

function sigap(args: string[], env: NodeJS.ProcessEnv = {}) {
  const clean = { ...process.env, ...env };
  if (!('DATABASE_URL' in env)) delete clean.DATABASE_URL;
  return run(process.execPath, [cli, ...args], { env: clean });
}

describe('the sigap command line', () => {
  it('lists its subcommands, each with its own --help', async () => {
    const { stdout } = await sigap(['--help']);
    expect(stdout).toContain('serve');
    expect(stdout).toContain('migrate');
    const serve = await sigap(['serve', '--help']);
    expect(serve.stdout).toContain('Usage: sigap serve');
  });

  it('migrates the embedded database in SIGAP_DATA_DIR', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-cli-'));
    try {
      const { stdout } = await sigap(['migrate'], { SIGAP_DATA_DIR: dir });
      expect(stdout).toContain('migrations applied (pglite');
      const database = await openDatabase({ dataDir: dir });
      expect(await database.db.select().from(agencies)).toEqual([]);
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a wrong setting and names the variable', async () => {
    await expect(sigap(['migrate'], { PORT: 'abc' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('PORT:'),
    });
  });
});
