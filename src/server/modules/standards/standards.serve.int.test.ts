import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgencyFolder } from './standards.loader.js';

/**
 * The standards through the real command: `bin/sigap.js serve` refuses to start on a broken
 * standard and imports a valid one; `standards import|export` round-trip on the embedded database.
 */

const run = promisify(execFile);
const cli = path.resolve('bin/sigap.js');
const shipped = path.resolve('standards/kalsel-prov');

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  delete clean.DATABASE_URL;
  return clean;
}

function sigap(args: string[], extra: Record<string, string>) {
  return run(process.execPath, [cli, ...args], { env: env(extra) });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts `sigap serve`, waits for /readyz, runs `work` against it, then stops it with SIGTERM. */
async function withServer(extra: Record<string, string>, work: (url: string) => Promise<void>): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve'], { env: env({ ...extra, PORT: String(port), HOST: '127.0.0.1' }), stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error('server not ready within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    await work(url);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  }
}

describe('standards at start-up and on the command line', () => {
  let tmp: string;
  let broken: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'sigap-serve-'));
    await cp(shipped, path.join(tmp, 'good', 'kalsel-prov'), { recursive: true });
    broken = path.join(tmp, 'broken');
    await cp(shipped, path.join(broken, 'kalsel-prov'), { recursive: true });
    const file = path.join(broken, 'kalsel-prov', 'agency.yaml');
    const text = await readFile(file, 'utf8');
    // A transcriber's typo: a key the schema does not know.
    await writeFile(file, text.replace(/^timeZone: /m, 'timezone: '));
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('refuses to start on a broken standard, naming the file, line, column, field and rule', async () => {
    const dataDir = path.join(tmp, 'data-broken');
    const failure = await sigap(['serve'], { SIGAP_DATA_DIR: dataDir, SIGAP_STANDARDS_DIR: broken, PORT: '0' }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toBeDefined();
    expect(failure!.code).not.toBe(0);
    const lines = (await readFile(path.join(broken, 'kalsel-prov', 'agency.yaml'), 'utf8')).split('\n');
    const line = lines.findIndex((l) => l.startsWith('timezone: ')) + 1;
    expect(failure!.stderr).toContain(`kalsel-prov/agency.yaml:${line}:1 timezone unrecognized_keys`);
    expect(failure!.stderr).toMatch(/kalsel-prov\/agency\.yaml:\d+:\d+ timeZone required — wajib diisi/);
    expect(failure!.stderr).toContain('SIGAP_STANDARDS_DIR=none');
  });

  it('refuses to start when an explicitly named standards folder is missing', async () => {
    await expect(
      sigap(['serve'], { SIGAP_DATA_DIR: path.join(tmp, 'data-missing'), SIGAP_STANDARDS_DIR: path.join(tmp, 'nowhere'), PORT: '0' }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('nowhere') });
  });

  it('imports the standards at start, and only once when nothing changed', async () => {
    const extra = { SIGAP_DATA_DIR: path.join(tmp, 'data-good'), SIGAP_STANDARDS_DIR: path.join(tmp, 'good') };
    for (let start = 0; start < 2; start++) {
      await withServer(extra, async (url) => {
        const agencies = await (await fetch(`${url}/api/agencies`)).json();
        expect(agencies.items.map((a: { code: string }) => a.code)).toEqual(['kalsel-prov']);
        const versions = await (await fetch(`${url}/api/agencies/kalsel-prov/standard/versions`)).json();
        expect(versions.items).toHaveLength(1);
      });
    }
  });

  it('imports and exports through `sigap standards`, and refuses a broken folder whole', async () => {
    const extra = { SIGAP_DATA_DIR: path.join(tmp, 'data-cli') };
    const first = await sigap(['standards', 'import', path.join(tmp, 'good')], extra);
    expect(first.stdout).toContain('kalsel-prov: versi 1 diimpor');
    const again = await sigap(['standards', 'import', path.join(tmp, 'good')], extra);
    expect(again.stdout).toContain('tidak berubah');
    await expect(sigap(['standards', 'import', broken, '--lang', 'en'], extra)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('nothing was imported'),
    });

    const out = path.join(tmp, 'exported', 'kalsel-prov');
    const exported = await sigap(['standards', 'export', 'kalsel-prov', out, '--version', '1'], extra);
    expect(exported.stdout).toContain('versi/version 1');
    const back = await loadAgencyFolder(out);
    const original = await loadAgencyFolder(shipped);
    expect(back.problems).toEqual([]);
    expect(back.loaded!.agency).toEqual(original.loaded!.agency);
    expect(back.loaded!.services).toEqual(original.loaded!.services);

    await expect(sigap(['standards', 'export', 'tidak-ada', path.join(tmp, 'x')], extra)).rejects.toMatchObject({ code: 3 });
    await expect(sigap(['standards', 'export', 'kalsel-prov', path.join(tmp, 'y'), '--version', '7'], extra)).rejects.toMatchObject({ code: 3 });
  });
});
