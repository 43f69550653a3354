import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase } from '../src/server/db/client.js';
import { totpCodeAt } from '../src/server/modules/identity/identity.totp.js';
import { createFactories, servicesFor, type AgencySeed, type Factories, type FactoryTarget } from '../src/server/test/factories.js';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const artifactsDir = path.join(projectRoot, 'e2e', 'artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The deployment key of every server a journey starts (SIGAP_SECRET_KEY): `prepare` encrypts the
 * officers' TOTP secrets with it, as the running server will decrypt them.
 */
export const secretKey = randomBytes(32);

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
  /** What the server has printed on its standard output so far (e.g. the first-run setup link). */
  output(): string;
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SIGAP_DATA_DIR: dataDir,
    SIGAP_SECRET_KEY: secretKey.toString('base64'),
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['dist/server/main.js', 'serve'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
  // Shown as before, and kept for the journeys that read what the server prints.
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    process.stdout.write(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  // Generous: it guards against a hang. A bare data folder imports every standard first, and two
  // journeys start their servers at once on a 2-core machine that may be busy with more.
  const deadline = Date.now() + 300_000;
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
      throw new Error('server did not become ready within 300 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => printed,
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

// ── The data a journey starts from ──

/** Someone who signs in: the TOTP secret is filled in by `prepare` for an officer (null: none). */
export interface Person {
  email: string;
  name: string;
  password: string;
  totpSecret: string | null;
}

/** An officer of `agency` holding `roles` (codes of that agency's roles), enrolled in TOTP. */
export interface Officer extends Person {
  agency: string;
  roles: readonly string[];
}

export function anOfficer(fields: Omit<Officer, 'totpSecret'>): Officer {
  return { ...fields, totpSecret: null };
}

/** An external user (a vendor, an OPD officer, a member of the public) with a verified account. */
export function aRequester(fields: Omit<Person, 'totpSecret'>): Person {
  return { ...fields, totpSecret: null };
}

export type { AgencySeed };

export interface PrepareOptions {
  /** Import the shipped standards (./standards) before the server starts, as an operator would. */
  standards?: boolean;
  /** Agencies made by hand, for journeys that do not want the shipped standards. */
  agencies?: readonly AgencySeed[];
  officers?: readonly Officer[];
  requesters?: readonly Person[];
}

/**
 * Opens a server's data folder before it starts, migrated, and hands `seed` the test factories
 * (and their target: the services and the mails they sent) with the journeys' key and the folder's
 * file store, `clock` if given; closes the database after, so the server can take the folder.
 */
export async function seedWith(dataDir: string, seed: (make: Factories, target: FactoryTarget) => Promise<void>, options: { clock?: () => Date } = {}): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
    const target = servicesFor(database, { secretKey, filesDir: path.join(dataDir, 'files'), ...(options.clock ? { clock: options.clock } : {}) });
    await seed(createFactories(target), target);
  } finally {
    await database.close();
  }
}

/**
 * Seeds a server's data folder before it starts, through the same services and test factories
 * the integration tests use: migrates, imports the shipped standards (the server then finds them
 * unchanged), adds hand-made agencies, invites the officers (who accept and enrol TOTP, encrypted
 * with `secretKey`) and registers the requesters. Fills in each officer's `totpSecret`.
 */
export async function prepare(dataDir: string, options: PrepareOptions): Promise<void> {
  await seedWith(dataDir, async (make) => {
    if (options.standards) await make.standards();
    for (const seed of options.agencies ?? []) await make.agency(seed);
    for (const person of options.officers ?? []) {
      const made = await make.officer({ agency: person.agency, roles: person.roles, email: person.email, name: person.name, password: person.password });
      person.totpSecret = made.totpSecret;
    }
    for (const person of options.requesters ?? []) await make.requester({ email: person.email, name: person.name, password: person.password });
  });
}

// ── In the browser ──

const lastTotpStep = new Map<string, number>();

/**
 * The code an authenticator shows, never for a step already used with this secret here: the
 * server refuses a step at or before the last one it accepted, and accepts one step either side
 * of its own. A second code in the same 30 s window is the next window's; a third waits for it.
 */
export async function totpCode(secret: string): Promise<string> {
  const period = 30_000;
  let current = Math.floor(Date.now() / period);
  const last = lastTotpStep.get(secret);
  if (last !== undefined && last > current) {
    await new Promise((r) => setTimeout(r, last * period - Date.now() + 500));
    current = Math.floor(Date.now() / period);
  }
  const step = last === undefined ? current : Math.max(current, last + 1);
  lastTotpStep.set(secret, step);
  return totpCodeAt(secret, new Date(step * period + 1000));
}

/**
 * Signs in on /masuk with the password, and the authenticator code when the person has TOTP; waits
 * until the app has left the sign-in page (for `next`, until it is there).
 */
export async function signIn(page: Page, baseUrl: string, person: Pick<Person, 'email' | 'password' | 'totpSecret'>, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/masuk${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Alamat e-mail').fill(person.email);
  await page.getByLabel(/^Kata sandi/).fill(person.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  if (person.totpSecret) {
    await page.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
    await page.getByLabel('Kode autentikator').fill(await totpCode(person.totpSecret));
    await page.getByRole('button', { name: 'Verifikasi' }).click();
  }
  const target = next?.split(/[?#]/)[0];
  await page.waitForURL((u) => (target ? u.pathname === target : u.pathname !== '/masuk'));
}

/** Nothing makes the page scroll sideways: wide tables scroll inside their own box. */
export async function assertNoOverflow(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the viewport`);
}

/** A script error in the page fails loudly in the log instead of as a timeout elsewhere. */
export function watch(page: Page): void {
  page.on('pageerror', (error) => console.error(`page error on ${page.url()}:`, error.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`console error on ${page.url()}:`, m.text());
  });
}

/** Permission names as the code spells them ("requests.act"): a reader should get words. */
const permissionName = /\b(?:requests|complaints|users|audit|standards|calendar|surveys|tokens|reports)\.[a-z_]+\b/;
const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
/** E-mail addresses and URLs may legitimately contain "users.x" or hex runs: taken out before matching. */
const addresses = /\S+@\S+|\bhttps?:\/\/\S+/g;

/**
 * Fails when the visible text of the page shows raw internals where a reader should get words:
 * a permission name, a UUID, an actor label "requester:…", or one of `codes` (the standard's
 * step, action or tier codes, kebab-case, which an ordinary Indonesian text never contains whole
 * since reduplications like "masing-masing" are not codes of the standard).
 */
export async function assertNoRawCodes(page: Page, where: string, options: { codes?: readonly string[] } = {}): Promise<void> {
  const text = (await page.locator('body').innerText()).replace(addresses, ' ');
  const found: string[] = [];
  for (const pattern of [permissionName, uuid, /requester:/]) {
    const m = text.match(pattern);
    if (m) found.push(m[0]);
  }
  // Only kebab-case codes: a one-word code ("selesai", "konsultasi") is also an ordinary word.
  for (const code of (options.codes ?? []).filter((c) => c.includes('-'))) {
    if (new RegExp(`(?<![\\w-])${code.replace(/[-]/g, '\\-')}(?![\\w-])`).test(text)) found.push(code);
  }
  assert.deepEqual(found, [], `${where} shows raw internals: ${found.join(', ')}`);
}
