/**
 * A vendor's documents: uploaded once (by its people or at the counter) into the same content-
 * addressed store as request attachments, always encrypted (they are identity papers), reused by
 * every request that asks for them; replaced by newer ones; verified by an officer who saw the
 * original (or only the copy).
 */
import type { DocumentFields, DocumentView } from '../../../shared/contracts/vendors.js';
import type { Executor } from '../../db/client.js';
import { decryptFile, encryptFile, sha256Of, sniffType } from '../requests/requests.attachments.js';
import { documentNotFound, refuse, vendorNotFound, type Change, type VendorCall, type VendorsContext, type Workspace } from './vendors.context.js';
import type { DocumentRow } from './vendors.repo.js';
import { documentView } from './vendors.views.js';

/** How a document is named in the history and on a receipt: its kind and number. */
export function documentLabel(d: Pick<DocumentRow, 'kind' | 'number' | 'title'>): string {
  return [d.kind, d.number ?? d.title].filter(Boolean).join(' ');
}

export function createDocuments(context: VendorsContext) {
  const { deps, repo, now, recordChange } = context;
  const { db, files } = deps;

  async function upload(options: {
    ctx: VendorCall;
    agencyId: string | null;
    vendorId: string;
    fields: DocumentFields;
    file: { data: Buffer; fileName: string };
  }): Promise<DocumentView> {
    const { ctx, fields } = options;
    const mimeType = await sniffType(options.file.data, ctx.lang);
    const sha256 = sha256Of(options.file.data);
    const storageKey = `${sha256}.enc`;
    // Stored before the row: content-addressed, so a failed transaction leaves only bytes nobody names.
    if (!(await files.storage.has(storageKey))) await files.storage.put(storageKey, encryptFile(files.key, options.file.data, sha256));
    const row = await db.transaction(async (tx) => {
      const vendor = await repo.lockVendor(options.vendorId, tx);
      if (!vendor) throw vendorNotFound();
      if (fields.personId && !(await repo.listPersons(vendor.id, tx)).some((p) => p.id === fields.personId)) {
        throw refuse('validation', ctx.lang, 'personId', 'vendor.person_unknown');
      }
      const at = now();
      const changes: Change[] = [];
      const actor = context.auditActor(ctx);
      const inserted = await repo.insertDocument(
        {
          vendorId: vendor.id,
          kind: fields.kind,
          title: fields.title ?? null,
          number: fields.number ?? null,
          issuedOn: fields.issuedOn ?? null,
          personId: fields.personId ?? null,
          fileName: options.file.fileName.slice(0, 255),
          mimeType,
          size: options.file.data.length,
          sha256,
          storageKey,
          uploadedAt: at,
          uploadedByLabel: actor.label,
        },
        tx,
      );
      changes.push({ field: 'document.added', oldValue: null, newValue: documentLabel(inserted) });
      if (fields.replaces) {
        const old = await repo.findDocument(vendor.id, fields.replaces, tx);
        if (!old) throw refuse('validation', ctx.lang, 'replaces', 'vendor.document_unknown');
        if (old.supersededAt) throw refuse('conflict', ctx.lang, 'replaces', 'vendor.document_superseded');
        await repo.updateDocument(vendor.id, old.id, { supersededAt: at, supersededBy: inserted.id }, tx);
        changes.push({ field: 'document.superseded', oldValue: documentLabel(old), newValue: documentLabel(inserted) });
      }
      await recordChange(tx, {
        vendorId: vendor.id,
        changes,
        meta: { agencyId: options.agencyId, actor, at },
        action: 'vendors.document_added',
        target: { type: 'vendor_document', id: inserted.id },
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return inserted;
    });
    return documentView(row, await context.agencyCodes([]));
  }

  async function verify(options: { ctx: VendorCall; workspace: Workspace; vendorId: string; documentId: string; originalShown: boolean; note?: string | undefined }): Promise<DocumentView> {
    const { ctx } = options;
    const row = await db.transaction(async (tx: Executor) => {
      const vendor = await repo.lockVendor(options.vendorId, tx);
      if (!vendor) throw vendorNotFound();
      const doc = await repo.findDocument(vendor.id, options.documentId, tx);
      if (!doc) throw documentNotFound();
      if (doc.supersededAt) throw refuse('conflict', ctx.lang, 'documentId', 'vendor.document_superseded');
      const at = now();
      const actor = context.auditActor(ctx);
      const updated = await repo.updateDocument(
        vendor.id,
        doc.id,
        {
          verifiedAt: at,
          verifiedById: actor.id,
          verifiedByLabel: actor.label,
          verifiedAgencyId: options.workspace.id,
          originalShown: options.originalShown,
          verificationNote: options.note ?? null,
        },
        tx,
      );
      await recordChange(tx, {
        vendorId: vendor.id,
        changes: [
          {
            field: 'document.verified',
            oldValue: doc.verifiedAt ? `${documentLabel(doc)}: ${doc.originalShown ? 'original' : 'copy'}` : null,
            newValue: `${documentLabel(doc)}: ${options.originalShown ? 'original' : 'copy'}`,
          },
        ],
        meta: { agencyId: options.workspace.id, actor, at },
        action: 'vendors.document_verified',
        target: { type: 'vendor_document', id: doc.id },
        ip: ctx.ip,
        requestId: ctx.requestId,
      });
      return updated!;
    });
    return documentView(row, await context.agencyCodes([row.verifiedAgencyId]));
  }

  async function download(options: { vendorId: string; documentId: string }): Promise<{ document: DocumentRow; data: Buffer }> {
    const doc = await repo.findDocument(options.vendorId, options.documentId);
    if (!doc) throw documentNotFound();
    const sealed = await files.storage.get(doc.storageKey);
    return { document: doc, data: decryptFile(files.key, sealed, doc.sha256) };
  }

  return {
    uploadDocument: upload,
    verifyDocument: verify,
    downloadDocument: download,

    async uploadOwnDocument(options: { ctx: VendorCall; vendorId: string; fields: DocumentFields; file: { data: Buffer; fileName: string } }) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      return upload({ ...options, agencyId: null });
    },

    async downloadOwnDocument(options: { ctx: VendorCall; vendorId: string; documentId: string }) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      return download(options);
    },
  };
}
