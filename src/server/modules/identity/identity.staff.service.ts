import type { Permission } from '../../../shared/permissions.js';
import type { Db, Executor } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AccessService, AgencyRef } from './identity.access.js';
import { toAuditActor, type Actor, type UserActor } from './identity.actor.js';
import { hashToken, randomToken } from '../../lib/secrets.js';
import { refuseChangeOfPerson, refuseDisable, refuseRoles, refuseTokenPermissions, type Refusal } from './identity.policy.js';
import type { IdentityRepo } from './identity.repo.js';
import type { IdentityService, RequestContext } from './identity.service.js';

const refusalMessages: Record<Refusal, { id: string; en: string }> = {
  self: { id: 'Anda tidak dapat mengubah akun Anda sendiri di sini', en: 'You cannot change your own account here' },
  other_agency: {
    id: 'Orang ini juga petugas instansi lain yang tidak Anda kelola',
    en: 'This person is also an officer of another agency that you do not manage',
  },
  unknown_role: { id: 'Peran tidak dikenal di instansi ini', en: 'Unknown role in this agency' },
  permission_not_held: { id: 'Token tidak boleh memiliki izin yang tidak Anda miliki', en: 'A token cannot carry permissions you do not hold' },
};

function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal === 'unknown_role' ? 'validation' : 'forbidden', refusalMessages[refusal], [
    { field: '', rule: `policy.${refusal}`, message: refusalMessages[refusal].en },
  ]);
}

function refuse(refusal: Refusal | null): void {
  if (refusal) throw refusalError(refusal);
}

/** Permissions that are powers over the unit rather than its work: granted only by someone who holds them. */
const powers: ReadonlySet<Permission> = new Set<Permission>(['standards.publish', 'calendar.edit', 'complaints.identity', 'users.manage', 'tokens.manage', 'audit.view']);

const staffNotFound = () => new AppError('not_found', { id: 'Petugas tidak ditemukan di instansi ini', en: 'No such officer in this agency' });

const actorUserId = (actor: Actor) => (actor.type === 'user' ? actor.userId : null);

