/**
 * The complaints service: one factory composing the use cases, each in the file named after what
 * a reader wants to change —
 *   complaints.forms.ts        the agency's complaint form and its required contents
 *   complaints.filing.ts       filing from the public form, an officer's intake or SP4N-LAPOR!
 *   complaints.tracking.ts     the tracking code and the complainant's tracking page
 *   complaints.transitions.ts  the officer's and the complainant's steps, closing and reopening
 *   complaints.views.ts        the officers' lists, the complaint page, the assignees
 *   complaints.reports.ts      the CSV export and the public statistics
 *   complaints.lapor-records.ts  what is kept of the SP4N-LAPOR! exchange
 * over complaints.context.ts (dependencies, lookups, events, audit, refusals) and the pure
 * complaints.clock.ts and complaints.policy.ts.
 */
import { createComplaintsContext, type ComplaintsServiceDeps } from './complaints.context.js';
import { createFiling } from './complaints.filing.js';
import { createForms } from './complaints.forms.js';
import { createLaporRecords } from './complaints.lapor-records.js';
import { createReports } from './complaints.reports.js';
import { createTracking } from './complaints.tracking.js';
import { createTransitions } from './complaints.transitions.js';
import { createViews } from './complaints.views.js';

export type { ActionContext, ComplaintAgency, ComplaintsServiceDeps, StandardSource } from './complaints.context.js';

export function createComplaintsService(deps: ComplaintsServiceDeps) {
  const ctx = createComplaintsContext(deps);
  const tracking = createTracking(ctx);
  return {
    ...createForms(ctx),
    ...createFiling(ctx),
    ...tracking,
    ...createTransitions(ctx, tracking),
    ...createViews(ctx),
    ...createReports(ctx),
    ...createLaporRecords(ctx),
  };
}

export type ComplaintsService = ReturnType<typeof createComplaintsService>;
