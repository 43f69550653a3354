import { calendarOnHours, computeDue, readClock, type BusinessCalendar, type ClockState } from '../calendar/calendar.js';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import { LimitQueryError, resolveServiceLimit, type LimitRule } from '../standards/standards.limits.js';
import { findStep, isConfirmationStep } from './requests.workflow.js';
import type { ClockKind, ClockStateName } from '../../../shared/contracts/requests.js';
import type { StoredLimit, StoredPause, StoredStageClock } from '../../db/tables/index.js';
import { requesterRole } from '../../../shared/standard/schema.js';

/**
 * The two clocks of a request (response and resolution) read from its stored fields: deadlines
 * moved by the pauses, warning and breach, and when the sweeper must look again. Pure.
 */

export interface ClockFields {
  clockStartedAt: Date | null;
  responseLimit: StoredLimit | null;
  resolutionLimit: StoredLimit | null;
  respondedAt: Date | null;
  resolvedAt: Date | null;
  pauses: StoredPause[];
  pausedSince: Date | null;
  clockState: ClockStateName;
  autoCloseAt: Date | null;
  closedAt: Date | null;
  /** The timeline's stages as clocks (none for a service without a timeline). */
  stageClocks?: StoredStageClock[] | undefined;
}

export interface ClockReading {
  kind: ClockKind;
  /** The stage's code, for a stage clock. */
  stage?: string | undefined;
  limit: StoredLimit;
  /** Null before the clock has started. */
  state: ClockState | null;
  /** Stopped at this instant (responded, resolved, closed); null while it runs. */
  stoppedAt: number | null;
}

export interface ClockSummary {
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** The nearest deadline of a running clock, for queue order; null while paused or stopped. */
  sortDueAt: Date | null;
  /** The worst state a running (or stopped-late) clock is in at `at`. */
  observed: ClockStateName;
  /** When the sweeper must look next: a warning, a deadline, or the auto-close. */
  nextCheckAt: Date | null;
}

function pausesOf(fields: ClockFields): StoredPause[] {
  return fields.pauses.map((p) => ({ from: p.from, to: p.to }));
}

export function readClocks(calendar: BusinessCalendar, fields: ClockFields, at: number): ClockReading[] {
  const readings: ClockReading[] = [];
  const pairs: [ClockKind, StoredLimit | null, Date | null][] = [
    ['response', fields.responseLimit, fields.respondedAt],
    ['resolution', fields.resolutionLimit, fields.resolvedAt ?? fields.closedAt],
  ];
  for (const [kind, limit, stopped] of pairs) {
    if (!limit) continue;
    if (!fields.clockStartedAt) {
      readings.push({ kind, limit, state: null, stoppedAt: null });
      continue;
    }
    const stops = [stopped?.getTime(), limit.stoppedAt].filter((t): t is number => t !== undefined);
    const stoppedAt = stops.length > 0 ? Math.min(...stops) : null;
    const readAt = stoppedAt ?? at;
    const state = readClock(calendar, {
      start: fields.clockStartedAt.getTime(),
      limit,
      pauses: pausesOf(fields),
      at: Math.max(readAt, fields.clockStartedAt.getTime()),
    });
    readings.push({ kind, limit, state, stoppedAt });
  }
  for (const stage of fields.stageClocks ?? []) {
    if (!stage.limit || stage.startedAt === null) continue;
    const stoppedAt = stage.stoppedAt ?? (fields.closedAt ? fields.closedAt.getTime() : null);
    const state = readClock(calendar, { start: stage.startedAt, limit: stage.limit, pauses: pausesOf(fields), at: Math.max(stoppedAt ?? at, stage.startedAt) });
    readings.push({ kind: 'stage', stage: stage.stage, limit: stage.limit, state, stoppedAt });
  }
  return readings;
}

/** Deadlines with the pauses so far (an open pause counted up to `at`). */
export function summarizeClocks(calendar: BusinessCalendar, fields: ClockFields, at: number): ClockSummary {
  const readings = readClocks(calendar, fields, at);
  let observed: ClockStateName = 'ok';
  let sortDue: number | null = null;
  let nextCheck: number | null = null;
  const paused = fields.pausedSince !== null;
  const dueOf = (kind: ClockKind) => {
    const r = readings.find((x) => x.kind === kind);
    return r?.state ? new Date(r.state.due) : null;
  };
  for (const r of readings) {
    if (!r.state) continue;
    if (r.state.breached) observed = 'breached';
    else if (r.state.warning && observed === 'ok' && r.stoppedAt === null) observed = 'warning';
    if (r.stoppedAt !== null || paused || fields.closedAt) continue;
    sortDue = sortDue === null ? r.state.due : Math.min(sortDue, r.state.due);
    // Look again when the warning comes, then just after the deadline passes.
    const next = !r.state.warning && !r.state.breached ? r.state.warningAt : r.state.breached ? null : r.state.due + 1;
    if (next !== null) nextCheck = nextCheck === null ? next : Math.min(nextCheck, next);
  }
  if (fields.autoCloseAt && !fields.closedAt) {
    const t = fields.autoCloseAt.getTime();
    nextCheck = nextCheck === null ? t : Math.min(nextCheck, t);
  }
  return {
    responseDueAt: dueOf('response'),
    resolutionDueAt: dueOf('resolution'),
    sortDueAt: sortDue === null ? null : new Date(sortDue),
    observed,
    nextCheckAt: nextCheck === null ? null : new Date(nextCheck),
  };
}

/** Opens a pause at `at` unless one is open. */
export function openPause(fields: Pick<ClockFields, 'pauses' | 'pausedSince'>, at: number): { pauses: StoredPause[]; pausedSince: Date } {
  if (fields.pausedSince) return { pauses: fields.pauses, pausedSince: fields.pausedSince };
  return { pauses: [...fields.pauses, { from: at, to: null }], pausedSince: new Date(at) };
}

