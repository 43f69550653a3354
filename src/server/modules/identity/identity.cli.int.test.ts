import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { agencies, agencyRoles, auditEvents, memberships, users } from '../../db/tables/index.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createCliTarget, type CliTarget } from '../../test/cli.js';
import { startSmtp, tokenInMail, type TestSmtp } from '../../test/identity-fixtures.js';
import { inviteFromCli } from './identity.cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('inviteFromCli (sigap staff bootstrap)', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  const identity = () => ({
    mailer: createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' }),
    secretKey: randomBytes(32),
    publicUrl: 'https://sigap.test',
  });

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
    const code = await inviteFromCli(database, { agency: 'ntt-prov', email: 'Admin@NTTprov.go.id', name: 'Maria Fernandez', operator: 'root', identity: identity() }, io);
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
    const app = await buildApp({ config: { bodyLimit: 1_048_576, logLevel: 'silent' }, database, logger: false, webRoot: '/nonexistent' });
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
    const code = await inviteFromCli(database, { agency: 'kalsel-prov', email: 'kabiro@kalselprov.go.id', name: 'Kepala Biro', roles: ['kepala-biro'], operator: 'root', identity: identity() }, io);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('kepala-biro');
  });

  it('asks for --role when several roles may manage staff, naming them', async () => {
    const { io, err } = capture();
    const code = await inviteFromCli(database, { agency: 'kalsel-prov', email: 'x@kalselprov.go.id', name: 'X', operator: 'root', identity: identity() }, io);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/--role.*admin, kepala-biro/);
    expect(await database.db.select().from(users).where(eq(users.email, 'x@kalselprov.go.id'))).toEqual([]);
  });

  it('refuses an unknown agency and an unknown role, creating nobody', async () => {
    const unknownAgency = capture();
    expect(await inviteFromCli(database, { agency: 'nowhere', email: 'a@b.id', name: 'A', operator: 'root', identity: identity() }, unknownAgency.io)).toBe(1);
    expect(unknownAgency.err.join('\n')).toContain('nowhere');
    const unknownRole = capture();
    expect(await inviteFromCli(database, { agency: 'ntt-prov', email: 'b@b.id', name: 'B', roles: ['ketua'], operator: 'root', identity: identity() }, unknownRole.io)).toBe(1);
    expect(unknownRole.err.join('\n')).toMatch(/Unknown role.*Peran tidak dikenal/);
    expect(await database.db.select().from(users).where(eq(users.email, 'b@b.id'))).toEqual([]);
  });

  it('still prints a working link when the mail server refuses the message', async () => {
    const { io, out, err } = capture();
    const failing = { ...identity(), mailer: { send: async () => Promise.reject(new Error('connection refused')) } };
    const code = await inviteFromCli(database, { agency: 'ntt-prov', email: 'helpdesk@nttprov.go.id', name: 'Yohanes', roles: ['helpdesk'], operator: 'root', identity: failing }, io);
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/\/invitation#token=/);
    expect(err.join('\n')).toContain('connection refused');
  });
});


/** The real `sigap` process: the command is registered and reaches its own database. */
describe('sigap staff bootstrap (process)', () => {
  let target: CliTarget;
  const sigap = (args: string[]) => target.sigap(args);
  const openIt = () => target.open();

  beforeAll(async () => {
    target = await createCliTarget('staff-cli');
    target.env.SIGAP_PUBLIC_URL = 'https://sigap.example.id';
    delete target.env.SMTP_URL;
    // PGlite keeps one process per folder: write, close, then run the CLI.
    const database = await openIt();
    await database.migrate();
    const [ntt] = await database.db.insert(agencies).values({ code: 'ntt-prov', name: 'Biro PBJ Provinsi NTT', level: 'provinsi', timeZone: 'Asia/Makassar' }).returning();
    await database.db.insert(agencyRoles).values({ agencyId: ntt!.id, code: 'admin-sistem', name: 'Admin Sistem', permissions: ['users.manage'] });
    await database.close();
  });

  afterAll(async () => {
    await target.destroy();
  });

  it('prints the invitation link and exits 0; an unknown agency exits 1', async () => {
    const ok = await sigap(['staff', 'bootstrap', '--agency', 'ntt-prov', '--email', 'admin@nttprov.go.id', '--name', 'Maria Fernandez']);
    expect(ok.stdout).toMatch(/https:\/\/sigap\.example\.id\/invitation#token=[A-Za-z0-9_-]{20,}/);
    await expect(sigap(['staff', 'bootstrap', '--agency', 'nowhere', '--email', 'a@b.id', '--name', 'A'])).rejects.toMatchObject({ code: 1 });
  }, 60_000);
});
