/**
 * One process per embedded data directory. PGlite is a single-user PostgreSQL: two processes on one
 * folder each keep their own copy of the pages in memory, silently diverge, lose acknowledged
 * writes and can abort inside PGlite. So whatever opens a data directory takes this lock first,
 * and a second process is refused before it reads or writes anything.
 *
 * Why a listening socket, not a lock file: the lock must die with its process, a `kill -9` or a
 * power cut included, with nothing for the operator to clean up.
 * - A PID file outlives a crash and is judged by "is that PID alive?", which lies after PID reuse;
 *   in a container the server is PID 1 on every start, so a stale file would look alive for ever.
 * - `proper-lockfile` (mkdir plus an mtime refreshed by a timer) calls a lock stale only after its
 *   timeout, so a restart after a crash must wait, and a long event-loop stall loses the lock while
 *   the process still runs.
 * - flock/fcntl would do, but Node has no binding of its own, and the npm ones (fs-ext) compile a
 *   native addon at install, which a machine without a compiler and Node's headers cannot do.
 * A socket bound to a name is held by the kernel for exactly as long as the process lives. On
 * Linux the name is in the abstract namespace (no file at all); on Windows it is a named pipe,
 * which behaves the same. Elsewhere (macOS, for development) it is a socket file in the data
 * directory, and a file nobody answers on is stale and is replaced. The name is derived from the
 * directory's real path, so two spellings of one folder are one lock. Abstract sockets are per
 * network namespace: two containers sharing one volume need the same network namespace, or must
 * not share the volume (docs/operations.md).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** EX_TEMPFAIL of sysexits.h: try again later, once the other process has stopped. */
export const dataDirInUseExitCode = 75;

export class DataDirInUseError extends Error {
  readonly exitCode = dataDirInUseExitCode;
  constructor(
    readonly dataDir: string,
    /** What the process holding the lock said about itself, if it answered. */
    readonly holder: { pid: number; command: string } | undefined,
  ) {
    const who = holder ? ` (PID ${holder.pid}: ${holder.command})` : '';
    const stop = holder ? `Ctrl+C di terminalnya, atau kill ${holder.pid}` : 'Ctrl+C di terminalnya';
    const stopEn = holder ? `Ctrl+C in its terminal, or kill ${holder.pid}` : 'Ctrl+C in its terminal';
    super(
      `Direktori data ${dataDir} sedang dipakai proses Sigap lain${who}. Satu direktori data hanya dibuka oleh satu proses: ` +
        `hentikan server itu dulu (${stop}), lalu jalankan perintah ini lagi; atau lakukan lewat server yang sedang berjalan. Tidak ada yang diubah.\n` +
        `The data directory ${dataDir} is in use by another Sigap process${who}. One data directory is opened by one process only: ` +
        `stop that server first (${stopEn}), then run this command again; or do it through the running server. Nothing was changed.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

/** The socket name of a directory: the same for every spelling of the path. */
function lockAddress(dir: string): { address: string; file: boolean } {
  const real = realpathSync(dir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return { address: `\0sigap-data-dir-${id}`, file: false };
  if (process.platform === 'win32') return { address: `\\\\.\\pipe\\sigap-data-dir-${id}`, file: false };
  return { address: path.join(real, '.sigap.lock'), file: true };
}

/** What this process says about itself to a second one: the subcommand, never its arguments (e-mails, names). */
function describeSelf(): string {
  const words: string[] = [];
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('-') || words.length === 2) break;
    words.push(arg);
  }
  return ['sigap', ...words].join(' ');
}

function listen(server: net.Server, address: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error);
    server.once('error', onError);
    server.listen(address, () => {
      server.off('error', onError);
      resolve(undefined);
    });
  });
}

/** Asks the holder who it is; undefined when nobody answers (a stale socket file) or the answer is unreadable. */
function askHolder(address: string): Promise<{ answered: boolean; holder?: { pid: number; command: string } }> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(address);
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      try {
        const parsed = JSON.parse(text) as { pid?: unknown; command?: unknown };
        if (typeof parsed.pid === 'number' && typeof parsed.command === 'string') {
          resolve({ answered: true, holder: { pid: parsed.pid, command: parsed.command } });
          return;
        }
      } catch {
        // A holder that did not say who it is is still a holder.
      }
      resolve({ answered });
    };
    const timer = setTimeout(() => done(true), 2000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk.slice(0, 1000);
    });
    socket.on('end', () => done(true));
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT'));
  });
}

/**
 * Takes the data directory for this process, or throws DataDirInUseError naming who holds it.
 * The lock does not keep the process alive; it is released by `release()` or by the process ending.
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true });
  const { address, file } = lockAddress(dir);
  const identity = JSON.stringify({ pid: process.pid, command: describeSelf() });
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.end(identity);
  });
  let error = await listen(server, address);
  if (error?.code === 'EADDRINUSE') {
    const asked = await askHolder(address);
    if (asked.answered) throw new DataDirInUseError(dir, asked.holder);
    if (file) {
      // A socket file nobody listens on was left by a process that died: replace it.
      rmSync(address, { force: true });
      error = await listen(server, address);
    }
  }
  if (error?.code === 'EADDRINUSE') throw new DataDirInUseError(dir, undefined);
  if (error) throw error;
  server.unref();
  return {
    release: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
