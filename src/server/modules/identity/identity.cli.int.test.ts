import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { agencies, agencyRoles, auditEvents, memberships, users } from '../../db/tables/index.js';
import { createMailer, type Mailer } from '../../lib/mailer.js';
import { administratorRole } from '../../../shared/permissions.js';
import { agencyStandard } from '../../../shared/standard/schema.js';
import { createTestServices } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createFactories, shippedStandardsDir } from '../../test/factories.js';
import { loadAgencyFolder } from '../standards/standards.loader.js';
import { startSmtp, tokenInMail, type TestSmtp } from '../../test/identity-fixtures.js';
import { inviteFromCli, keepSentMail } from './identity.cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

/** `sigap staff bootstrap` in process; the real command is run by src/server/main.int.test.ts. */
describe('inviteFromCli (sigap staff bootstrap)', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const identity = (mailer?: Mailer) => ({
    mailer: mailer ?? createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' }),
    secretKey: randomBytes(32),
    publicUrl: 'https://sigap.test',
  });
  /** As `sigap staff bootstrap` runs it: the services of the root, their mailer wrapped to keep what it sent. */
  const invite = (options: { agency: string; email: string; name: string; roles?: string[] }, io: ReturnType<typeof capture>['io'], mailer?: Mailer) => {
    const outbox = keepSentMail();
    const { mailer: smtpMailer, ...rest } = identity(mailer);
    const services = createTestServices(database, { identity: { ...rest, mailer: outbox.around(smtpMailer) } });
    return inviteFromCli(services, { ...options, operator: 'root', sent: outbox.sent }, io);
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    database = await createTestDatabase();
    const db = database.db;
    const [ntt] = await db.insert(agencies).values({ code: 'ntt-prov', name: 'Biro PBJ Provinsi NTT', level: 'provinsi', timeZone: 'Asia/Makassar' }).returning();
    const [kalsel] = await db.insert(agencies).values({ code: 'kalsel-prov', name: 'Biro PBJ Kalsel', level: 'provinsi', timeZone: 'Asia/Makassar' }).returning();
    await db.insert(agencyRoles).values([
      { agencyId: ntt!.id, code: 'admin-sistem', name: 'Admin Sistem', permissions: ['users.view', 'users.manage', 'audit.view'] },
      { agencyId: ntt!.id, code: 'helpdesk', name: 'Helpdesk', permissions: ['requests.view'] },
      // Two roles may manage staff here: the command must be told which.
      { agencyId: kalsel!.id, code: 'kepala-biro', name: 'Kepala Biro', permissions: ['users.manage'] },
      { agencyId: kalsel!.id, code: 'admin', name: 'Admin', permissions: ['users.manage'] },
    ]);
  });

  afterAll(async () => {
    await database?.destroy();
    await smtp?.close();
  });

  it("invites the first administrator with the agency's one managing role, prints the e-mailed link, and audits it as the operator", async () => {
    const { io, out, err } = capture();
    const since = smtp.messages.length;
    const code = await invite({ agency: 'ntt-prov', email: 'Admin@NTTprov.go.id', name: 'Maria Fernandez' }, io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const printed = /(https:\/\/sigap\.test\/invitation#token=\S+)/.exec(out.join('\n'))?.[1];
    expect(printed).toBeDefined();
    const mail = await smtp.waitFor('admin@nttprov.go.id', since);
    expect(mail.text).toContain(printed!);
    expect(out.join('\n')).toContain('admin-sistem');

    const [user] = await database.db.select().from(users).where(eq(users.email, 'admin@nttprov.go.id'));
    expect(user!.passwordHash).toBeNull();
    const held = await database.db.select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(held.map((m) => m.roleCode)).toEqual(['admin-sistem']);
    const [entry] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'users.invited'), eq(auditEvents.targetId, user!.id)));
    expect(entry).toMatchObject({ actorType: 'system', actorLabel: 'cli:root' });

    // The printed link is the one the web app accepts.
    const app = await buildApp(createTestServices(database), { config: { bodyLimit: 1_048_576, logLevel: 'silent' }, logger: false, webRoot: '/nonexistent' });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/invitation', payload: { token: tokenInMail(printed!) } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ email: 'admin@nttprov.go.id', agencyCode: 'ntt-prov' });
    } finally {
      await app.close();
    }
  });

  it('takes the roles given with --role', async () => {
    const { io, out } = capture();
    const code = await invite({ agency: 'kalsel-prov', email: 'kabiro@kalselprov.go.id', name: 'Kepala Biro', roles: ['kepala-biro'] }, io);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('kepala-biro');
  });

  it("offers the roles to an existing account (another agency's officer) instead of granting them, and says so", async () => {
    const db = database.db;
    const [ntt] = await db.select().from(agencies).where(eq(agencies.code, 'ntt-prov'));
    const [kalsel] = await db.select().from(agencies).where(eq(agencies.code, 'kalsel-prov'));
    const [officer] = await db.insert(users).values({ email: 'petugas.ntt@nttprov.go.id', name: 'Petugas NTT', passwordHash: 'argon2-hash-of-a-password', emailVerifiedAt: new Date() }).returning();
    await db.insert(memberships).values({ agencyId: ntt!.id, userId: officer!.id, roleCode: 'helpdesk' });
    const { io, out } = capture();
    expect(await invite({ agency: 'kalsel-prov', email: officer!.email, name: officer!.name, roles: ['admin'] }, io)).toBe(0);
    expect(out.join('\n')).toContain('the roles are offered and take effect once the person accepts them');
    expect(await db.select().from(memberships).where(and(eq(memberships.agencyId, kalsel!.id), eq(memberships.userId, officer!.id)))).toEqual([]);
  });

  it('asks for --role when several roles may manage staff, naming them', async () => {
    const { io, err } = capture();
    const code = await invite({ agency: 'kalsel-prov', email: 'x@kalselprov.go.id', name: 'X' }, io);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/--role.*admin, kepala-biro/);
    expect(await database.db.select().from(users).where(eq(users.email, 'x@kalselprov.go.id'))).toEqual([]);
  });

  it('refuses an unknown agency and an unknown role, creating nobody', async () => {
    const unknownAgency = capture();
    expect(await invite({ agency: 'nowhere', email: 'a@b.id', name: 'A' }, unknownAgency.io)).toBe(1);
    expect(unknownAgency.err.join('\n')).toContain('nowhere');
    const unknownRole = capture();
    expect(await invite({ agency: 'ntt-prov', email: 'b@b.id', name: 'B', roles: ['ketua'] }, unknownRole.io)).toBe(1);
    expect(unknownRole.err.join('\n')).toMatch(/Unknown role.*Peran tidak dikenal/);
    expect(await database.db.select().from(users).where(eq(users.email, 'b@b.id'))).toEqual([]);
  });

  it('still prints a working link when the mail server refuses the message', async () => {
    const { io, out, err } = capture();
    const failing: Mailer = { send: async () => Promise.reject(new Error('connection refused')) };
    const code = await invite({ agency: 'ntt-prov', email: 'helpdesk@nttprov.go.id', name: 'Yohanes', roles: ['helpdesk'] }, io, failing);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/\/invitation#token=/);
    expect(err.join('\n')).toContain('connection refused');
  });
});

