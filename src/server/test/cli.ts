import { execFile } from 'node:child_process';
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
  /** The same database, opened by the test. PGlite allows one process per folder: close it before running `sigap`. */
  open(): Promise<Database>;
  sigap(args: string[]): Promise<{ stdout: string; stderr: string }>;
  destroy(): Promise<void>;
}

/**
 * A PGlite folder, or, when DATABASE_URL is set (as CI does), a fresh database on that server,
 * for tests that run `bin/sigap.js` as a person would. `label` names the folder or database.
 */
export async function createCliTarget(label: string): Promise<CliTarget> {
  const { databaseUrl } = loadConfig();
  const env: NodeJS.ProcessEnv = { ...process.env };
  let open: () => Promise<Database>;
  let destroy: () => Promise<void>;
  if (databaseUrl) {
    const name = `sigap_${label}_${randomBytes(6).toString('hex')}`;
    await adminQuery(databaseUrl, `create database "${name}"`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    open = () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    destroy = () => adminQuery(databaseUrl, `drop database if exists "${name}" with (force)`);
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), `sigap-${label}-`));
    env.SIGAP_DATA_DIR = dir;
    delete env.DATABASE_URL;
    open = () => openDatabase({ dataDir: dir });
    destroy = async () => rmSync(dir, { recursive: true, force: true });
  }
  return { env, open, destroy, sigap: (args) => run(process.execPath, [sigapBin, ...args], { env }) };
}
