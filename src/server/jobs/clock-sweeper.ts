import type { SweepOutcome } from '../modules/requests/requests.service.js';

/**
 * The clock sweeper: marks warnings and breaches of requests' time limits, grants the
 * compensation a breach promises, and closes requests whose requester never confirmed. Each pass
 * is one transaction that claims the due rows with `FOR UPDATE SKIP LOCKED`, so any number of
 * processes may run it against one database without doing the same row twice.
 */

export interface Sweeper {
  sweep(options?: { at?: Date; limit?: number }): Promise<SweepOutcome>;
}

export interface SweeperLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** The complaints' part of a sweep: answered complaints closed when the complainant did not reply in time. */
export interface ComplaintSweeper {
  autoCloseUnanswered(options?: { at?: Date; limit?: number }): Promise<{ claimed: number; closed: number; failed: SweepOutcome['failed'] }>;
}

/** One sweeper over both: the requests' pass, then the complaints closed without reply (counted in `autoClosed`). */
export function sweeperOf(requests: Sweeper, complaints: ComplaintSweeper): Sweeper {
  return {
    async sweep(options = {}) {
      const r = await requests.sweep(options);
      const c = await complaints.autoCloseUnanswered(options);
      return { ...r, claimed: r.claimed + c.claimed, autoClosed: r.autoClosed + c.closed, failed: [...r.failed, ...c.failed] };
    },
  };
}

/** Passes until one claims fewer rows than the batch, so a backlog drains in one tick. */
export async function sweepUntilDrained(sweeper: Sweeper, options: { batch?: number; maxPasses?: number } = {}): Promise<SweepOutcome> {
  const batch = options.batch ?? 500;
  const total: SweepOutcome = { claimed: 0, warned: 0, breached: 0, autoClosed: 0, deferred: 0, failed: [] };
  for (let pass = 0; pass < (options.maxPasses ?? 20); pass++) {
    const r = await sweeper.sweep({ limit: batch });
    total.claimed += r.claimed;
    total.warned += r.warned;
    total.breached += r.breached;
    total.autoClosed += r.autoClosed;
    total.deferred += r.deferred;
    total.failed.push(...r.failed);
    // Deferred rows were claimed before their calendar was warm: the next pass has it.
    if (r.claimed < batch && r.deferred === 0) break;
  }
  return total;
}

/** Runs the sweeper every `intervalMs` (one pass at a time) until stopped. */
export function startClockSweeper(options: { sweeper: Sweeper; intervalMs: number; log: SweeperLog }): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = sweepUntilDrained(options.sweeper)
      .then((r) => {
        if (r.claimed > 0 || r.failed.length > 0) options.log.info({ ...r, failed: r.failed.length }, 'clock sweep');
        for (const f of r.failed) options.log.error(f, 'clock sweep failed for a request');
      })
      .catch((error: unknown) => options.log.error({ err: error }, 'clock sweep failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  setImmediate(tick);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
