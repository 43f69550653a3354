import { randomBytes } from 'node:crypto';
import type { RequesterType } from '../../../shared/contracts/identity.js';
import type { Language } from '../../../shared/i18n/languages.js';
import type { Permission } from '../../../shared/permissions.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { Mailer } from '../../lib/mailer.js';
import type { AgenciesService } from '../agencies/agencies.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AccessService, AgencyRef } from './identity.access.js';
import { toAuditActor, type Actor, type ApiTokenActor, type UserActor } from './identity.actor.js';
import { decryptSecret, encryptSecret, hashToken, randomToken } from '../../lib/secrets.js';
import { alreadyRegisteredMail, invitationMail, passwordResetMail, verificationMail } from './identity.mail.js';
import { checkPassword, passwordRuleMessage, type PasswordContext, type PasswordRule } from './identity.password-policy.js';
import { securityFloor, securityPolicyView, strictestSecurityPolicy, type DeclaredSecurityPolicy, type SecurityPolicyInForce } from './identity.policy.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './identity.passwords.js';
import { checkTotp, newTotpSecret, totpQrDataUrl, totpUri } from './identity.totp.js';
import type { IdentityRepo, UserRow } from './identity.repo.js';

/** Where a request came from: for the audit trail, the session record and localised details. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  language: Language;
}

export interface IdentitySettings {
  publicUrl: string;
  /** Shown by authenticator apps. */
  issuer: string;
  /** 32 bytes: encrypts TOTP secrets. */
  secretKey: Buffer;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Failures allowed before the first lock; each further failure doubles the lock. */
  lockoutThreshold: number;
  lockoutBaseMs: number;
  lockoutMaxMs: number;
  /** Password reset e-mails one account may receive per hour. */
  resetsPerHour: number;
}

export const defaultIdentitySettings = {
  issuer: 'Sigap',
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  lockoutThreshold: 5,
  lockoutBaseMs: 60_000,
  lockoutMaxMs: 3_600_000,
  resetsPerHour: 3,
} satisfies Partial<IdentitySettings>;

/** A half-done sign-in (password accepted, second factor owed) lives this long. */
const pendingSessionMs = 10 * 60_000;
const touchEveryMs = 60_000;
const ttl = { email_verification: 24 * 3_600_000, password_reset: 3_600_000, invitation: 7 * 24 * 3_600_000 } as const;
const recoveryCodeCount = 10;

export type SignInStatus = 'signed_in' | 'totp_required' | 'totp_enrolment_required';

