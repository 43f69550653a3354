/**
 * Test helpers of the vendor registry: valid identifiers made up for tests (NPWP with its check
 * digit, NIK, NIB), a multipart body as a browser sends one, a small real PDF, and factories that
 * make vendors, documents and accounts through the real vendor service (the integration tests,
 * the browser journeys and the bench start from them).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { DocumentKind, RegisterVendorInput } from '../../shared/contracts/vendors.js';
import { luhnValid } from '../../shared/identifiers.js';
import type { VendorCall } from '../modules/vendors/vendors.service.js';
import type { Services } from '../services.js';

let counter = 0;

/** An old-form NPWP (15 digits) with a correct check digit, different on each call; `dotted` as printed on the card. */
export function testNpwp(): { digits: string; dotted: string } {
  const head = `0${String(randomInt(1_000_000, 9_999_999))}`;
  let check = 0;
  while (!luhnValid(`${head}${check}`)) check++;
  const tail = String(randomInt(100_000, 999_999));
  const digits = `${head}${check}${tail}`;
  const dotted = `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits.slice(8, 9)}-${digits.slice(9, 12)}.${digits.slice(12, 15)}`;
  return { digits, dotted };
}

/** The same NPWP with a wrong check digit. */
export function withWrongCheckDigit(digits: string): string {
  const wrong = (Number(digits[8]) + 1) % 10;
  return `${digits.slice(0, 8)}${wrong}${digits.slice(9)}`;
}

/** A structurally valid NIK (Banjarmasin, born 15 May 1980), different on each call. */
export function testNik(): string {
  return `637101150580${String(1000 + ((++counter * 37 + randomInt(0, 8000)) % 9000)).padStart(4, '0')}`;
}

/** A 13-digit NIB, different on each call. */
export function testNib(): string {
  return `91${String(randomInt(0, 1e9)).padStart(9, '0')}${String(++counter % 100).padStart(2, '0')}`;
}

/** A small, valid PDF (unique content each call: the store keeps one copy per content). */
export function testPdf(label = 'dokumen uji'): Buffer {
  const nonce = randomBytes(8).toString('hex');
  return Buffer.from(`%PDF-1.4\n% ${label} ${nonce}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A multipart/form-data body: the text fields first, then the file, as the web sends it. */
export function multipart(fields: Record<string, string>, file: { name: string; content: Buffer; type?: string }) {
  const boundary = `----sigap${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`));
  chunks.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A company as an officer would type it in, with made-up identifiers. */
export function testCompany(overrides: Partial<RegisterVendorInput> = {}): RegisterVendorInput {
  const n = ++counter;
  return {
    name: `Maju Jaya Abadi ${n}`,
    legalForm: 'cv',
    npwp: testNpwp().digits,
    nib: testNib(),
    address: 'Jl. Lambung Mangkurat No. 1, Banjarmasin',
    email: `kantor${n}-${randomBytes(3).toString('hex')}@maju-jaya.co.id`,
    phone: '6281150055' + String(n % 10),
    persons: [{ role: 'direktur', name: 'Budi Santoso', nik: testNik(), position: 'Direktur' }],
    ...overrides,
  };
}

/** The documents an LPSE asks of a company (deed, amendment, NIB, NPWP, KTP, licence). */
export const companyDocumentKinds: readonly DocumentKind[] = ['ktp', 'npwp', 'izin_usaha', 'akta_pendirian', 'akta_perubahan', 'nib'];

/**
 * Vendors made through the vendor service, as an officer of `agency` makes them at the counter:
 * registered, its documents uploaded (and, with `verified`, verified with the originals shown),
 * its SPSE account registered (and activated straight in the registry with `status`, as an
 * import of an existing LPSE's vendors would have it).
 */
export function createVendorFactories(services: Services) {
  const ctx: VendorCall = { actor: { type: 'system', label: 'test factory' }, ip: null, requestId: null, lang: 'en' };

  return {
    async vendor(options: {
      agency: string;
      company?: Partial<RegisterVendorInput>;
      documents?: readonly DocumentKind[];
      verified?: boolean;
      account?: { userId: string; email: string } | null;
    }) {
      const agency = await services.agencies.getAgency({ code: options.agency });
      const workspace = { id: agency.id, code: agency.code, name: agency.name };
      const input = testCompany(options.company);
      const vendor = await services.vendors.registerVendor({ ctx, workspace, input });
      const documents = [];
      for (const kind of options.documents ?? companyDocumentKinds) {
        const doc = await services.vendors.uploadDocument({
          ctx,
          agencyId: agency.id,
          vendorId: vendor.id,
          fields: { kind, number: `${kind.toUpperCase()}-${++counter}` },
          file: { data: testPdf(kind), fileName: `${kind}.pdf` },
        });
        documents.push(options.verified ? await services.vendors.verifyDocument({ ctx, workspace, vendorId: vendor.id, documentId: doc.id, originalShown: true }) : doc);
      }
      const account =
        options.account === null
          ? null
          : await services.vendors.registerAccount({
              ctx,
              workspace,
              vendorId: vendor.id,
              input: options.account ?? { userId: `penyedia${++counter}${randomBytes(2).toString('hex')}`, email: `spse${counter}-${randomBytes(3).toString('hex')}@maju-jaya.co.id` },
            });
      return { vendor, input, documents, account, workspace };
    },
  };
}

export type VendorFactories = ReturnType<typeof createVendorFactories>;
