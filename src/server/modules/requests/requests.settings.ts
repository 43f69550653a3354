/**
 * What an agency sets for its requests: canned replies (per service or for all) and the working
 * days after which an unconfirmed request closes by itself.
 */
import { toAuditActor } from '../identity/identity.actor.js';
import type { CallContext, RequestsContext } from './requests.context.js';

export function createSettings(context: RequestsContext) {
  const { deps, db, repo, autoCloseDays } = context;

  return {
    async listCannedReplies({ agencyId, service }: { agencyId: string; service?: string | undefined }) {
      const rows = await repo.listCannedReplies(agencyId, service);
      return { items: rows.map((r) => ({ id: r.id, service: r.serviceCode, title: r.title, body: r.body })) };
    },

    async addCannedReply({ ctx, agencyId, input }: { ctx: CallContext; agencyId: string; input: { service: string | null; title: string; body: string } }) {
      return db.transaction(async (tx) => {
        const row = await repo.insertCannedReply({ agencyId, serviceCode: input.service, title: input.title, body: input.body }, tx);
        await deps.audit.record({ tx, agencyId, actor: toAuditActor(ctx.actor), action: 'requests.canned_reply_added', target: { type: 'canned_reply', id: row.id }, after: input, ip: ctx.ip, requestId: ctx.requestId });
        return { id: row.id, service: row.serviceCode, title: row.title, body: row.body };
      });
    },

    async getSettings({ agencyId }: { agencyId: string }) {
      return { autoCloseWorkingDays: await autoCloseDays(agencyId) };
    },

    async updateSettings({ ctx, agencyId, autoCloseWorkingDays }: { ctx: CallContext; agencyId: string; autoCloseWorkingDays: number }) {
      await db.transaction(async (tx) => {
        const before = await autoCloseDays(agencyId, tx);
        await repo.upsertSettings(agencyId, autoCloseWorkingDays, tx);
        await deps.audit.record({ tx, agencyId, actor: toAuditActor(ctx.actor), action: 'requests.settings_changed', target: { type: 'request_settings', id: agencyId }, before: { autoCloseWorkingDays: before }, after: { autoCloseWorkingDays }, ip: ctx.ip, requestId: ctx.requestId });
      });
      return { autoCloseWorkingDays };
    },
  };
}
