/**
 * The complainant's side: the tracking code given once at filing, and the public tracking page
 * opened by the number with that code or with the e-mail the complainant gave.
 */
import { randomInt } from 'node:crypto';
import type { TrackingCredentials, TrackingView } from '../../../shared/contracts/complaints.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { hashToken, safeEqual } from '../../lib/secrets.js';
import { nationalRule, noReplyView, resolutionRuleOf } from './complaints.clock.js';
import { complainantMay } from './complaints.policy.js';
import { iso, trackingRefused, type ComplaintsContext } from './complaints.context.js';
import type { ComplaintRow } from './complaints.repo.js';

const secretAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * 12 characters without look-alikes (0/O, 1/I), in groups of four: easy to read out on the phone,
 * unlike the base64url tokens of `lib/secrets.ts`. 32^12 = 2^60 codes, behind a rate-limited route.
 */
export function newTrackingSecret(): string {
  const chars = Array.from({ length: 12 }, () => secretAlphabet[randomInt(secretAlphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** The stored hash of a code, whatever case and separators it was typed with (hex: the column's first form). */
export function hashTrackingSecret(secret: string): string {
  return hashToken(secret.toUpperCase().replace(/[^A-Z0-9]/g, ''), 'hex');
}

/** Whether `secret` opens the complaint, compared in constant time. */
export function secretOpens(complaint: Pick<ComplaintRow, 'trackingSecretHash'>, secret: string): boolean {
  return safeEqual(complaint.trackingSecretHash, hashTrackingSecret(secret));
}

/** Timeline events whose note the complainant reads; the others show only that they happened. */
const withNote = new Set(['verified_incomplete', 'completed', 'followed_up', 'answered', 'closed', 'auto_closed', 'confirmed', 'reopened']);

export function createTracking(ctx: ComplaintsContext) {
  const { repo, clock } = ctx;


  /** Public tracking: the number with the secret, or with the e-mail the complainant gave. */
  async function track({ agencyCode, credentials, lang }: { agencyCode: string; credentials: TrackingCredentials; lang: Language }): Promise<TrackingView> {
    const agency = await ctx.agencyOf(agencyCode);
    const c = await repo.findByNumber(agency.id, credentials.number);
    if (!c) throw trackingRefused(lang);
    let ok = false;
    if (credentials.secret) ok = secretOpens(c, credentials.secret);
    if (!ok && credentials.email) {
      const email = await repo.findComplainantEmail(agency.id, c.id);
      ok = email !== null && email === credentials.email;
    }
    if (!ok) throw trackingRefused(lang);
    const events = await repo.listEvents(agency.id, c.id, { visibleToComplainant: true });
    const missing = c.status === 'incomplete' ? ([...events].reverse().find((e) => e.type === 'verified_incomplete')?.note ?? null) : null;
    const now = clock();
    const standard = await ctx.standardAt(agency, c.receivedAt);
    const bySecret = !!credentials.secret && ok;
    return {
      number: c.number,
      agency: { code: agency.code, name: agency.name, timeZone: agency.timeZone },
      status: c.status,
      subject: c.subject,
      serviceCode: c.serviceCode,
      receivedAt: c.receivedAt.toISOString(),
      late: c.late,
      className: c.classCode ? (standard.agency.complaints.classes.find((k) => k.code === c.classCode)?.name ?? c.classCode) : null,
      responseDueAt: iso(c.responseDueAt),
      resolutionDueAt: iso(c.resolutionDueAt),
      resolutionRule: resolutionRuleOf(standard, c),
      hardDueAt: c.hardDueAt.toISOString(),
      hardRule: nationalRule,
      beyondNational: c.resolutionDueAt !== null && c.resolutionDueAt > c.hardDueAt,
      autoCloseAt: c.status === 'answered' ? iso(c.autoCloseAt) : null,
      closeAfterNoReply: noReplyView(standard.agency),
      paused: c.pausedSince !== null,
      missing,
      answer: c.answer,
      outcome: c.outcome,
      answeredAt: iso(c.answeredAt),
      closedAt: iso(c.closedAt),
      reopenUntil: iso(c.reopenUntil),
      // Steps need the secret: someone who only knows the e-mail may look, not act.
      canComplete: bySecret && complainantMay('complete', c.status),
      canConfirm: bySecret && complainantMay('confirm', c.status),
      canReopen: bySecret && complainantMay('reopen', c.status) && !!c.reopenUntil && now <= c.reopenUntil,
      timeline: events.map((e) => ({
        at: e.at.toISOString(),
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: withNote.has(e.type) ? e.note : null,
      })),
    };
  }

  return { track };
}

export type Tracking = ReturnType<typeof createTracking>;
