import { randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { Permission } from '../../shared/permissions.js';
import type { Db } from '../db/client.js';
import { agencies, agencyRoles, memberships, totpCredentials, users } from '../db/tables/index.js';
import { encryptSecret } from '../lib/secrets.js';
import { hashPassword } from '../modules/identity/identity.passwords.js';
import { newTotpSecret, totpCodeAt } from '../modules/identity/identity.totp.js';

/** A real SMTP server on a free local port that keeps what it receives. */
export interface TestSmtp {
  url: string;
  messages: { to: string[]; raw: string; text: string }[];
  /** The first message to `to` received after `since` (index), waiting up to 5 s. */
  waitFor(to: string, since?: number): Promise<{ raw: string; text: string }>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(body: string): string {
  const bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** The plain-text body of a single-part message, decoded. */
function textOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return decodeQuotedPrintable(body);
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

export async function startSmtp(): Promise<TestSmtp> {
  const messages: TestSmtp['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, text: textOf(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(to, since = 0) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = messages.slice(since).find((m) => m.to.includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first `#token=` link in a mail. */
export function tokenInMail(text: string): string {
  const match = /#token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no token in mail:\n${text}`);
  return decodeURIComponent(match[1]);
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

// Straight inserts, below the rules the services keep (roles defined, password policy, TOTP
// enrolled with a code): what factories.ts makes through the services is what new tests use.
// These stay for the tests that still call them and for changing a row mid-test.

export async function insertAgency(db: Db, code: string, options: { parentId?: string; level?: 'national' | 'provinsi' | 'kabupaten' | 'kota' } = {}) {
  const rows = await db
    .insert(agencies)
    .values({ code, name: `Agency ${code}`, level: options.level ?? 'provinsi', timeZone: 'Asia/Makassar', parentId: options.parentId ?? null })
    .returning();
  return rows[0]!;
}

export async function insertRole(db: Db, agencyId: string, code: string, permissions: readonly Permission[]) {
  await db.insert(agencyRoles).values({ agencyId, code, name: `Role ${code}`, permissions: [...permissions] });
}

export const strongPassword = 'tR7!qLw9#zPm-Kupang';

/**
 * A user straight in the database: verified, with a password, optional roles and optional TOTP
 * (encrypted with `secretKey`, the key the test app was built with).
 */
export async function insertUser(
  db: Db,
  options: { email?: string; name?: string; password?: string; roles?: { agencyId: string; role: string }[]; totpKey?: Buffer; verified?: boolean },
) {
  const email = options.email ?? `${randomUUID().slice(0, 8)}@example.id`;
  const rows = await db
    .insert(users)
    .values({
      email,
      name: options.name ?? 'Test Person',
      passwordHash: await hashPassword(options.password ?? strongPassword),
      emailVerifiedAt: options.verified === false ? null : new Date(),
    })
    .returning();
  const user = rows[0]!;
  for (const r of options.roles ?? []) await db.insert(memberships).values({ agencyId: r.agencyId, userId: user.id, roleCode: r.role });
  let totpSecret: string | null = null;
  if (options.totpKey) {
    totpSecret = newTotpSecret();
    await db.insert(totpCredentials).values({ userId: user.id, secretEncrypted: encryptSecret(totpSecret, options.totpKey), confirmedAt: new Date() });
  }
  return { ...user, password: options.password ?? strongPassword, totpSecret };
}

/** A browser: keeps cookies between injected requests and sends the CSRF header on writes. */
export class Browser {
  cookies = new Map<string, string>();
  sendCsrf = true;

  constructor(
    private readonly app: FastifyInstance,
    // Each browser its own address, so per-address rate limits count one browser's requests.
    private readonly remoteAddress = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  ) {}

  get csrf(): string | undefined {
    return this.cookies.get('sigap_csrf');
  }

  async request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.sendCsrf && this.csrf && !['GET', 'HEAD'].includes(options.method)) headers['x-csrf-token'] ??= this.csrf;
    const response = await this.app.inject({ ...options, headers, remoteAddress: this.remoteAddress });
    for (const c of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = (c.expires && c.expires.getTime() <= Date.now() - 1000 * 3600 * 24 * 365) || c.maxAge === 0 || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  }

  /** Signs in, with the TOTP step when a secret is given (code computed at `at`). */
  async signIn(email: string, password: string, totp?: { secret: string; at: Date }) {
    const first = await this.post('/api/auth/sign-in', { email, password });
    if (first.statusCode !== 200) return first;
    if (totp && first.json().status === 'totp_required') {
      return this.post('/api/auth/second-factor', { code: await totpCodeAt(totp.secret, totp.at) });
    }
    return first;
  }
}

/**
 * Signed-in browsers of test users under a moving test clock, one per user, signed in again once
 * the clock has moved ten minutes from the last sign-in (sessions age with the clock, and a TOTP
 * code is good once). `app` is read at each call, so it may be created after this.
 */
export function signedInBrowsers(
  app: () => FastifyInstance,
  now: () => Date,
  users: Readonly<Record<string, { email: string; password: string; totpSecret: string | null }>>,
): (name: string) => Promise<Browser> {
  const sessions = new Map<string, { browser: Browser; at: number }>();
  return async (name) => {
    const at = now();
    const existing = sessions.get(name);
    if (existing && Math.abs(at.getTime() - existing.at) < 10 * 60_000) return existing.browser;
    const user = users[name];
    if (!user) throw new Error(`no test user ${name}`);
    const browser = new Browser(app());
    const res = await browser.signIn(user.email, user.password, user.totpSecret ? { secret: user.totpSecret, at } : undefined);
    if (res.statusCode !== 200) throw new Error(`${name} cannot sign in: ${res.statusCode} ${res.body}`);
    sessions.set(name, { browser, at: at.getTime() });
    return browser;
  };
}