/**
 * "Three of the five shipped units can never have an administrator" (issue #18): only Kaltara's
 * and NTT's standards give a role `users.manage`. Every unit now has Sigap's own administrator,
 * and the README's command, as printed, works for each of them.
 */
describe('sigap staff bootstrap on every shipped unit', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.destroy();
  });

  it('gives each unit Sigap\'s administrator role, which the command grants without --role', async () => {
    const outbox = keepSentMail();
    const services = createTestServices(database, {
      identity: { mailer: outbox.around({ send: async () => {} }), secretKey: randomBytes(32), publicUrl: 'https://sigap.test' },
    });
    const shipped = await createFactories({ services }).standards();
    expect(shipped.map((a) => a.code).sort()).toEqual(['banjarmasin-kota', 'kalsel-prov', 'kaltara-prov', 'klungkung-kab', 'ntt-prov']);
    for (const agency of shipped) {
      const roles = await database.db.select().from(agencyRoles).where(eq(agencyRoles.agencyId, agency.id));
      const administrator = roles.find((r) => r.code === administratorRole.code);
      expect(administrator?.permissions, agency.code).toEqual(expect.arrayContaining(['users.manage', 'audit.view']));
      // Sigap's role handles no request or complaint: those stay with the standard's own roles.
      expect(administrator?.permissions.some((p) => p.startsWith('requests.') || p.startsWith('complaints.')), agency.code).toBe(false);

      const { io, out, err } = capture();
      const code = await inviteFromCli(services, { agency: agency.code, email: `admin@${agency.code}.go.id`, name: 'Admin', operator: 'root', sent: outbox.sent }, io);
      expect(err, agency.code).toEqual([]);
      expect(code).toBe(0);
      expect(out.join('\n')).toContain(`invited to ${agency.code} as administrator-sigap`);
    }
  });

  it('keeps an agency imported before the role existed in step when its unchanged standard is imported again', async () => {
    const [ntt] = await database.db.select().from(agencies).where(eq(agencies.code, 'ntt-prov'));
    await database.db.delete(memberships).where(and(eq(memberships.agencyId, ntt!.id), eq(memberships.roleCode, administratorRole.code)));
    await database.db.delete(agencyRoles).where(and(eq(agencyRoles.agencyId, ntt!.id), eq(agencyRoles.code, administratorRole.code)));
    const services = createTestServices(database);
    const [again] = await createFactories({ services }).standards({ codes: ['ntt-prov'] });
    const roles = await database.db.select().from(agencyRoles).where(eq(agencyRoles.agencyId, again!.id));
    expect(roles.map((r) => r.code)).toContain(administratorRole.code);
    const synced = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.agencyId, ntt!.id), eq(auditEvents.action, 'standards.roles_synced')));
    expect(synced).toHaveLength(1);
  });

  it('refuses a standard that names a role administrator-sigap, naming the field', async () => {
    const { loaded } = await loadAgencyFolder(path.join(shippedStandardsDir, 'ntt-prov'));
    const agency = loaded!.agency;
    const result = agencyStandard.safeParse({ ...agency, roles: [{ code: 'administrator-sigap', name: 'X', description: 'X', permissions: ['users.manage'] }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.some((i) => i.path.join('.') === 'roles.0.code' && i.message === 'standard.role_reserved')).toBe(true);
  });
});
