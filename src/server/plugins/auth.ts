import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '../../shared/permissions.js';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/app-error.js';
import type { AgenciesService } from '../modules/agencies/agencies.service.js';
import type { AuditActor, AuditService } from '../modules/audit/audit.service.js';
import { forbidden, type AccessService, type AgencyRef } from '../modules/identity/identity.access.js';
import { anonymous, toAuditActor, type Actor } from '../modules/identity/identity.actor.js';
import { safeEqual } from '../lib/secrets.js';
import type { IdentityService, IssuedSession, RequestContext } from '../modules/identity/identity.service.js';

/**
 * What a route demands of its caller, declared in the route's `config`:
 *  - `public`: anyone (the permission-matrix test keeps an explicit list of these);
 *  - `signed_in`: a signed-in person (`allowPending`: also one still owing the second factor);
 *  - `permission`: a user or API token holding at least one of `permissions` in the agency named
 *    by the route's `:agency` parameter (or `agencyParam`), directly or through an escalation tier.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'signed_in'; allowPending?: boolean }
  | { kind: 'permission'; permissions: readonly [Permission, ...Permission[]]; agencyParam?: string };

export const publicRoute = { access: { kind: 'public' } } as const satisfies { access: RouteAccess };

export function signedIn(options: { allowPending?: boolean } = {}): { access: RouteAccess } {
  return { access: { kind: 'signed_in', ...options } };
}

/**
 * Route config for a route that needs `permission` in the agency of its `:agency` parameter; given
 * a list, any one of them opens it (the SKM report: `['surveys.view', 'reports.view']`, for the
 * survey officers and the supervisors who compile the semester report).
 */
export function requirePermission(
  permission: Permission | readonly [Permission, ...Permission[]],
  options: { agencyParam?: string } = {},
): { access: RouteAccess } {
  const permissions = typeof permission === 'string' ? ([permission] as const) : permission;
  if (permissions.length === 0) throw new Error('requirePermission needs at least one permission');
  return { access: { kind: 'permission', permissions: [...new Set(permissions)] as unknown as readonly [Permission, ...Permission[]], ...options } };
}

export const sessionCookie = 'sigap_session';
export const csrfCookie = 'sigap_csrf';
export const csrfHeader = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const secure = (request: FastifyRequest) => request.protocol === 'https';

/** Puts an issued session in the browser: HttpOnly session cookie, readable CSRF cookie. */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, issued: IssuedSession): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: secure(request), expires: issued.expiresAt };
  reply.setCookie(sessionCookie, issued.token, { ...common, httpOnly: true });
  reply.setCookie(csrfCookie, issued.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: secure(request) };
  reply.clearCookie(sessionCookie, { ...common, httpOnly: true });
  reply.clearCookie(csrfCookie, common);
}

/** Where the request came from, for services. */
export function requestContext(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, requestId: String(request.id), language: request.language };
}

/** Spread into `audit.record({ tx, agencyId, ...auditContext(request), action, … })`. */
export function auditContext(request: FastifyRequest): { actor: AuditActor; ip: string | null; requestId: string } {
  return { actor: toAuditActor(request.actor), ip: request.ip ?? null, requestId: String(request.id) };
}

/** The agency a `permission` route resolved; throws if the route declared no permission. */
export function routeAgency(request: FastifyRequest): AgencyRef {
  if (!request.agency) throw new Error(`route ${request.routeOptions.url} declared no agency permission`);
  return request.agency;
}

const unauthenticated = () => new AppError('unauthenticated', { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' });

/** One registered route and the access it declared, for the permission-matrix test and audits of the API. */
export interface CatalogueEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

/**
 * Collects every route registered after it. Registered first in buildApp, so that the matrix test
 * sees plugins' routes (metrics, docs) as well as the modules'.
 */
export const routeCataloguePlugin = fp(async (app: FastifyInstance) => {
  const catalogue: CatalogueEntry[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) catalogue.push({ method, url: route.url, access: route.config?.access });
  });
});

export interface AuthPluginOptions {
  db: Db;
  identity: Pick<IdentityService, 'resolveSession' | 'authenticateApiToken'>;
  access: AccessService;
  agencies: Pick<AgenciesService, 'getAgency'>;
  audit: Pick<AuditService, 'record'>;
}

