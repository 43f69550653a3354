/**
 * The receipt of an activation: the product "Jasa Layanan Aktivasi User Id Penyedia Barang/Jasa"
 * as a document the vendor keeps — what was verified, against which originals, by whom — rendered
 * through the shared pdfmake setup from the snapshot taken when the account was activated.
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { legalFormLabels, type DocumentKind, type LegalForm } from '../../../shared/contracts/vendors.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { formatLocalTime, localDateOf, zoneAbbreviation } from '../calendar/time-zone.js';
import { formatLongDate, gridLayout, pageFooter, pageMargins, renderPdf } from '../documents/documents.pdf.js';
import type { AgencyInfo, VendorEffectsDeps } from './vendors.context.js';

/** What the receipt says, fixed at activation. */
export interface ActivationReceiptData {
  agencyId: string;
  serviceCode: string;
  requestNumber: string;
  activatedAt: string;
  activatedBy: string | null;
  vendor: { name: string; legalForm: LegalForm; npwp: string; nib: string | null; address: string };
  account: { userId: string; email: string };
  documents: {
    kind: DocumentKind;
    title: string | null;
    number: string | null;
    issuedOn: string | null;
    originalShown: boolean;
    verifiedAt: string;
    verifiedBy: string | null;
    verifiedAgencyId: string | null;
  }[];
}

const kindLabels: Record<DocumentKind, Record<Language, string>> = {
  akta_pendirian: { id: 'Akta Pendirian', en: 'Deed of establishment' },
  akta_perubahan: { id: 'Akta Perubahan', en: 'Deed of amendment' },
  nib: { id: 'NIB', en: 'Business ID (NIB)' },
  npwp: { id: 'NPWP', en: 'Tax ID (NPWP)' },
  ktp: { id: 'KTP', en: 'Identity card (KTP)' },
  izin_usaha: { id: 'Izin usaha', en: 'Business licence' },
  tdp: { id: 'TDP', en: 'Company registration (TDP)' },
  surat_kuasa: { id: 'Surat kuasa', en: 'Power of attorney' },
  lainnya: { id: 'Dokumen lain', en: 'Other document' },
};

const text = {
  id: {
    receipt: 'TANDA TERIMA',
    request: 'Nomor permohonan',
    activatedAt: 'Diaktifkan pada',
    activatedBy: 'Diaktifkan oleh',
    vendor: 'Penyedia',
    name: 'Nama',
    npwp: 'NPWP',
    nib: 'NIB',
    address: 'Alamat',
    account: 'Akun SPSE',
    userId: 'User ID',
    email: 'E-mail',
    status: 'Status',
    active: 'Aktif',
    verified: 'Dokumen yang diverifikasi',
    head: ['No.', 'Dokumen', 'Nomor / tanggal', 'Diperiksa terhadap', 'Diperiksa oleh', 'Waktu'],
    original: 'Asli diperlihatkan',
    copy: 'Salinan saja',
    note: 'Tanda terima ini dibuat oleh Sigap dari catatan verifikasi pada saat aktivasi.',
    footer: 'Tanda terima aktivasi User ID',
  },
  en: {
    receipt: 'RECEIPT',
    request: 'Request number',
    activatedAt: 'Activated at',
    activatedBy: 'Activated by',
    vendor: 'Vendor',
    name: 'Name',
    npwp: 'NPWP',
    nib: 'NIB',
    address: 'Address',
    account: 'SPSE account',
    userId: 'User ID',
    email: 'E-mail',
    status: 'Status',
    active: 'Active',
    verified: 'Documents verified',
    head: ['No.', 'Document', 'Number / date', 'Checked against', 'Checked by', 'When'],
    original: 'Original shown',
    copy: 'Copy only',
    note: 'Sigap made this receipt from the verification records at the time of activation.',
    footer: 'Receipt of user ID activation',
  },
} as const;

function when(timeZone: string, isoInstant: string, lang: Language): string {
  const instant = Date.parse(isoInstant);
  return `${formatLongDate(localDateOf(timeZone, instant), lang)}, ${formatLocalTime(timeZone, instant)} ${zoneAbbreviation(timeZone)}`;
}

