#!/usr/bin/env node
// The `sigap` command. In a checkout (src/ present and tsx installed) it runs the TypeScript
// source, so it never runs a stale build; in an installed build it runs dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const source = fileURLToPath(new URL('../src/server/main.ts', import.meta.url));
const compiled = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));

let tsx = null;
if (existsSync(source)) {
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    tsx = null;
  }
}
if (tsx) {
  tsx.register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(compiled).href);
}
