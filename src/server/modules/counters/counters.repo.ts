import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { counters } from '../../db/tables/counters.js';

/** What a gap-free number belongs to. */
export interface CounterKey {
  agencyId: string;
  /** What is numbered: `request`, `complaint`, … */
  series: string;
  year: number;
}

/**
 * The one place gap-free numbers come from. The counter row is bumped in the caller's transaction
 * and stays locked until it commits, so concurrent filings of one agency, series and year queue
 * here, and a rollback gives the number back.
 */
export async function nextNumber(key: CounterKey, tx: Executor): Promise<number> {
  const rows = await tx
    .insert(counters)
    .values({ agencyId: key.agencyId, series: key.series, year: key.year, lastSeq: 1 })
    .onConflictDoUpdate({ target: [counters.agencyId, counters.series, counters.year], set: { lastSeq: sql`${counters.lastSeq} + 1` } })
    .returning({ lastSeq: counters.lastSeq });
  return rows[0]!.lastSeq;
}