export async function renderActivationReceipt(options: {
  data: ActivationReceiptData;
  agency: AgencyInfo;
  product: string;
  agencies: Map<string, AgencyInfo>;
  lang: Language;
}): Promise<Buffer> {
  const { data, agency, lang } = options;
  const t = text[lang];
  const tz = agency.timeZone;
  const pair = (label: string, value: string): TableCell[] => [{ text: label, color: '#333333' }, { text: value }];
  const facts = (rows: TableCell[][]): Content => ({ table: { widths: [110, '*'], body: rows }, layout: 'noBorders', margin: [0, 2, 0, 8] });
  const docRows: TableCell[][] = data.documents.map((d, i) => [
    String(i + 1),
    [kindLabels[d.kind][lang], d.title].filter(Boolean).join(' — '),
    [d.number, d.issuedOn ? formatLongDate(d.issuedOn, lang) : null].filter(Boolean).join(', ') || '–',
    d.originalShown ? t.original : t.copy,
    // Another agency's check is named with that agency; this agency's own needs no name.
    [d.verifiedBy, d.verifiedAgencyId && d.verifiedAgencyId !== data.agencyId ? options.agencies.get(d.verifiedAgencyId)?.name : null].filter(Boolean).join(', ') || '–',
    when(tz, d.verifiedAt, lang),
  ]);
  const content: Content[] = [
    { text: agency.name, style: 'agency' },
    { text: t.receipt, style: 'title', margin: [0, 14, 0, 0] },
    { text: options.product, style: 'subtitle' },
    { canvas: [{ type: 'line', x1: 0, y1: 6, x2: 200, y2: 6, lineWidth: 0.6 }], alignment: 'center', margin: [0, 0, 0, 10] },
    facts([
      pair(t.request, data.requestNumber),
      pair(t.activatedAt, when(tz, data.activatedAt, lang)),
      pair(t.activatedBy, data.activatedBy ?? '–'),
    ]),
    { text: t.vendor, style: 'h2' },
    facts([
      pair(t.name, `${legalFormLabels[data.vendor.legalForm]} ${data.vendor.name}`),
      pair(t.npwp, data.vendor.npwp),
      pair(t.nib, data.vendor.nib ?? '–'),
      pair(t.address, data.vendor.address),
    ]),
    { text: t.account, style: 'h2' },
    facts([pair(t.userId, data.account.userId), pair(t.email, data.account.email), pair(t.status, t.active)]),
    { text: t.verified, style: 'h2', margin: [0, 0, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: [16, '*', 76, 64, 138, 62],
        body: [t.head.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...docRows],
      },
      layout: gridLayout,
      fontSize: 8,
    },
    { text: t.note, fontSize: 7.5, color: '#555555', margin: [0, 12, 0, 0] },
  ];
  return renderPdf({
    pageSize: 'A4',
    pageMargins,
    info: { title: `${options.product} — ${data.requestNumber}`, subject: `${data.vendor.name} — ${data.account.userId}` },
    footer: pageFooter({ lang, note: `${t.footer} · ${data.requestNumber}` }),
    content,
    styles: {
      agency: { fontSize: 10, bold: true, alignment: 'center' },
      title: { fontSize: 14, bold: true, alignment: 'center' },
      subtitle: { fontSize: 10.5, alignment: 'center', margin: [0, 3, 0, 0] },
      h2: { fontSize: 10.5, bold: true, margin: [0, 4, 0, 0] },
    },
    defaultStyle: { fontSize: 9.5, lineHeight: 1.15 },
  });
}

/**
 * The receipt's PDF from its stored snapshot: the agency's name and zone, and the product named
 * by the standard in force at activation.
 */
export function createReceiptRenderer(deps: Pick<VendorEffectsDeps, 'standards'>, lookups: { agencyById(id: string): Promise<AgencyInfo | undefined>; agencyCodes(ids: Iterable<string | null>): Promise<Map<string, AgencyInfo>> }) {
  return async function render(data: ActivationReceiptData, lang: Language): Promise<Buffer> {
    const agency = await lookups.agencyById(data.agencyId);
    if (!agency) throw new Error(`agency ${data.agencyId} of a receipt is gone`);
    const standard = await deps.standards.getStandardInForce({ agencyId: data.agencyId, at: new Date(data.activatedAt) });
    const service = standard.services.find((s) => s.code === data.serviceCode);
    const product = service?.products.find((p) => p.kind === 'account')?.name ?? service?.products[0]?.name ?? data.serviceCode;
    const agencies = await lookups.agencyCodes(data.documents.map((d) => d.verifiedAgencyId));
    return renderActivationReceipt({ data, agency, product, agencies, lang });
  };
}
