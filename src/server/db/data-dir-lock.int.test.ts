import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliTarget, type CliTarget } from '../test/cli.js';
import { strongPassword, tokenInMail } from '../test/identity-fixtures.js';
import { dataDirInUseExitCode, lockDataDir } from './data-dir-lock.js';

/** Resolves with the base URL once `serve` is listening and ready; rejects if it exits first. */
function ready(server: ChildProcess): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening && output.includes('Sigap is ready')) resolve(listening[1]!);
    });
    server.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

const mails = (dir: string) => readdirSync(path.join(dir, 'mail')).filter((f) => f.endsWith('.eml')).sort();

/**
 * The README's steps on one embedded data directory: `serve` runs, and `sigap staff bootstrap` is
 * run beside it. Two processes on one PGlite folder diverge and lose writes, so the second is
 * refused before it touches anything; a server killed with SIGKILL leaves no lock behind.
 */
describe('one process per embedded data directory', { timeout: 300_000 }, () => {
  let target: CliTarget;
  const bootstrap = ['staff', 'bootstrap', '--agency', 'ntt-prov', '--email', 'admin@nttprov.go.id', '--name', 'Maria Fernandez', '--role', 'admin-sistem'];
  const email = 'vendor@cv-maju.co.id';

  beforeAll(async () => {
    target = await createCliTarget('data-dir-lock', { embedded: true });
    delete target.env.SMTP_URL;
  });
  afterAll(async () => {
    await target?.destroy();
  });

  it('refuses staff bootstrap while serve runs, writing nothing; after kill -9 the server starts again with everything it had acknowledged', async () => {
    const env = { PORT: '0', LOG_LEVEL: 'info', SIGAP_SWEEP_SECONDS: '0' };
    const first = target.start(['serve'], env);
    let base = await ready(first);
    const registered = await fetch(`${base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: strongPassword, name: 'Andi Vendor' }),
    });
    expect(registered.status).toBe(202);
    const before = mails(target.dataDir);
    expect(before).toHaveLength(1);

    const refused = await target.sigap(bootstrap).then(
      () => {
        throw new Error('bootstrap ran beside the server');
      },
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(refused.code).toBe(dataDirInUseExitCode);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`sedang dipakai proses Sigap lain (PID ${first.pid}: sigap serve)`);
    expect(refused.stderr).toContain('hentikan server itu dulu');
    expect(refused.stderr).toContain(`is in use by another Sigap process (PID ${first.pid}: sigap serve)`);
    expect(refused.stderr).toContain('stop that server first');
    // No invitation e-mailed, no key file made: the refused process wrote nothing.
    expect(mails(target.dataDir)).toEqual(before);

    const killed = once(first, 'exit');
    first.kill('SIGKILL');
    await killed;

    const second = target.start(['serve'], env);
    try {
      base = await ready(second);
      // The account registered before the kill is there: its e-mailed link still verifies it.
      const token = tokenInMail(readFileSync(path.join(target.dataDir, 'mail', before[0]!), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='));
      const verified = await fetch(`${base}/api/auth/verify-email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect(verified.status).toBe(200);
    } finally {
      const exited = once(second, 'exit');
      second.kill('SIGTERM');
      await exited;
    }

    // Stopped, the server leaves the directory free: the README's command now works.
    const { stdout } = await target.sigap(bootstrap);
    expect(stdout).toMatch(/\/invitation#token=[A-Za-z0-9_-]{20,}/);
  });

  it('holds in one process too, and under another spelling of the path', async () => {
    const lock = await lockDataDir(target.dataDir);
    try {
      await expect(lockDataDir(path.join(target.dataDir, '.', 'mail', '..'))).rejects.toThrow(`PID ${process.pid}`);
    } finally {
      await lock.release();
    }
    const again = await lockDataDir(target.dataDir);
    await again.release();
  });
});
