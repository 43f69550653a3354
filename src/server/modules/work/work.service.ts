/**
 * The staff home: for every agency the signed-in officer works in (directly or through an
 * escalation tier), what waits for their role and for them — the request queues' counts and the
 * complaints — each only where the permissions they hold there open it. Counted by the requests'
 * and complaints' repositories in SQL, never by listing.
 */
import type { StaffWork } from '../../../shared/contracts/work.js';
import type { ComplaintsService } from '../complaints/complaints.service.js';
import type { AccessService } from '../identity/identity.access.js';
import type { RequestsService, CallContext } from '../requests/requests.service.js';

export interface WorkServiceDeps {
  access: Pick<AccessService, 'accessByAgency'>;
  requests: Pick<RequestsService, 'queueCounts'>;
  complaints: Pick<ComplaintsService, 'countWaiting'>;
}

export function createWorkService(deps: WorkServiceDeps) {
  return {
    async myWork({ ctx }: { ctx: CallContext }): Promise<StaffWork> {
      const userId = ctx.actor.type === 'user' ? ctx.actor.userId : null;
      const reached = await deps.access.accessByAgency({ actor: ctx.actor });
      const agencies = await Promise.all(
        reached.map(async (a) => {
          const held = new Set(a.permissions);
          const [requests, complaints] = await Promise.all([
            held.has('requests.view') ? deps.requests.queueCounts({ ctx, workspaceId: a.agencyId }) : null,
            held.has('complaints.view') || held.has('complaints.handle') ? deps.complaints.countWaiting({ agencyId: a.agencyId, userId }) : null,
          ]);
          return { code: a.code, name: a.name, requests, complaints };
        }),
      );
      return { agencies: agencies.filter((a) => a.requests !== null || a.complaints !== null) };
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
