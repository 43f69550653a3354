import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyMetrics from 'fastify-metrics';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createAgenciesRepo } from './modules/agencies/agencies.repo.js';
import { agenciesRoutes } from './modules/agencies/agencies.routes.js';
import { createAgenciesService } from './modules/agencies/agencies.service.js';
import { createCalendarRepo } from './modules/calendar/calendar.repo.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { createCalendarService } from './modules/calendar/calendar.service.js';
import { createAuditRepo } from './modules/audit/audit.repo.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createAccessService } from './modules/identity/identity.access.js';
import { createIdentityRepo } from './modules/identity/identity.repo.js';
import { defaultRateLimits, identityRoutes, type IdentityRateLimits } from './modules/identity/identity.routes.js';
import { createIdentityService, defaultIdentitySettings } from './modules/identity/identity.service.js';
import { staffRoutes } from './modules/identity/identity.staff.routes.js';
import { createComplaintsRepo } from './modules/complaints/complaints.repo.js';
import { complaintsRoutes } from './modules/complaints/complaints.routes.js';
import { createComplaintsService } from './modules/complaints/complaints.service.js';
import { createRequestsModule, type RequestsOptions } from './modules/requests/requests.module.js';
import { requestsRoutes } from './modules/requests/requests.routes.js';
import type { RequestsService } from './modules/requests/requests.service.js';
import { createSurveysRepo } from './modules/surveys/surveys.repo.js';
import { surveysRoutes } from './modules/surveys/surveys.routes.js';
import { catalogueFromStandards, createSurveysService } from './modules/surveys/surveys.service.js';
import { createStandardsRepo } from './modules/standards/standards.repo.js';
import { standardsRoutes } from './modules/standards/standards.routes.js';
import { createStandardsService } from './modules/standards/standards.service.js';
import { createStaffService } from './modules/identity/identity.staff.service.js';
import type { Mailer } from './lib/mailer.js';
import { authPlugin, routeCataloguePlugin } from './plugins/auth.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { errorsPlugin, sendNotFound, validatorCompiler } from './plugins/errors.js';

// fastify-metrics is CommonJS with an `exports.default`; under Node's ESM interop that lands one level down.
const metrics = fastifyMetrics.default;

export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface BuildAppOptions {
  config: Pick<Config, 'bodyLimit' | 'logLevel'> & Partial<Pick<Config, 'trustProxy'>>;
  database: Database;
  /** pino options or false; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from this folder when it holds an index.html. */
  webRoot?: string;
  /** Identity and audit settings; main.ts fills them from the Config, tests pass their own. */
  identity?: IdentityOptions;
  /** Attachment storage, file key and effect handlers of the requests module. */
  requests?: RequestsOptions;
}

export interface IdentityOptions {
  mailer?: Mailer;
  /** 32 bytes that encrypt TOTP secrets; absent: a random key for this process only (tests). */
  secretKey?: Buffer;
  publicUrl?: string;
  sessionIdleMinutes?: number;
  sessionMaxHours?: number;
  rateLimits?: Partial<IdentityRateLimits>;
  clock?: () => Date;
}

