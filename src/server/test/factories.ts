/**
 * Test factories: the records every module's tests start from, made through the real services
 * (the same ones `createServices` gives the app), so a factory cannot make what the rules forbid:
 * an officer's roles must be defined in the agency, the password passes the policy, TOTP is
 * enrolled with a code and encrypted with the deployment key, a request is filed and moved step by
 * step as its standard's workflow allows.
 *
 * Integration tests: `createFactories(t)` with the TestApp (its services and the mails they sent).
 * The browser journeys and `sigap` tests seed a database the server opens later:
 * `createFactories(servicesFor(database, { secretKey }))` with the key the server will be given.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FileComplaintInput, FiledComplaint } from '../../shared/contracts/complaints.js';
import { fileComplaintInput } from '../../shared/contracts/complaints.js';
import type { RequesterType } from '../../shared/contracts/identity.js';
import type { ActionInput, IntakeInput, PublicRequestView, RequestView } from '../../shared/contracts/requests.js';
import type { Permission } from '../../shared/permissions.js';
import { requesterRole } from '../../shared/standard/schema.js';
import type { Database } from '../db/client.js';
import { apiTokens, users } from '../db/tables/index.js';
import type { Mail, Mailer } from '../lib/mailer.js';
import { hashToken, randomToken } from '../lib/secrets.js';
import type { Agency } from '../modules/agencies/agencies.service.js';
import { systemActor } from '../modules/audit/audit.service.js';
import { anonymous, type SystemActor, type UserActor } from '../modules/identity/identity.actor.js';
import type { RequestContext } from '../modules/identity/identity.service.js';
import { checkPassword, type PasswordContext } from '../modules/identity/identity.password-policy.js';
import { totpCodeAt } from '../modules/identity/identity.totp.js';
import type { CallContext } from '../modules/requests/requests.service.js';
import { loadStandards, type LoadedAgency } from '../modules/standards/standards.loader.js';
import type { Services } from '../services.js';
import { createTestServices } from './app.js';

/**
 * What factories need: the services, and the mails they sent (the invitation and verification
 * links that officers and requesters are made with; agencies, tokens, requests and complaints need none).
 */
export interface FactoryTarget {
  services: Services;
  mails?: readonly Mail[] | undefined;
}

/** A mailer that keeps every message, and passes it on to `forward` when given (a test's SMTP server). */
export function recordingMailer(forward?: Mailer): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    sent,
    async send(mail) {
      sent.push(mail);
      if (forward) await forward.send(mail);
    },
  };
}

/**
 * Services over a database that no app serves yet (a journey's data folder before `serve`
 * starts, a database a `sigap` subcommand will open), with the mails they send kept: `secretKey`
 * must be the key that process is given, or it cannot read the TOTP secrets and confidential
 * files made here.
 */
export function servicesFor(database: Database, options: { secretKey: Buffer; clock?: () => Date; filesDir?: string }): FactoryTarget {
  const mailer = recordingMailer();
  const services = createTestServices(database, {
    identity: { mailer, secretKey: options.secretKey, ...(options.clock ? { clock: options.clock } : {}) },
    ...(options.filesDir ? { requests: { filesDir: options.filesDir } } : {}),
  });
  return { services, mails: mailer.sent };
}

/** The standards this repository ships (./standards). */
export const shippedStandardsDir = fileURLToPath(new URL('../../../standards', import.meta.url));

const loadedTrees = new Map<string, Promise<readonly LoadedAgency[]>>();

/** Each folder is read and validated once per process. */
function loadTree(root: string): Promise<readonly LoadedAgency[]> {
  let tree = loadedTrees.get(root);
  if (!tree) {
    tree = loadStandards(root).then((result) => {
      if (result.problems.length > 0) throw new Error(`standards in ${root} are invalid: ${result.problems.map((p) => `${p.file}: ${p.message.en}`).join('; ')}`);
      return result.agencies;
    });
    loadedTrees.set(root, tree);
  }
  return tree;
}

/** An officer or requester made by a factory, with what a test needs to sign in or act as them. */
export interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
  /** The authenticator secret; null without TOTP. */
  totpSecret: string | null;
  /** The ten recovery codes given at enrolment (empty without TOTP). */
  recoveryCodes: string[];
  /** The person as a signed-in session would be, for calling a service directly. */
  actor: UserActor;
}

