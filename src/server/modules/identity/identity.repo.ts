import { and, asc, desc, eq, gt, inArray, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  agencies,
  agencyRoles,
  apiTokens,
  membershipOffers,
  memberships,
  recoveryCodes,
  sessions,
  totpCredentials,
  users,
  userTokens,
  type TokenPurpose,
} from '../../db/tables/index.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type TotpRow = typeof totpCredentials.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A role of the user reaching `target_id`, held in `agency_id` (`depth` 0: the agency itself). */
export interface RoleReach {
  target_id: string;
  target_code: string;
  target_name: string;
  agency_id: string;
  agency_code: string;
  role_code: string;
  role_name: string | null;
  permissions: string[] | null;
  depth: number;
}

/** Both drivers (node-postgres and PGlite) return raw query results as `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The only SQL of the identity module. Agency-owned rows are always filtered by agency. */
export function createIdentityRepo(db: Executor) {
  /**
   * `rolesReaching` for several agencies in one query, each row naming the agency it reaches
   * (`target_id`) and where the role is held (`agency_id`, at `depth` tiers above). The one
   * statement of the escalation-tier rule: the auth check and the /api/me listing both use it.
   */
  async function rolesReachingEach(userId: string, agencyIds: readonly string[], tx: Executor = db): Promise<RoleReach[]> {
    if (agencyIds.length === 0) return [];
    const result = await tx.execute(sql`
      with recursive chain(target_id, id, depth) as (
        select ${agencies.id}, ${agencies.id}, 0 from ${agencies}
        where ${agencies.id} in (${sql.join(agencyIds.map((id) => sql`${id}`), sql`, `)})
        union all
        select chain.target_id, a.parent_id, chain.depth + 1 from ${agencies} a join chain on a.id = chain.id
        where a.parent_id is not null and chain.depth < 16
      )
      select chain.target_id, t.code as target_code, t.name as target_name,
             m.agency_id, h.code as agency_code, m.role_code, r.name as role_name, r.permissions, chain.depth
      from ${memberships} m
      join chain on m.agency_id = chain.id
      join ${agencies} t on t.id = chain.target_id
      join ${agencies} h on h.id = m.agency_id
      left join ${agencyRoles} r on r.agency_id = m.agency_id and r.code = m.role_code
      where m.user_id = ${userId}
      order by chain.target_id, chain.depth, m.role_code`);
    return rowsOf<RoleReach>(result);
  }

  return {
    /**
     * Whether anyone can administer Sigap: a person with a password who holds, in some agency, a
     * role that may manage staff. An invitation not yet accepted does not count.
     */
    async hasAdministrator(tx: Executor = db): Promise<boolean> {
      const result = await tx.execute(sql`
        select 1 from ${memberships} m
        join ${agencyRoles} r on r.agency_id = m.agency_id and r.code = m.role_code
        join ${users} u on u.id = m.user_id
        where u.password_hash is not null and 'users.manage' = any(r.permissions)
        limit 1`);
      return rowsOf(result).length > 0;
    },

    /**
     * The user's roles that reach `agencyId`: held in the agency itself or in one of its escalation
     * tiers (its parent, the parent's parent…), with each role's permissions.
     */
    async rolesReaching(userId: string, agencyId: string, tx: Executor = db) {
      return rolesReachingEach(userId, [agencyId], tx);
    },

    rolesReachingEach,

    /** Every agency the user reaches: where they hold a role, and every agency below those. */
    async agencyIdsReachable(userId: string, tx: Executor = db) {
      const result = await tx.execute(sql`
        with recursive reach(id, depth) as (
          select distinct ${memberships.agencyId}, 0 from ${memberships} where ${memberships.userId} = ${userId}
          union
          select a.id, reach.depth + 1 from ${agencies} a join reach on a.parent_id = reach.id where reach.depth < 16
        )
        select distinct id from reach`);
      return rowsOf<{ id: string }>(result).map((r) => r.id);
    },

    // ── users ──
    async findUserByEmail(email: string, tx: Executor = db) {
      const rows = await tx.select().from(users).where(eq(users.email, email.toLowerCase()));
      return rows[0];
    },

    async findUserById(id: string, tx: Executor = db) {
      const rows = await tx.select().from(users).where(eq(users.id, id));
      return rows[0];
    },

    async insertUser(values: typeof users.$inferInsert, tx: Executor = db) {
      const rows = await tx.insert(users).values({ ...values, email: values.email.toLowerCase() }).returning();
      return rows[0]!;
    },

    async updateUser(id: string, patch: Partial<typeof users.$inferInsert>, tx: Executor = db) {
      const rows = await tx.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id)).returning();
      return rows[0];
    },

    /** Counts a failed sign-in atomically and returns the new count. */
    async countFailedSignIn(id: string, tx: Executor = db) {
      const rows = await tx
        .update(users)
        .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
        .where(eq(users.id, id))
        .returning({ failedSignIns: users.failedSignIns });
      return rows[0]?.failedSignIns ?? 0;
    },

    async isStaff(userId: string, tx: Executor = db) {
      const rows = await tx.select({ one: sql`1` }).from(memberships).where(eq(memberships.userId, userId)).limit(1);
      return rows.length > 0;
    },

    /** The agencies where the user holds a role, with the roles, for /api/me. */
    async membershipsOfUser(userId: string, tx: Executor = db) {
      return tx
        .select({
          agencyId: memberships.agencyId,
          agencyCode: agencies.code,
          agencyName: agencies.name,
          roleCode: memberships.roleCode,
          roleName: agencyRoles.name,
          permissions: agencyRoles.permissions,
        })
        .from(memberships)
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        .leftJoin(agencyRoles, and(eq(agencyRoles.agencyId, memberships.agencyId), eq(agencyRoles.code, memberships.roleCode)))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(agencies.code), asc(memberships.roleCode));
    },

    // ── sessions ──
    async insertSession(values: typeof sessions.$inferInsert, tx: Executor = db) {
      const rows = await tx.insert(sessions).values(values).returning();
      return rows[0]!;
    },

    async findSessionByTokenHash(tokenHash: string, tx: Executor = db) {
      const rows = await tx
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, tokenHash));
      return rows[0];
    },

    async updateSession(id: string, patch: Partial<typeof sessions.$inferInsert>, tx: Executor = db) {
      const rows = await tx.update(sessions).set(patch).where(eq(sessions.id, id)).returning();
      return rows[0];
    },

    async deleteSession(id: string, tx: Executor = db) {
      await tx.delete(sessions).where(eq(sessions.id, id));
    },

    async deleteSessionOfUser(userId: string, id: string, tx: Executor = db) {
      const rows = await tx.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, id))).returning({ id: sessions.id });
      return rows.length > 0;
    },

    async deleteSessionsOfUser(userId: string, options: { exceptId?: string } = {}, tx: Executor = db) {
      const rows = await tx
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), options.exceptId ? ne(sessions.id, options.exceptId) : undefined))
        .returning({ id: sessions.id });
      return rows.length;
    },

    async listSessions(userId: string, tx: Executor = db) {
      return tx.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
    },

    // ── TOTP and recovery codes ──
    async findTotp(userId: string, tx: Executor = db) {
      const rows = await tx.select().from(totpCredentials).where(eq(totpCredentials.userId, userId));
      return rows[0];
    },

    /** Starts (or restarts) an unconfirmed enrolment; a confirmed authenticator is left alone. */
    async putPendingTotp(userId: string, secretEncrypted: string, tx: Executor = db) {
      await tx
        .insert(totpCredentials)
        .values({ userId, secretEncrypted })
        .onConflictDoUpdate({
          target: totpCredentials.userId,
          set: { secretEncrypted, createdAt: new Date(), failedAttempts: 0, lockedUntil: null, lastUsedStep: null },
          setWhere: isNull(totpCredentials.confirmedAt),
        });
    },

    async updateTotp(userId: string, patch: Partial<typeof totpCredentials.$inferInsert>, tx: Executor = db) {
      await tx.update(totpCredentials).set(patch).where(eq(totpCredentials.userId, userId));
    },

    /**
     * Moves the last used step forward only if the code's step is newer: two requests racing with
     * the same code cannot both succeed.
     */
    async advanceTotpStep(userId: string, step: number, tx: Executor = db) {
      const rows = await tx
        .update(totpCredentials)
        .set({ lastUsedStep: step, failedAttempts: 0, lockedUntil: null })
        .where(
          and(
            eq(totpCredentials.userId, userId),
            sql`(${totpCredentials.lastUsedStep} is null or ${totpCredentials.lastUsedStep} < ${step})`,
          ),
        )
        .returning({ userId: totpCredentials.userId });
      return rows.length > 0;
    },

    async countTotpFailure(userId: string, tx: Executor = db) {
      const rows = await tx
        .update(totpCredentials)
        .set({ failedAttempts: sql`${totpCredentials.failedAttempts} + 1` })
        .where(eq(totpCredentials.userId, userId))
        .returning({ failedAttempts: totpCredentials.failedAttempts });
      return rows[0]?.failedAttempts ?? 0;
    },

    async deleteTotp(userId: string, tx: Executor = db) {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
    },

    async replaceRecoveryCodes(userId: string, codeHashes: string[], tx: Executor = db) {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      if (codeHashes.length) await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
    },

    async useRecoveryCode(userId: string, codeHash: string, now: Date, tx: Executor = db) {
      const rows = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
        .returning({ userId: recoveryCodes.userId });
      return rows.length > 0;
    },

    async countUnusedRecoveryCodes(userId: string, tx: Executor = db) {
      const rows = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
      return rows[0]?.n ?? 0;
    },

    // ── e-mailed tokens ──
    async insertUserToken(values: typeof userTokens.$inferInsert, tx: Executor = db) {
      await tx.insert(userTokens).values(values);
    },

    /** Marks a valid token used and returns it; a used, expired or unknown token gives nothing. */
    async consumeUserToken(tokenHash: string, purpose: TokenPurpose, now: Date, tx: Executor = db) {
      const rows = await tx
        .update(userTokens)
        .set({ usedAt: now })
        .where(and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
        .returning();
      return rows[0];
    },

    async findUserToken(tokenHash: string, purpose: TokenPurpose, now: Date, tx: Executor = db) {
      const rows = await tx
        .select()
        .from(userTokens)
        .where(and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)));
      return rows[0];
    },

    async countTokensSince(userId: string, purpose: TokenPurpose, since: Date, tx: Executor = db) {
      const rows = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(userTokens)
        .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), gt(userTokens.createdAt, since)));
      return rows[0]?.n ?? 0;
    },

    /** Earlier links stop working once a newer one is sent or one of them is used. */
    async retireUserTokens(userId: string, purpose: TokenPurpose, now: Date, tx: Executor = db) {
      await tx
        .update(userTokens)
        .set({ usedAt: now })
        .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
    },

    // ── roles and memberships of one agency ──
    async listRoles(agencyId: string, tx: Executor = db) {
      return tx.select().from(agencyRoles).where(eq(agencyRoles.agencyId, agencyId)).orderBy(asc(agencyRoles.code));
    },

    async findRoles(agencyId: string, codes: string[], tx: Executor = db) {
      if (!codes.length) return [];
      return tx.select().from(agencyRoles).where(and(eq(agencyRoles.agencyId, agencyId), inArray(agencyRoles.code, codes)));
    },

    async upsertRole(values: typeof agencyRoles.$inferInsert, tx: Executor = db) {
      await tx
        .insert(agencyRoles)
        .values(values)
        .onConflictDoUpdate({
          target: [agencyRoles.agencyId, agencyRoles.code],
          set: { name: values.name, permissions: values.permissions ?? [], updatedAt: new Date() },
        });
    },

    /** Removes the agency's roles not named in `keep`; returns the codes removed. */
    async deleteRolesExcept(agencyId: string, keep: string[], tx: Executor = db) {
      const rows = await tx
        .delete(agencyRoles)
        .where(and(eq(agencyRoles.agencyId, agencyId), keep.length ? notInArray(agencyRoles.code, keep) : undefined))
        .returning({ code: agencyRoles.code });
      return rows.map((r) => r.code).sort();
    },

    async rolesOfMember(agencyId: string, userId: string, tx: Executor = db) {
      const rows = await tx
        .select({ roleCode: memberships.roleCode })
        .from(memberships)
        .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)))
        .orderBy(asc(memberships.roleCode));
      return rows.map((r) => r.roleCode);
    },

    async grantRole(values: typeof memberships.$inferInsert, tx: Executor = db) {
      const rows = await tx.insert(memberships).values(values).onConflictDoNothing().returning({ roleCode: memberships.roleCode });
      return rows.length > 0;
    },

    async revokeRole(agencyId: string, userId: string, roleCode: string, tx: Executor = db) {
      const rows = await tx
        .delete(memberships)
        .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId), eq(memberships.roleCode, roleCode)))
        .returning({ roleCode: memberships.roleCode });
      return rows.length > 0;
    },

    /** Agencies other than `agencyId` where the user holds a role. */
    async otherAgenciesOfUser(userId: string, agencyId: string, tx: Executor = db) {
      const rows = await tx
        .selectDistinct({ agencyId: memberships.agencyId })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), ne(memberships.agencyId, agencyId)));
      return rows.map((r) => r.agencyId);
    },

    /** Any one stored TOTP secret (encrypted), to check at start-up that the deployment's key opens it. */
    async anyTotpSecret(tx: Executor = db): Promise<string | undefined> {
      const rows = await tx.select({ sealed: totpCredentials.secretEncrypted }).from(totpCredentials).limit(1);
      return rows[0]?.sealed;
    },

    /** Offers a role (nothing happens if it is already offered). */
    async offerRole(values: typeof membershipOffers.$inferInsert, tx: Executor = db) {
      await tx.insert(membershipOffers).values(values).onConflictDoNothing();
    },

    /** The roles offered to a person, by agency, with the agency's and the role's names. */
    async listOffersOfUser(userId: string, tx: Executor = db) {
      return tx
        .select({
          agencyId: agencies.id,
          agencyCode: agencies.code,
          agencyName: agencies.name,
          roleCode: membershipOffers.roleCode,
          roleName: agencyRoles.name,
          offeredByName: users.name,
          createdAt: membershipOffers.createdAt,
        })
        .from(membershipOffers)
        .innerJoin(agencies, eq(agencies.id, membershipOffers.agencyId))
        .leftJoin(agencyRoles, and(eq(agencyRoles.agencyId, membershipOffers.agencyId), eq(agencyRoles.code, membershipOffers.roleCode)))
        .leftJoin(users, eq(users.id, membershipOffers.offeredBy))
        .where(eq(membershipOffers.userId, userId))
        .orderBy(asc(agencies.name), asc(membershipOffers.roleCode));
    },

    /** Removes a person's offers from one agency and returns them (to grant, or to forget when declined). */
    async takeOffers(agencyId: string, userId: string, tx: Executor = db) {
      return tx
        .delete(membershipOffers)
        .where(and(eq(membershipOffers.agencyId, agencyId), eq(membershipOffers.userId, userId)))
        .returning({ roleCode: membershipOffers.roleCode, offeredBy: membershipOffers.offeredBy });
    },

    /** People with roles offered by an agency and not yet accepted, for its staff list. */
    async listOffersOfAgency(agencyId: string, tx: Executor = db) {
      return tx
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          roles: sql<string[]>`array_agg(${membershipOffers.roleCode} order by ${membershipOffers.roleCode})`,
        })
        .from(membershipOffers)
        .innerJoin(users, eq(users.id, membershipOffers.userId))
        .where(eq(membershipOffers.agencyId, agencyId))
        .groupBy(users.id, users.email, users.name)
        .orderBy(asc(users.name));
    },

    async listStaff(agencyId: string, tx: Executor = db) {
      const rows = await tx
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          disabledAt: users.disabledAt,
          emailVerifiedAt: users.emailVerifiedAt,
          hasPassword: sql<boolean>`${users.passwordHash} is not null`,
          totpEnabled: sql<boolean>`exists (select 1 from ${totpCredentials} t where t.user_id = ${users.id} and t.confirmed_at is not null)`,
          roles: sql<string[]>`array_agg(${memberships.roleCode} order by ${memberships.roleCode})`,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.agencyId, agencyId))
        .groupBy(users.id)
        .orderBy(asc(users.name));
      return rows;
    },

    // ── API tokens ──
    async insertApiToken(values: typeof apiTokens.$inferInsert, tx: Executor = db) {
      const rows = await tx.insert(apiTokens).values(values).returning();
      return rows[0]!;
    },

    async findApiTokenByHash(tokenHash: string, tx: Executor = db) {
      const rows = await tx.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
      return rows[0];
    },

    async touchApiToken(agencyId: string, id: string, now: Date, tx: Executor = db) {
      await tx.update(apiTokens).set({ lastUsedAt: now }).where(and(eq(apiTokens.agencyId, agencyId), eq(apiTokens.id, id)));
    },

    async listApiTokens(agencyId: string, tx: Executor = db) {
      return tx.select().from(apiTokens).where(eq(apiTokens.agencyId, agencyId)).orderBy(desc(apiTokens.createdAt));
    },

    async revokeApiToken(agencyId: string, id: string, now: Date, tx: Executor = db) {
      const rows = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.agencyId, agencyId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning();
      return rows[0];
    },
  };
}

export type IdentityRepo = ReturnType<typeof createIdentityRepo>;
