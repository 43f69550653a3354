import type { ChannelKind, RequesterType, ServiceStandard } from '../../../shared/standard/schema.js';
import { limitAmount, requesterRole, type TimeLimit as StandardLimit } from '../../../shared/standard/schema.js';
import type { RequestStatus } from '../../../shared/contracts/requests.js';
import type { StoredLimit } from '../../db/tables/index.js';

/**
 * The workflow of a service as its standard defines it, read for the engine: steps, actions,
 * tiers, the checklist a channel and requester type ask for. Pure.
 */

export type Step = ServiceStandard['workflow']['steps'][number];
export type Action = Step['actions'][number];
export type Tier = ServiceStandard['workflow']['tiers'][number];
export type Channel = ServiceStandard['channels'][number];
export type Requirement = ServiceStandard['requirements'][number];

export function findStep(service: ServiceStandard, code: string): Step | undefined {
  return service.workflow.steps.find((s) => s.code === code);
}

export function findTier(service: ServiceStandard, code: string | null | undefined): Tier | undefined {
  return code ? service.workflow.tiers.find((t) => t.code === code) : undefined;
}

export function entryStep(service: ServiceStandard, channel: Channel): Step {
  return findStep(service, channel.startStep ?? service.workflow.steps[0]!.code)!;
}

/** A requester step with an action to a completed final step: the product awaits confirmation. */
export function isConfirmationStep(service: ServiceStandard, step: Step): boolean {
  return step.role === requesterRole && step.actions.some((a) => isCompletion(service, a));
}

export function isCompletion(service: ServiceStandard, action: Action): boolean {
  const to = findStep(service, action.to);
  return to !== undefined && to.final && (to.outcome ?? 'completed') === 'completed';
}

/** The action that closes a confirmation step when the requester does not answer. */
export function autoCloseAction(service: ServiceStandard, step: Step): Action | undefined {
  return step.role === requesterRole ? step.actions.find((a) => isCompletion(service, a)) : undefined;
}

/** An action delivers the product when it leads to a confirmation step or a completed end. */
export function deliversProduct(service: ServiceStandard, from: Step, action: Action): boolean {
  if (from.role === requesterRole) return false;
  const to = findStep(service, action.to);
  if (!to) return false;
  return isConfirmationStep(service, to) || isCompletion(service, action);
}

export function statusOf(service: ServiceStandard, step: Step): RequestStatus {
  if (step.final) return 'closed';
  if (step.role === requesterRole) return isConfirmationStep(service, step) ? 'confirming' : 'waiting';
  return 'open';
}

/**
 * Whether the clocks stand still in a step: the requester's turn (feedback asked, incomplete file,
 * product awaiting confirmation), a step reached by a `pausesClock` action, or the end.
 */
export function clockPausedIn(step: Step, arrivedBy: Action | undefined): boolean {
  return step.final || step.role === requesterRole || arrivedBy?.pausesClock === true;
}

/** The requirements that apply to a channel and a requester type, in the standard's order. */
export function checklistFor(service: ServiceStandard, channel: string, requesterType: RequesterType): Requirement[] {
  return service.requirements.filter(
    (r) => (!r.channels || r.channels.includes(channel)) && (!r.requesterTypes || r.requesterTypes.includes(requesterType)),
  );
}

/**
 * Whether a step checks the file: it has an action that sends the request back to the requester
 * with the clock paused ("tidak lengkap", "minta data"). Its other, forward actions need every
 * required checklist item received.
 */
export function isCheckingStep(service: ServiceStandard, step: Step): boolean {
  return step.actions.some((a) => a.pausesClock && findStep(service, a.to)?.role === requesterRole);
}

export function toStoredLimit(limit: StandardLimit | undefined): StoredLimit | null {
  if (!limit) return null;
  return Array.isArray(limit.amount)
    ? { unit: limit.unit, max: limitAmount(limit), min: limit.amount[0] }
    : { unit: limit.unit, max: limit.amount };
}

/** Channels a caller may file through: the public and the portal only online ones. */
export const onlineChannelKinds: readonly ChannelKind[] = ['website', 'application', 'email', 'chat'];
/** Channels staff record on someone's behalf. */
export const staffChannelKinds: readonly ChannelKind[] = ['walk_in', 'call_centre', 'letter', 'email', 'chat', 'website', 'application'];
