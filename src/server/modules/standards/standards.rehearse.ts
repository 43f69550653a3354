/**
 * `sigap standards rehearse`: a dress rehearsal (gladi resik) of the stored standards. On a
 * scratch copy of Sigap (services over a throwaway database the caller opens), it files one
 * request per service and channel and walks the main path of its workflow from intake to
 * closed, applying every named effect, and says per service whether it reached its product or
 * which step, effect or rule stopped it.
 *
 * The main path of a channel is the fewest actions from the channel's entry step to a final step
 * whose outcome is `completed`, never an action that pauses the clock (feedback asked of the
 * requester) or one that returns to a step already passed; among equally short paths, the
 * action the standard lists first. An action with a named effect that the main paths of its
 * channel do not take is walked too, on a request of its own (the letter reply beside the
 * e-mail one), so that every effect the service names is applied once.
 */
import { randomBytes } from 'node:crypto';
import type { IntakeInput, PublicRequestView, RequestView } from '../../../shared/contracts/requests.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { requesterRole, type ServiceStandard } from '../../../shared/standard/schema.js';
import { AppError } from '../../lib/app-error.js';
import type { Mail } from '../../lib/mailer.js';
import { systemActor } from '../audit/audit.service.js';
import { anonymous, type UserActor } from '../identity/identity.actor.js';
import type { CallContext } from '../requests/requests.service.js';
import type { LoadedAgency } from './standards.loader.js';
import type { Services } from '../../services.js';
import { vendorEffectOf } from '../vendors/vendors.applications.js';
import { createVendorRehearsal } from '../vendors/vendors.rehearsal.js';

/** The copy the rehearsal works on: every service over a throwaway database, and what it mailed (kept, never sent). */
export interface Scratch {
  services: Pick<Services, 'agencies' | 'standards' | 'staff' | 'requests' | 'vendors'>;
  mails: readonly Mail[];
  close(): Promise<void>;
}

