/**
 * What officers read: the agency's list of complaints, those about one request, the complaint page
 * (with the complainant's identity only for those complaints.policy allows) and the assignees.
 */
import type { ComplaintDetail, ComplaintList, ListQuery } from '../../../shared/contracts/complaints.js';
import type { Permission } from '../../../shared/permissions.js';
import { fromStandardLimit, governingDueAt, limitView, nationalRule, noReplyView, readClocks, resolutionRuleOf, type ClockReading } from './complaints.clock.js';
import type { Localized } from '../../../shared/i18n/languages.js';
import { iso, type ComplaintsContext } from './complaints.context.js';
import { maySeeIdentity, staffActionsFor } from './complaints.policy.js';
import type { ComplaintListRow } from './complaints.repo.js';

function listItem(r: ComplaintListRow, now: Date) {
  const answered = r.answeredAt !== null;
  const waiting = r.status === 'incomplete';
  return {
    number: r.number,
    status: r.status,
    subject: r.subject,
    serviceCode: r.serviceCode,
    channel: r.channel,
    classCode: r.classCode,
    receivedAt: r.receivedAt.toISOString(),
    late: r.late,
    anonymous: r.anonymous,
    confidential: r.confidential,
    laporTrackingId: r.laporTrackingId,
    assigneeName: r.assigneeName,
    resolutionDueAt: iso(r.resolutionDueAt),
    hardDueAt: r.hardDueAt.toISOString(),
    overdue: !answered && !waiting && now > governingDueAt(r),
  };
}

const clockView = (r: ClockReading, rule: Localized | null) => ({ dueAt: iso(r.dueAt), state: r.state, limit: limitView(r.limit), governs: r.governs, rule });

export function createViews(ctx: ComplaintsContext) {
  const { deps, repo, clock } = ctx;

  return {
    async list({ agencyCode, query }: { agencyCode: string; query: ListQuery }): Promise<ComplaintList> {
      const agency = await ctx.agencyOf(agencyCode);
      const { rows, total } = await repo.list(agency.id, {
        status: query.status,
        classCode: query.classCode,
        q: query.q,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const now = clock();
      return { items: rows.map((r) => listItem(r, now)), total, page: query.page, pageSize: query.pageSize, timeZone: agency.timeZone };
    },

    /** How many complaints wait: new, sent back by the complainant, and assigned to this officer (the staff home). */
    async countWaiting({ agencyId, userId }: { agencyId: string; userId: string | null }) {
      return repo.countWaiting(agencyId, userId);
    },

    /** Complaints about one request, for the request's page (to holders of complaints.view). */
    async listForRequest({ agencyCode, requestNumber }: { agencyCode: string; requestNumber: string }): Promise<ComplaintList> {
      const agency = await ctx.agencyOf(agencyCode);
      const { rows, total } = await repo.list(agency.id, { requestNumber, limit: 200, offset: 0 });
      const now = clock();
      return { items: rows.map((r) => listItem(r, now)), total, page: 1, pageSize: 200, timeZone: agency.timeZone };
    },

    async detail({ agencyCode, number, permissions }: { agencyCode: string; number: string; permissions: ReadonlySet<Permission> }): Promise<ComplaintDetail> {
      const agency = await ctx.agencyOf(agencyCode);
      const c = await ctx.complaintOf(agency, number);
      const showIdentity = maySeeIdentity({ anonymous: c.anonymous, permissions });
      // Withheld identity is never read, so it cannot leak through a later change of this code.
      const who = showIdentity ? await repo.findComplainant(agency.id, c.id) : undefined;
      const [events, standard, calendar] = await Promise.all([repo.listEvents(agency.id, c.id), ctx.standardAt(agency, c.receivedAt), ctx.calendarOf(agency)]);
      const clocks = readClocks(calendar, c, clock().getTime());
      const channel = standard.agency.complaints.channels.find((k) => k.code === c.channel);
      const classes = standard.agency.complaints.classes;
      return {
        number: c.number,
        status: c.status,
        timeZone: agency.timeZone,
        standardVersion: c.standardVersion,
        channel: { code: c.channel, kind: c.channelKind, label: channel?.label ?? null },
        serviceCode: c.serviceCode,
        requestNumber: c.requestNumber,
        laporTrackingId: c.laporTrackingId,
        anonymous: c.anonymous,
        confidential: c.confidential,
        complainant: who ? { name: who.name, address: who.address, email: who.email, phone: who.phone } : null,
        identityWithheld: !showIdentity,
        subject: c.subject,
        description: c.description,
        loss: c.loss,
        requestedResolution: c.requestedResolution,
        place: c.place,
        signed: c.signed,
        otherContents: c.otherContents,
        additions: c.additions,
        receivedAt: c.receivedAt.toISOString(),
        serviceDate: c.serviceDate,
        fileBy: c.fileBy,
        late: c.late,
        classCode: c.classCode,
        className: classes.find((k) => k.code === c.classCode)?.name ?? c.classCode,
        assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName } : null,
        clocks: {
          response: clockView(clocks.response, null),
          resolution: clockView(clocks.resolution, resolutionRuleOf(standard, c)),
          hard: clockView(clocks.hard, nationalRule),
        },
        paused: c.pausedSince !== null,
        answer: c.answer,
        outcome: c.outcome,
        answeredAt: iso(c.answeredAt),
        closedAt: iso(c.closedAt),
        reopenUntil: iso(c.reopenUntil),
        reopenCount: c.reopenCount,
        autoCloseAt: c.status === 'answered' ? iso(c.autoCloseAt) : null,
        closeAfterNoReply: noReplyView(standard.agency),
        actions: staffActionsFor(c.status),
        classes: classes.map((k) => ({ code: k.code, name: k.name, limit: limitView(fromStandardLimit(k.limit))! })),
        timeline: events.map((e) => ({
          at: e.at.toISOString(),
          type: e.type,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          actorType: e.actorType,
          actorLabel: e.actorLabel,
          data: e.data,
        })),
      };
    },

    async listAssignees({ agencyCode }: { agencyCode: string }) {
      const agency = await ctx.agencyOf(agencyCode);
      const staff = await deps.staff.listStaff({ agency });
      return { items: staff.filter((s) => !s.disabled).map((s) => ({ id: s.id, name: s.name })) };
    },
  };
}
