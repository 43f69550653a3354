/**
 * Files attached to requests: where their contents live (content-addressed, written durably),
 * the encryption of confidential ones, the type read from the content, and the use cases of
 * attaching a file (staff, or the requester with the tracking secret) and reading it back.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Language } from '../../../shared/i18n/languages.js';
import type { Executor } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { AuditActor } from '../audit/audit.service.js';
import { toAuditActor } from '../identity/identity.actor.js';
import { invalid, refusal, requesterActor, type CallContext, type RequestsContext } from './requests.context.js';
import type { AttachmentRow, RequestRow } from './requests.repo.js';

/**
 * Where attachment contents live. Keys are content addresses (SHA-256), so writing the same
 * content twice stores it once. The local-disk store is the default; an S3-compatible store
 * implements the same three methods for clusters.
 */
export interface FileStorage {
  has(key: string): Promise<boolean>;
  /** Writes durably (the bytes are on disk before it resolves); a no-op when the key exists. */
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => {
    if (!/^[a-f0-9]{64}(\.enc)?$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  return {
    async has(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch {
        return false;
      }
    },
    async put(key, data) {
      const target = pathOf(key);
      if (await this.has(key)) return;
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside, fsync, then rename: a crash leaves the old state or the whole file.
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      const dir = await open(path.dirname(target), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    },
    async get(key) {
      return readFile(pathOf(key));
    },
  };
}

/** The key that encrypts confidential files, derived from the deployment's secret key. */
export function deriveFileKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), Buffer.from('sigap request attachments v1'), 32));
}

const ivLength = 12;
const tagLength = 16;

/** AES-256-GCM: iv (12) ‖ tag (16) ‖ ciphertext. The content hash is bound as associated data. */
export function encryptFile(key: Buffer, plain: Buffer, sha256: string): Buffer {
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(sha256));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptFile(key: Buffer, sealed: Buffer, sha256: string): Buffer {
  const iv = sealed.subarray(0, ivLength);
  const tag = sealed.subarray(ivLength, ivLength + tagLength);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(sha256));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(ivLength + tagLength)), decipher.final()]);
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** File types a requester may attach, recognised by their content, not their name. */
export const allowedMimeTypes = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
]);

export const defaultMaxFileBytes = 10 * 1024 * 1024;

/** The type the content says it is, or a 415 naming the rule. */
export async function sniffType(data: Buffer, lang: 'id' | 'en'): Promise<string> {
  const type = await fileTypeFromBuffer(data);
  if (!type || !allowedMimeTypes.has(type.mime)) {
    throw new AppError(
      'unsupported_media_type',
      {
        id: `Jenis berkas tidak diizinkan${type ? ` (${type.mime})` : ''}; yang diterima: PDF, JPEG, PNG, WEBP, DOCX, XLSX, ZIP`,
        en: `File type not allowed${type ? ` (${type.mime})` : ''}; accepted: PDF, JPEG, PNG, WEBP, DOCX, XLSX, ZIP`,
      },
      [{ field: 'file', rule: 'request.file_type', message: lang === 'id' ? 'jenis berkas tidak diizinkan' : 'file type not allowed' }],
    );
  }
  return type.mime;
}

export function fileTooLarge(maxBytes: number, lang: 'id' | 'en'): AppError {
  return new AppError(
    'payload_too_large',
    { id: `Berkas lebih besar dari ${maxBytes} byte`, en: `The file is larger than ${maxBytes} bytes` },
    [{ field: 'file', rule: 'request.file_size', message: lang === 'id' ? `maksimal ${maxBytes} byte` : `at most ${maxBytes} bytes` }],
  );
}

// ---------------------------------------------------------------------------------------
// Use cases: attaching a file to a request (staff, or the requester with the tracking secret)
// and reading it back; an upload for a checklist item marks it received.

