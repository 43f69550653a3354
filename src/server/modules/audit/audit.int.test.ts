import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { auditChainHeads, auditEvents } from '../../db/tables/index.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createFactories, servicesFor } from '../../test/factories.js';
import { createAgenciesRepo } from '../agencies/agencies.repo.js';
import { createAgenciesService } from '../agencies/agencies.service.js';
import { checkpointAuditTrail, resealAuditTrail, verifyAuditTrail } from './audit.cli.js';
import { deriveAuditKey, hashEntry, unkeyedHashEntry, type HashedFields } from './audit.hash.js';
import { createAuditRepo } from './audit.repo.js';
import { createAuditService, systemActor, type AuditService } from './audit.service.js';

let database: TestDatabase;
let audit: AuditService;
const secretKey = randomBytes(32);
const chainKey = deriveAuditKey(secretKey);
const actor = systemActor('test');
const cliServices = () => ({ audit, agencies: createAgenciesService({ repo: createAgenciesRepo(database.db) }) });
const verify = (agencyCode?: string) => verifyAuditTrail(cliServices(), { agencyCode });
const reseal = (agencyCode?: string) => resealAuditTrail(cliServices(), { agencyCode });

beforeAll(async () => {
  database = await createTestDatabase();
  audit = createAuditService({ repo: createAuditRepo(database.db), db: database.db, chainKey });
});

afterAll(async () => {
  await database?.destroy();
});

const chainOf = (agencyId: string) =>
  database.db.select().from(auditEvents).where(eq(auditEvents.chainId, agencyId)).orderBy(asc(auditEvents.seq));

/** An agency of the database, made as a standard's import saves one. */
const newAgency = (on: Database, code: string) => createFactories(servicesFor(on, { secretKey: randomBytes(32) })).agency({ code });

/** Tampering needs the append-only trigger out of the way, as an attacker with the database would. */
async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
  });
}

