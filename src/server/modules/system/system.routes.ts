import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const health = z.object({ status: z.literal('ok') });
const readiness = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: z.enum(['ok', 'unreachable']) }),
});

export interface SystemDeps {
  pingDatabase(): Promise<void>;
  /** How long readiness waits for the database before calling it unreachable. */
  readinessTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export const systemRoutes: FastifyPluginAsyncZod<SystemDeps> = async (app, deps) => {
  app.route({
    method: 'GET',
    url: '/healthz',
    config: { disableMetrics: true },
    schema: { tags: ['system'], summary: 'The process is alive', response: { 200: health } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.route({
    method: 'GET',
    url: '/readyz',
    config: { disableMetrics: true },
    schema: {
      tags: ['system'],
      summary: 'The process can serve: its database answers',
      response: { 200: readiness, 503: readiness },
    },
    handler: async (request, reply) => {
      try {
        await withTimeout(deps.pingDatabase(), deps.readinessTimeoutMs ?? 2000);
        return { status: 'ok' as const, checks: { database: 'ok' as const } };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        return reply.code(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
      }
    },
  });
};
