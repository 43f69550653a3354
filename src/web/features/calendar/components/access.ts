import type { AgencySummary } from '../../../../shared/contracts/agencies.js';
import type { Me } from '../../../../shared/contracts/identity.js';
import { holdsAny } from '../../../lib/access.js';

export interface CalendarAccess {
  /** Fully signed in (a session still owing its second factor may not write anything yet). */
  signedIn: boolean;
  /** May change this agency's own dates and hours. */
  canEdit: boolean;
  /** The national-level agency through which this person keeps the national dates, if any. */
  nationalThrough: string | null;
}

/**
 * What the visitor may change in an agency's calendar: its own dates and hours with
 * `calendar.edit` there; the national dates through a national-level agency where they hold it.
 * /api/me lists agencies reached through an escalation tier too, so a provincial officer may edit
 * the calendars of the kabupaten below, as the server allows. A visitor is null.
 */
export function calendarAccessOf(me: Pick<Me, 'agencies' | 'pending'> | null | undefined, agencies: readonly Pick<AgencySummary, 'code' | 'level'>[], agency: string): CalendarAccess {
  const signedIn = Boolean(me) && me!.pending === null;
  const edits = (code: string) => signedIn && holdsAny(me, code, 'calendar.edit');
  return {
    signedIn,
    canEdit: edits(agency),
    nationalThrough: agencies.find((a) => a.level === 'national' && edits(a.code))?.code ?? null,
  };
}
