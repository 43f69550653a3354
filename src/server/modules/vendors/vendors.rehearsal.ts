/**
 * For `sigap standards rehearse`, which files one request per service on a scratch database and
 * walks it to its product: a sample vendor in the registry in the state each account service
 * needs (its documents verified; its account awaiting activation, or active for every other
 * service), the requester and company to file with, and, once filed, what the service changes
 * (a new e-mail, the 16-digit NPWP, CV → PT with a new deed and NIB, a reason) recorded on the
 * request, so that the service's `vendor.*` effect applies as it would for a real vendor.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { IntakeInput } from '../../../shared/contracts/requests.js';
import { deedKinds, type DocumentKind } from '../../../shared/contracts/vendors.js';
import { luhnValid, normalizeNpwp } from '../../../shared/identifiers.js';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import { vendorEffectOf } from './vendors.applications.js';
import type { VendorCall, VendorsService, Workspace } from './vendors.service.js';

/** A valid old-form NPWP (15 digits) made up for the rehearsal. */
function sampleNpwp(): string {
  const head = `0${String(randomInt(1_000_000, 9_999_999))}`;
  let check = 0;
  while (!luhnValid(`${head}${check}`)) check++;
  return `${head}${check}${String(randomInt(100_000, 999_999))}`;
}

const sampleNib = () => `9${String(randomInt(0, 1e12)).padStart(12, '0')}`;
/** A structurally valid NIK (Banjarmasin, born 15 May 1980) with a random serial. */
const sampleNik = () => `637101150580${String(randomInt(1, 9999)).padStart(4, '0')}`;
const samplePdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label} ${randomBytes(8).toString('hex')}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

const documentKinds: readonly DocumentKind[] = ['ktp', 'npwp', 'izin_usaha', 'akta_pendirian', 'akta_perubahan', 'nib'];

export function createVendorRehearsal(vendors: VendorsService) {
  return {
    /**
     * A sample vendor for one service of the agency (a fresh one each time, so services do not
     * disturb one another): registered, documents verified, its account in the state the service
     * needs. Returns what to file the request with.
     */
    async vendorFor(options: { ctx: VendorCall; workspace: Workspace; service: ServiceStandard }) {
      const { ctx, workspace } = options;
      const effect = vendorEffectOf(options.service);
      const tag = randomBytes(3).toString('hex');
      const nik = sampleNik();
      const vendor = await vendors.registerVendor({
        ctx,
        workspace,
        input: {
          name: `Gladi Resik ${tag}`,
          legalForm: 'cv',
          npwp: sampleNpwp(),
          nib: sampleNib(),
          address: 'Alamat contoh untuk gladi resik standar pelayanan',
          email: `gladi-${tag}@contoh.invalid`,
          persons: [{ role: 'direktur', name: 'Direktur Contoh', nik, email: `direktur-${tag}@contoh.invalid` }],
        },
      });
      for (const kind of documentKinds) {
        const doc = await vendors.uploadDocument({ ctx, agencyId: workspace.id, vendorId: vendor.id, fields: { kind, number: `CONTOH-${kind}` }, file: { data: samplePdf(kind), fileName: `${kind}.pdf` } });
        await vendors.verifyDocument({ ctx, workspace, vendorId: vendor.id, documentId: doc.id, originalShown: true });
      }
      const userId = `gladi${tag}`;
      const accountEmail = `spse-${tag}@contoh.invalid`;
      if (effect && effect !== 'vendor.activate') {
        // Active as an imported vendor of the LPSE is: one row, status "aktif".
        const row = [vendor.npwp.replace(/\D/g, ''), vendor.nib ?? '', vendor.name, 'cv', vendor.address, vendor.email, '', '', '', '', '', userId, accountEmail, 'aktif'];
        const csv = `npwp,nib,nama,bentuk_usaha,alamat,email,telepon,penanggung_jawab_nama,penanggung_jawab_nik,penanggung_jawab_peran,penanggung_jawab_jabatan,user_id,email_akun,status_akun\n${row.join(',')}\n`;
        await vendors.importVendors({ ctx, workspace, content: Buffer.from(csv), dryRun: false });
      } else if (effect === 'vendor.activate') {
        await vendors.registerAccount({ ctx, workspace, vendorId: vendor.id, input: { userId, email: accountEmail } });
      }
      // The NPWP normalised, as intake stores it: the effects find the vendor by it.
      const npwp = normalizeNpwp(vendor.npwp);
      const organisation: NonNullable<IntakeInput['organisation']> = { name: `CV ${vendor.name}`, ...(npwp.ok ? { npwp: npwp.value } : {}), ...(vendor.nib ? { nib: vendor.nib } : {}) };
      return { vendorId: vendor.id, requester: { type: 'vendor' as const, name: 'Direktur Contoh', nik, email: `direktur-${tag}@contoh.invalid` }, organisation };
    },

    /** After filing: records on the request what its service changes, with sample values, so its effect applies. */
    async link(options: { ctx: VendorCall; workspace: Workspace; number: string; vendorId: string; service: ServiceStandard }) {
      const { ctx, workspace } = options;
      const effect = vendorEffectOf(options.service);
      if (!effect) return;
      const vendor = await vendors.getForStaff({ workspace, vendorId: options.vendorId });
      const documents: { requirementCode: string; documentId: string }[] = [];
      if (effect === 'vendor.changeLegalForm') {
        // The new deed and NIB, given for whichever requirements of the checklist name them.
        const code = (pattern: RegExp) => options.service.requirements.find((r) => pattern.test(r.code))?.code ?? options.service.requirements[0]!.code;
        const deed = vendor.documents.find((d) => deedKinds.includes(d.kind))!;
        const nib = vendor.documents.find((d) => d.kind === 'nib')!;
        documents.push({ requirementCode: code(/akta/), documentId: deed.id }, { requirementCode: code(/izin|nib|perizinan/), documentId: nib.id });
      }
      await vendors.linkRequest({
        ctx,
        workspace,
        number: options.number,
        input: {
          vendorId: options.vendorId,
          change: {
            email: `baru-${randomBytes(3).toString('hex')}@contoh.invalid`,
            npwp: `0${vendor.npwp.replace(/\D/g, '')}`,
            legalForm: 'pt',
            name: `${vendor.name} Sejahtera`,
            nib: sampleNib(),
            reason: 'Gladi resik standar pelayanan',
          },
          documents,
        },
      });
    },
  };
}
