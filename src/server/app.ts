import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyMetrics from 'fastify-metrics';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { agenciesRoutes } from './modules/agencies/agencies.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { complaintsRoutes } from './modules/complaints/complaints.routes.js';
import { defaultRateLimits, identityRoutes, type IdentityRateLimits } from './modules/identity/identity.routes.js';
import { staffRoutes } from './modules/identity/identity.staff.routes.js';
import { setupRoutes } from './modules/identity/identity.setup.routes.js';
import { requestsRoutes } from './modules/requests/requests.routes.js';
import { standardsRoutes } from './modules/standards/standards.routes.js';
import { surveysRoutes } from './modules/surveys/surveys.routes.js';
import { vendorsRoutes } from './modules/vendors/vendors.routes.js';
import { workRoutes } from './modules/work/work.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { authPlugin, routeCataloguePlugin } from './plugins/auth.js';
import { errorsPlugin, sendNotFound, validatorCompiler } from './plugins/errors.js';
import type { Services } from './services.js';

// fastify-metrics is CommonJS with an `exports.default`; under Node's ESM interop that lands one level down.
const metrics = fastifyMetrics.default;

export const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface BuildAppOptions {
  config: Pick<Config, 'bodyLimit' | 'logLevel'> & Partial<Pick<Config, 'trustProxy' | 'metricsAllow'>>;
  /** A pino logger (serve shares one with the services), pino options, or false (tests). */
  logger?: FastifyBaseLogger | FastifyServerOptions['logger'];
  /** Serve the built web app from this folder when it holds an index.html. */
  webRoot?: string;
  /** Per-address limits of the sign-in, reset and registration routes; tests raise or lower them. */
  rateLimits?: Partial<IdentityRateLimits> | undefined;
  /** Largest attachment upload, in bytes (the requests routes' default otherwise). */
  maxFileBytes?: number | undefined;
}

/**
 * Builds the whole application without listening: cross-cutting plugins first, then every
 * module's routes, listed here by hand so that this file shows what Sigap is made of. The
 * services come built from the composition root (services.ts); nothing is wired here.
 */
export async function buildApp(services: Services, options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const { database } = services;
  const app = Fastify({
    ...(isLogger(options.logger) ? { loggerInstance: options.logger } : { logger: options.logger ?? { level: config.logLevel } }),
    bodyLimit: config.bodyLimit,
    // A client's X-Request-Id ties its logs to ours, but it lands in the audit trail: kept only when
    // it is a short plain token, else replaced by our own id.
    requestIdHeader: false,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(sent) ? sent : randomUUID();
    },
    trustProxy: trustProxyOption(config.trustProxy ?? false),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
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
  // API answers above 1 KiB are compressed for clients that ask (a vendor on a phone in Tanjung
  // Selor pays per megabyte); brotli at a low quality costs little CPU per response. The web app's
  // files are compressed once at build (vite.config.ts) and served as such (preCompressed below).
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // The metrics tell anyone who reads them how busy the unit is and which routes fail: by default
  // only a scraper on this machine may read them (SIGAP_METRICS_ALLOW); others get a 404.
  const metricsReaders = metricsAllowList(config.metricsAllow ?? 'loopback');
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.split('?')[0] === '/metrics' && !metricsReaders(request.ip)) return sendNotFound(request, reply);
  });
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

  // Before every module: its onRoute hook guards each route by the access the route declares.
  const { identity, access, agencies, audit } = services;
  await app.register(authPlugin, { db: database.db, identity, access, agencies, audit });
  await app.register(identityRoutes, { service: identity, rateLimits: { ...defaultRateLimits, ...options.rateLimits } });
  await app.register(staffRoutes, { service: services.staff });
  await app.register(setupRoutes, { service: services.setup });
  await app.register(auditRoutes, { service: audit });
  await app.register(systemRoutes, { pingDatabase: () => database.ping() });
  await app.register(agenciesRoutes, { service: agencies });
  await app.register(standardsRoutes, { service: services.standards });
  await app.register(calendarRoutes, { service: services.calendar });
  await app.register(surveysRoutes, { service: services.surveys });
  await app.register(complaintsRoutes, { service: services.complaints });
  await app.register(requestsRoutes, { service: services.requests, ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}) });
  await app.register(vendorsRoutes, { service: services.vendors, maxFileBytes: options.maxFileBytes });
  await app.register(workRoutes, { service: services.work });

  const root = options.webRoot ?? webRoot;
  const serveWeb = existsSync(`${root}/index.html`);
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // index.html.br / .gz and assets/*.br / .gz written by the build, chosen by Accept-Encoding.
      preCompressed: true,
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

/** A logger instance (has the log methods), as opposed to pino options or a boolean. */
function isLogger(logger: BuildAppOptions['logger']): logger is FastifyBaseLogger {
  return typeof logger === 'object' && logger !== null && typeof (logger as { child?: unknown }).child === 'function';
}

/** A hop count as the function proxy-addr makes of it (Fastify's types take no bare number). */
/** Whether an address may read /metrics, from SIGAP_METRICS_ALLOW. */
function metricsAllowList(setting: string): (ip: string) => boolean {
  if (setting === 'any') return () => true;
  const list = new BlockList();
  const entries = setting === 'loopback' ? ['127.0.0.0/8', '::1/128'] : setting.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIPv6(address!) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return (ip) => {
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
    const plain = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
    if (isIPv4(plain)) return list.check(plain, 'ipv4');
    return isIPv6(plain) && list.check(plain, 'ipv6');
  };
}

function trustProxyOption(value: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}
