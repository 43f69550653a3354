/**
 * Which limit of a service's standard applies, and why: the one reading of channels, tiers and
 * timeline stages that intake, escalation, the clock sweeper, `sigap calendar due` and the pages
 * share. Pure: a service of a standard version in, a limit (or "not stated"), the hours it runs
 * on and the rule it comes from out. The standard is the law: a figure the document does not
 * give is never invented here.
 */
import type { Language } from '../../../shared/i18n/languages.js';
import { ruleMessages, type RuleKey } from '../../../shared/i18n/rules.js';
import type { WeeklyHours } from '../../../shared/contracts/hours.js';
import { isNotStated, limitAmount, type ServiceStandard, type TimeLimit as StandardLimit } from '../../../shared/standard/schema.js';
import { AppError } from '../../lib/app-error.js';
import type { TimeLimit } from '../calendar/limit.js';

/** Where a limit comes from in the standard. */
export type LimitRuleKind = 'channel' | 'tier' | 'stage' | 'component';

export interface LimitRule {
  /**
   * `channel`: the channel's own limit (or its "not stated"); `tier`: the escalation tier the
   * request is at; `stage`: a stage of the service's timeline; `component`: the service's
   * "Jangka Waktu Penyelesaian" component, when the channel states nothing of its own.
   */
  kind: LimitRuleKind;
  /** The channel's, tier's or stage's code; `timeLimit` for the component. */
  code: string;
  /** Its name as the standard writes it ("Aplikasi Pesan Singkat Helpdesk Katalog", "Helpdesk LKPP"). */
  name: string;
  /** The standard's own words about this limit: the note beside it, else the time-limit component; null when neither. */
  text: string | null;
}

/** The weekly hours a clock runs on: the channel's own when the standard states them, else the agency's calendar. */
export type LimitHours =
  | { source: 'channel'; weeklyHours: WeeklyHours }
  /** The agency's calendar: its service hours (and their profiles), as set for the agency. */
  | { source: 'agency' };

export interface ResolvedLimit {
  /** The limit (the promise is `max`); null when the standard states none: no deadline, never breaches. */
  limit: TimeLimit | null;
  /** The channel's time to a first answer, when it states one apart (channel queries only). */
  responseLimit: TimeLimit | null;
  hours: LimitHours;
  rule: LimitRule;
  /**
   * The tier is worked by another agency or system and states no limit: the agency's clock stops
   * at the hand-over ("at LKPP, no limit stated"). Null otherwise.
   */
  external: { agency: string | null; system: string | null } | null;
  /** The step whose arrival starts this clock; null: from the request's receipt (or arrival at the stage). */
  startsAt: string | null;
  /** The step whose arrival stops this clock (the agency's work done); null: at resolution. */
  stopsAt: string | null;
}

export interface LimitQuery {
  /** The channel the request came in by (its hours, and its limit when no tier or stage is named). */
  channel: string;
  /** An escalation tier of the workflow: its limit replaces the channel's. */
  tier?: string | undefined;
  /** A stage of the timeline: its own clock. */
  stage?: string | undefined;
  /** The timeline variant (selection method) a stage with limits per variant needs. */
  variant?: string | undefined;
}

/** A query that names what the service does not have; `toAppError` says which field and rule, in either language. */
export class LimitQueryError extends Error {
  constructor(
    readonly field: 'channel' | 'tier' | 'stage' | 'variant',
    readonly rule: RuleKey,
    readonly value: string,
  ) {
    super(`${field}: ${ruleMessages[rule].en.replaceAll('{value}', value)}`);
  }

  /** A 400 naming the field and the rule, in both languages. */
  toAppError(lang: Language): AppError {
    const says = (l: Language) => ruleMessages[this.rule][l].replaceAll('{value}', this.value);
    return new AppError(
      'validation',
      { id: `Data yang dikirim tidak valid: ${this.field} ${says('id')}`, en: `The data sent is not valid: ${this.field} ${says('en')}` },
      [{ field: this.field, rule: this.rule, message: says(lang) }],
    );
  }
}

/** A standard's limit ("[60, 120] minutes") as the calendar counts it ({ unit, max: 120, min: 60 }). */
export function calendarLimit(limit: StandardLimit | undefined): TimeLimit | null {
  if (!limit) return null;
  return Array.isArray(limit.amount)
    ? { unit: limit.unit, max: limitAmount(limit), min: limit.amount[0] }
    : { unit: limit.unit, max: limit.amount };
}

/** The service's "Jangka Waktu Penyelesaian" as written, or the note of its "not stated". */
export function timeLimitComponentText(service: ServiceStandard): string | null {
  const component = service.components.delivery.timeLimit;
  return isNotStated(component) ? (component.note ?? null) : component.trim();
}

