import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type * as PdfmakeModule from 'pdfmake';
import type { Content, CustomTableLayout, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { formatLocalTime, localDateOf, zoneAbbreviation } from '../calendar/time-zone.js';

/**
 * The one place that configures pdfmake for the server: fonts, access policies, and the page
 * conventions every printed document of Sigap shares (A4, margins, the footer with page
 * numbers). Modules build a document definition and call `renderPdf`.
 *
 * Fonts are the Roboto TTF files shipped inside the pdfmake package itself, so rendering
 * needs neither system fonts nor a download, and prints the same on every machine.
 */

const require = createRequire(import.meta.url);
const robotoRegular = require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf');
const fontDir = dirname(robotoRegular) + sep;

export const fontFamily = 'Roboto';

const fonts: TFontDictionary = {
  [fontFamily]: {
    normal: robotoRegular,
    bold: `${fontDir}Roboto-Medium.ttf`,
    italics: `${fontDir}Roboto-Italic.ttf`,
    bolditalics: `${fontDir}Roboto-MediumItalic.ttf`,
  },
};

type Pdfmake = typeof PdfmakeModule;
let loaded: Promise<Pdfmake> | undefined;

/**
 * pdfmake's Node entry is a process-wide singleton: load and set it up once, on the first PDF, so
 * a process that prints none (most commands, most requests) never loads it and its fonts.
 * Documents are built from standards and user data, so an `image: 'http…'` or a file path in that
 * data must not make the server fetch a URL or read a file: only the font folder may be read.
 */
function loadPdfmake() {
  // A CommonJS module whose types are written as ES exports: what Node hands over is its `default`.
  loaded ??= (import('pdfmake') as unknown as Promise<{ default: Pdfmake }>).then(({ default: pdfmake }) => {
    pdfmake.setFonts(fonts);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
    return pdfmake;
  });
  return loaded;
}

/** Renders a document definition to the bytes of a PDF file. */
export async function renderPdf(docDefinition: TDocumentDefinitions): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  const doc: TDocumentDefinitions = {
    ...docDefinition,
    defaultStyle: { font: fontFamily, ...docDefinition.defaultStyle },
  };
  return pdfmake.createPdf(doc).getBuffer();
}

// ---------------------------------------------------------------------------------------
// Page conventions

/** A4 in points (210 × 297 mm). */
export const a4 = { width: 595.28, height: 841.89 } as const;

/** Millimetres to points. */
export function mm(value: number): number {
  return (value * 72) / 25.4;
}

/**
 * Margins of an Indonesian official document (Permendagri 1/2023 on naskah dinas leaves
 * 2–3 cm; the left edge is wider for binding): left 25 mm, top 20 mm, right 20 mm, bottom
 * 20 mm — plus room for the footer.
 */
export const pageMargins: [number, number, number, number] = [mm(25), mm(20), mm(20), mm(22)];

/** The width text can use between the margins of an A4 portrait page. */
export const contentWidth = a4.width - pageMargins[0] - pageMargins[2];

const pageLabels: Record<Language, (page: number, count: number) => string> = {
  id: (page, count) => `Halaman ${page} dari ${count}`,
  en: (page, count) => `Page ${page} of ${count}`,
};

/**
 * A footer with a left note (what the document is) and "Halaman 2 dari 7" on the right,
 * small and grey so it never competes with the text.
 */
export function pageFooter(options: { lang: Language; note?: string }): NonNullable<TDocumentDefinitions['footer']> {
  return (currentPage: number, pageCount: number): Content => ({
    margin: [pageMargins[0], mm(6), pageMargins[2], 0],
    columns: [
      { text: options.note ?? '', width: '*', fontSize: 7, color: '#555555' },
      {
        text: pageLabels[options.lang](currentPage, pageCount),
        width: 'auto',
        // A long note beside it must not squeeze "Halaman 1 dari 3" onto two lines.
        noWrap: true,
        fontSize: 7.5,
        color: '#333333',
        alignment: 'right',
      },
    ],
  });
}

/** Thin black grid lines with comfortable cell padding, as official tables are printed. */
export const gridLayout: CustomTableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const monthNames: Record<Language, readonly string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `2025-01-10` → "10 Januari 2025" (or "10 January 2025"); the date is a calendar date, no zone. */
export function formatLongDate(isoDate: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not a calendar date: ${isoDate}`);
  const [, year, month, day] = match;
  return `${Number(day)} ${monthNames[lang][Number(month) - 1]} ${year}`;
}

/** An instant in a zone as people read a deadline: "27 Maret 2026 pukul 16:30 WITA" (or "27 March 2026 at 16:30 WITA"). */
export function formatLongDateTime(timeZone: string, at: Date, lang: Language): string {
  const instant = at.getTime();
  return `${formatLongDate(localDateOf(timeZone, instant), lang)} ${lang === 'id' ? 'pukul' : 'at'} ${formatLocalTime(timeZone, instant)} ${zoneAbbreviation(timeZone)}`;
}