/** Administration of an agency's officers, roles and API tokens. Routes check `users.*` / `tokens.manage` first. */
export function createStaffService(deps: {
  db: Db;
  repo: IdentityRepo;
  identity: Pick<IdentityService, 'issueInvitation' | 'mailInvitation'>;
  access: Pick<AccessService, 'permissionsIn'>;
  audit: Pick<AuditService, 'record'>;
  clock?: () => Date;
}) {
  const { repo, audit } = deps;
  const now = deps.clock ?? (() => new Date());

  async function memberOrThrow(agency: AgencyRef, userId: string, tx: Executor = deps.db) {
    const roles = await repo.rolesOfMember(agency.id, userId, tx);
    const user = roles.length ? await repo.findUserById(userId, tx) : undefined;
    if (!user) throw staffNotFound();
    return { user, roles };
  }

  /** A refusal by policy is a permission denial too: it goes to the agency's audit trail. */
  async function deny(options: { actor: Actor; agency: AgencyRef; refusal: Refusal | null; target: { type: string; id: string }; attempted: string; ctx: RequestContext }) {
    if (!options.refusal) return;
    await deps.db.transaction((tx) =>
      audit.record({
        tx,
        agencyId: options.agency.id,
        actor: toAuditActor(options.actor),
        action: 'access.denied',
        target: options.target,
        after: { attempted: options.attempted, policy: options.refusal },
        ip: options.ctx.ip,
        requestId: options.ctx.requestId,
      }),
    );
    throw refusalError(options.refusal);
  }

  /** The route's agency (its guard checked `users.manage`) and those of `others` where the actor holds `users.manage` too. */
  async function managedAmong(actor: Actor, agency: AgencyRef, others: readonly string[]) {
    const managed = new Set([agency.id]);
    for (const other of others) {
      if ((await deps.access.permissionsIn({ actor, agencyId: other })).has('users.manage')) managed.add(other);
    }
    return managed;
  }

  async function definedRoles(agency: AgencyRef, codes: string[]) {
    const found = await repo.findRoles(agency.id, codes);
    refuse(refuseRoles({ requested: codes, defined: new Set(found.map((r) => r.code)) }));
    return found;
  }

  /**
   * A role is granted (or offered) only by someone who holds every *power* it carries in the
   * agency, as an API token carries only its creator's permissions: `users.manage` must not be a
   * way to give anyone — an accomplice, or oneself through a second account — powers one does not
   * have (publishing the standard, moving the calendar that counts deadlines, unmasking anonymous
   * complainants, reading the audit trail, managing staff or tokens). The work itself (intake,
   * handling requests and complaints, surveys, reports) is what an administrator hands out: Sigap's
   * own administrator role handles no request yet must be able to appoint the help desk, as the
   * standard's roles say. The console (a system actor: whoever runs `sigap staff bootstrap` on the
   * server) may grant any role.
   */
  async function grantableRoles(options: { actor: Actor; agency: AgencyRef; codes: string[]; target: { type: string; id: string }; attempted: string; ctx: RequestContext }) {
    const { actor, agency, ctx } = options;
    const roles = await definedRoles(agency, options.codes);
    if (actor.type === 'system') return;
    const held = await deps.access.permissionsIn({ actor, agencyId: agency.id });
    const beyond = [...new Set(roles.flatMap((r) => r.permissions.filter((p) => powers.has(p as Permission) && !held.has(p as Permission))))].sort();
    if (beyond.length === 0) return;
    await deps.db.transaction((tx) =>
      audit.record({ tx, agencyId: agency.id, actor: toAuditActor(actor), action: 'access.denied', target: options.target, after: { attempted: options.attempted, policy: 'role_beyond_own', permissions: beyond }, ip: ctx.ip, requestId: ctx.requestId }),
    );
    const message = {
      id: `Anda tidak dapat memberikan peran dengan wewenang yang tidak Anda miliki: ${beyond.join(', ')}`,
      en: `You cannot grant a role with powers you do not hold: ${beyond.join(', ')}`,
    };
    throw new AppError('forbidden', message, [{ field: 'roles', rule: 'policy.role_beyond_own', message: message[ctx.language] }]);
  }

  return {
    async listStaff({ agency }: { agency: Pick<AgencyRef, 'id'> }) {
      const rows = await repo.listStaff(agency.id);
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.name,
        roles: r.roles,
        disabled: r.disabledAt !== null,
        invitationPending: !r.hasPassword,
        totpEnabled: r.totpEnabled,
      }));
    },

    async getStaffMember({ agency, userId }: { agency: AgencyRef; userId: string }) {
      const { user, roles } = await memberOrThrow(agency, userId);
      const totp = await repo.findTotp(user.id);
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        roles,
        disabled: user.disabledAt !== null,
        invitationPending: user.passwordHash === null,
        totpEnabled: Boolean(totp?.confirmedAt),
      };
    },

    async listRoles({ agency }: { agency: AgencyRef }) {
      const rows = await repo.listRoles(agency.id);
      return rows.map((r) => ({ code: r.code, name: r.name, permissions: r.permissions }));
    },

    /**
     * Invites an officer: creates the account when the address is new, grants the roles and e-mails
     * a single-use link to set a password. A person who already has an account in use (an officer
     * of another agency, a registered requester) and is not yet a member here is only offered the
     * roles: they grant nothing until the person accepts them after signing in, so no agency can
     * make itself the administrator of someone else's account. Either way the person is told by e-mail.
     */
    async inviteStaff(options: { actor: Actor; agency: AgencyRef; email: string; name: string; roles: string[]; ctx: RequestContext }) {
      const { actor, agency, ctx } = options;
      const email = options.email.trim().toLowerCase();
      await grantableRoles({ actor, agency, codes: options.roles, ctx, target: { type: 'agency', id: agency.id }, attempted: 'users.invited' });
      const result = await deps.db.transaction(async (tx) => {
        const user = (await repo.findUserByEmail(email, tx)) ?? (await repo.insertUser({ email, name: options.name }, tx));
        refuse(refuseChangeOfPerson({ actorUserId: actorUserId(actor), targetUserId: user.id }));
        const before = await repo.rolesOfMember(agency.id, user.id, tx);
        if (user.passwordHash !== null && before.length === 0) {
          for (const roleCode of options.roles) await repo.offerRole({ agencyId: agency.id, userId: user.id, roleCode, offeredBy: actorUserId(actor) }, tx);
          await audit.record({
            tx,
            agencyId: agency.id,
            actor: toAuditActor(actor),
            action: 'users.membership_offered',
            target: { type: 'user', id: user.id },
            after: { email, roles: [...options.roles].sort() },
            ip: ctx.ip,
            requestId: ctx.requestId,
          });
          return { user, token: null, offered: true };
        }
        for (const roleCode of options.roles) await repo.grantRole({ agencyId: agency.id, userId: user.id, roleCode, grantedBy: actorUserId(actor) }, tx);
        // A person without an authenticator must enrol before acting as staff: end their sessions.
        const totp = await repo.findTotp(user.id, tx);
        if (!totp?.confirmedAt) await repo.deleteSessionsOfUser(user.id, {}, tx);
        const token = await deps.identity.issueInvitation({ tx, user, agency });
        await audit.record({
          tx,
          agencyId: agency.id,
          actor: toAuditActor(actor),
          action: 'users.invited',
          target: { type: 'user', id: user.id },
          before: { roles: before },
          after: { email, roles: [...new Set([...before, ...options.roles])].sort() },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
        return { user, token, offered: false };
      });
      await deps.identity.mailInvitation({ user: result.user, agency, token: result.token });
      // The token is for the caller who opens the invitation at once (the first-run setup page);
      // routes never send it (their response schemas leave it out).
      return { id: result.user.id, invitationSent: result.token !== null, offered: result.offered, invitationToken: result.token };
    },

    /** People offered roles by the agency who have not answered yet. */
    async listOffered({ agency }: { agency: Pick<AgencyRef, 'id'> }) {
      return repo.listOffersOfAgency(agency.id);
    },

    /** The roles agencies offer the signed-in person, one entry per agency. */
    async listMyOffers({ actor }: { actor: UserActor }) {
      const rows = await repo.listOffersOfUser(actor.userId);
      const byAgency = new Map<string, { agency: { code: string; name: string }; roles: { code: string; name: string }[]; offeredBy: string | null; offeredAt: string }>();
      for (const row of rows) {
        const entry = byAgency.get(row.agencyCode) ?? { agency: { code: row.agencyCode, name: row.agencyName }, roles: [], offeredBy: row.offeredByName, offeredAt: row.createdAt.toISOString() };
        entry.roles.push({ code: row.roleCode, name: row.roleName ?? row.roleCode });
        byAgency.set(row.agencyCode, entry);
      }
      return [...byAgency.values()];
    },

    /**
     * The person answers an agency's offer: accepted, the roles become theirs (and, without an
     * authenticator yet, their sessions end so that they enrol before acting as staff); declined,
     * the offer is gone. Recorded in that agency's audit trail either way.
     */
    async answerOffer(options: { actor: UserActor; agencyCode: string; accept: boolean; ctx: RequestContext }) {
      const { actor, ctx } = options;
      const agency = (await repo.listOffersOfUser(actor.userId)).find((o) => o.agencyCode === options.agencyCode);
      const none = () => new AppError('not_found', { id: 'Tidak ada tawaran peran dari instansi ini', en: 'No role is offered by this agency' });
      if (!agency) throw none();
      await deps.db.transaction(async (tx) => {
        const offers = await repo.takeOffers(agency.agencyId, actor.userId, tx);
        if (offers.length === 0) throw none();
        const roles = offers.map((o) => o.roleCode).sort();
        if (options.accept) {
          for (const offer of offers) await repo.grantRole({ agencyId: agency.agencyId, userId: actor.userId, roleCode: offer.roleCode, grantedBy: offer.offeredBy }, tx);
          const totp = await repo.findTotp(actor.userId, tx);
          if (!totp?.confirmedAt) await repo.deleteSessionsOfUser(actor.userId, {}, tx);
        }
        await audit.record({
          tx,
          agencyId: agency.agencyId,
          actor: toAuditActor(actor),
          action: options.accept ? 'users.membership_accepted' : 'users.membership_declined',
          target: { type: 'user', id: actor.userId },
          after: { roles },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
      });
    },

    async grantRole(options: { actor: Actor; agency: AgencyRef; userId: string; roleCode: string; ctx: RequestContext }) {
      const { actor, agency, userId, ctx } = options;
      await deny({ actor, agency, ctx, refusal: refuseChangeOfPerson({ actorUserId: actorUserId(actor), targetUserId: userId }), target: { type: 'user', id: userId }, attempted: 'users.role_granted' });
      await grantableRoles({ actor, agency, codes: [options.roleCode], ctx, target: { type: 'user', id: userId }, attempted: 'users.role_granted' });
      await deps.db.transaction(async (tx) => {
        const { roles } = await memberOrThrow(agency, userId, tx);
        if (!(await repo.grantRole({ agencyId: agency.id, userId, roleCode: options.roleCode, grantedBy: actorUserId(actor) }, tx))) return;
        await audit.record({ tx, agencyId: agency.id, actor: toAuditActor(actor), action: 'users.role_granted', target: { type: 'user', id: userId }, before: { roles }, after: { roles: [...roles, options.roleCode].sort() }, ip: ctx.ip, requestId: ctx.requestId });
      });
    },

    async revokeRole(options: { actor: Actor; agency: AgencyRef; userId: string; roleCode: string; ctx: RequestContext }) {
      const { actor, agency, userId, ctx } = options;
      await deny({ actor, agency, ctx, refusal: refuseChangeOfPerson({ actorUserId: actorUserId(actor), targetUserId: userId }), target: { type: 'user', id: userId }, attempted: 'users.role_revoked' });
      await deps.db.transaction(async (tx) => {
        const { roles } = await memberOrThrow(agency, userId, tx);
        if (!(await repo.revokeRole(agency.id, userId, options.roleCode, tx))) {
          throw new AppError('not_found', { id: 'Petugas tidak memegang peran ini', en: 'The officer does not hold this role' });
        }
        await audit.record({ tx, agencyId: agency.id, actor: toAuditActor(actor), action: 'users.role_revoked', target: { type: 'user', id: userId }, before: { roles }, after: { roles: roles.filter((r) => r !== options.roleCode) }, ip: ctx.ip, requestId: ctx.requestId });
      });
    },

    /** Disables (or re-enables) the account everywhere; a disabled account's sessions end at once. */
    async setDisabled(options: { actor: Actor; agency: AgencyRef; userId: string; disabled: boolean; ctx: RequestContext }) {
      const { actor, agency, userId, ctx } = options;
      const { user } = await memberOrThrow(agency, userId);
      const others = await repo.otherAgenciesOfUser(userId, agency.id);
      await deny({
        actor,
        agency,
        ctx,
        refusal: refuseDisable({ actorUserId: actorUserId(actor), targetUserId: userId, targetAgencyIds: [agency.id, ...others], agenciesActorManages: await managedAmong(actor, agency, others) }),
        target: { type: 'user', id: userId },
        attempted: options.disabled ? 'users.disabled' : 'users.enabled',
      });
      await deps.db.transaction(async (tx) => {
        await repo.updateUser(userId, { disabledAt: options.disabled ? (user.disabledAt ?? now()) : null }, tx);
        if (options.disabled) await repo.deleteSessionsOfUser(userId, {}, tx);
        await audit.record({
          tx,
          agencyId: agency.id,
          actor: toAuditActor(actor),
          action: options.disabled ? 'users.disabled' : 'users.enabled',
          target: { type: 'user', id: userId },
          before: { disabled: user.disabledAt !== null },
          after: { disabled: options.disabled },
          ip: ctx.ip,
          requestId: ctx.requestId,
        });
      });
    },

    /**
     * Lost device: removes the officer's authenticator and recovery codes; they enrol again at next
     * sign-in. The second factor guards the whole account, in every agency the person serves, so
     * it is reset only by someone who holds `users.manage` in each of those agencies (as disabling
     * the account is); an administrator of one of them alone is refused, and the person's other
     * agencies do it, or the person with a recovery code. The reset is recorded in the audit trail
     * of every agency the person belongs to, so none of them learns of it late.
     */
    async resetTotp(options: { actor: Actor; agency: AgencyRef; userId: string; ctx: RequestContext }) {
      const { actor, agency, userId, ctx } = options;
      await memberOrThrow(agency, userId);
      const others = await repo.otherAgenciesOfUser(userId, agency.id);
      await deny({
        actor,
        agency,
        ctx,
        refusal: refuseDisable({ actorUserId: actorUserId(actor), targetUserId: userId, targetAgencyIds: [agency.id, ...others], agenciesActorManages: await managedAmong(actor, agency, others) }),
        target: { type: 'user', id: userId },
        attempted: 'users.totp_reset',
      });
      await deps.db.transaction(async (tx) => {
        const totp = await repo.findTotp(userId, tx);
        await repo.deleteTotp(userId, tx);
        await repo.deleteSessionsOfUser(userId, {}, tx);
        for (const agencyId of [agency.id, ...others]) {
          await audit.record({
            tx,
            agencyId,
            actor: toAuditActor(actor),
            action: 'users.totp_reset',
            target: { type: 'user', id: userId },
            before: { totpEnabled: Boolean(totp?.confirmedAt) },
            after: { totpEnabled: false, ...(agencyId === agency.id ? {} : { resetIn: agency.code }) },
            ip: ctx.ip,
            requestId: ctx.requestId,
          });
        }
      });
    },

    // ── API tokens ──

    async listApiTokens({ agency }: { agency: AgencyRef }) {
      const rows = await repo.listApiTokens(agency.id);
      return rows.map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        permissions: t.permissions,
        createdAt: t.createdAt.toISOString(),
        expiresAt: t.expiresAt?.toISOString() ?? null,
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        revokedAt: t.revokedAt?.toISOString() ?? null,
      }));
    },

    /** Returns the token itself once; only its hash is kept. */
    async createApiToken(options: { actor: Actor; agency: AgencyRef; name: string; permissions: Permission[]; expiresAt?: Date | null | undefined; ctx: RequestContext }) {
      const { actor, agency, ctx } = options;
      const held = await deps.access.permissionsIn({ actor, agencyId: agency.id });
      await deny({ actor, agency, ctx, refusal: refuseTokenPermissions({ requested: options.permissions, held }), target: { type: 'agency', id: agency.id }, attempted: 'api_tokens.created' });
      if (options.expiresAt && options.expiresAt <= now()) {
        throw new AppError('validation', { id: 'Tanggal kedaluwarsa harus di masa depan', en: 'The expiry must be in the future' }, [
          { field: 'expiresAt', rule: 'too_small.date', message: ctx.language === 'id' ? 'harus di masa depan' : 'must be in the future' },
        ]);
      }
      const token = `sigap_${randomToken(30)}`;
      const row = await deps.db.transaction(async (tx) => {
        const created = await repo.insertApiToken(
          {
            agencyId: agency.id,
            name: options.name,
            tokenHash: hashToken(token),
            prefix: token.slice(0, 12),
            permissions: [...new Set(options.permissions)].sort(),
            createdBy: actorUserId(actor),
            expiresAt: options.expiresAt ?? null,
          },
          tx,
        );
        await audit.record({ tx, agencyId: agency.id, actor: toAuditActor(actor), action: 'api_tokens.created', target: { type: 'api_token', id: created.id }, after: { name: created.name, permissions: created.permissions, expiresAt: created.expiresAt }, ip: ctx.ip, requestId: ctx.requestId });
        return created;
      });
      return { id: row.id, name: row.name, token, permissions: row.permissions };
    },

    async revokeApiToken(options: { actor: Actor; agency: AgencyRef; tokenId: string; ctx: RequestContext }) {
      const { actor, agency, ctx } = options;
      await deps.db.transaction(async (tx) => {
        const revoked = await repo.revokeApiToken(agency.id, options.tokenId, now(), tx);
        if (!revoked) throw new AppError('not_found', { id: 'Token tidak ditemukan atau sudah dicabut', en: 'Token not found or already revoked' });
        await audit.record({ tx, agencyId: agency.id, actor: toAuditActor(actor), action: 'api_tokens.revoked', target: { type: 'api_token', id: revoked.id }, before: { name: revoked.name }, ip: ctx.ip, requestId: ctx.requestId });
      });
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