const factoryActor: SystemActor = { type: 'system', label: 'test factory' };
const identityCtx: RequestContext = { ip: null, userAgent: null, requestId: null, language: 'en' };

/**
 * A random password with every class of character that the policy accepts for this person (a
 * random string may, rarely, hold a short word of their name, e-mail or agency).
 */
export function newPassword(context: PasswordContext = {}): string {
  for (;;) {
    const candidate = `Sg!${randomBytes(9).toString('base64url')}7a`;
    if (checkPassword(candidate, context).length === 0) return candidate;
  }
}

/** The first `#token=` link in the last mail to `to`. */
function tokenMailedTo(mails: readonly Mail[] | undefined, to: string): string {
  const mail = [...(mails ?? [])].reverse().find((m) => m.to === to);
  const match = mail ? /#token=([A-Za-z0-9_%-]+)/.exec(mail.text) : null;
  if (!match?.[1]) throw new Error(`no link mailed to ${to}; the factories need the mails the services send (FactoryTarget.mails)`);
  return decodeURIComponent(match[1]);
}

let sequence = 0;
/** Unique within a process, readable in a failing test's output. */
const unique = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

export interface AgencySeed {
  code: string;
  name?: string;
  level?: Agency['level'];
  timeZone?: string;
  /** Code of the agency above it (escalation tier). */
  parent?: string;
  roles?: readonly { code: string; name?: string; permissions: readonly Permission[] }[];
}

export interface RequestSeed {
  agency: string;
  service: string;
  /** Default: the service's first channel. */
  channel?: string;
  requester?: Partial<IntakeInput['requester']> & { type?: RequesterType };
  organisation?: IntakeInput['organisation'];
  title?: string;
  fields?: Record<string, string>;
  eventDate?: string;
  /** The officer who files it at the desk and acts in officer steps. Default: one holding every role of the agency. */
  by?: Person;
  /** Walk to this step by the shortest path of actions the workflow offers. */
  to?: string;
  /** Or these actions, in order (each the code of an action offered in the step it is in). */
  actions?: readonly (string | (Partial<ActionInput> & { action: string }))[];
}

export interface MadeRequest {
  number: string;
  trackingSecret: string;
  /** The request as its officer sees it after the last action. */
  view: RequestView;
}