export interface RehearseOptions {
  agency?: string | undefined;
  service?: string | undefined;
  lang: Language;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** One service's result: its product reached on every channel, or the first stop. */
export interface ServiceRehearsal {
  agency: string;
  service: string;
  reached: boolean;
  line: string;
}

interface Step {
  code: string;
  final: boolean;
  outcome?: string | undefined;
  actions: readonly { code: string; to: string; pausesClock: boolean; effects: readonly string[] }[];
}

/** Fewest forward actions from `from` to a step `done` accepts, the first-listed action first; undefined when none. */
function shortestForward(steps: readonly Step[], from: string, done: (step: Step) => boolean): string[] | undefined {
  const byCode = new Map(steps.map((s) => [s.code, s]));
  const paths = new Map<string, string[]>([[from, []]]);
  const queue = [from];
  while (queue.length > 0) {
    const code = queue.shift()!;
    const step = byCode.get(code);
    if (!step) continue;
    if (done(step)) return paths.get(code);
    for (const action of step.actions) {
      if (action.pausesClock || paths.has(action.to)) continue;
      paths.set(action.to, [...paths.get(code)!, action.code]);
      queue.push(action.to);
    }
  }
  return undefined;
}

const completed = (step: Step) => step.final && (step.outcome ?? 'completed') === 'completed';

/**
 * The paths a channel is rehearsed on, each a list of action codes from its entry step: the main
 * path, then one through each action with an effect that no earlier path took.
 */
export function rehearsalPaths(service: ServiceStandard, channelCode: string): string[][] {
  const steps = service.workflow.steps;
  const channel = service.channels.find((c) => c.code === channelCode)!;
  const entry = channel.startStep ?? steps[0]!.code;
  const main = shortestForward(steps, entry, completed);
  const paths: string[][] = main ? [main] : [];
  const walked = (stepCode: string, actionCode: string) =>
    paths.some((p) => {
      let at = entry;
      for (const code of p) {
        if (at === stepCode && code === actionCode) return true;
        at = steps.find((s) => s.code === at)!.actions.find((a) => a.code === code)!.to;
      }
      return false;
    });
  for (const step of steps) {
    for (const action of step.actions) {
      if (action.effects.length === 0 || action.pausesClock || walked(step.code, action.code)) continue;
      const before = shortestForward(steps, entry, (s) => s.code === step.code);
      const after = shortestForward(steps, action.to, completed);
      if (before && after) paths.push([...before, action.code, ...after]);
    }
  }
  return paths;
}

/** A refusal as the person reading the rehearsal needs it: the message and the rule it names. */
function describeError(error: unknown, lang: Language): string {
  if (error instanceof AppError) {
    const rules = [...new Set((error.details ?? []).map((d) => (d.message && d.rule === 'request.effect_unavailable' ? `${d.rule}: ${d.message}` : `${d.field} ${d.rule}`)))];
    return `${error.localized[lang]}${rules.length ? ` [${rules.join('; ')}]` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Rehearses the stored standards (the latest version of each agency, or of `agency`; one
 * `service`) on the scratch copy `openScratch` gives, and prints one line per service and the
 * summary `N/M services reach their product`. Returns the exit code: 0 when every rehearsed
 * service reached its product, 1 when one did not, 3 when the agency or service does not exist.
 */
export async function rehearseStandards(
  source: Pick<Services, 'agencies' | 'standards'>,
  openScratch: (options: { clock: () => Date }) => Promise<Scratch>,
  options: RehearseOptions,
): Promise<number> {
  const { lang, out, err } = options;
  const stored: LoadedAgency[] = [];
  for (const agency of await source.agencies.listAgencies()) {
    try {
      const version = await source.standards.getStoredVersion({ code: agency.code });
      stored.push({ dir: `stored:${agency.code}`, agency: version.agency, services: version.services });
    } catch (error) {
      // An agency saved without a standard (a parent named by another's escalation) has nothing to rehearse.
      if (!(error instanceof AppError && error.status === 404)) throw error;
    }
  }
  const chosen = stored.filter((a) => !options.agency || a.agency.code === options.agency);
  if (options.agency && chosen.length === 0) {
    err(lang === 'id' ? `Instansi "${options.agency}" tidak punya standar pelayanan tersimpan.` : `Agency "${options.agency}" has no stored service standard.`);
    return 3;
  }
  if (options.service && !chosen.some((a) => a.services.some((s) => s.code === options.service))) {
    err(lang === 'id' ? `Layanan "${options.service}" tidak ada.` : `Service "${options.service}" does not exist.`);
    return 3;
  }

  // The latest versions are rehearsed as they will be in force: a decree not yet effective is
  // rehearsed on its first day.
  const startMs = Math.max(Date.now(), ...chosen.map((a) => Date.parse(`${a.agency.decree.effectiveFrom}T12:00:00Z`)));
  const offset = startMs - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const scratch = await openScratch({ clock });
  try {
    // Every agency, so that an escalation to another agency of this deployment finds it.
    await scratch.services.standards.importLoaded({ agencies: stored, actor: systemActor('sigap standards rehearse') });
    const results: ServiceRehearsal[] = [];
    const runner = await rehearsalOfficer(scratch, stored.map((a) => a.agency.code));
    for (const loaded of chosen) {
      const services = loaded.services.filter((s) => !options.service || s.code === options.service);
      for (const service of services) {
        const result = await rehearseService(scratch, { agencyCode: loaded.agency.code, service, actor: runner, lang, clock });
        results.push(result);
        out(result.line);
      }
    }
    const reached = results.filter((r) => r.reached).length;
    out(`${reached}/${results.length} services reach their product`);
    return reached === results.length ? 0 : 1;
  } finally {
    await scratch.close();
  }
}

/** An officer of the scratch copy holding every role of every agency, so any officer step can be acted in. */
async function rehearsalOfficer(scratch: Scratch, codes: readonly string[]): Promise<UserActor> {
  const email = `gladi-resik-${randomBytes(4).toString('hex')}@contoh.invalid`;
  const name = 'Petugas Gladi Resik';
  const ctx = { ip: null, userAgent: null, requestId: null, language: 'en' as const };
  let id = '';
  for (const code of codes) {
    const agency = await scratch.services.agencies.getAgency({ code });
    const roles = (await scratch.services.staff.listRoles({ agency })).map((r) => r.code);
    if (roles.length === 0) continue;
    const invited = await scratch.services.staff.inviteStaff({ actor: { type: 'system', label: 'sigap standards rehearse' }, agency, email, name, roles, ctx });
    id = invited.id;
  }
  return { type: 'user', userId: id, email, name, sessionId: '', csrfToken: '', pending: null };
}

/** Files and walks every rehearsal path of every channel of one service; the first stop ends it. */
async function rehearseService(
  scratch: Scratch,
  options: { agencyCode: string; service: ServiceStandard; actor: UserActor; lang: Language; clock: () => Date },
): Promise<ServiceRehearsal> {
  const { agencyCode, service, lang } = options;
  const { requests, vendors, agencies } = scratch.services;
  const agency = await agencies.getAgency({ code: agencyCode });
  const workspace = { id: agency.id, code: agency.code, name: agency.name };
  const ctx: CallContext = { actor: options.actor, ip: null, requestId: null, lang };
  const vendorRehearsal = createVendorRehearsal(vendors);
  const vendorEffect = vendorEffectOf(service);
  const head = `${agencyCode}/${service.code}`;
  const stop = (channel: string, where: string, why: string): ServiceRehearsal => ({
    agency: agencyCode,
    service: service.code,
    reached: false,
    line: `${head}: STOPPED on channel ${channel} at ${where}: ${why}`,
  });

  for (const channel of service.channels) {
    const paths = rehearsalPaths(service, channel.code);
    if (paths.length === 0) return stop(channel.code, `step ${channel.startStep ?? service.workflow.steps[0]!.code}`, 'no path of its workflow reaches a completed final step');
    for (const path of paths) {
      const type = vendorEffect ? 'vendor' : (['public', 'government', 'vendor'] as const).find((t) => service.requesterTypes.includes(t))!;
      const sample = vendorEffect ? await vendorRehearsal.vendorFor({ ctx, workspace, service }) : undefined;
      const organisation: IntakeInput['organisation'] =
        sample?.organisation ??
        (type === 'vendor' ? { name: 'CV Gladi Resik', nib: '9120001234567' } : type === 'government' ? { governmentUnit: 'Dinas Contoh' } : undefined);
      let number: string;
      let secret: string;
      try {
        const receipt = await requests.intake({
          ctx,
          agencyCode,
          source: 'staff',
          input: {
            service: service.code,
            channel: channel.code,
            title: `Gladi resik ${service.code}`,
            requester: sample?.requester ?? { type, name: 'Pemohon Gladi Resik', email: `pemohon-${randomBytes(4).toString('hex')}@contoh.invalid` },
            ...(organisation ? { organisation } : {}),
            fields: {},
            statements: [],
            // Far enough ahead for any lead-time rule ("paling lambat 3 hari sebelum kunjungan").
            ...(service.leadTimeRules.length > 0 ? { eventDate: new Date(options.clock().getTime() + 90 * 86_400_000).toISOString().slice(0, 10) } : {}),
          },
        });
        number = receipt.number;
        secret = receipt.trackingSecret;
        if (sample) await vendorRehearsal.link({ ctx, workspace, number, vendorId: sample.vendorId, service });
      } catch (error) {
        return stop(channel.code, 'intake', describeError(error, lang));
      }

      for (const actionCode of path) {
        let view: RequestView = await requests.getForStaff({ ctx, workspaceId: agency.id, number });
        const where = `step ${view.step.code}, action ${actionCode}`;
        const requesterTurn = view.step.role === requesterRole;
        const offered: RequestView | PublicRequestView = requesterTurn ? await requests.track({ number, secret }) : view;
        const action = offered.allowedActions.find((a) => a.code === actionCode);
        if (!action) return stop(channel.code, where, `the action is not offered (offered: ${offered.allowedActions.map((a) => a.code).join(', ') || 'none'})`);
        try {
          let version = offered.version;
          const missing = view.checklist.filter((c) => c.required && c.state !== 'received' && c.state !== 'original_shown');
          if (!requesterTurn && missing.length > 0) {
            view = await requests.markChecklist({ ctx, workspaceId: agency.id, number, items: missing.map((c) => ({ code: c.code, state: 'received' as const })) });
            version = view.version;
          }
          const leaves = action.escalatesTo?.kind === 'system' || (action.escalatesTo?.kind === 'agency' && !(await agencies.findByCode(action.escalatesTo.code)));
          const input = {
            action: action.code,
            version,
            comment: 'Gladi resik standar pelayanan',
            ...(action.needsProduct ? { product: { text: `Produk gladi resik: ${service.products.map((p) => p.name).join('; ')}` } } : {}),
            ...(leaves ? { externalReference: 'GLADI-RESIK-0001' } : {}),
          };
          if (requesterTurn) await requests.actAsRequester({ ctx: { ...ctx, actor: anonymous }, number, input, secret });
          else await requests.actAsOfficer({ ctx, workspaceId: agency.id, number, input });
        } catch (error) {
          return stop(channel.code, where, describeError(error, lang));
        }
      }
      const done = await requests.getForStaff({ ctx, workspaceId: agency.id, number });
      if (done.status !== 'closed' || done.outcome !== 'completed') {
        return stop(channel.code, `step ${done.step.code}`, `the walk ended ${done.status}${done.outcome ? ` (${done.outcome})` : ''}, not closed with its product`);
      }
    }
  }
  const products = service.products.map((p) => p.name).join('; ');
  return { agency: agencyCode, service: service.code, reached: true, line: `${head}: reaches its product (${products}) on ${service.channels.map((c) => c.code).join(', ')}` };
}