describe('audit trail', () => {
  it('writes in the caller’s transaction: a rolled-back change leaves no entry and no gap', async () => {
    const agency = await newAgency(database, 'rollback-prov');
    await expect(
      database.db.transaction(async (tx) => {
        await audit.record({ tx, agencyId: agency.id, actor, action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'test.kept' }));
    const rows = await chainOf(agency.id);
    expect(rows.map((r) => [r.seq, r.action])).toEqual([[1, 'test.kept']]);
  });

  it('links each entry to the previous one of its agency, separately per agency and for global events', async () => {
    const a = await newAgency(database, 'chain-a');
    const b = await newAgency(database, 'chain-b');
    for (const agencyId of [a.id, b.id, a.id, null, a.id]) {
      await database.db.transaction((tx) => audit.record({ tx, agencyId, actor, action: 'test.linked', after: { when: new Date('2026-01-01T00:00:00Z'), n: 1 } }));
    }
    const rows = await chainOf(a.id);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    expect((await chainOf(b.id)).map((r) => r.seq)).toEqual([1]);
    expect((await audit.verifyChain(a.id)).ok).toBe(true);
    expect((await verify()).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE on audit rows at the database', async () => {
    const agency = await newAgency(database, 'append-only');
    await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'test.fixed' }));
    await expect(database.db.update(auditEvents).set({ action: 'test.changed' }).where(eq(auditEvents.chainId, agency.id))).rejects.toThrow();
    await expect(database.db.delete(auditEvents).where(eq(auditEvents.chainId, agency.id))).rejects.toThrow();
    expect((await chainOf(agency.id))[0]!.action).toBe('test.fixed');
  });

  it('names the first altered entry when a row is tampered with', async () => {
    const agency = await newAgency(database, 'tampered');
    for (let i = 1; i <= 4; i++) {
      await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'users.role_granted', after: { roles: [`r${i}`] } }));
    }
    await tamper(sql`update audit_events set after = '{"roles":["ketua"]}'::jsonb where chain_id = ${agency.id} and seq = 2`);
    const result = await verify('tampered');
    expect(result.ok).toBe(false);
    expect(result.lines.join('\n')).toMatch(/BROKEN agency tampered: first broken entry seq 2: its content does not match its hash/);
  });

  it('names a deleted entry, and entries deleted from the end', async () => {
    const agency = await newAgency(database, 'deleted');
    for (let i = 1; i <= 5; i++) await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'test.entry' }));
    await tamper(sql`delete from audit_events where chain_id = ${agency.id} and seq = 5`);
    expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, broken: { seq: 5, reason: 'missing_tail' } });
    await tamper(sql`delete from audit_events where chain_id = ${agency.id} and seq = 3`);
    expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, broken: { seq: 3, reason: 'seq_gap' } });
  });

  it('names a rewritten entry even when its hash was recomputed with the key, by the link to the next one', async () => {
    const agency = await newAgency(database, 'rehashed');
    for (let i = 1; i <= 3; i++) await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'test.entry' }));
    const second = (await chainOf(agency.id))[1]!;
    const forged = { ...second, action: 'test.forged' };
    await tamper(sql`update audit_events set action = ${forged.action}, hash = ${hashEntry(forged, chainKey)} where chain_id = ${agency.id} and seq = 2`);
    // Entry 2 now holds by itself; entry 3 still points at the original entry 2.
    expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, broken: { seq: 3, reason: 'prev_hash_mismatch' } });
  });

  describe('a chain re-forged by whoever can write to the database but lacks the key', () => {
    /**
     * The whole attack: as the database owner, disable the append-only trigger, change entry `seq`,
     * recompute every hash from there to the end and the chain head with `rehash`, enable the trigger.
     */
    async function reforge(agencyId: string, seq: number, change: Partial<HashedFields>, rehash: (row: HashedFields) => string) {
      const rows = await chainOf(agencyId);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
        let prevHash = rows[seq - 2]?.hash ?? rows[0]!.prevHash;
        for (const row of rows.slice(seq - 1)) {
          const forged = { ...row, ...(row.seq === seq ? change : {}), prevHash };
          const hash = rehash(forged);
          await tx
            .update(auditEvents)
            .set({ action: forged.action, actorLabel: forged.actorLabel, after: forged.after, prevHash, hash })
            .where(and(eq(auditEvents.chainId, agencyId), eq(auditEvents.seq, row.seq)));
          prevHash = hash;
        }
        await tx.update(auditChainHeads).set({ lastHash: prevHash }).where(eq(auditChainHeads.chainId, agencyId));
        await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
      });
    }

    async function chainOfFour(code: string) {
      const agency = await newAgency(database, code);
      for (let i = 1; i <= 4; i++) {
        await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'users.role_granted', after: { roles: [`r${i}`] } }));
      }
      return agency;
    }

    it('holds with the right key when nobody tampered', async () => {
      const agency = await chainOfFour('reforge-intact');
      expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: true, checked: 4 });
      expect(await verify('reforge-intact')).toEqual({ ok: true, lines: ['OK     agency reforge-intact: 4 entries intact / entri utuh'] });
    });

    it('names the rewritten entry when the chain is recomputed with plain SHA-256, as the old code hashed it', async () => {
      const agency = await chainOfFour('reforge-sha');
      await reforge(agency.id, 2, { after: { roles: ['ketua'] } }, unkeyedHashEntry);
      // From entry 2 on, the forged chain holds by the old rules: every plain hash and every link, up to the head.
      const forged = await chainOf(agency.id);
      expect(forged.slice(1).every((row, i) => row.hash === unkeyedHashEntry(row) && row.prevHash === forged[i]!.hash)).toBe(true);
      expect((await database.db.select().from(auditChainHeads).where(eq(auditChainHeads.chainId, agency.id)))[0]!.lastHash).toBe(forged[3]!.hash);
      expect(forged[1]!.after).toEqual({ roles: ['ketua'] });
      expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, checked: 1, broken: { seq: 2, reason: 'unkeyed' } });
      const result = await verify('reforge-sha');
      expect(result.ok).toBe(false);
      expect(result.lines).toEqual([
        expect.stringMatching(/^BROKEN agency reforge-sha: first broken entry seq 2: it is hashed without the audit key .* \(1 entries before it intact\)$/),
      ]);
    });

    it('names the rewritten entry when the chain is recomputed with the keyed scheme but a wrong key', async () => {
      const agency = await chainOfFour('reforge-key');
      const wrongKey = deriveAuditKey(randomBytes(32));
      await reforge(agency.id, 3, { actorLabel: 'someone else' }, (row) => hashEntry(row, wrongKey));
      expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, reason: 'hash_mismatch' } });
      expect((await verify('reforge-key')).lines.join('\n')).toMatch(/BROKEN agency reforge-key: first broken entry seq 3: its content does not match its hash/);
    });

    it('reseals, once after upgrading, a chain written before the key; keyed entries already on top are rehashed with it', async () => {
      const agency = await chainOfFour('reseal-legacy');
      // As an install before the key left it: every entry and the head in plain SHA-256.
      await reforge(agency.id, 1, {}, unkeyedHashEntry);
      await database.db.transaction((tx) => audit.record({ tx, agencyId: agency.id, actor, action: 'test.after_upgrade' }));
      expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, broken: { seq: 1, reason: 'unkeyed' } });
      const before = await chainOf(agency.id);

      expect(await reseal('reseal-legacy')).toEqual({ ok: true, lines: ['SEALED agency reseal-legacy: 5 entries rehashed under the audit key / entri di-hash ulang dengan kunci audit'] });
      const after = await chainOf(agency.id);
      // Only the hashes changed, and every one is now keyed.
      const content = (rows: typeof before) => rows.map((row) => ({ ...row, hash: '', prevHash: '' }));
      expect(content(after)).toEqual(content(before));
      expect(after.every((row) => row.hash === hashEntry(row, chainKey))).toBe(true);
      expect(await verify('reseal-legacy')).toEqual({ ok: true, lines: ['OK     agency reseal-legacy: 5 entries intact / entri utuh'] });
      expect((await reseal('reseal-legacy')).lines).toEqual(['OK     agency reseal-legacy: already keyed, nothing to do / sudah berkunci']);
      // The trigger is back: the trail is append-only again.
      await expect(database.db.update(auditEvents).set({ action: 'test.changed' }).where(eq(auditEvents.chainId, agency.id))).rejects.toThrow();
    });

    it('refuses to reseal a keyed chain re-forged with plain SHA-256, and leaves it broken', async () => {
      const agency = await chainOfFour('reseal-forged');
      await reforge(agency.id, 3, { action: 'users.role_revoked' }, unkeyedHashEntry);
      const forged = await chainOf(agency.id);
      const result = await reseal('reseal-forged');
      expect(result.ok).toBe(false);
      expect(result.lines).toEqual([expect.stringMatching(/^BROKEN agency reseal-forged: first broken entry seq 3: it is hashed without the audit key .*; not resealed/)]);
      expect(await chainOf(agency.id)).toEqual(forged);
      expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: false, broken: { seq: 3, reason: 'unkeyed' } });
    });

    it('catches entries removed from the end with the head moved back, against a signed checkpoint kept outside the database', async () => {
      const agency = await chainOfFour('checkpointed');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-checkpoint-'));
      const file = path.join(dir, 'audit-checkpoints.json');
      try {
        const written = await checkpointAuditTrail(cliServices(), { out: file, at: new Date() });
        expect(written.lines).toContain('OK     agency checkpointed: checkpoint at entry 4 / checkpoint pada entri 4');
        const withCheckpoints = (code: string) => verifyAuditTrail(cliServices(), { agencyCode: code, checkpointsFile: file });
        expect((await withCheckpoints('checkpointed')).ok).toBe(true);

        const rows = await chainOf(agency.id);
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
          await tx.delete(auditEvents).where(and(eq(auditEvents.chainId, agency.id), eq(auditEvents.seq, 4)));
          await tx.update(auditChainHeads).set({ lastSeq: 3, lastHash: rows[2]!.hash }).where(eq(auditChainHeads.chainId, agency.id));
          await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
        });
        // The keyed chain alone cannot tell: what is left is a genuine, shorter chain.
        expect(await verify('checkpointed')).toMatchObject({ ok: true });
        expect((await withCheckpoints('checkpointed')).lines).toEqual([
          expect.stringMatching(/^BROKEN agency checkpointed: first broken entry seq 4: the chain no longer reaches this checkpointed head/),
        ]);

        // A checkpoint moved back to entry 3 by someone without the key is not signed.
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { checkpoints: Array<{ chainId: string; seq: number; hash: string }> };
        const mine = saved.checkpoints.find((c) => c.chainId === agency.id)!;
        Object.assign(mine, { seq: 3, hash: rows[2]!.hash });
        writeFileSync(file, JSON.stringify(saved));
        expect((await withCheckpoints('checkpointed')).lines).toEqual([
          expect.stringMatching(/^BROKEN agency checkpointed: first broken entry seq 3: the checkpoint for it is not signed with the audit key/),
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('finds every entry broken when verified with another deployment\'s key (a restored backup without its key file)', async () => {
      const agency = await chainOfFour('reforge-lost-key');
      const elsewhere = createAuditService({ repo: createAuditRepo(database.db), db: database.db, chainKey: deriveAuditKey(randomBytes(32)) });
      expect(await elsewhere.verifyChain(agency.id)).toMatchObject({ ok: false, checked: 0, broken: { seq: 1, reason: 'hash_mismatch' } });
    });
  });

  it('keeps one unbroken chain per agency under concurrent appends', async () => {
    const agency = await newAgency(database, 'concurrent');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await audit.record({ tx, agencyId: agency.id, actor, action: 'test.concurrent', after: { i } });
          // Hold the transaction open a moment, so that others queue on the chain head.
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
    );
    const rows = await chainOf(agency.id);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await audit.verifyChain(agency.id)).toMatchObject({ ok: true, checked: 12 });
    const afters = await database.db.select({ after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.chainId, agency.id)));
    expect(new Set(afters.map((a) => (a.after as { i: number }).i)).size).toBe(12);
  });
});