export function createAttachments(context: RequestsContext) {
  const { deps, db, repo, now, loadByNumber, assertStaffSees, checkSecret } = context;

  async function storeAttachment(options: {
    tx: Executor;
    row: RequestRow;
    data: Buffer;
    fileName: string;
    confidential: boolean;
    requirementCode: string | null;
    uploader: AuditActor;
    lang: Language;
    at: Date;
  }): Promise<AttachmentRow> {
    const { row, data, confidential } = options;
    const mimeType = await sniffType(data, options.lang);
    const sha256 = sha256Of(data);
    const storageKey = confidential ? `${sha256}.enc` : sha256;
    const existing = await repo.findStoredFile(row.agencyId, sha256, confidential, options.tx);
    if (!existing) {
      // The blob is written (and synced) before the row that points at it commits.
      if (!(await deps.files.storage.has(storageKey))) {
        await deps.files.storage.put(storageKey, confidential ? encryptFile(deps.files.key, data, sha256) : data);
      }
      await repo.insertStoredFile({ agencyId: row.agencyId, sha256, encrypted: confidential, size: data.length, mimeType, storageKey }, options.tx);
    }
    return repo.insertAttachment({
      agencyId: row.agencyId,
      requestId: row.id,
      sha256,
      encrypted: confidential,
      fileName: options.fileName.slice(0, 255),
      mimeType,
      size: data.length,
      confidential,
      requirementCode: options.requirementCode,
      uploadedByType: options.uploader.type,
      uploadedBy: options.uploader.label,
      uploadedAt: options.at,
    }, options.tx);
  }

  async function readAttachment(row: RequestRow, attachmentId: string): Promise<{ attachment: AttachmentRow; data: Buffer }> {
    const attachment = await repo.findAttachment(row.agencyId, row.id, attachmentId);
    if (!attachment) throw notFound({ id: 'Lampiran tidak ditemukan', en: 'Attachment not found' });
    const key = attachment.encrypted ? `${attachment.sha256}.enc` : attachment.sha256;
    const stored = await deps.files.storage.get(key);
    const data = attachment.encrypted ? decryptFile(deps.files.key, stored, attachment.sha256) : stored;
    return { attachment, data };
  }

  async function addAttachment(options: {
    ctx: CallContext;
    row: RequestRow;
    file: { data: Buffer; fileName: string };
    confidential: boolean;
    requirementCode: string | null;
    asRequester: boolean;
  }) {
    const { ctx, row } = options;
    const at = now();
    const uploader = options.asRequester ? requesterActor(row) : toAuditActor(ctx.actor);
    if (row.status === 'closed') throw refusal({ ok: false, reason: 'closed' }, null);
    return db.transaction(async (tx) => {
      if (options.requirementCode) {
        const items = await repo.listChecklist(row.agencyId, row.id, tx);
        const item = items.find((i) => i.code === options.requirementCode);
        if (!item) throw invalid(ctx.lang, 'requirementCode', 'request.requirement_unknown');
        // An upload fulfils a document item as received; the officer still checks it.
        if (item.kind === 'document' && item.state !== 'original_shown') {
          await repo.markChecklistItem({ agencyId: row.agencyId, requestId: row.id, code: item.code }, { state: 'received', markedBy: uploader.label ?? 'requester', markedAt: at }, tx);
        }
      }
      const attachment = await storeAttachment({ tx, row, data: options.file.data, fileName: options.file.fileName, confidential: options.confidential, requirementCode: options.requirementCode, uploader, lang: ctx.lang, at });
      await repo.insertEvent({
        agencyId: row.agencyId,
        requestId: row.id,
        occurredAt: at,
        kind: 'attachment',
        actorType: uploader.type,
        actorId: uploader.id,
        actorLabel: uploader.label,
        visibility: 'public',
        data: { attachmentId: attachment.id, fileName: attachment.fileName, confidential: attachment.confidential, requirementCode: options.requirementCode },
      }, tx);
      await deps.audit.record({
        tx,
        agencyId: row.agencyId,
        actor: uploader,
        action: 'requests.attachment_added',
        target: { type: 'request', id: row.id },
        after: { attachmentId: attachment.id, sha256: attachment.sha256, size: attachment.size, confidential: attachment.confidential },
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return {
        id: attachment.id,
        fileName: attachment.fileName,
        mimeType: attachment.mimeType,
        size: attachment.size,
        sha256: attachment.sha256,
        confidential: attachment.confidential,
        requirementCode: attachment.requirementCode,
        uploadedAt: attachment.uploadedAt.toISOString(),
      };
    });
  }

  return {
    async addStaffAttachment(options: { ctx: CallContext; workspaceId: string; number: string; file: { data: Buffer; fileName: string }; confidential: boolean; requirementCode: string | null }) {
      const row = await loadByNumber(options.number);
      assertStaffSees(row, options.workspaceId);
      return addAttachment({ ...options, row, asRequester: false });
    },

    async addRequesterAttachment(options: { ctx: CallContext; number: string; secret: string; file: { data: Buffer; fileName: string }; confidential: boolean; requirementCode: string | null }) {
      const row = await loadByNumber(options.number);
      checkSecret(row, options.secret);
      return addAttachment({ ...options, row, asRequester: true });
    },

    async downloadForStaff({ workspaceId, number, attachmentId }: { workspaceId: string; number: string; attachmentId: string }) {
      const row = await loadByNumber(number);
      assertStaffSees(row, workspaceId);
      return readAttachment(row, attachmentId);
    },

    async downloadForRequester({ number, secret, attachmentId }: { number: string; secret: string; attachmentId: string }) {
      const row = await loadByNumber(number);
      checkSecret(row, secret);
      return readAttachment(row, attachmentId);
    },
  };
}
