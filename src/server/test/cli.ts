import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { adminQuery } from './database.js';

const run = promisify(execFile);
export const sigapBin = path.resolve('bin/sigap.js');

/** A database of its own for the real `sigap` process, and the command run against it. */
export interface CliTarget {
  /** The environment the process runs with; a test may add variables before running it. */
  env: NodeJS.ProcessEnv;
  /** SIGAP_DATA_DIR of the process: the key file, attachments, undelivered mail (and the embedded database). */
  dataDir: string;
  /** The same database, opened by the test. PGlite allows one process per folder: close it before running `sigap`. */
  open(): Promise<Database>;
  sigap(args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** A long-running subcommand (`serve`): the test reads its output and ends it. */
  start(args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
  destroy(): Promise<void>;
}

/**
 * A PGlite folder, or, when DATABASE_URL is set (as CI does), a fresh database on that server,
 * for tests that run `bin/sigap.js` as a person would. `label` names the folder or database.
 * Either way the process gets a data directory of its own, so nothing lands in the checkout.
 */
export async function createCliTarget(label: string, options: { embedded?: boolean } = {}): Promise<CliTarget> {
  // `embedded`: the embedded database even where DATABASE_URL is set, for what only it has (its one-process lock).
  const databaseUrl = options.embedded ? undefined : loadConfig().databaseUrl;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `sigap-${label}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, SIGAP_DATA_DIR: dataDir };
  let open: () => Promise<Database>;
  let dropDatabase = async () => {};
  if (databaseUrl) {
    const name = `sigap_${label.replace(/\W/g, '_')}_${randomBytes(6).toString('hex')}`;
    await adminQuery(databaseUrl, `create database "${name}"`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    open = () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    dropDatabase = () => adminQuery(databaseUrl, `drop database if exists "${name}" with (force)`);
  } else {
    delete env.DATABASE_URL;
    open = () => openDatabase({ dataDir });
  }
  return {
    env,
    dataDir,
    open,
    sigap: (args) => run(process.execPath, [sigapBin, ...args], { env }),
    start: (args, extra = {}) => spawn(process.execPath, [sigapBin, ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] }),
    destroy: async () => {
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
