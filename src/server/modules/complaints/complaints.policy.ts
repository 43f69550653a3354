/**
 * Who may see what of a complaint, and which step each status allows. The route names the
 * permission (complaints.view / complaints.handle); this decides the rest, record by record.
 */
import {
  complaintStaffActions,
  type ComplainantAction,
  type ComplaintStaffAction as StaffAction,
  type ComplaintStatus,
} from '../../../shared/contracts/complaints.js';
import type { Permission } from '../../../shared/permissions.js';

export type { ComplainantAction, StaffAction };

/** The statuses each officer's step may start from. */
export const staffTransitions: Record<StaffAction, readonly ComplaintStatus[]> = {
  verify: ['received'],
  record_completion: ['incomplete'],
  // A class may be corrected until the complaint is handed to an officer.
  classify: ['verified', 'classified'],
  assign: ['classified', 'assigned', 'followed_up', 'reopened'],
  follow_up: ['assigned', 'followed_up', 'reopened'],
  answer: ['assigned', 'followed_up', 'reopened'],
  close: ['answered'],
};

export const complainantTransitions: Record<ComplainantAction, readonly ComplaintStatus[]> = {
  complete: ['incomplete'],
  confirm: ['answered'],
  reopen: ['closed'],
};

export function staffActionsFor(status: ComplaintStatus): StaffAction[] {
  return complaintStaffActions.filter((a) => staffTransitions[a].includes(status));
}

export function mayTake(action: StaffAction, status: ComplaintStatus): boolean {
  return staffTransitions[action].includes(status);
}

export function complainantMay(action: ComplainantAction, status: ComplaintStatus): boolean {
  return complainantTransitions[action].includes(status);
}

/**
 * Whether an officer sees the complainant's identity: always for a complaint filed openly (to
 * holders of complaints.view, who reach it only through the routes), and for an anonymous one
 * only with complaints.identity, the complaint team's permission. Public pages, exports and
 * statistics never call this: they never read identity at all.
 */
export function maySeeIdentity(options: { anonymous: boolean; permissions: ReadonlySet<Permission> }): boolean {
  if (!options.permissions.has('complaints.view') && !options.permissions.has('complaints.handle')) return false;
  return !options.anonymous || options.permissions.has('complaints.identity');
}