export interface IssuedSession {
  status: SignInStatus;
  /** Goes into the HttpOnly cookie; never stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const wrongCredentials = () =>
  new AppError('unauthenticated', { id: 'E-mail atau kata sandi salah', en: 'Wrong e-mail or password' });

const lockedOut = (until: Date) =>
  new AppError(
    'rate_limited',
    {
      id: `Terlalu banyak percobaan gagal; akun dikunci sampai ${until.toISOString()}`,
      en: `Too many failed attempts; the account is locked until ${until.toISOString()}`,
    },
    [{ field: '', rule: 'locked_until', message: until.toISOString() }],
  );

const badToken = () =>
  new AppError('bad_request', {
    id: 'Tautan tidak valid, sudah dipakai atau kedaluwarsa; mintalah tautan baru',
    en: 'The link is invalid, already used or expired; ask for a new one',
  });

function recoveryCode(): string {
  // 16 characters of Crockford base32: 80 bits, typed from paper as XXXX-XXXX-XXXX-XXXX.
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

export function createIdentityService(deps: {
  db: Db;
  repo: IdentityRepo;
  audit: Pick<AuditService, 'record'>;
  /** Whose permissions /api/me lists: the same service that the auth plugin asks. */
  access: Pick<AccessService, 'accessByAgency'>;
  /** The agency an invitation names (agencies module). */
  agencies: Pick<AgenciesService, 'findById' | 'findByCode'>;
  mailer: Mailer;
  settings: IdentitySettings;
  clock?: () => Date;
  /**
   * The `securityPolicy` each agency's standard in force declares (standards module); absent:
   * every person is held to the floor.
   */
  securityPolicies?: (agencyIds: readonly string[]) => Promise<{ agencyCode: string; policy: DeclaredSecurityPolicy | undefined }[]>;
}) {
  const { repo, audit, settings } = deps;
  const now = deps.clock ?? (() => new Date());

  /**
   * Failed sign-ins of addresses that have no account, kept in this process (the most recent
   * 10,000), so that they lock like accounts do. An account's count lives in its row; an unknown
   * address has none, and storing every address tried would keep what attackers type.
   */
  const unknownFailures = new Map<string, { failures: number; lockedUntil: Date | null }>();
  function rememberUnknown(email: string, state: { failures: number; lockedUntil: Date | null }) {
    unknownFailures.delete(email);
    unknownFailures.set(email, state);
    if (unknownFailures.size > 10_000) unknownFailures.delete(unknownFailures.keys().next().value!);
  }

  function lockDuration(failures: number): number {
    const over = failures - settings.lockoutThreshold;
    return Math.min(settings.lockoutBaseMs * 2 ** Math.max(0, over), settings.lockoutMaxMs);
  }

  /**
   * The strictest security policy of the agencies where the person holds a role (and of the
   * agency inviting them), never below the floor; a person in no agency gets the floor.
   */
  async function securityPolicyOf(userId: string | undefined, alsoAgencyIds: readonly string[] = []): Promise<SecurityPolicyInForce> {
    const ids = new Set(alsoAgencyIds);
    if (userId) for (const m of await repo.membershipsOfUser(userId)) ids.add(m.agencyId);
    if (ids.size === 0 || !deps.securityPolicies) return securityFloor;
    return strictestSecurityPolicy(await deps.securityPolicies([...ids].sort()));
  }

  function assertPasswordPolicy(password: string, context: PasswordContext, policy: SecurityPolicyInForce, language: Language, field = 'password'): void {
    const failed = checkPassword(password, context, policy.password);
    if (failed.length === 0) return;
    const message = (rule: PasswordRule, lang: Language) => passwordRuleMessage(rule, lang, policy.password);
    const details = failed.map((rule) => ({ field, rule, message: message(rule, language) }));
    throw new AppError(
      'validation',
      { id: `Kata sandi tidak memenuhi kebijakan: ${failed.map((r) => message(r, 'id')).join('; ')}`, en: `The password breaks the policy: ${failed.map((r) => message(r, 'en')).join('; ')}` },
      details,
    );
  }

  async function agencyNamesOf(userId: string): Promise<string[]> {
    const rows = await repo.membershipsOfUser(userId);
    return [...new Set(rows.flatMap((m) => [m.agencyCode, m.agencyName]))];
  }

  async function passwordContextOf(user: Pick<UserRow, 'id' | 'name' | 'email' | 'birthDate'>, extraAgencies: string[] = []): Promise<PasswordContext> {
    return { name: user.name, email: user.email, birthDate: user.birthDate, agencies: [...(await agencyNamesOf(user.id)), ...extraAgencies] };
  }

  async function issueSession(
    tx: Executor,
    user: UserRow,
    status: SignInStatus,
    ctx: RequestContext,
  ): Promise<IssuedSession> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const at = now();
    const expiresAt = new Date(at.getTime() + (status === 'signed_in' ? settings.sessionMaxMs : pendingSessionMs));
    await repo.insertSession(
      {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: at,
        lastSeenAt: at,
        expiresAt,
        ip: ctx.ip,
        userAgent: ctx.userAgent?.slice(0, 400) ?? null,
        totpVerified: status === 'signed_in',
        csrfToken,
      },
      tx,
    );
    return { status, token, csrfToken, expiresAt };
  }

  async function sendToken(options: { tx: Executor; user: UserRow; purpose: 'email_verification' | 'password_reset' | 'invitation'; agencyId?: string | null }) {
    const token = randomToken();
    const at = now();
    await repo.retireUserTokens(options.user.id, options.purpose, at, options.tx);
    await repo.insertUserToken(
      {
        tokenHash: hashToken(token),
        purpose: options.purpose,
        userId: options.user.id,
        agencyId: options.agencyId ?? null,
        createdAt: at,
        expiresAt: new Date(at.getTime() + ttl[options.purpose]),
      },
      options.tx,
    );
    return token;
  }

  const link = (path: string, token: string) => `${settings.publicUrl}${path}#token=${encodeURIComponent(token)}`;

  return {
    // ── sessions ──

    /** Resolves a session cookie; expired, idle or disabled sessions are removed and give null. */
    async resolveSession(token: string, ctx: Pick<RequestContext, 'ip'>): Promise<UserActor | null> {
      const found = await repo.findSessionByTokenHash(hashToken(token));
      if (!found) return null;
      const { session, user } = found;
      const at = now();
      if (session.expiresAt <= at || session.lastSeenAt.getTime() + settings.sessionIdleMs <= at.getTime() || user.disabledAt) {
        await repo.deleteSession(session.id);
        return null;
      }
      if (at.getTime() - session.lastSeenAt.getTime() >= touchEveryMs) {
        await repo.updateSession(session.id, { lastSeenAt: at, ip: ctx.ip });
      }
      let pending: UserActor['pending'] = null;
      if (!session.totpVerified) {
        const totp = await repo.findTotp(user.id);
        pending = totp?.confirmedAt ? 'totp' : 'totp_enrolment';
      }
      return { type: 'user', userId: user.id, email: user.email, name: user.name, sessionId: session.id, csrfToken: session.csrfToken, pending };
    },

    /** Checks a Bearer token; a revoked, expired or unknown token gives null. */
    async authenticateApiToken(token: string): Promise<ApiTokenActor | null> {
      const row = await repo.findApiTokenByHash(hashToken(token));
      const at = now();
      if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= at)) return null;
      if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() >= touchEveryMs) await repo.touchApiToken(row.agencyId, row.id, at);
      return {
        type: 'api_token',
        tokenId: row.id,
        name: row.name,
        agencyId: row.agencyId,
        permissions: new Set(row.permissions as Permission[]),
      };
    },

    /**
     * Password sign-in. Always issues a fresh session (a cookie planted before sign-in is never
     * promoted: no session fixation); the previous session of this browser is removed.
     */
    async signIn(options: { email: string; password: string; previousToken?: string | undefined; ctx: RequestContext }): Promise<IssuedSession> {
      const { ctx } = options;
      const email = options.email.trim().toLowerCase();
      const user = await repo.findUserByEmail(email);
      const at = now();
      const failAudit = async (reason: string, userId: string | null, after: Record<string, unknown> = {}) =>
        deps.db.transaction(async (tx) => {
          await audit.record({
            tx,
            agencyId: null,
            actor: { type: 'anonymous', id: null, label: email },
            action: 'auth.sign_in_failed',
            target: userId ? { type: 'user', id: userId } : null,
            after: { reason, ...after },
            ip: ctx.ip,
            requestId: ctx.requestId,
          });
        });

      if (!user || !user.passwordHash) {
        // An address without an account locks as an account does, so a lockout does not tell
        // which addresses have one (issue #19, finding 10).
        const seen = unknownFailures.get(email) ?? { failures: 0, lockedUntil: null };
        if (seen.lockedUntil && seen.lockedUntil > at) {
          await failAudit('locked', user?.id ?? null, { lockedUntil: seen.lockedUntil.toISOString() });
          throw lockedOut(seen.lockedUntil);
        }
        await burnPasswordCheck(options.password);
        seen.failures += 1;
        if (seen.failures >= settings.lockoutThreshold) seen.lockedUntil = new Date(at.getTime() + lockDuration(seen.failures));
        rememberUnknown(email, seen);
        await failAudit('unknown_account', user?.id ?? null, { failures: seen.failures, lockedUntil: seen.lockedUntil?.toISOString() ?? null });
        if (seen.lockedUntil) throw lockedOut(seen.lockedUntil);
        throw wrongCredentials();
      }
      if (user.lockedUntil && user.lockedUntil > at) {
        await failAudit('locked', user.id, { lockedUntil: user.lockedUntil.toISOString() });
        throw lockedOut(user.lockedUntil);
      }
      if (!(await verifyPassword(user.passwordHash, options.password))) {
        const failures = await repo.countFailedSignIn(user.id);
        let lockedUntil: Date | null = null;
        if (failures >= settings.lockoutThreshold) {
          lockedUntil = new Date(at.getTime() + lockDuration(failures));
          await repo.updateUser(user.id, { lockedUntil });
        }
        await failAudit('wrong_password', user.id, { failures, lockedUntil: lockedUntil?.toISOString() ?? null });
        if (lockedUntil) throw lockedOut(lockedUntil);
        throw wrongCredentials();
      }
      if (user.disabledAt) {
        await failAudit('disabled', user.id);
        throw new AppError('forbidden', { id: 'Akun ini dinonaktifkan', en: 'This account is disabled' });
      }
      if (!user.emailVerifiedAt) {
        await failAudit('email_not_verified', user.id);
        throw new AppError('forbidden', {
          id: 'Alamat e-mail belum diverifikasi; bukalah tautan yang kami kirim',
          en: 'The e-mail address is not verified yet; open the link we sent',
        });
      }

      const totp = await repo.findTotp(user.id);
      const staff = await repo.isStaff(user.id);
      const totpOwed = staff && (await securityPolicyOf(user.id)).totpRequired;
      const status: SignInStatus = totp?.confirmedAt ? 'totp_required' : totpOwed ? 'totp_enrolment_required' : 'signed_in';
      return deps.db.transaction(async (tx) => {
        await repo.updateUser(user.id, { failedSignIns: 0, lockedUntil: null }, tx);
        if (options.previousToken) {
          const previous = await repo.findSessionByTokenHash(hashToken(options.previousToken), tx);
          if (previous) await repo.deleteSession(previous.session.id, tx);
        }
        const issued = await issueSession(tx, user, status, ctx);
        await audit.record({
          tx,
          agencyId: null,
          actor: { type: 'user', id: user.id, label: user.email },
          action: status === 'signed_in' ? 'auth.sign_in' : 'auth.password_accepted',
          target: { type: 'user', id: user.id },
          after: { status },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
        return issued;
      });
    },

    /**
     * The second step: a TOTP code (or a recovery code) for a session that owes one. Success
     * replaces the session with a new one under a new token.
     */
    async completeSignIn(options: { actor: UserActor; code?: string | undefined; recoveryCode?: string | undefined; ctx: RequestContext }): Promise<IssuedSession> {
      const { actor, ctx } = options;
      if (actor.pending !== 'totp') throw new AppError('conflict', { id: 'Tidak ada kode yang ditunggu', en: 'No code is awaited' });
      const totp = await repo.findTotp(actor.userId);
      const user = await repo.findUserById(actor.userId);
      if (!totp?.confirmedAt || !user) throw new AppError('conflict', { id: 'Autentikator belum terdaftar', en: 'No authenticator is enrolled' });
      const at = now();
      if (totp.lockedUntil && totp.lockedUntil > at) throw lockedOut(totp.lockedUntil);

      let method: 'totp' | 'recovery_code' | null = null;
      if (options.code) {
        const secret = decryptSecret(totp.secretEncrypted, settings.secretKey);
        const step = await checkTotp({ secret, code: options.code, at, lastUsedStep: totp.lastUsedStep });
        if (step !== null && (await repo.advanceTotpStep(actor.userId, step))) method = 'totp';
      } else if (options.recoveryCode) {
        if (await repo.useRecoveryCode(actor.userId, hashToken(normaliseRecoveryCode(options.recoveryCode)), at)) method = 'recovery_code';
      }

      if (!method) {
        const failures = await repo.countTotpFailure(actor.userId);
        const lockedUntil = failures >= settings.lockoutThreshold ? new Date(at.getTime() + lockDuration(failures)) : null;
        if (lockedUntil) await repo.updateTotp(actor.userId, { lockedUntil });
        await deps.db.transaction((tx) =>
          audit.record({
            tx,
            agencyId: null,
            actor: toAuditActor(actor),
            action: 'auth.totp_failed',
            target: { type: 'user', id: actor.userId },
            after: { failures, lockedUntil: lockedUntil?.toISOString() ?? null, method: options.code ? 'totp' : 'recovery_code' },
            ip: ctx.ip,
            requestId: ctx.requestId,
          }),
        );
        if (lockedUntil) throw lockedOut(lockedUntil);
        throw new AppError('unauthenticated', { id: 'Kode salah atau sudah dipakai', en: 'Wrong or already used code' });
      }

      return deps.db.transaction(async (tx) => {
        if (method === 'recovery_code') await repo.updateTotp(actor.userId, { failedAttempts: 0, lockedUntil: null }, tx);
        await repo.deleteSession(actor.sessionId, tx);
        const issued = await issueSession(tx, user, 'signed_in', ctx);
        await audit.record({
          tx,
          agencyId: null,
          actor: toAuditActor(actor),
          action: 'auth.sign_in',
          target: { type: 'user', id: actor.userId },
          after: { method },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
        return issued;
      });
    },

    async signOut(options: { actor: UserActor; ctx: RequestContext }) {
      await deps.db.transaction(async (tx) => {
        await repo.deleteSession(options.actor.sessionId, tx);
        await audit.record({ tx, agencyId: null, actor: toAuditActor(options.actor), action: 'auth.sign_out', ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
    },

    /** Ends every session of the user, this one included. */
    async signOutEverywhere(options: { actor: UserActor; ctx: RequestContext }) {
      await deps.db.transaction(async (tx) => {
        const count = await repo.deleteSessionsOfUser(options.actor.userId, {}, tx);
        await audit.record({
          tx,
          agencyId: null,
          actor: toAuditActor(options.actor),
          action: 'auth.sign_out_everywhere',
          target: { type: 'user', id: options.actor.userId },
          after: { sessions: count },
          ip: options.ctx.ip,
          requestId: options.ctx.requestId,
        });
      });
    },

    async listSessions(options: { actor: UserActor }) {
      const rows = await repo.listSessions(options.actor.userId);
      return rows.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
        current: s.id === options.actor.sessionId,
      }));
    },

    async revokeSession(options: { actor: UserActor; sessionId: string; ctx: RequestContext }) {
      await deps.db.transaction(async (tx) => {
        if (!(await repo.deleteSessionOfUser(options.actor.userId, options.sessionId, tx))) {
          throw new AppError('not_found', { id: 'Sesi tidak ditemukan', en: 'Session not found' });
        }
        await audit.record({
          tx,
          agencyId: null,
          actor: toAuditActor(options.actor),
          action: 'auth.session_revoked',
          target: { type: 'session', id: options.sessionId },
          ip: options.ctx.ip,
          requestId: options.ctx.requestId,
        });
      });
    },

    // ── the signed-in person ──

    async getProfile(options: { actor: UserActor }) {
      const user = await repo.findUserById(options.actor.userId);
      if (!user) throw new AppError('unauthenticated', { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' });
      const totp = await repo.findTotp(user.id);
      const memberships = await repo.membershipsOfUser(user.id);
      const policy = await securityPolicyOf(user.id);
      const rolesHeld = (agencyId: string) => memberships.filter((m) => m.agencyId === agencyId).map((m) => ({ code: m.roleCode, name: m.roleName }));
      const reached = await deps.access.accessByAgency({ actor: options.actor });
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        birthDate: user.birthDate,
        requesterType: user.requesterType,
        emailVerified: user.emailVerifiedAt !== null,
        totpEnabled: Boolean(totp?.confirmedAt),
        totpRequired: memberships.length > 0 && policy.totpRequired,
        securityPolicy: securityPolicyView(policy),
        recoveryCodesLeft: totp?.confirmedAt ? await repo.countUnusedRecoveryCodes(user.id) : 0,
        pending: options.actor.pending,
        csrfToken: options.actor.csrfToken,
        // Every agency the person may act in, directly or through a tier, with what the server
        // would grant there: the web guards and menus read this, never their own tier rule.
        agencies: reached.map((a) => ({ code: a.code, name: a.name, roles: rolesHeld(a.agencyId), permissions: a.permissions, sources: a.sources })),
      };
    },

    async updateProfile(options: {
      actor: UserActor;
      name?: string | undefined;
      birthDate?: string | null | undefined;
      requesterType?: RequesterType | null | undefined;
      ctx: RequestContext;
    }) {
      await deps.db.transaction(async (tx) => {
        const before = await repo.findUserById(options.actor.userId, tx);
        const patch = {
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.birthDate !== undefined ? { birthDate: options.birthDate } : {}),
          ...(options.requesterType !== undefined ? { requesterType: options.requesterType } : {}),
        };
        await repo.updateUser(options.actor.userId, patch, tx);
        await audit.record({
          tx,
          agencyId: null,
          actor: toAuditActor(options.actor),
          action: 'users.profile_updated',
          target: { type: 'user', id: options.actor.userId },
          before: { name: before?.name, birthDate: before?.birthDate, requesterType: before?.requesterType },
          after: patch,
          ip: options.ctx.ip,
          requestId: options.ctx.requestId,
        });
      });
    },

    /** Changes the password; every other session of the user ends. */
    async changePassword(options: { actor: UserActor; currentPassword: string; newPassword: string; ctx: RequestContext }) {
      const user = await repo.findUserById(options.actor.userId);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, options.currentPassword))) {
        throw new AppError('validation', { id: 'Kata sandi saat ini salah', en: 'The current password is wrong' }, [
          { field: 'currentPassword', rule: 'password.current', message: options.ctx.language === 'id' ? 'salah' : 'is wrong' },
        ]);
      }
      assertPasswordPolicy(options.newPassword, await passwordContextOf(user), await securityPolicyOf(user.id), options.ctx.language, 'newPassword');
      const passwordHash = await hashPassword(options.newPassword);
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(user.id, { passwordHash, passwordChangedAt: now() }, tx);
        await repo.deleteSessionsOfUser(user.id, { exceptId: options.actor.sessionId }, tx);
        await audit.record({ tx, agencyId: null, actor: toAuditActor(options.actor), action: 'users.password_changed', target: { type: 'user', id: user.id }, ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
    },

    /**
     * The rules a candidate password breaks for this person (or for the details given), for live
     * feedback, with the policy it was judged by: the signed-in person's agencies (or those of the
     * person a valid reset link is for), or the agency named (an invitation's), or the floor.
     */
    async describePassword(options: {
      password: string;
      actor?: UserActor | undefined;
      context?: PasswordContext;
      agencyCode?: string | undefined;
      resetToken?: string | undefined;
    }) {
      let context = options.context ?? {};
      const reset = options.resetToken ? await repo.findUserToken(hashToken(options.resetToken), 'password_reset', now()) : undefined;
      const userId = options.actor?.userId ?? reset?.userId;
      if (userId) {
        const user = await repo.findUserById(userId);
        if (user) context = await passwordContextOf(user);
      }
      const named = options.agencyCode ? await deps.agencies.findByCode(options.agencyCode) : undefined;
      const policy = await securityPolicyOf(userId, named ? [named.id] : []);
      return { failed: checkPassword(options.password, context, policy.password), policy };
    },

    // ── TOTP enrolment ──

    async startTotpEnrolment(options: { actor: UserActor }) {
      const existing = await repo.findTotp(options.actor.userId);
      if (existing?.confirmedAt) {
        throw new AppError('conflict', { id: 'Autentikator sudah terdaftar', en: 'An authenticator is already enrolled' });
      }
      const secret = newTotpSecret();
      await repo.putPendingTotp(options.actor.userId, encryptSecret(secret, settings.secretKey));
      const uri = totpUri({ secret, account: options.actor.email, issuer: settings.issuer });
      return { secret, otpauthUri: uri, qrCode: await totpQrDataUrl(uri) };
    },

    /**
     * Confirms enrolment with a first code, returns ten recovery codes (shown once). A session that
     * was waiting for enrolment becomes a full session under a new token.
     */
    async confirmTotpEnrolment(options: { actor: UserActor; code: string; ctx: RequestContext }): Promise<{ recoveryCodes: string[]; session: IssuedSession | null }> {
      const { actor, ctx } = options;
      const totp = await repo.findTotp(actor.userId);
      const user = await repo.findUserById(actor.userId);
      if (!totp || totp.confirmedAt || !user) {
        throw new AppError('conflict', { id: 'Mulailah pendaftaran autentikator terlebih dahulu', en: 'Start the authenticator enrolment first' });
      }
      const at = now();
      if (totp.lockedUntil && totp.lockedUntil > at) throw lockedOut(totp.lockedUntil);
      const step = await checkTotp({ secret: decryptSecret(totp.secretEncrypted, settings.secretKey), code: options.code, at, lastUsedStep: totp.lastUsedStep });
      if (step === null) {
        const failures = await repo.countTotpFailure(actor.userId);
        if (failures >= settings.lockoutThreshold) {
          const lockedUntil = new Date(at.getTime() + lockDuration(failures));
          await repo.updateTotp(actor.userId, { lockedUntil });
          throw lockedOut(lockedUntil);
        }
        throw new AppError('validation', { id: 'Kode salah', en: 'Wrong code' }, [
          { field: 'code', rule: 'totp.wrong', message: ctx.language === 'id' ? 'kode salah' : 'wrong code' },
        ]);
      }
      const codes = Array.from({ length: recoveryCodeCount }, recoveryCode);
      return deps.db.transaction(async (tx) => {
        await repo.updateTotp(actor.userId, { confirmedAt: at, lastUsedStep: step, failedAttempts: 0, lockedUntil: null }, tx);
        await repo.replaceRecoveryCodes(actor.userId, codes.map((c) => hashToken(normaliseRecoveryCode(c))), tx);
        let session: IssuedSession | null = null;
        if (actor.pending !== null) {
          await repo.deleteSession(actor.sessionId, tx);
          session = await issueSession(tx, user, 'signed_in', ctx);
        }
        await audit.record({ tx, agencyId: null, actor: toAuditActor(actor), action: 'users.totp_enrolled', target: { type: 'user', id: actor.userId }, ip: ctx.ip, requestId: ctx.requestId });
        return { recoveryCodes: codes, session };
      });
    },

    /** New recovery codes replace the old ones; proven with a current TOTP code. */
    async regenerateRecoveryCodes(options: { actor: UserActor; code: string; ctx: RequestContext }) {
      const totp = await repo.findTotp(options.actor.userId);
      if (!totp?.confirmedAt) throw new AppError('conflict', { id: 'Autentikator belum terdaftar', en: 'No authenticator is enrolled' });
      const at = now();
      const step = await checkTotp({ secret: decryptSecret(totp.secretEncrypted, settings.secretKey), code: options.code, at, lastUsedStep: totp.lastUsedStep });
      if (step === null || !(await repo.advanceTotpStep(options.actor.userId, step))) {
        throw new AppError('validation', { id: 'Kode salah atau sudah dipakai', en: 'Wrong or already used code' }, [
          { field: 'code', rule: 'totp.wrong', message: options.ctx.language === 'id' ? 'kode salah' : 'wrong code' },
        ]);
      }
      const codes = Array.from({ length: recoveryCodeCount }, recoveryCode);
      await deps.db.transaction(async (tx) => {
        await repo.replaceRecoveryCodes(options.actor.userId, codes.map((c) => hashToken(normaliseRecoveryCode(c))), tx);
        await audit.record({ tx, agencyId: null, actor: toAuditActor(options.actor), action: 'users.recovery_codes_regenerated', target: { type: 'user', id: options.actor.userId }, ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
      return codes;
    },

    /** External users may turn TOTP off again (with their password); staff may not. */
    async disableOwnTotp(options: { actor: UserActor; password: string; ctx: RequestContext }) {
      if (await repo.isStaff(options.actor.userId)) {
        throw new AppError('forbidden', { id: 'TOTP wajib bagi petugas', en: 'TOTP is mandatory for staff' });
      }
      const user = await repo.findUserById(options.actor.userId);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, options.password))) {
        throw new AppError('validation', { id: 'Kata sandi salah', en: 'Wrong password' }, [
          { field: 'password', rule: 'password.current', message: options.ctx.language === 'id' ? 'salah' : 'is wrong' },
        ]);
      }
      await deps.db.transaction(async (tx) => {
        await repo.deleteTotp(options.actor.userId, tx);
        await audit.record({ tx, agencyId: null, actor: toAuditActor(options.actor), action: 'users.totp_disabled', target: { type: 'user', id: options.actor.userId }, ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
    },

    // ── registration, verification and reset by e-mail ──

    /**
     * Self-registration of an external user (vendor, OPD officer, member of the public). The answer
     * is the same whether or not the address already has an account; its owner gets an e-mail.
     */
    async register(options: {
      email: string;
      password: string;
      name: string;
      birthDate?: string | null | undefined;
      requesterType?: RequesterType | null | undefined;
      ctx: RequestContext;
    }) {
      const email = options.email.trim().toLowerCase();
      assertPasswordPolicy(options.password, { email, name: options.name, birthDate: options.birthDate ?? null }, securityFloor, options.ctx.language);
      const existing = await repo.findUserByEmail(email);
      if (existing) {
        // As long as a new registration takes (one argon2 run), so timing does not tell either.
        await burnPasswordCheck(options.password);
        await deps.mailer.send(alreadyRegisteredMail({ to: email, link: `${settings.publicUrl}/password-reset` }));
        return;
      }
      const passwordHash = await hashPassword(options.password);
      const { user, token } = await deps.db.transaction(async (tx) => {
        const created = await repo.insertUser(
          { email, name: options.name, birthDate: options.birthDate ?? null, requesterType: options.requesterType ?? null, passwordHash, passwordChangedAt: now() },
          tx,
        );
        const issued = await sendToken({ tx, user: created, purpose: 'email_verification' });
        await audit.record({ tx, agencyId: null, actor: { type: 'anonymous', id: null, label: email }, action: 'users.registered', target: { type: 'user', id: created.id }, after: { email, name: options.name, requesterType: options.requesterType ?? null }, ip: options.ctx.ip, requestId: options.ctx.requestId });
        return { user: created, token: issued };
      });
      await deps.mailer.send(verificationMail({ to: user.email, name: user.name, link: link('/verify-email', token) }));
    },

    async verifyEmail(options: { token: string; ctx: RequestContext }) {
      await deps.db.transaction(async (tx) => {
        const used = await repo.consumeUserToken(hashToken(options.token), 'email_verification', now(), tx);
        if (!used) throw badToken();
        await repo.updateUser(used.userId, { emailVerifiedAt: now() }, tx);
        await audit.record({ tx, agencyId: null, actor: { type: 'user', id: used.userId, label: null }, action: 'users.email_verified', target: { type: 'user', id: used.userId }, ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
    },

    /** Same answer whether or not the account exists; at most `resetsPerHour` mails per account. */
    async requestPasswordReset(options: { email: string; ctx: RequestContext }) {
      const user = await repo.findUserByEmail(options.email.trim().toLowerCase());
      if (!user || user.disabledAt) return;
      const at = now();
      const token = await deps.db.transaction(async (tx) => {
        const recent = await repo.countTokensSince(user.id, 'password_reset', new Date(at.getTime() - 3_600_000), tx);
        if (recent >= settings.resetsPerHour) return null;
        const issued = await sendToken({ tx, user, purpose: 'password_reset' });
        await audit.record({ tx, agencyId: null, actor: { type: 'anonymous', id: null, label: user.email }, action: 'users.password_reset_requested', target: { type: 'user', id: user.id }, ip: options.ctx.ip, requestId: options.ctx.requestId });
        return issued;
      });
      if (token) await deps.mailer.send(passwordResetMail({ to: user.email, name: user.name, link: link('/password-reset', token) }));
    },

    /** Sets a new password from an e-mailed token; every session of the account ends and the lock lifts. */
    async resetPassword(options: { token: string; password: string; ctx: RequestContext }) {
      const tokenHash = hashToken(options.token);
      const pendingToken = await repo.findUserToken(tokenHash, 'password_reset', now());
      if (!pendingToken) throw badToken();
      const user = await repo.findUserById(pendingToken.userId);
      if (!user) throw badToken();
      assertPasswordPolicy(options.password, await passwordContextOf(user), await securityPolicyOf(user.id), options.ctx.language);
      const passwordHash = await hashPassword(options.password);
      await deps.db.transaction(async (tx) => {
        const used = await repo.consumeUserToken(tokenHash, 'password_reset', now(), tx);
        if (!used) throw badToken();
        await repo.updateUser(user.id, { passwordHash, passwordChangedAt: now(), failedSignIns: 0, lockedUntil: null, emailVerifiedAt: user.emailVerifiedAt ?? now() }, tx);
        await repo.deleteSessionsOfUser(user.id, {}, tx);
        await audit.record({ tx, agencyId: null, actor: { type: 'user', id: user.id, label: user.email }, action: 'users.password_reset', target: { type: 'user', id: user.id }, ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
    },

    // ── invitations ──

    async describeInvitation(options: { token: string }) {
      const token = await repo.findUserToken(hashToken(options.token), 'invitation', now());
      if (!token) throw badToken();
      const user = await repo.findUserById(token.userId);
      const agency = token.agencyId ? await deps.agencies.findById(token.agencyId) : undefined;
      if (!user) throw badToken();
      return { email: user.email, name: user.name, agencyCode: agency?.code ?? null, agencyName: agency?.name ?? null };
    },

    /** The invited officer sets a password (and may correct name and birth date); next: sign in and enrol TOTP. */
    async acceptInvitation(options: { token: string; password: string; name?: string | undefined; birthDate?: string | null | undefined; ctx: RequestContext }) {
      const tokenHash = hashToken(options.token);
      const pendingToken = await repo.findUserToken(tokenHash, 'invitation', now());
      if (!pendingToken) throw badToken();
      const user = await repo.findUserById(pendingToken.userId);
      if (!user) throw badToken();
      const profile = { ...user, name: options.name ?? user.name, birthDate: options.birthDate !== undefined ? options.birthDate : user.birthDate };
      assertPasswordPolicy(options.password, await passwordContextOf(profile), await securityPolicyOf(user.id, pendingToken.agencyId ? [pendingToken.agencyId] : []), options.ctx.language);
      const passwordHash = await hashPassword(options.password);
      await deps.db.transaction(async (tx) => {
        const used = await repo.consumeUserToken(tokenHash, 'invitation', now(), tx);
        if (!used) throw badToken();
        await repo.updateUser(user.id, { passwordHash, passwordChangedAt: now(), emailVerifiedAt: user.emailVerifiedAt ?? now(), name: profile.name, birthDate: profile.birthDate }, tx);
        await audit.record({ tx, agencyId: used.agencyId, actor: { type: 'user', id: user.id, label: user.email }, action: 'users.invitation_accepted', target: { type: 'user', id: user.id }, ip: options.ctx.ip, requestId: options.ctx.requestId });
      });
    },

    /** Used by the staff service to send an invitation inside its transaction. */
    async issueInvitation(options: { tx: Executor; user: UserRow; agency: Pick<AgencyRef, 'id'> }): Promise<string | null> {
      if (options.user.passwordHash) return null;
      return sendToken({ tx: options.tx, user: options.user, purpose: 'invitation', agencyId: options.agency.id });
    },

    async mailInvitation(options: { user: UserRow; agency: Pick<AgencyRef, 'name'>; token: string | null }) {
      await deps.mailer.send(
        invitationMail({ to: options.user.email, name: options.user.name, agencyName: options.agency.name, link: options.token ? link('/invitation', options.token) : null }),
      );
    },

    /** See `syncAgencyRoles` below: the agency's roles become those of its standard. */
    syncAgencyRoles(options: Parameters<typeof syncAgencyRoles>[1]): Promise<RoleSyncResult> {
      return syncAgencyRoles(repo, options);
    },

    /** Actor's audit identity, for other services. */
    auditActorOf(actor: Actor) {
      return toAuditActor(actor);
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;

/** What `syncAgencyRoles` changed, for the caller's audit entry. */
export interface RoleSyncResult {
  added: string[];
  changed: string[];
  removed: string[];
}

/**
 * Makes an agency's roles (agency_roles) exactly those of its service standard, in the caller's
 * transaction: the standards import calls it. A role the standard no longer lists is removed, so
 * memberships that still name it grant nothing until an administrator reassigns those officers.
 * A plain function over the repo, because the import runs from the command line and at start-up,
 * where no mailer or session settings exist; the service object exposes it too.
 */
export async function syncAgencyRoles(
  repo: Pick<IdentityRepo, 'listRoles' | 'upsertRole' | 'deleteRolesExcept'>,
  options: { tx: Executor; agencyId: string; roles: readonly { code: string; name: string; permissions: readonly string[] }[] },
): Promise<RoleSyncResult> {
  const { tx, agencyId } = options;
  const existing = new Map((await repo.listRoles(agencyId, tx)).map((r) => [r.code, r]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const role of options.roles) {
    const permissions = [...role.permissions].sort();
    const before = existing.get(role.code);
    if (!before) added.push(role.code);
    else if (before.name === role.name && [...before.permissions].sort().join() === permissions.join()) continue;
    else changed.push(role.code);
    await repo.upsertRole({ agencyId, code: role.code, name: role.name, permissions }, tx);
  }
  const removed = await repo.deleteRolesExcept(agencyId, options.roles.map((r) => r.code), tx);
  return { added: added.sort(), changed: changed.sort(), removed };
}