describe('sigap audit verify', () => {
  it('exits 1 and names the broken entry; exits 0 on an intact trail', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sigap-audit-'));
    const run = promisify(execFile);
    const env = { ...process.env, SIGAP_DATA_DIR: dir, DATABASE_URL: '', SIGAP_SECRET_KEY: secretKey.toString('base64') };
    const sigap = (args: string[], key = secretKey) =>
      run(process.execPath, [path.resolve('bin/sigap.js'), ...args], { env: { ...env, SIGAP_SECRET_KEY: key.toString('base64') } });
    try {
      const local = await openDatabase({ dataDir: dir });
      await local.migrate();
      const localAudit = createAuditService({ repo: createAuditRepo(local.db), db: local.db, chainKey });
      const agency = await newAgency(local, 'cli-prov');
      for (let i = 1; i <= 3; i++) await local.db.transaction((tx) => localAudit.record({ tx, agencyId: agency.id, actor, action: 'test.cli' }));
      await local.close();

      const intact = await sigap(['audit', 'verify', '--agency', 'cli-prov']);
      expect(intact.stdout).toContain('OK     agency cli-prov: 3 entries intact');
      const checkpoints = path.join(dir, 'checkpoints.json');
      expect((await sigap(['audit', 'checkpoint', '--out', checkpoints])).stdout).toContain('OK     agency cli-prov: checkpoint at entry 3');
      expect((await sigap(['audit', 'verify', '--checkpoints', checkpoints])).stdout).toContain('OK     agency cli-prov: 3 entries intact');
      // Another key (a backup restored without its key file) cannot vouch for the chain.
      await expect(sigap(['audit', 'verify', '--agency', 'cli-prov'], randomBytes(32))).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('BROKEN agency cli-prov: first broken entry seq 1'),
      });

      const again = await openDatabase({ dataDir: dir });
      await again.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update_delete`);
        // Rewritten and rehashed with plain SHA-256, head included, as the old code would have accepted.
        const third = and(eq(auditEvents.chainId, agency.id), eq(auditEvents.seq, 3));
        const [row] = await tx.select().from(auditEvents).where(third);
        const forged = { ...row!, actorLabel: 'someone else' };
        await tx.update(auditEvents).set({ actorLabel: forged.actorLabel, hash: unkeyedHashEntry(forged) }).where(third);
        await tx.update(auditChainHeads).set({ lastHash: unkeyedHashEntry(forged) }).where(eq(auditChainHeads.chainId, agency.id));
        await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update_delete`);
      });
      await again.close();
      await expect(sigap(['audit', 'verify'])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('BROKEN agency cli-prov: first broken entry seq 3: it is hashed without the audit key'),
      });
      // A keyed chain re-forged without the key is never resealed.
      await expect(sigap(['audit', 'reseal', '--agency', 'cli-prov'])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/BROKEN agency cli-prov: first broken entry seq 3: .*; not resealed/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
