/**
 * What the complaints keep of the SP4N-LAPOR! exchange (complaints.lapor.ts runs it): where the
 * last pull stopped, which follow-ups and closings are still to post back, and that one was
 * posted, so it is never posted twice. Filing a forwarded report is complaints.filing.ts.
 */
import type { ActionContext, ComplaintsContext } from './complaints.context.js';

/** Timeline events LAPOR! is told about. */
const postable = new Set(['followed_up', 'answered', 'closed', 'confirmed']);

export function createLaporRecords(ctx: ComplaintsContext) {
  const { repo, clock } = ctx;

  return {
    async getLaporCursor({ agencyCode }: { agencyCode: string }): Promise<string | null> {
      return repo.getLaporCursor((await ctx.agencyOf(agencyCode)).id);
    },

    async saveLaporCursor({ agencyCode, cursor }: { agencyCode: string; cursor: string }): Promise<void> {
      await repo.setLaporCursor((await ctx.agencyOf(agencyCode)).id, cursor, clock());
    },

    /** Complaints from LAPOR! with follow-ups, answers or closings not yet posted back, oldest first. */
    async listLaporPending({ agencyCode }: { agencyCode: string }) {
      const agency = await ctx.agencyOf(agencyCode);
      return (await repo.listLaporPending(agency.id))
        .map(({ complaint, events }) => {
          const posted = new Set(events.filter((e) => e.type === 'lapor_posted').map((e) => Number(e.data.eventSeq)));
          return {
            number: complaint.number,
            laporTrackingId: complaint.laporTrackingId!,
            answer: complaint.answer,
            events: events.filter((e) => postable.has(e.type) && !posted.has(e.seq)).map((e) => ({ seq: e.seq, type: e.type, note: e.note, at: e.at })),
          };
        })
        .filter((p) => p.events.length > 0);
    },

    /** Records on the timeline that an event reached LAPOR!, so it is never posted twice. */
    async markLaporPosted(options: { agencyCode: string; number: string; eventSeq: number; kind: 'follow_up' | 'close'; context: ActionContext }) {
      const agency = await ctx.agencyOf(options.agencyCode);
      await ctx.deps.db.transaction(async (tx) => {
        const c = await ctx.lockComplaint(agency, options.number, tx);
        await repo.appendEvent(
          agency.id,
          c.id,
          ctx.eventOf(options.context, 'lapor_posted', { actorType: 'system', data: { eventSeq: options.eventSeq, kind: options.kind }, visibleToComplainant: false }),
          tx,
        );
        await ctx.audit(tx, agency, options.context, 'complaints.lapor_posted', c.number, null, { eventSeq: options.eventSeq, kind: options.kind, laporTrackingId: c.laporTrackingId });
      });
    },
  };
}
