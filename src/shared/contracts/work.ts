import { z } from 'zod';
import { queueCounts } from './requests.js';

/** What waits for an officer in one agency: each queue's count, and the complaints, where their permissions open them. */
export const agencyWork = z.object({
  code: z.string(),
  name: z.string(),
  /** Counts of the request queues; null without requests.view there. */
  requests: queueCounts.nullable(),
  /** New, sent back (reopened) and assigned to me; null without complaints.view or complaints.handle there. */
  complaints: z.object({ received: z.number().int(), reopened: z.number().int(), mine: z.number().int() }).nullable(),
});
export type AgencyWork = z.infer<typeof agencyWork>;

/** The staff home: every agency the officer works in, with what waits there. */
export const staffWork = z.object({ agencies: z.array(agencyWork) }).meta({ id: 'StaffWork' });
export type StaffWork = z.infer<typeof staffWork>;
