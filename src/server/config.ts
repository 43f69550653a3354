import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** The only place that reads process.env. Everything else receives a Config. */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SIGAP_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  SIGAP_BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
  SIGAP_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // Where the web app is reached, for links in e-mails (password reset, invitations); unset:
  // http://localhost:<PORT>, so a link printed or mailed by a server on another port still works.
  SIGAP_PUBLIC_URL: z.url().optional(),
  // smtp://user:pass@host:587 or smtps://…; unset: mails are written to <data dir>/mail as .eml files.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Sigap <no-reply@localhost>'),
  // 32 bytes in base64 that encrypt TOTP secrets; unset: a key file in the data directory.
  SIGAP_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64')
    .optional(),
  SIGAP_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SIGAP_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  // Behind a reverse proxy: `true` (trust X-Forwarded-* from any hop), a number of hops, or a
  // comma-separated list of proxy addresses/CIDRs. Unset: the socket's address is the client's,
  // so a client cannot fake its address (which per-address rate limits rely on).
  SIGAP_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a number of hops, or a list of proxy addresses')
    .optional(),
  // Who may read /metrics: `loopback` (default), `any`, or a comma-separated list of addresses/CIDRs.
  SIGAP_METRICS_ALLOW: z
    .string()
    .refine(
      (v) => v === 'loopback' || v === 'any' || v.split(',').every((entry) => {
        const [address, prefix, extra] = entry.trim().split('/');
        return extra === undefined && isIP(address ?? '') !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
      }),
      'must be loopback, any, or a comma-separated list of addresses/CIDRs',
    )
    .default('loopback'),
  // The service standards validated and imported at start-up; `none` turns that off.
  SIGAP_STANDARDS_DIR: z.string().min(1).optional(),
  // How often `serve` runs the clock sweeper of requests; 0 turns it off (another process sweeps).
  SIGAP_SWEEP_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof logLevels)[number];
  bodyLimit: number;
  dbPoolSize: number;
  env: 'development' | 'production' | 'test';
  /** Fastify's trustProxy: whom to believe about the client's address and https. */
  trustProxy: boolean | number | string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  secretKey: Buffer | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /**
   * Standards folder checked and imported by `serve`, or null (`SIGAP_STANDARDS_DIR=none`).
   * `explicit`: set by the operator, so a missing folder is an error, not a skipped default.
   */
  standards: { dir: string; explicit: boolean } | null;
  /** Seconds between clock sweeps in `serve`; 0: none. */
  sweepSeconds: number;
  /** Who may read /metrics (SIGAP_METRICS_ALLOW): `loopback`, `any`, or addresses/CIDRs. */
  metricsAllow: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; rule: string }[]) {
    super(
      'Invalid configuration / Konfigurasi tidak valid:\n' +
        problems.map((p) => `  ${p.variable}: ${p.rule}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), rule: issue.message })),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SIGAP_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.SIGAP_BODY_LIMIT,
    dbPoolSize: e.SIGAP_DB_POOL_SIZE,
    env: e.NODE_ENV,
    trustProxy: parseTrustProxy(e.SIGAP_TRUST_PROXY),
    publicUrl: (e.SIGAP_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    secretKey: e.SIGAP_SECRET_KEY ? Buffer.from(e.SIGAP_SECRET_KEY, 'base64') : undefined,
    sessionIdleMinutes: e.SIGAP_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SIGAP_SESSION_MAX_HOURS,
    standards:
      e.SIGAP_STANDARDS_DIR === 'none'
        ? null
        : { dir: path.resolve(e.SIGAP_STANDARDS_DIR ?? './standards'), explicit: e.SIGAP_STANDARDS_DIR !== undefined },
    sweepSeconds: e.SIGAP_SWEEP_SECONDS,
    metricsAllow: e.SIGAP_METRICS_ALLOW,
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
