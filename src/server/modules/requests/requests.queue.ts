/**
 * The officers' queues: one page of a queue (mine, my role can take, unassigned, near breach,
 * breached, all open) under a search and filters, paged by an opaque keyset cursor, and how many
 * requests each queue holds — for the tabs and the staff home.
 */
import type { QueueCounts, QueueFilters } from '../../../shared/contracts/requests.js';
import { invalid, iso, type CallContext, type RequestsContext } from './requests.context.js';
import type { QueueCursor, QueueView } from './requests.repo.js';

export function createQueues(context: RequestsContext) {
  const { deps, repo, agencyById } = context;

  /** The role codes and user id a queue is read for: an API token holds no role and is nobody. */
  async function whoReads(ctx: CallContext, workspaceId: string) {
    if (ctx.actor.type !== 'user') return { roles: [], userId: null };
    return { roles: await deps.access.rolesOf({ userId: ctx.actor.userId, agencyId: workspaceId }), userId: ctx.actor.userId };
  }

  function readCursor(ctx: CallContext, after: string | undefined): QueueCursor | undefined {
    if (!after) return undefined;
    try {
      const cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Partial<QueueCursor>;
      if (typeof cursor.priority !== 'boolean' || typeof cursor.id !== 'string' || !(cursor.sortDueAt === null || typeof cursor.sortDueAt === 'string')) throw new Error('shape');
      return cursor as QueueCursor;
    } catch {
      throw invalid(ctx.lang, 'after', 'custom');
    }
  }

  return {
    async queue(options: { ctx: CallContext; workspaceId: string; view: QueueView; limit: number; after?: string | undefined; filters?: QueueFilters | undefined }) {
      const { ctx, workspaceId } = options;
      const after = readCursor(ctx, options.after);
      const { roles, userId } = await whoReads(ctx, workspaceId);
      const rows = await repo.queue({ workspaceId, view: options.view, roles, userId, limit: options.limit, after, filters: options.filters });
      const items = [];
      for (const r of rows) {
        items.push({
          number: r.number,
          agency: (await agencyById(r.agencyId)).code,
          title: r.title,
          service: r.serviceCode,
          step: r.currentStep,
          role: r.currentRole,
          status: r.status,
          assigneeId: r.assigneeId,
          priority: r.priority,
          clockState: r.clockState,
          dueAt: iso(r.sortDueAt),
          receivedAt: r.receivedAt.toISOString(),
          requesterName: r.requesterName,
          escalated: r.agencyId !== workspaceId,
        });
      }
      const last = rows[rows.length - 1];
      const next =
        rows.length === options.limit && last
          ? Buffer.from(JSON.stringify({ priority: last.priority, sortDueAt: iso(last.sortDueAt), id: last.id })).toString('base64url')
          : null;
      return { items, next };
    },

    /** How many open requests each queue holds for this officer, under the same filters as the queue. */
    async queueCounts(options: { ctx: CallContext; workspaceId: string; filters?: QueueFilters | undefined }): Promise<QueueCounts> {
      const { roles, userId } = await whoReads(options.ctx, options.workspaceId);
      return repo.queueCounts({ workspaceId: options.workspaceId, roles, userId, filters: options.filters });
    },
  };
}
