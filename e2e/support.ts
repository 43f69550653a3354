import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const artifactsDir = path.join(projectRoot, 'e2e', 'artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why the journeys cannot run here, or undefined when they can. On CI a missing browser is a
 * failure, not a skip: CI installs Debian's chromium itself.
 */
export function cannotRun(): string | undefined {
  if (!existsSync(path.join(projectRoot, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` before the browser journeys');
  }
  if (existsSync(chromiumPath)) return undefined;
  if (process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}; .ci/run installs it with apt-get`);
  return `Chromium not found at ${chromiumPath} (apt-get install chromium); browser journeys skipped`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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

export interface RunningServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`node dist/server/main.js serve`) on a free port with its own
 * embedded database in a temporary folder, as `npm start` would, and waits until it is ready.
 * `prepare` runs on that folder's database first (migrated), to seed it. The server imports
 * ./standards at start unless `env` sets SIGAP_STANDARDS_DIR (`none`: no import).
 */
export async function startServer(
  options: { prepare?: (dataDir: string) => Promise<void>; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sigap-e2e-'));
  if (options.prepare) await options.prepare(dataDir);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SIGAP_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...options.env };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['dist/server/main.js', 'serve'], { cwd: projectRoot, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not become ready within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
        child.kill('SIGTERM');
        const code = await exited;
        rmSync(dataDir, { recursive: true, force: true });
        // A clean shutdown on SIGTERM: requests drained, database closed, exit code 0.
        if (code !== 0) throw new Error(`server exited with code ${code} after SIGTERM`);
      } else {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}