/**
 * Builds the whole application without listening: cross-cutting plugins first, then every
 * module, listed here by hand so that this file shows what Sigap is made of.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: trustProxyOption(config.trustProxy ?? false),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', database);
  await app.register(routeCataloguePlugin);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets CSS variables and positions through inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(metrics, {
    endpoint: '/metrics',
    clearRegisterOnInit: true,
    routeMetrics: { routeBlacklist: ['/metrics', '/healthz', '/readyz'] },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sigap API',
        description: 'Service desk of Indonesian procurement service units (UKPBJ / LPSE).',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Modules. Each gets its service, built from its repo and the services it depends on.
  const db = database.db;
  const identityOptions = options.identity ?? {};
  const clock = identityOptions.clock ?? (() => new Date());
  const audit = createAuditService({ repo: createAuditRepo(db), db, clock });
  const identityRepo = createIdentityRepo(db);
  const access = createAccessService({ repo: identityRepo });
  const mailer = identityOptions.mailer ?? unconfiguredMailer(app);
  const identity = createIdentityService({
    db,
    repo: identityRepo,
    audit,
    access,
    mailer,
    clock,
    settings: {
      ...defaultIdentitySettings,
      publicUrl: identityOptions.publicUrl ?? 'http://localhost:3000',
      secretKey: identityOptions.secretKey ?? randomBytes(32),
      ...(identityOptions.sessionIdleMinutes ? { sessionIdleMs: identityOptions.sessionIdleMinutes * 60_000 } : {}),
      ...(identityOptions.sessionMaxHours ? { sessionMaxMs: identityOptions.sessionMaxHours * 3_600_000 } : {}),
    },
  });
  // Before every module: its onRoute hook guards each route by the access the route declares.
  await app.register(authPlugin, { db, identity, access, audit });
  await app.register(identityRoutes, { service: identity, rateLimits: { ...defaultRateLimits, ...identityOptions.rateLimits } });
  const staff = createStaffService({ db, repo: identityRepo, identity, access, audit, clock });
  await app.register(staffRoutes, { service: staff });
  await app.register(auditRoutes, { service: audit });
  await app.register(systemRoutes, { pingDatabase: () => database.ping() });
  const agencies = createAgenciesService({ repo: createAgenciesRepo(db) });
  await app.register(agenciesRoutes, { service: agencies });
  const standards = createStandardsService({ db, repo: createStandardsRepo(db), agencies, roles: identity, audit, clock });
  await app.register(standardsRoutes, { service: standards });
  const calendar = createCalendarService({
    db,
    repo: createCalendarRepo(db),
    agencies: { findByCode: (code) => createAgenciesRepo(db).findByCode(code) },
    audit,
    standardHours: (agencyId) => standards.getServiceHours(agencyId),
  });
  await app.register(calendarRoutes, { service: calendar });
  const requests: RequestsService = createRequestsModule({
    db,
    standards,
    calendar,
    access,
    audit,
    clock,
    publicUrl: identityOptions.publicUrl ?? 'http://localhost:3000',
    options: options.requests,
    // The survey invitation when a request closes.
    mailer,
    log: { error: (details, message) => app.log.error(details, message) },
  });
  const surveys = createSurveysService({
    db,
    repo: createSurveysRepo(db),
    agencies: { findByCode: (code) => createAgenciesRepo(db).findByCode(code) },
    audit,
    clock,
    catalogue: catalogueFromStandards(standards),
    // The survey of a closed request is authorised by the request's tracking secret.
    requests: { surveyTarget: (o) => requests.surveyTarget(o) },
  });
  await app.register(surveysRoutes, { service: surveys });
  const complaints = createComplaintsService({
    db,
    repo: createComplaintsRepo(db),
    agencies: { findByCode: (code) => createAgenciesRepo(db).findByCode(code) },
    standards,
    calendar,
    staff: { listStaff: (agencyId) => identityRepo.listStaff(agencyId) },
    audit,
    clock,
  });
  await app.register(complaintsRoutes, { service: complaints });
  await app.register(requestsRoutes, { service: requests, ...(options.requests?.maxFileBytes ? { maxFileBytes: options.requests.maxFileBytes } : {}) });

  const root = options.webRoot ?? webRoot;
  const serveWeb = existsSync(`${root}/index.html`);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // Our own cache-control below; @fastify/send would otherwise overwrite it with max-age=0.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Vite fingerprints everything under assets/; the page itself must always be revalidated.
        res.setHeader('cache-control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (serveWeb && (isPage || request.url === '/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendNotFound(request, reply);
  });

  return app;
}

/** Without a configured mailer (tests that send none), say so in the log; never log the body: it holds tokens. */
function unconfiguredMailer(app: FastifyInstance): Mailer {
  return {
    async send(mail) {
      app.log.warn({ to: mail.to, subject: mail.subject }, 'no mailer configured; e-mail not sent');
    },
  };
}

/** A hop count as the function proxy-addr makes of it (Fastify's types take no bare number). */
function trustProxyOption(value: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}