export function createFactories(target: FactoryTarget) {
  const { services, mails } = target;
  const clock = services.clock;
  const runners = new Map<string, Promise<Person>>();

  const agencyOf = (ref: string | Agency) => (typeof ref === 'string' ? services.agencies.getAgency({ code: ref }) : Promise.resolve(ref));

  async function enrolTotp(actor: UserActor): Promise<{ secret: string; recoveryCodes: string[] }> {
    const { secret } = await services.identity.startTotpEnrolment({ actor });
    // Confirmed with the previous window's code (accepted: one step of drift), so a sign-in right
    // after, with the current code, is not refused as a replay of the enrolment code.
    const code = await totpCodeAt(secret, new Date(clock().getTime() - 30_000));
    const { recoveryCodes } = await services.identity.confirmTotpEnrolment({ actor, code, ctx: identityCtx });
    return { secret, recoveryCodes };
  }

  const userActor = (user: { id: string; email: string; name: string }): UserActor => ({
    type: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    sessionId: '',
    csrfToken: '',
    pending: null,
  });

  const factories = {
    services,

    /**
     * Imports the shipped standards (or those under `root`) as `sigap standards import` does, all
     * agencies or only `codes` (an agency's parent must be among them or already imported for
     * the escalation link). Returns the agencies.
     */
    async standards(options: { codes?: readonly string[]; root?: string } = {}): Promise<Agency[]> {
      const tree = await loadTree(options.root ?? shippedStandardsDir);
      const chosen = options.codes ? tree.filter((a) => options.codes!.includes(a.agency.code)) : tree;
      const missing = (options.codes ?? []).filter((code) => !chosen.some((a) => a.agency.code === code));
      if (missing.length) throw new Error(`no standard for ${missing.join(', ')} in ${options.root ?? shippedStandardsDir}`);
      await services.standards.importLoaded({ agencies: chosen, actor: systemActor('test factory') });
      return Promise.all(chosen.map((a) => services.agencies.getAgency({ code: a.agency.code })));
    },

    /** An agency without a standard (as a standard's import would save it), with the roles given. */
    async agency(seed: AgencySeed): Promise<Agency> {
      await services.database.db.transaction(async (tx) => {
        const { id } = await services.agencies.saveAgencyFromStandard({
          tx,
          code: seed.code,
          name: seed.name ?? `Agency ${seed.code}`,
          level: seed.level ?? 'provinsi',
          timeZone: seed.timeZone ?? 'Asia/Makassar',
          parentCode: seed.parent,
        });
        if (seed.roles) {
          await services.identity.syncAgencyRoles({
            tx,
            agencyId: id,
            roles: seed.roles.map((r) => ({ code: r.code, name: r.name ?? `Role ${r.code}`, permissions: r.permissions })),
          });
        }
      });
      return services.agencies.getAgency({ code: seed.code });
    },

    /**
     * An officer as the web makes one: invited with `roles` (defined in the agency), the
     * invitation accepted with a password, TOTP enrolled (unless `totp: false`: then the first
     * sign-in asks for enrolment). `also` grants roles in further agencies.
     */
    async officer(options: {
      agency: string | Agency;
      roles: readonly string[];
      also?: readonly { agency: string | Agency; roles: readonly string[] }[];
      email?: string;
      name?: string;
      password?: string;
      totp?: boolean;
    }): Promise<Person> {
      const email = (options.email ?? `${unique('officer')}@example.id`).toLowerCase();
      const name = options.name ?? 'Petugas Uji';
      const grants = await Promise.all(
        [{ agency: options.agency, roles: options.roles }, ...(options.also ?? [])].map(async (g) => ({ agency: await agencyOf(g.agency), roles: g.roles })),
      );
      const password = options.password ?? newPassword({ email, name, agencies: grants.flatMap((g) => [g.agency.code, g.agency.name]) });
      let id = '';
      for (const grant of grants) {
        const agency = grant.agency;
        const invited = await services.staff.inviteStaff({ actor: factoryActor, agency, email, name, roles: [...grant.roles], ctx: identityCtx });
        if (!id) {
          id = invited.id;
          await services.identity.acceptInvitation({ token: tokenMailedTo(mails, email), password, ctx: identityCtx });
        } else if (invited.offered) {
          // A further agency only offers its roles to an existing account: the officer accepts, as after signing in.
          await services.staff.answerOffer({ actor: userActor({ id, email, name }), agencyCode: agency.code, accept: true, ctx: identityCtx });
        }
      }
      const actor = userActor({ id, email, name });
      const totp = options.totp === false ? null : await enrolTotp(actor);
      return { id, email, name, password, totpSecret: totp?.secret ?? null, recoveryCodes: totp?.recoveryCodes ?? [], actor };
    },

    /**
     * An external user (vendor, OPD officer, member of the public) as self-registration makes one,
     * the e-mail verified by its link (unless `verified: false`); with `totp`, enrolled as an
     * external user may choose to be.
     */
    async requester(
      options: { email?: string; name?: string; password?: string; requesterType?: RequesterType; birthDate?: string; verified?: boolean; totp?: boolean } = {},
    ): Promise<Person> {
      const email = (options.email ?? `${unique('requester')}@example.id`).toLowerCase();
      const name = options.name ?? 'Pemohon Uji';
      const password = options.password ?? newPassword({ email, name, birthDate: options.birthDate });
      const before = mails?.length;
      await services.identity.register({ email, password, name, birthDate: options.birthDate, requesterType: options.requesterType, ctx: identityCtx });
      if (mails && mails.length === before) throw new Error(`${email} is already registered`);
      if (options.verified !== false) await services.identity.verifyEmail({ token: tokenMailedTo(mails, email), ctx: identityCtx });
      // Registration answers alike whether or not the address is new, so it does not say the id.
      const [user] = await services.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!user) throw new Error(`registration of ${email} left no account`);
      const actor = userActor({ id: user.id, email, name });
      const totp = options.totp ? await enrolTotp(actor) : null;
      return { id: user.id, email, name, password, totpSecret: totp?.secret ?? null, recoveryCodes: totp?.recoveryCodes ?? [], actor };
    },

    /**
     * An API token of the agency with exactly `permissions`; returns the token to send as Bearer.
     * Written as the staff service writes one (hash, prefix, sorted permissions): its own path
     * needs an issuing officer who holds every permission, which a test's token has none of.
     */
    async apiToken(options: { agency: string | Agency; permissions: readonly Permission[]; name?: string; expiresAt?: Date | null }): Promise<string> {
      const agency = await agencyOf(options.agency);
      const token = `sigap_${randomToken(30)}`;
      await services.database.db.insert(apiTokens).values({
        agencyId: agency.id,
        name: options.name ?? `test token ${options.permissions.join(',')}`,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        permissions: [...new Set(options.permissions)].sort(),
        expiresAt: options.expiresAt ?? null,
      });
      return token;
    },

    /**
     * A request filed at the desk and, with `to` or `actions`, moved through its workflow: officer
     * steps by the officer (`by`), requester steps with the tracking secret. Before a forward
     * action every required checklist item is marked received; a product is given where the action
     * needs one, a ticket number where it escalates outside this deployment.
     */
    async request(seed: RequestSeed): Promise<MadeRequest> {
      const agency = await agencyOf(seed.agency);
      const standard = await services.standards.getStandardInForce({ agencyId: agency.id, at: clock() });
      const service = standard.services.find((s) => s.code === seed.service);
      if (!service) throw new Error(`${agency.code} has no service ${seed.service}`);
      const channel = seed.channel ?? service.channels[0]!.code;
      const type = seed.requester?.type ?? (service.requesterTypes.includes('public') ? 'public' : service.requesterTypes[0]!);
      const organisation =
        seed.organisation ??
        (type === 'vendor' ? { name: 'CV Contoh Jaya', nib: '9120001234567' } : type === 'government' ? { governmentUnit: 'Dinas Contoh' } : undefined);
      const by = seed.by ?? (await runnerOf(agency));
      const ctx: CallContext = { actor: by.actor, ip: null, requestId: null, lang: 'en' };
      const receipt = await services.requests.intake({
        ctx,
        agencyCode: agency.code,
        source: 'staff',
        input: {
          service: service.code,
          channel,
          title: seed.title ?? 'Permohonan uji',
          requester: { name: 'Pemohon Uji', email: `${unique('pemohon')}@example.id`, ...seed.requester, type },
          ...(organisation ? { organisation } : {}),
          fields: seed.fields ?? {},
          statements: [],
          ...(seed.eventDate ? { eventDate: seed.eventDate } : {}),
        },
      });
      const number = receipt.number;
      const secret = receipt.trackingSecret;

      let actions = seed.actions ?? [];
      if (seed.to) {
        const path = shortestPath(service.workflow.steps, receipt.currentStep, seed.to);
        if (!path) throw new Error(`no way from ${receipt.currentStep} to ${seed.to} in ${service.code}`);
        actions = path;
      }
      for (const entry of actions) {
        const wanted = typeof entry === 'string' ? { action: entry } : entry;
        const staffView = await services.requests.getForStaff({ ctx, workspaceId: agency.id, number });
        const requesterTurn = staffView.step.role === requesterRole;
        const view: RequestView | PublicRequestView = requesterTurn ? await services.requests.track({ number, secret }) : staffView;
        const offered = view.allowedActions.find((a) => a.code === wanted.action);
        if (!offered) throw new Error(`${number} in step ${view.step.code} offers no action ${wanted.action} (offered: ${view.allowedActions.map((a) => a.code).join(', ')})`);
        let version = view.version;
        const missing = staffView.checklist.filter((c) => c.required && c.state !== 'received' && c.state !== 'original_shown');
        if (!requesterTurn && !offered.pausesClock && missing.length > 0) {
          const marked = await services.requests.markChecklist({ ctx, workspaceId: agency.id, number, items: missing.map((c) => ({ code: c.code, state: 'received' as const })) });
          version = marked.version;
        }
        const input: ActionInput = {
          version,
          comment: 'Tindakan uji',
          ...(offered.needsProduct ? { product: { text: 'Jawaban uji' } } : {}),
          ...((await leavesDeployment(offered.escalatesTo)) ? { externalReference: 'EXT-0001' } : {}),
          ...wanted,
        };
        if (requesterTurn) await services.requests.actAsRequester({ ctx: { ...ctx, actor: anonymous }, number, input, secret });
        else await services.requests.actAsOfficer({ ctx, workspaceId: agency.id, number, input });
      }
      return { number, trackingSecret: secret, view: await services.requests.getForStaff({ ctx, workspaceId: agency.id, number }) };
    },

    /**
     * A busy help desk: `count` open LPSE Support tickets at Kalimantan Selatan (its standard must
     * be imported), filed at the desk and left unassigned in the help desk's step. All but one come
     * from government units ("Pemohon 1" of "Dinas Contoh 1" …); the last is the locked SPSE
     * account of PT Sinar Borneo Konstruksi (NPWP 01.312.166.0-091.000), whose number is returned
     * for a search to find it among the rest.
     */
    async helpdeskQueue(options: { count: number }): Promise<{ numbers: string[]; company: string }> {
      const numbers: string[] = [];
      const ticket = { agency: 'kalsel-prov', service: 'dukungan-spse', channel: 'lpse-support' } as const;
      for (let i = 1; i < options.count; i++) {
        const made = await factories.request({ ...ticket, title: `Kendala SPSE nomor ${i}`, requester: { name: `Pemohon ${i}`, type: 'government' }, organisation: { governmentUnit: `Dinas Contoh ${i}` } });
        numbers.push(made.number);
      }
      const company = await factories.request({
        ...ticket,
        title: 'Akun SPSE terkunci setelah ganti kata sandi',
        requester: { name: 'Budi Santoso', type: 'vendor' },
        organisation: { name: 'PT Sinar Borneo Konstruksi', npwp: '01.312.166.0-091.000' },
      });
      return { numbers: [...numbers, company.number], company: company.number };
    },

    /** A complaint filed on the public form; `input` overrides the defaults. */
    async complaint(options: { agency: string | Agency; input?: Partial<FileComplaintInput> }): Promise<FiledComplaint> {
      const agency = await agencyOf(options.agency);
      const input = fileComplaintInput.parse({
        subject: 'Pengaduan uji',
        description: 'Pelayanan tidak sesuai standar pelayanan.',
        complainant: { name: 'Pengadu Uji', email: `${unique('pengadu')}@example.id` },
        ...options.input,
      });
      return services.complaints.fileOnline({ agencyCode: agency.code, input, context: { actor: { type: 'anonymous', id: null, label: null }, ip: null, requestId: null, lang: 'en' } });
    },
  };

  /** An escalation to an external system, or to an agency not on this deployment, names its ticket there. */
  async function leavesDeployment(target: RequestView['allowedActions'][number]['escalatesTo']): Promise<boolean> {
    if (target?.kind === 'system') return true;
    return target?.kind === 'agency' && (await services.agencies.findByCode(target.code)) === undefined;
  }

  /** An officer holding every role of the agency: acts in any step of its workflows. */
  function runnerOf(agency: Agency): Promise<Person> {
    let runner = runners.get(agency.id);
    if (!runner) {
      runner = services.staff
        .listRoles({ agency })
        .then((roles) => factories.officer({ agency, roles: roles.map((r) => r.code), name: 'Petugas Alur Uji', email: `${unique(`alur-${agency.code}`)}@example.id` }));
      runners.set(agency.id, runner);
    }
    return runner;
  }

  return factories;
}

export type Factories = ReturnType<typeof createFactories>;

/** Breadth-first over the workflow's actions: the fewest actions from one step to another. */
function shortestPath(steps: readonly { code: string; actions: readonly { code: string; to: string }[] }[], from: string, to: string): string[] | undefined {
  const paths = new Map<string, string[]>([[from, []]]);
  const queue = [from];
  while (queue.length > 0) {
    const code = queue.shift()!;
    if (code === to) return paths.get(code);
    for (const action of steps.find((s) => s.code === code)?.actions ?? []) {
      if (paths.has(action.to)) continue;
      paths.set(action.to, [...paths.get(code)!, action.code]);
      queue.push(action.to);
    }
  }
  return undefined;
}
