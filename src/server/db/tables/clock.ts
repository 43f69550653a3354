/**
 * How the clocks of requests and complaints are stored: the same shapes in both tables, so that
 * one reading of them (`<domain>.clock.ts` over `calendar/calendar.ts`) serves both.
 */

/** A time limit as the calendar counts it (`calendar/limit.ts`). */
export interface StoredLimit {
  unit: 'minutes' | 'hours' | 'working_days' | 'calendar_days';
  max: number;
  min?: number | undefined;
  /**
   * The rule of the pinned standard it comes from (`standards.limits.ts`): a channel, an
   * escalation tier, a timeline stage or the time-limit component, by code. Absent on limits
   * stored before it was recorded, and on complaints.
   */
  rule?: { kind: 'channel' | 'tier' | 'stage' | 'component'; code: string } | undefined;
  /**
   * When the step the standard says the clock stops at was reached (a channel's `clockStopsAt`:
   * the schedule of an audience agreed), epoch ms: the clock reads stopped from then on.
   */
  stoppedAt?: number | undefined;
}

/**
 * A stretch of time the clocks did not run; `to: null` while it lasts. Epoch milliseconds. A row
 * keeps them in a jsonb `pauses` array beside `paused_since` (the start of the open one, if any).
 */
export interface StoredPause {
  from: number;
  to: number | null;
}

/** One stage of a service's timeline as a clock of a request. Epoch milliseconds. */
export interface StoredStageClock {
  stage: string;
  /** Null: the standard states no limit for it (a limit per variant, the variant not chosen). */
  limit: StoredLimit | null;
  /** Arrival at the first of the stage's steps; null before. */
  startedAt: number | null;
  /** Leaving the stage's steps for a step of another stage, a confirmation or the end. */
  stoppedAt: number | null;
}