/**
 * Resolves `request.actor` from a Bearer API token or the session cookie, then enforces each
 * route's declared access: sign-in, the second factor, CSRF for cookie-authenticated writes, the
 * named permission in the route's agency. Registered before every module so it sees every route.
 */
export const authPlugin = fp<AuthPluginOptions>(async (app: FastifyInstance, options) => {
  app.decorateRequest('actor', null as unknown as Actor as never);
  app.decorateRequest('agency', null);
  app.decorateRequest('permissions', null as never);

  // What a signed-in person or a token is answered is theirs alone: no browser or proxy keeps it
  // (a shared computer's back button, a caching proxy). A route that set its own policy keeps it.
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/') || reply.hasHeader('cache-control')) return;
    if (request.actor.type !== 'anonymous' || reply.hasHeader('set-cookie')) reply.header('cache-control', 'no-store');
  });

  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymous;
    request.permissions = new Set();
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      const actor = bearer ? await options.identity.authenticateApiToken(bearer) : null;
      if (!actor) {
        throw new AppError('unauthenticated', { id: 'Token API tidak valid atau sudah dicabut', en: 'The API token is invalid or revoked' });
      }
      request.actor = actor;
      return;
    }
    const token = request.cookies[sessionCookie];
    if (token) {
      const actor = await options.identity.resolveSession(token, { ip: request.ip ?? null });
      if (actor) request.actor = actor;
      else clearSessionCookies(request, reply);
    }
  });

  function checkCsrf(request: FastifyRequest): void {
    const actor = request.actor;
    // Browsers attach cookies to cross-site requests by themselves, never an Authorization header.
    if (actor.type !== 'user' || safeMethods.has(request.method)) return;
    const sent = request.headers[csrfHeader];
    if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) {
      throw new AppError('forbidden', { id: 'Token CSRF tidak ada atau salah; muat ulang halaman', en: 'Missing or wrong CSRF token; reload the page' }, [
        { field: csrfHeader, rule: 'csrf', message: request.language === 'id' ? 'tidak ada atau salah' : 'missing or wrong' },
      ]);
    }
  }

  async function recordDenial(request: FastifyRequest, agency: AgencyRef, wanted: readonly Permission[]): Promise<void> {
    await options.db.transaction((tx) =>
      options.audit.record({
        tx,
        agencyId: agency.id,
        ...auditContext(request),
        action: 'access.denied',
        after: { method: request.method, route: request.routeOptions.url ?? request.url, permission: wanted.join(' | ') },
      }),
    );
  }

  function guardFor(access: Exclude<RouteAccess, { kind: 'public' }>): onRequestHookHandler {
    return async function guard(request) {
      const actor = request.actor;
      if (actor.type === 'anonymous') throw unauthenticated();
      if (actor.type === 'user' && actor.pending !== null && !(access.kind === 'signed_in' && access.allowPending)) {
        throw new AppError('unauthenticated', { id: 'Selesaikan verifikasi dua langkah terlebih dahulu', en: 'Finish the two-step verification first' }, [
          { field: '', rule: 'auth.second_factor', message: actor.pending },
        ]);
      }
      if (access.kind === 'signed_in') {
        if (actor.type !== 'user') throw forbidden();
        checkCsrf(request);
        return;
      }
      checkCsrf(request);
      const param = access.agencyParam ?? 'agency';
      const code = (request.params as Record<string, string | undefined>)[param];
      const agency = await options.agencies.getAgency({ code: code ?? '' });
      const held = await options.access.permissionsIn({ actor, agencyId: agency.id });
      if (!access.permissions.some((p) => held.has(p))) {
        await recordDenial(request, agency, access.permissions);
        throw forbidden(access.permissions);
      }
      request.agency = agency;
      request.permissions = held;
    };
  }

  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (!access || access.kind === 'public') return;
    const existing = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : [];
    route.onRequest = [...existing, guardFor(access)];
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: CatalogueEntry[];
  }
  interface FastifyRequest {
    /** Who is calling: anonymous, a user (with session), or an API token. */
    actor: Actor;
    /** The agency of a `requirePermission` route, once access is granted. */
    agency: AgencyRef | null;
    /** The actor's permissions in `agency`. */
    permissions: ReadonlySet<Permission>;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
