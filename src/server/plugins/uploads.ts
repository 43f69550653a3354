import type { FastifyRequest } from 'fastify';
import { ruleMessages } from '../../shared/i18n/rules.js';
import { describeIssues, unsafeTextIssues } from '../../shared/validation.js';
import { AppError } from '../lib/app-error.js';

/** One multipart file upload as the routes use it: its bytes, its file name, and its non-empty text fields. */
export interface Upload {
  data: Buffer;
  fileName: string;
  fields: Record<string, string>;
}

function malformed(request: FastifyRequest): AppError {
  const lang = request.language;
  return new AppError('validation', { id: 'Unggahan tidak dapat dibaca', en: 'The upload cannot be read' }, [
    { field: 'file', rule: 'upload.malformed', message: ruleMessages['upload.malformed'][lang] },
  ]);
}

/**
 * Reads one multipart upload (the text fields sent before the file, then the file, size-limited
 * while streaming), for every route that takes a file. A body cut short or not multipart at all is
 * the sender's 400, not a 500; the file name and the fields are held to the rule of every other
 * text input (no NUL, no lone surrogate), with the field named.
 */
export async function readUpload(request: FastifyRequest, options: { maxBytes: number; tooLarge: () => AppError }): Promise<Upload> {
  const fail = (error: unknown): never => {
    if (error instanceof AppError) throw error;
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw options.tooLarge();
    if (statusCode === 413) throw error;
    throw malformed(request);
  };
  const part = await request.file({ limits: { fileSize: options.maxBytes, files: 1 } }).catch(fail);
  if (!part) throw new AppError('validation', { id: 'Tidak ada berkas yang dikirim', en: 'No file was sent' }, [{ field: 'file', rule: 'required', message: 'file' }]);
  const data = await part.toBuffer().catch(fail);
  if (part.file.truncated) throw options.tooLarge();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one && 'value' in one && typeof one.value === 'string' && one.value !== '') fields[name] = one.value;
  }
  const fileName = part.filename || 'berkas';
  const unsafe = unsafeTextIssues({ ...fields, fileName });
  if (unsafe.length > 0) {
    const details = describeIssues(unsafe, request.language);
    throw new AppError('validation', { id: `Data unggahan tidak valid: ${details[0]!.field}`, en: `The upload's data is not valid: ${details[0]!.field}` }, details);
  }
  return { data, fileName, fields };
}
