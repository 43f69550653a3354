import type { Language } from '../../../shared/i18n/languages.js';
import { effects, type Effect } from '../../../shared/standard/effects.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditActor } from '../audit/audit.service.js';

/**
 * The named effects a workflow action may have on records outside the request
 * (`src/shared/standard/effects.ts`). Each runs inside the action's transaction, so the request
 * moves on only if its effects succeeded. The modules that own those records register their
 * handlers (the vendor module fills `vendor.*`); a name nobody has implemented yet refuses the
 * action with a clear message instead of letting it pass as if done.
 */

export interface EffectContext {
  tx: Executor;
  agencyId: string;
  request: {
    id: string;
    number: string;
    serviceCode: string;
    requesterEmail: string | null;
    organisationNpwp: string | null;
    /** The external tier's reference after this action (an escalation handed to LKPP), if any. */
    externalReference: string | null;
  };
  action: string;
  /** The actor's comment on the action (a deactivation's reason, …). */
  comment: string | null;
  actor: AuditActor;
  at: Date;
  /** The caller's language, for the details of a refusal. */
  lang: Language;
  /**
   * Work for after the action has committed (an e-mail): never run when it rolls back; a
   * failure is logged and the action stands.
   */
  afterCommit(task: () => Promise<void>): void;
}

/** What an effect did, kept on the action's event. */
export type EffectHandler = (context: EffectContext) => Promise<Record<string, unknown> | void>;

export type EffectHandlers = Partial<Record<Effect, EffectHandler>>;

export interface EffectsRegistry {
  isImplemented(name: Effect): boolean;
  /** Refuses before anything is written when one of the effects has no handler. */
  assertAvailable(names: readonly Effect[]): void;
  run(names: readonly Effect[], context: EffectContext): Promise<Record<string, unknown>>;
}

export function effectUnavailable(name: string): AppError {
  return new AppError(
    'conflict',
    {
      id: `Tindakan ini menjalankan efek "${name}" yang belum tersedia di Sigap; tindakan tidak dilakukan. Hubungi administrator.`,
      en: `This action runs the effect "${name}", which Sigap does not provide yet; nothing was done. Contact the administrator.`,
    },
    [{ field: 'action', rule: 'request.effect_unavailable', message: name }],
  );
}

export function createEffectsRegistry(handlers: EffectHandlers = {}): EffectsRegistry {
  const table = new Map<Effect, EffectHandler>();
  for (const name of effects) {
    const handler = handlers[name];
    if (handler) table.set(name, handler);
  }
  return {
    isImplemented: (name) => table.has(name),
    assertAvailable(names) {
      for (const name of names) if (!table.has(name)) throw effectUnavailable(name);
    },
    async run(names, context) {
      const results: Record<string, unknown> = {};
      for (const name of names) {
        const handler = table.get(name);
        if (!handler) throw effectUnavailable(name);
        results[name] = (await handler(context)) ?? {};
      }
      return results;
    },
  };
}

/**
 * The effects Sigap implements today. `booking.confirm` has no bookings module yet; the
 * test suite passes its own handler to prove the mechanism (see requests.int.test.ts).
 */
export const builtInEffects: EffectHandlers = {};