/** Closes the open pause at `at`. */
export function closePause(fields: Pick<ClockFields, 'pauses' | 'pausedSince'>, at: number): { pauses: StoredPause[]; pausedSince: null } {
  return { pauses: fields.pauses.map((p) => (p.to === null ? { from: p.from, to: Math.max(at, p.from) } : p)), pausedSince: null };
}

/** A deadline without pauses, for a quick answer at intake. */
export function dueFrom(calendar: BusinessCalendar, start: number, limit: StoredLimit): number {
  return computeDue(calendar, { start, limit }).due;
}

/**
 * The calendar a request's clocks run on: the hours of the channel it came in by when the
 * standard states them (Kalsel's catalogue chat "pukul 09.00-15.00 WITA setiap hari kerja"),
 * else the agency's calendar as it is.
 */
export function channelCalendar(agencyCalendar: BusinessCalendar, service: ServiceStandard, channelCode: string): BusinessCalendar {
  const { hours } = resolveServiceLimit(service, { channel: channelCode });
  return hours.source === 'channel' ? calendarOnHours(agencyCalendar, hours.weeklyHours) : agencyCalendar;
}

/** A resolved limit as a request stores it: the limit and the rule it comes from. */
function stored(limit: StoredLimit | null, rule: LimitRule): StoredLimit | null {
  return limit ? { ...limit, rule: { kind: rule.kind, code: rule.code } } : null;
}

/** The limits a request gets at intake: the channel's own, each with its rule; null where the standard states none. */
export function intakeLimits(service: ServiceStandard, channelCode: string): { responseLimit: StoredLimit | null; resolutionLimit: StoredLimit | null } {
  const resolved = resolveServiceLimit(service, { channel: channelCode });
  return {
    responseLimit: resolved.responseLimit ? { ...resolved.responseLimit, rule: { kind: 'channel', code: channelCode } } : null,
    resolutionLimit: stored(resolved.limit, resolved.rule),
  };
}

/**
 * The resolution clock at an escalation tier. A tier that states a limit gives it (Klungkung's
 * Helpdesk LKPP: "7 (tujuh) hari (untuk penyelesaian ditindaklanjuti ke helpdesk LKPP)"), counted
 * from the clock's start; a tier of another agency or system that states none hands the request
 * over: the agency's clock stops while it is there ("Proses di LKPP disesuaikan dengan kondisi di
 * LKPP"); a tier of the agency's own officers without one keeps the channel's. No tier (a final
 * step): the limit stays what it was.
 */
export function tierClock(
  service: ServiceStandard,
  channelCode: string,
  tier: string | null,
  current: StoredLimit | null,
): { resolutionLimit: StoredLimit | null; handedOver: boolean } {
  if (tier === null || !service.workflow.tiers.some((t) => t.code === tier)) return { resolutionLimit: current, handedOver: false };
  const resolved = resolveServiceLimit(service, { channel: channelCode, tier });
  if (resolved.external) return { resolutionLimit: current, handedOver: true };
  return { resolutionLimit: stored(resolved.limit, resolved.rule), handedOver: false };
}

/**
 * The resolution limit stopped at `at` when the request arrives at the step the channel's standard
 * says the clock stops at (`clockStopsAt`): for a service tied to an event date (an audience, a
 * bimtek) the clock covers the agency's work up to the agreed schedule, not the wait for the date.
 */
export function stopAtStep(service: ServiceStandard, channelCode: string, step: string, limit: StoredLimit | null, at: number): StoredLimit | null {
  const { stopsAt } = resolveServiceLimit(service, { channel: channelCode });
  if (!limit || limit.stoppedAt !== undefined || stopsAt !== step) return limit;
  return { ...limit, stoppedAt: at };
}

/**
 * The stages of the service's timeline as clocks, moved on by the request's arrival at `stepCode`
 * at `at`: a stage starts on arrival at one of its steps (Klungkung's selection: "Penerimaan
 * surat permohonan ... sampai dengan disposisi dan surat tugas" starts at the letter's receipt),
 * and stops on leaving its steps for a step of the agency's, a confirmation or the end (so the
 * first stage ends at "disposisi dan surat tugas", not at the first officer action). A
 * requester's step within a stage (documents to complete) pauses it with the request's pauses.
 * A stage limited per variant without the variant chosen runs with no limit: not stated.
 */
export function advanceStages(
  service: ServiceStandard,
  channelCode: string,
  variant: string | null,
  clocks: readonly StoredStageClock[],
  stepCode: string,
  at: number,
): StoredStageClock[] {
  const stages = service.timeline?.stages ?? [];
  if (stages.length === 0) return [...clocks];
  const step = findStep(service, stepCode);
  const leaves = step !== undefined && (step.final || step.role !== requesterRole || isConfirmationStep(service, step));
  const out = clocks.map((c) => {
    const stage = stages.find((s) => s.code === c.stage);
    const running = c.startedAt !== null && c.stoppedAt === null;
    return running && leaves && !stage?.steps.includes(stepCode) ? { ...c, stoppedAt: at } : c;
  });
  for (const stage of stages) {
    if (!stage.steps.includes(stepCode) || out.some((c) => c.stage === stage.code)) continue;
    let limit: StoredLimit | null = null;
    try {
      limit = stored(resolveServiceLimit(service, { channel: channelCode, stage: stage.code, variant: variant ?? undefined }).limit, { kind: 'stage', code: stage.code, name: stage.name, text: null });
    } catch (error) {
      if (!(error instanceof LimitQueryError)) throw error;
    }
    out.push({ stage: stage.code, limit, startedAt: at, stoppedAt: null });
  }
  return out;
}
