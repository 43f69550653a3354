// Runs every browser journey (e2e/*.e2e.ts) with Node's test runner, two files at a time (each
// file starts its own server on a free port with its own data folder, and its own Chromium).
// E2E_CONCURRENCY=1 runs them one after another; extra arguments choose files (e2e/x.e2e.ts).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const chosen = process.argv.slice(2);
const files =
  chosen.length > 0
    ? chosen
    : readdirSync(dir)
        .filter((f) => f.endsWith('.e2e.ts'))
        .sort()
        .map((f) => `e2e/${f}`);
if (files.length === 0) {
  console.error('no browser journeys found in e2e/');
  process.exit(1);
}
const concurrency = Number.parseInt(process.env.E2E_CONCURRENCY ?? '2', 10);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`E2E_CONCURRENCY must be a whole number from 1, not ${process.env.E2E_CONCURRENCY}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
);
process.exit(result.status ?? 1);
