/**
 * The vendor service: one factory composing the use cases, each in the file named after what a
 * reader wants to change —
 *   vendors.registry.ts      registering, contact data and persons, search, the vendor's page
 *   vendors.documents.ts     documents: upload once, reuse, replace, verify
 *   vendors.accounts.ts      SPSE accounts, the e-mail change link, LKPP's answer to an aggregation
 *   vendors.applications.ts  account services offered prefilled, started, filed at the counter, linked
 *   vendors.transfer.ts      import from and export to CSV/XLSX
 *   vendors.receipts.ts      the activation receipt (PDF)
 * over vendors.context.ts (dependencies, refusals, history) and the pure vendors.policy.ts.
 * The effects `vendor.*` (vendors.effects.ts) are built apart, before the requests service that
 * runs them: see createVendorEffects.
 */
import type { Language } from '../../../shared/i18n/languages.js';
import { notFound } from '../../lib/app-error.js';
import { createAccounts } from './vendors.accounts.js';
import { createApplications } from './vendors.applications.js';
import { createVendorsContext, type VendorCall, type VendorsServiceDeps, type Workspace } from './vendors.context.js';
import { createDocuments } from './vendors.documents.js';
import { createReceiptRenderer, type ActivationReceiptData } from './vendors.receipts.js';
import { createRegistry } from './vendors.registry.js';
import type { ReceiptRow } from './vendors.repo.js';
import { createTransfer } from './vendors.transfer.js';
import { buildVendorView } from './vendors.views.js';

export type { VendorCall, VendorsServiceDeps, Workspace } from './vendors.context.js';
export { createVendorEffects } from './vendors.effects.js';

const receiptNotFound = () => notFound({ id: 'Tanda terima tidak ditemukan', en: 'Receipt not found' });

export function createVendorsService(deps: VendorsServiceDeps) {
  const context = createVendorsContext(deps);
  const { insertVendor: _insertVendor, assertUnique: _assertUnique, ...registry } = createRegistry(context);
  const { insertAccount, ...accounts } = createAccounts(context);
  const applications = createApplications(context, { insertAccount });
  const renderReceipt = createReceiptRenderer(deps, context);

  async function receiptFile(row: ReceiptRow, lang: Language) {
    const data = await renderReceipt(row.data as unknown as ActivationReceiptData, lang);
    return { fileName: `tanda-terima-aktivasi-${row.requestNumber}.pdf`, mimeType: 'application/pdf', data };
  }

  return {
    ...registry,
    ...createDocuments(context),
    ...accounts,
    ...applications,
    ...createTransfer(context),

    async updateOwnVendor(options: Omit<Parameters<typeof registry.updateVendor>[0], 'agencyId'>) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      await registry.updateVendor({ ...options, agencyId: null });
      return registry.getOwn({ ctx: options.ctx, vendorId: options.vendorId });
    },

    async updateVendorForStaff(options: Omit<Parameters<typeof registry.updateVendor>[0], 'agencyId'> & { workspace: Workspace }) {
      const vendor = await registry.updateVendor({ ...options, agencyId: options.workspace.id });
      return buildVendorView(context, vendor, { kind: 'staff', agencyId: options.workspace.id });
    },

    async addOwnPerson(options: Omit<Parameters<typeof registry.addPerson>[0], 'agencyId'>) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      await registry.addPerson({ ...options, agencyId: null });
      return registry.getOwn({ ctx: options.ctx, vendorId: options.vendorId });
    },

    async addPersonForStaff(options: Omit<Parameters<typeof registry.addPerson>[0], 'agencyId'> & { workspace: Workspace }) {
      await registry.addPerson({ ...options, agencyId: options.workspace.id });
      return registry.getForStaff({ workspace: options.workspace, vendorId: options.vendorId });
    },

    /** Offers for the desk of the workspace. */
    async listOffersForStaff(options: { ctx: VendorCall; workspace: Workspace; vendorId: string }) {
      const agency = (await context.agencyById(options.workspace.id))!;
      return { items: await applications.listOffers({ ctx: options.ctx, mode: 'desk', agency, vendorId: options.vendorId }) };
    },

    /** Offers of one agency for the vendor's own people. */
    async listOwnOffers(options: { ctx: VendorCall; vendorId: string; agencyCode: string }) {
      const agency = await context.agencyByCode(options.agencyCode);
      if (!agency) throw notFound({ id: `Instansi "${options.agencyCode}" tidak ditemukan`, en: `Agency "${options.agencyCode}" not found` });
      return { items: await applications.listOffers({ ctx: options.ctx, mode: 'own', agency, vendorId: options.vendorId }) };
    },

    async receiptForStaff(options: { workspace: Workspace; id: string; lang: Language }) {
      const row = await deps.repo.findReceipt(options.workspace.id, options.id);
      if (!row) throw receiptNotFound();
      return receiptFile(row, options.lang);
    },

    async receiptForVendor(options: { ctx: VendorCall; vendorId: string; id: string; lang: Language }) {
      await context.assertActsFor(options.ctx.actor, options.vendorId);
      const row = await deps.repo.findReceiptAnywhere(options.id);
      if (!row || row.vendorId !== options.vendorId) throw receiptNotFound();
      return receiptFile(row, options.lang);
    },
  };
}

export type VendorsService = ReturnType<typeof createVendorsService>;