/**
 * The limit of a service for a channel, an escalation tier or a timeline stage (a stage wins over
 * a tier, a tier over the channel), the weekly hours it runs on (the channel's own `hours` when
 * stated, else the agency's) and the rule of the standard it comes from, with the standard's words.
 *
 * - A channel with `limitNotStated`, or with only a response limit while the time-limit
 *   component is marked not stated, has no resolution limit: `limit` is null.
 * - A tier with its own `timeLimit` gives that limit (counted from the clock's start: the
 *   whole completion time at that tier). A tier of another agency or system without one gives
 *   `limit: null` and `external`; a tier of the agency's own role without one keeps the channel's.
 * - A stage gives its `limit`, or the one of `variant` in `limitsByVariant`.
 *
 * Throws `LimitQueryError` when the query names a channel, tier, stage or variant the service
 * does not have, or a stage limited per variant without the variant.
 */
export function resolveServiceLimit(service: ServiceStandard, query: LimitQuery): ResolvedLimit {
  const channel = service.channels.find((c) => c.code === query.channel);
  if (!channel) throw new LimitQueryError('channel', 'standard.channel_unknown', query.channel);
  const hours: LimitHours = channel.hours ? { source: 'channel', weeklyHours: channel.hours } : { source: 'agency' };

  if (query.stage !== undefined) {
    const stage = service.timeline?.stages.find((s) => s.code === query.stage);
    if (!stage) throw new LimitQueryError('stage', 'standard.stage_unknown', query.stage);
    let limit = stage.limit;
    if (stage.limitsByVariant) {
      if (query.variant === undefined) throw new LimitQueryError('variant', 'standard.variant_required', stage.code);
      limit = stage.limitsByVariant[query.variant];
      if (!limit) throw new LimitQueryError('variant', 'standard.variant_unknown', query.variant);
    }
    return {
      limit: calendarLimit(limit),
      responseLimit: null,
      hours,
      rule: stageRule(service, stage),
      external: null,
      startsAt: stage.steps[0] ?? null,
      stopsAt: null,
    };
  }

  if (query.tier !== undefined) {
    const tier = service.workflow.tiers.find((t) => t.code === query.tier);
    if (!tier) throw new LimitQueryError('tier', 'standard.tier_unknown', query.tier);
    const outside = tier.agency !== undefined || tier.system !== undefined;
    if (tier.timeLimit || outside) {
      return {
        limit: calendarLimit(tier.timeLimit),
        responseLimit: null,
        hours,
        rule: tierRule(service, tier),
        external: !tier.timeLimit && outside ? { agency: tier.agency ?? null, system: tier.system ?? null } : null,
        startsAt: channel.clockStartsAt ?? null,
        stopsAt: null,
      };
    }
    // A tier of the agency's own officers that states no limit of its own: the channel's applies.
  }

  return {
    limit: calendarLimit(channel.timeLimit),
    responseLimit: calendarLimit(channel.responseLimit),
    hours,
    rule: channelRule(service, channel),
    external: null,
    startsAt: channel.clockStartsAt ?? null,
    stopsAt: channel.clockStopsAt ?? null,
  };
}

type Channel = ServiceStandard['channels'][number];
type Tier = ServiceStandard['workflow']['tiers'][number];
type Stage = NonNullable<ServiceStandard['timeline']>['stages'][number];

const componentRule = (service: ServiceStandard): LimitRule => ({
  kind: 'component',
  code: 'timeLimit',
  name: 'Jangka Waktu Penyelesaian',
  text: timeLimitComponentText(service),
});

function channelRule(service: ServiceStandard, channel: Channel): LimitRule {
  // A channel that gives no figure and no words of its own is read by the service's component.
  if (!channel.timeLimit && channel.limitNotStated === undefined && channel.note === undefined) return componentRule(service);
  return { kind: 'channel', code: channel.code, name: channel.label, text: channel.limitNotStated ?? channel.note ?? timeLimitComponentText(service) };
}

function tierRule(service: ServiceStandard, tier: Tier): LimitRule {
  return { kind: 'tier', code: tier.code, name: tier.name, text: tier.note ?? timeLimitComponentText(service) };
}

function stageRule(service: ServiceStandard, stage: Stage): LimitRule {
  return { kind: 'stage', code: stage.code, name: stage.name, text: stage.note ?? timeLimitComponentText(service) };
}

/**
 * A rule recorded by kind and code (a request's stored limit), with its name and the standard's
 * words read again from the service; the component's when the code is no longer in the service.
 */
export function describeLimitRule(service: ServiceStandard, rule: { kind: LimitRuleKind; code: string }): LimitRule {
  if (rule.kind === 'channel') {
    const channel = service.channels.find((c) => c.code === rule.code);
    if (channel) return channelRule(service, channel);
  } else if (rule.kind === 'tier') {
    const tier = service.workflow.tiers.find((t) => t.code === rule.code);
    if (tier) return tierRule(service, tier);
  } else if (rule.kind === 'stage') {
    const stage = service.timeline?.stages.find((s) => s.code === rule.code);
    if (stage) return stageRule(service, stage);
  }
  return componentRule(service);
}
