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
  };
}
