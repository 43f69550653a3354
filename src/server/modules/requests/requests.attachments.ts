import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../lib/app-error.js';

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
