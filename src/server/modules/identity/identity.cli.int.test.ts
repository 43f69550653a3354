import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { agencies, agencyRoles, auditEvents, memberships, users } from '../../db/tables/index.js';
import { createMailer, type Mailer } from '../../lib/mailer.js';
import { createTestServices } from '../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
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
