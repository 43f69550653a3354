import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { pickLanguage, type Language, type Localized } from '../../shared/i18n/languages.js';
import { ruleMessages } from '../../shared/i18n/rules.js';
import { describeIssues, unsafeTextIssues, type FieldProblem } from '../../shared/validation.js';
import { AppError, errorStatus, type ErrorCode } from '../lib/app-error.js';
import { redactError, sqlState } from '../lib/redact.js';

/** The body of every error response. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      details: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

/** Raised by the validator for a request part that fails its zod schema. */
export class RequestValidationError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('request validation failed');
    this.name = 'RequestValidationError';
  }
}

/**
 * Like fastify-type-provider-zod's compiler, but keeps the issues (with inputs) for localised
 * messages; and before any contract, refuses text no column can hold (NUL, lone surrogates) in
 * every body, query, path parameter and header a route declares.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const unsafe = unsafeTextIssues(data);
    if (unsafe.length > 0) return { error: new RequestValidationError(unsafe) };
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };

const locationNames: Record<string, Localized> = {
  body: { id: 'isi permintaan', en: 'request body' },
  querystring: { id: 'parameter kueri', en: 'query string' },
  params: { id: 'parameter alamat', en: 'path parameters' },
  headers: { id: 'header', en: 'headers' },
};

const genericMessages: Record<ErrorCode, Localized> = {
  validation: { id: 'Data yang dikirim tidak valid', en: 'The data sent is not valid' },
  bad_request: { id: 'Permintaan tidak dapat diproses', en: 'The request cannot be processed' },
  unauthenticated: { id: 'Silakan masuk terlebih dahulu', en: 'Please sign in first' },
  forbidden: { id: 'Anda tidak berhak melakukan ini', en: 'You are not allowed to do this' },
  not_found: { id: 'Tidak ditemukan', en: 'Not found' },
  conflict: { id: 'Data telah diubah oleh orang lain', en: 'The data was changed by someone else' },
  payload_too_large: { id: 'Ukuran data terlalu besar', en: 'The data is too large' },
  unsupported_media_type: { id: 'Jenis konten tidak didukung', en: 'Unsupported content type' },
  rate_limited: { id: 'Terlalu banyak permintaan; coba lagi nanti', en: 'Too many requests; try again later' },
  internal: {
    id: 'Terjadi kesalahan pada server. Sebutkan nomor permintaan ini kepada petugas.',
    en: 'Something went wrong on the server. Quote this request id to the help desk.',
  },
  unavailable: { id: 'Layanan sedang tidak tersedia; coba lagi sebentar lagi', en: 'The service is unavailable; try again in a moment' },
};

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (found) return found[0];
  return status >= 500 ? 'internal' : 'bad_request';
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details: FieldProblem[],
) {
  return reply
    .code(status)
    .header('content-language', request.language)
    .send({ error: { code, message, requestId: String(request.id), details } });
}

/**
 * Whether an error means the database cannot be reached: PostgreSQL's connection exceptions (class
 * 08), a server shutting down or not yet accepting connections (57P01–57P03), too many connections
 * (53300), the socket errors of a server that is gone, a pool that timed out connecting or was
 * closed (shutting down), or the embedded database closed.
 */
function databaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state && (state.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(state))) return true;
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE'].includes(code)) return true;
    if (/timeout exceeded when trying to connect|Connection terminated|Cannot use a pool after calling end|PGlite is closed|embedded database is closed/i.test(e.message)) return true;
  }
  return false;
}

function toAppError(error: FastifyError | Error, lang: Language): { status: number; code: ErrorCode; message: string; details: FieldProblem[]; retryAfter?: number } {
  if (error instanceof AppError) {
    return { status: error.status, code: error.code, message: error.localized[lang], details: error.details };
  }
  const fastifyError = error as FastifyError;
  if (error instanceof RequestValidationError || fastifyError.validation) {
    const context = fastifyError.validationContext ?? 'body';
    const where = locationNames[context]?.[lang] ?? context;
    const details =
      error instanceof RequestValidationError
        ? describeIssues(error.issues, lang)
        : [{ field: '', rule: 'custom', message: fastifyError.message }];
    const first = details[0];
    const summary = first
      ? `${genericMessages.validation[lang]} (${where}): ${first.field || where} ${first.message}`
      : genericMessages.validation[lang];
    return { status: 400, code: 'validation', message: summary, details };
  }
  // The database is down or unreachable: nothing the sender did wrong, and worth trying again soon.
  if (databaseUnavailable(error)) {
    return { status: 503, code: 'unavailable', message: genericMessages.unavailable[lang], details: [], retryAfter: 5 };
  }
  // The last line of defence: a value the database refused as data (SQLSTATE class 22: a date that
  // does not exist, a number out of range, bytes it cannot store) is the sender's mistake, not ours.
  const state = sqlState(error);
  if (state?.startsWith('22')) {
    return { status: 400, code: 'bad_request', message: genericMessages.bad_request[lang], details: [{ field: '', rule: 'data.invalid', message: ruleMessages['data.invalid'][lang] }] };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 500) {
    return { status: 500, code: 'internal', message: genericMessages.internal[lang], details: [] };
  }
  const code = codeForStatus(status);
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status, code: 'unsupported_media_type', message: genericMessages.unsupported_media_type[lang], details: [] };
  }
  if (fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return {
      status: 400,
      code: 'bad_request',
      message: lang === 'id' ? 'Isi permintaan bukan JSON yang valid' : 'The request body is not valid JSON',
      details: [{ field: '', rule: 'json', message: lang === 'id' ? 'JSON tidak valid' : 'invalid JSON' }],
    };
  }
  return { status, code, message: genericMessages[code][lang], details: [] };
}

/**
 * One error handler for the whole app: a 4xx says what was wrong in the reader's language; a
 * 5xx says nothing of the internals and carries the request id that the log line carries too.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('language', 'id' as Language);
  app.addHook('onRequest', async (request) => {
    request.language = pickLanguage(request.headers['accept-language']);
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const mapped = toAppError(error, request.language);
    if (mapped.status === 503) request.log.warn({ err: redactError(error) }, 'database unavailable');
    else if (mapped.status >= 500) request.log.error({ err: redactError(error) }, 'request failed');
    else request.log.info({ code: mapped.code, details: mapped.details }, 'request refused');
    if (mapped.retryAfter) reply.header('retry-after', String(mapped.retryAfter));
    return send(request, reply, mapped.status, mapped.code, mapped.message, mapped.details);
  });

});

/** The 404 for an unknown route, in the same shape as every other error. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const message =
    request.language === 'id'
      ? `Alamat ${request.method} ${request.url} tidak ditemukan`
      : `No route for ${request.method} ${request.url}`;
  return send(request, reply, 404, 'not_found', message, [{ field: 'url', rule: 'route', message }]);
}

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
  }
}
