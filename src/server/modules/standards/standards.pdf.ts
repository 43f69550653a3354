import { writeFile } from 'node:fs/promises';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { weekdays, type WeeklyHours } from '../../../shared/contracts/hours.js';
import { defaultLanguage, type Language } from '../../../shared/i18n/languages.js';
import {
  componentNames,
  decreeInstrument,
  feeAmount,
  isNotStated,
  type AgencyStandard,
  type DecreeInstrument,
  type ComponentText,
  type ServiceStandard,
  type TimeLimit,
} from '../../../shared/standard/schema.js';
import { formatLimit } from '../calendar/limit.js';
import {
  contentWidth,
  formatLongDate,
  gridLayout,
  pageFooter,
  pageMargins,
  renderPdf,
} from '../documents/documents.pdf.js';
import { formatProblem, loadAgencyFolder } from './standards.loader.js';

/**
 * The two documents an agency prints from its standard:
 * - the annex (Lampiran) it attaches to the decree that enacts the standard: one table per
 *   service, `No | Komponen | Uraian`, the 6 service-delivery and 8 management components of
 *   PermenPANRB 15/2014, then the signature block of the decree's signatory;
 * - the service charter (Maklumat Pelayanan) on one page, ready to sign and hang in the office.
 *
 * Fixed labels follow `lang`; the agency's own texts stay as written (Indonesian).
 */

/** Which stored version of the standard this is: printed in the footer so copies can be told apart. */
export type StandardVersion = number | string | undefined;

export interface AnnexPdfOptions {
  agency: AgencyStandard;
  /** In the order the annex numbers them (agency.yaml's `services`). */
  services: readonly ServiceStandard[];
  version?: StandardVersion;
  lang?: Language;
}

export interface MaklumatPdfOptions {
  agency: AgencyStandard;
  version?: StandardVersion;
  lang?: Language;
}

const labels = {
  id: {
    annex: 'LAMPIRAN',
    number: 'NOMOR',
    date: 'TANGGAL',
    about: 'TENTANG',
    no: 'No',
    component: 'Komponen',
    description: 'Uraian',
    partDelivery: 'A. Komponen Penyampaian Pelayanan (Service Delivery)',
    partManagement: 'B. Komponen Pengelolaan Pelayanan (Manufacturing)',
    notStated: 'Tidak dinyatakan dalam standar',
    note: 'Catatan',
    continued: 'lanjutan',
    byChannel: 'Jangka waktu per saluran:',
    responseLimit: 'waktu tanggap',
    stages: 'Tahapan:',
    leadTimeTitle: 'Ketentuan waktu pengajuan:',
    leadTime: 'Diajukan paling lambat',
    before: 'sebelum',
    fee: 'Tarif',
    derivedFrom: 'Diturunkan dari tugas instansi (dokumen tidak memuat daftar layanan):',
    enactedAt: 'Ditetapkan di',
    enactedOn: 'pada tanggal',
    // The decree's number or date where the source document does not state it.
    notGiven: 'tidak disebut',
    dateNotGiven: '(tanggal tidak disebut)',
    footerAnnex: (instrument: string, n: string | undefined) =>
      n === undefined ? `Lampiran ${instrument} (nomor tidak disebut)` : `Lampiran ${instrument} Nomor ${n}`,
    version: (v: string) => `versi ${v}`,
    printedBy: 'dicetak dari Sigap',
    standardOf: 'Standar Pelayanan',
    maklumatTitle: 'MAKLUMAT PELAYANAN',
    footerMaklumat: 'Maklumat Pelayanan',
    defaultNote:
      'Catatan: Instansi ini belum menerbitkan Maklumat Pelayanan sendiri. Teks di atas adalah rumusan baku yang diusulkan Sigap (berdasarkan PermenPANRB Nomor 15 Tahun 2014) untuk ditetapkan dan ditandatangani oleh pimpinan instansi.',
  },
  en: {
    annex: 'ANNEX TO',
    number: 'NUMBER',
    date: 'DATE',
    about: 'ON',
    no: 'No',
    component: 'Component',
    description: 'Description',
    partDelivery: 'A. Service delivery components',
    partManagement: 'B. Service management components (internal)',
    notStated: 'Not stated in the standard',
    note: 'Note',
    continued: 'continued',
    byChannel: 'Time limit by channel:',
    responseLimit: 'response time',
    stages: 'Stages:',
    leadTimeTitle: 'Lead time:',
    leadTime: 'To be filed at least',
    before: 'before the',
    fee: 'Fee',
    derivedFrom: "Derived from the agency's tasks (the document lists no services):",
    enactedAt: 'Enacted at',
    enactedOn: 'on',
    notGiven: 'not stated',
    dateNotGiven: '(date not stated)',
    footerAnnex: (instrument: string, n: string | undefined) =>
      n === undefined ? `Annex to ${instrument} (number not stated)` : `Annex to ${instrument} number ${n}`,
    version: (v: string) => `version ${v}`,
    printedBy: 'printed from Sigap',
    standardOf: 'Standar Pelayanan',
    maklumatTitle: 'SERVICE CHARTER (MAKLUMAT PELAYANAN)',
    footerMaklumat: 'Service charter (Maklumat Pelayanan)',
    defaultNote:
      'Note: this agency has not published a service charter of its own. The text above is the standard wording proposed by Sigap (after PermenPANRB 15/2014) for the head of the agency to adopt and sign.',
  },
} as const;
type Labels = (typeof labels)[Language];

const dayNames: Record<Language, readonly string[]> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

// ---------------------------------------------------------------------------------------
// Small formatting helpers

function limitText(limit: TimeLimit, lang: Language): string {
  const [min, max] = Array.isArray(limit.amount) ? limit.amount : [undefined, limit.amount];
  return formatLimit({ unit: limit.unit, min, max }, lang);
}

/** "WITA" for Asia/Makassar: Indonesians read zones by these names, not by IANA ids. */
function zoneName(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(Date.UTC(2025, 0, 1)))
    .find((p) => p.type === 'timeZoneName')?.value;
  const names: Record<string, string> = { 'GMT+7': 'WIB', 'GMT+8': 'WITA', 'GMT+9': 'WIT' };
  return (part && names[part]) ?? part ?? timeZone;
}

/** "Senin–Jumat 09.00–15.00 WITA": consecutive days with the same intervals share one range. */
function hoursText(hours: WeeklyHours, timeZone: string, lang: Language): string {
  const time = (hhmm: string) => (lang === 'id' ? hhmm.replace(':', '.') : hhmm);
  const dayText = (intervals: readonly string[]) =>
    intervals.map((iv) => `${time(iv.slice(0, 5))}–${time(iv.slice(6))}`).join(', ');
  const groups: { from: number; to: number; text: string }[] = [];
  weekdays.forEach((day, i) => {
    const intervals = hours[day] ?? [];
    if (intervals.length === 0) return;
    const text = dayText(intervals);
    const last = groups.at(-1);
    if (last && last.to === i - 1 && last.text === text) last.to = i;
    else groups.push({ from: i, to: i, text });
  });
  const names = dayNames[lang];
  const parts = groups.map(({ from, to, text }) =>
    `${from === to ? names[from] : `${names[from]}–${names[to]}`} ${text}`,
  );
  return `${parts.join('; ')} ${zoneName(timeZone)}`;
}

/** Terms of art: printed in Indonesian in both languages, as the instruments are named. */
const instrumentNames: Record<DecreeInstrument, string> = { keputusan: 'Keputusan', peraturan: 'Peraturan' };

/**
 * The decree's kind and issuer ("Keputusan Kepala Biro …", "Peraturan Walikota Banjarmasin")
 * and its subject ("Standar Pelayanan …"). The issuer is the signatory's position unless the
 * file names one.
 */
function decreeHeading(agency: AgencyStandard, l: Labels): { instrument: string; subject: string } {
  const { title, signatory, issuer } = agency.decree;
  return {
    instrument: `${instrumentNames[decreeInstrument(agency.decree)]} ${issuer ?? signatory.position}`,
    subject: title ?? `${l.standardOf} ${agency.name}`,
  };
}

/** "Lampiran Peraturan Nomor 67 Tahun 2018", or "… (nomor tidak disebut)". */
function annexReference(agency: AgencyStandard, l: Labels): string {
  return l.footerAnnex(instrumentNames[decreeInstrument(agency.decree)], agency.decree.number);
}

function footerNote(parts: (string | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== '').join(' · ');
}

function versionNote(version: StandardVersion, l: Labels): string | undefined {
  return version === undefined || version === '' ? undefined : l.version(String(version));
}

// ---------------------------------------------------------------------------------------
// Component text: numbered lists and sub-headings kept as written

const fontSize = 9.5;
const lineHeight = 1.15;
const columnWidths = { no: 22, component: 118 };
const cellPadding = 8;
const descriptionWidth = contentWidth - columnWidths.no - columnWidths.component - 3 * cellPadding;

interface Line {
  indent: number;
  marker?: string;
  text: string;
  /** A short top-level line ending in ':' that introduces a list ("Melalui Surat:"). */
  heading: boolean;
  blank: boolean;
  /** The rest of a long line, continued under its text (see `splitLongLine`). */
  hangs?: boolean;
}

const markerPattern = /^((?:\d{1,2}|[a-zA-Z])[.)]|[-•–*])\s+(.*)$/;

export function parseLines(text: string): Line[] {
  const raw = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  const lines: Line[] = raw.map((line) => {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    const m = markerPattern.exec(body);
    if (m) return { indent, marker: m[1]!, text: m[2]!, heading: false, blank: false };
    return { indent, text: body, heading: false, blank: body === '' };
  });
  lines.forEach((line, i) => {
    const next = lines[i + 1];
    line.heading =
      line.marker === undefined &&
      line.indent === 0 &&
      line.text.endsWith(':') &&
      line.text.length <= 60 &&
      next !== undefined &&
      (next.marker !== undefined || next.indent > 0);
  });
  return lines;
}

/**
 * Estimated printed lines. `generous` (wide glyphs) overestimates, to keep every table row
 * well under a page; otherwise narrow glyphs underestimate, to be sure a first row is at
 * least as tall as the component's name beside it (see `rowsOf`).
 */
function estimateLines(line: Line, generous = true): number {
  if (line.blank) return 0.5;
  const em = generous ? 0.5 : 0.44;
  const charsPerLine = Math.max(20, (descriptionWidth - line.indent * 4 - 16) / (fontSize * em));
  return Math.max(1, Math.ceil(line.text.length / charsPerLine));
}

function markerWidth(marker: string): number {
  return Math.max(11, marker.length * fontSize * 0.56 + 4);
}

function lineContent(line: Line, markerWidths: Map<number, number>, left: number, id?: string): Content {
  const margin: [number, number, number, number] = [left, line.heading ? 2 : 0, 0, 0];
  const tag = id === undefined ? {} : { id };
  if (line.blank) return { text: ' ', fontSize: fontSize / 2, ...tag };
  if (line.marker === undefined) {
    return { text: line.text, margin, bold: line.heading, ...tag };
  }
  return {
    margin,
    columnGap: 0,
    columns: [
      { text: line.marker, width: markerWidths.get(line.indent) ?? markerWidth(line.marker), ...tag },
      { text: line.text, width: '*' },
    ],
  };
}

/**
 * Where each line starts: a line indented under a list item lines up with that item's text,
 * as a word processor would nest it ("- Bagi yang sudah memiliki akun:" / "  1. …").
 */
function lineOffsets(lines: readonly Line[], markerWidths: Map<number, number>): number[] {
  const open: { indent: number; textLeft: number }[] = [];
  let previousTextLeft = 0;
  return lines.map((line) => {
    if (line.blank) return 0;
    if (line.hangs) return previousTextLeft;
    while (open.length > 0 && open.at(-1)!.indent >= line.indent) open.pop();
    const left = line.indent === 0 ? 0 : (open.at(-1)?.textLeft ?? line.indent * 4);
    previousTextLeft = left;
    if (line.marker !== undefined) {
      previousTextLeft = left + (markerWidths.get(line.indent) ?? markerWidth(line.marker));
      open.push({ indent: line.indent, textLeft: previousTextLeft });
    }
    return left;
  });
}

/**
 * Splits a line too long for one row (a row must fit a page) into pieces at sentence or
 * clause ends; the pieces after the first hang under the first one's text.
 */
function splitLongLine(line: Line, maxLines: number): Line[] {
  if (estimateLines(line) <= maxLines) return [line];
  const charsPerPiece = Math.floor((line.text.length / estimateLines(line)) * maxLines);
  const pieces: Line[] = [];
  let rest = line.text;
  while (rest.length > charsPerPiece) {
    const window = rest.slice(0, charsPerPiece);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('; '));
    const at = cut > charsPerPiece / 2 ? cut + 1 : Math.max(window.lastIndexOf(' '), 1);
    pieces.push({ ...line, text: rest.slice(0, at).trimEnd() });
    rest = rest.slice(at).trimStart();
  }
  pieces.push({ ...line, text: rest });
  return pieces.map((piece, i) => (i === 0 ? piece : { ...piece, marker: undefined, heading: false, hangs: true }));
}

/**
 * Splits one component's text into the table rows it is printed in. pdfmake keeps a row from
 * breaking across pages only if the row fits on a page (a taller unbreakable row is cut), and
 * a procedure per channel can run longer than a page. So each top-level item is a row of its
 * own — a page breaks between two items, never inside one — and a sub-heading or short intro
 * ("Melalui Surat:") stays with the item after it. The first row also holds at least as many
 * lines as the component's name needs (`minFirstLines`), so no hole opens under a short first
 * line. Rows after the first have no rule or padding between them: on paper the text reads
 * as one cell, as in the agencies' own annexes.
 */
export function rowsOf(text: string, minFirstLines = 1): Line[][] {
  const maxLines = 30;
  const lines = parseLines(text).flatMap((line) => splitLongLine(line, maxLines));
  const units: Line[][] = [];
  for (const line of lines) {
    const starts = units.length === 0 || (line.indent === 0 && !line.blank && !line.hangs);
    if (starts) units.push([line]);
    else units.at(-1)!.push(line);
  }
  const size = (unit: Line[]) => unit.reduce((n, l) => n + estimateLines(l), 0);
  const rows: Line[][] = [];
  let carried: Line[] = [];
  for (const unit of units) {
    const row = [...carried, ...unit];
    carried = [];
    const isIntro = unit.length === 1 && unit[0]!.marker === undefined && size(unit) < 2;
    const firstTooShort = rows.length === 0 && row.reduce((n, l) => n + estimateLines(l, false), 0) < minFirstLines;
    if ((isIntro || firstTooShort) && unit !== units.at(-1)) {
      carried = row;
      continue;
    }
    // A unit taller than a page (a long nested list) is cut at line boundaries.
    let current: Line[] = [];
    let height = 0;
    for (const line of row) {
      const n = estimateLines(line);
      if (current.length > 0 && height + n > maxLines) {
        rows.push(current);
        current = [];
        height = 0;
      }
      current.push(line);
      height += n;
    }
    if (current.length > 0) rows.push(current);
  }
  return rows;
}

interface ComponentRow {
  content: Content;
  /** Estimated printed lines, to decide whether the component's name fits beside it again. */
  lines: number;
}

/** One component's rows as cell contents; `rowId(r)` tags the first line of row r for the layout probe. */
function componentRows(text: ComponentText, name: string, l: Labels, rowId: (r: number) => string): ComponentRow[] {
  if (isNotStated(text)) {
    const stack: Content[] = [{ text: l.notStated, italics: true, id: rowId(0) } as Content];
    if (text.note) stack.push({ text: `${l.note}: ${text.note}`, italics: true, color: '#333333', margin: [0, 2, 0, 0] });
    return [{ content: { stack }, lines: 1 }];
  }
  const rows = rowsOf(text, nameLines(name));
  const all = rows.flat();
  const widths = new Map<number, number>();
  for (const line of all) {
    if (line.marker === undefined) continue;
    widths.set(line.indent, Math.max(widths.get(line.indent) ?? 0, markerWidth(line.marker)));
  }
  const offsets = lineOffsets(all, widths);
  let at = 0;
  return rows.map((lines, r) => ({
    content: { stack: lines.map((line, i) => lineContent(line, widths, offsets[at++]!, i === 0 ? rowId(r) : undefined)) },
    lines: lines.reduce((n, line) => n + estimateLines(line), 0),
  }));
}

/** Lines the component's name takes in the Komponen column. */
function nameLines(name: string): number {
  return Math.ceil(name.length / ((columnWidths.component - cellPadding) / (fontSize * 0.55)));
}

// ---------------------------------------------------------------------------------------
// Machine-readable parts, printed where they add to the text

/** A list the data adds below the component's text, e.g. the limit of every channel. */
interface Addendum {
  title: string;
  items: string[];
}

function addendumContent({ title, items }: Addendum, id: string): Content {
  return {
    margin: [0, 4, 0, 0],
    fontSize: fontSize - 0.5,
    stack: [{ text: title, bold: true, id } as Content, { ul: items, margin: [2, 1, 0, 0] }],
  };
}

function channelLines(service: ServiceStandard, agency: AgencyStandard, lang: Language, l: Labels): string[] {
  return service.channels.map((c) => {
    const parts: string[] = [];
    if (c.timeLimit) parts.push(limitText(c.timeLimit, lang));
    if (c.limitNotStated) parts.push(`${l.notStated} ("${c.limitNotStated}")`);
    if (c.responseLimit) {
      const response = `${l.responseLimit} ${limitText(c.responseLimit, lang)}`;
      parts.push(c.timeLimit ? `(${response})` : response);
    }
    const hours = c.hours ? ` — ${hoursText(c.hours, agency.timeZone, lang)}` : '';
    return `${c.label}: ${parts.join(' ')}${hours}`;
  });
}

function stageLines(service: ServiceStandard, lang: Language): string[] {
  const timeline = service.timeline;
  if (!timeline) return [];
  const variantName = new Map(timeline.variants.map((v) => [v.code, v.name]));
  return timeline.stages.map((stage) => {
    if (stage.limit) return `${stage.name}: ${limitText(stage.limit, lang)}`;
    const byVariant = Object.entries(stage.limitsByVariant ?? {}).map(
      ([v, limit]) => `${variantName.get(v) ?? v} ${limitText(limit, lang)}`,
    );
    return `${stage.name}: ${byVariant.join('; ')}`;
  });
}

function extrasFor(
  key: string,
  service: ServiceStandard,
  agency: AgencyStandard,
  lang: Language,
  l: Labels,
): Addendum[] {
  const extras: Addendum[] = [];
  if (key === 'timeLimit') {
    extras.push({ title: l.byChannel, items: channelLines(service, agency, lang, l) });
    extras.push({ title: l.stages, items: stageLines(service, lang) });
  }
  if (key === 'requirements') {
    const rules = service.leadTimeRules.map((r) => `${l.leadTime} ${limitText(r.minimum, lang)} ${l.before} ${r.before}`);
    extras.push({ title: l.leadTimeTitle, items: rules });
  }
  const amount = feeAmount(service);
  const feeNote = service.fee.note ? ` (${service.fee.note})` : '';
  if (key === 'fee' && amount !== null && amount > 0) {
    extras.push({ title: `${l.fee}:`, items: [`Rp${new Intl.NumberFormat('id-ID').format(amount)}${feeNote}`] });
  }
  // A fee the standard does not state is never read as free; the fee row says so unless its
  // own text already does.
  if (key === 'fee' && amount === null && !isNotStated(service.components.delivery.fee)) {
    extras.push({ title: `${l.fee}:`, items: [`${l.notStated}${feeNote}`] });
  }
  return extras.filter((e) => e.items.length > 0);
}

// ---------------------------------------------------------------------------------------
// The annex

/**
 * What the previous layout pass learnt about page breaks (see `renderAnnexPdf`): continuation
 * rows that landed at the top of a page, and part headings ("B. …") left alone at the foot
 * of one.
 */
interface LayoutFixes {
  continuedAtTop: Set<string>;
  breakBefore: Set<string>;
}

/** A table row as the layout probe sees it: the id on its first line, and what kind of row it is. */
interface RowRef {
  id: string;
  kind: 'part' | 'first' | 'continuation';
}

function serviceTable(
  service: ServiceStandard,
  s: number,
  ctx: { agency: AgencyStandard; lang: Language; l: Labels; fixes: LayoutFixes; refs: RowRef[][] },
): Content {
  const { agency, lang, l, fixes } = ctx;
  const body: TableCell[][] = [];
  const refs: RowRef[] = [];
  ctx.refs.push(refs);
  /** Rows that continue the component above, and whether each has a rule drawn above it. */
  const ruleAbove = new Map<number, boolean>();
  const header = (text: string): TableCell => ({ text, bold: true, alignment: 'center', fillColor: '#e3e3e3' });
  body.push([header(l.no), header(l.component), header(l.description)]);

  const part = (
    key: 'delivery' | 'management',
    title: string,
    names: Record<string, { id: string; en: string }>,
    texts: Record<string, ComponentText>,
  ) => {
    const partId = `s${s}-${key}`;
    refs.push({ id: partId, kind: 'part' });
    const breakBefore = fixes.breakBefore.has(partId) ? { pageBreak: 'before' as const } : {};
    body.push([{ text: title, colSpan: 3, bold: true, fillColor: '#f1f1f1', id: partId, ...breakBefore } as TableCell, {}, {}]);
    Object.entries(names).forEach(([component, name], i) => {
      const rowId = (r: number) => `s${s}-${component}-${r}`;
      const rows = componentRows(texts[component]!, name[lang], l, rowId);
      for (const extra of extrasFor(component, service, agency, lang, l)) {
        rows.push({ content: addendumContent(extra, rowId(rows.length)), lines: extra.items.length + 1 });
      }
      rows.forEach(({ content, lines }, r) => {
        const id = rowId(r);
        refs.push({ id, kind: r === 0 ? 'first' : 'continuation' });
        // A component continued on a new page names itself again, in grey, so the reader of
        // that page knows what the text belongs to.
        const repeat = r > 0 && fixes.continuedAtTop.has(id);
        if (r > 0) ruleAbove.set(body.length, repeat);
        const grey = { color: '#666666', italics: true };
        const continuedName = `${name[lang]} (${l.continued})`;
        const cells: TableCell[] = [
          r === 0 ? { text: `${i + 1}.`, alignment: 'center' } : repeat ? { text: `${i + 1}.`, alignment: 'center', ...grey } : { text: '' },
          r === 0
            ? { text: name[lang] }
            : repeat
              ? // The name again only where it does not make the row taller than its text.
                { text: lines >= nameLines(continuedName) ? continuedName : `(${l.continued})`, ...grey }
              : { text: '' },
          content as TableCell,
        ];
        // pdfmake breaks a page per cell: the whole row moves only if every cell asks.
        body.push(fixes.breakBefore.has(id) ? cells.map((c) => ({ ...(c as object), pageBreak: 'before' }) as TableCell) : cells);
      });
    });
  };
  part('delivery', l.partDelivery, componentNames.delivery, service.components.delivery);
  part('management', l.partManagement, componentNames.management, service.components.management);

  return {
    table: {
      headerRows: 1,
      // Every row fits a page (rowsOf splits long texts), so none is ever cut in two.
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      widths: [columnWidths.no, columnWidths.component, '*'],
      body,
    },
    layout: {
      ...gridLayout,
      // Every rule keeps its width, so the passes lay out identically; a continuation row's
      // rule is white unless the row opens a page (then it closes the page above).
      hLineColor: (i) => (ruleAbove.get(i) === false ? '#ffffff' : '#000000'),
      paddingTop: (i) => (ruleAbove.get(i) === false ? 0 : 3),
      paddingBottom: (i) => (ruleAbove.get(i + 1) === false ? 0 : 3),
    },
    fontSize,
    lineHeight,
  };
}

function annexTitleBlock(agency: AgencyStandard, lang: Language, l: Labels): Content[] {
  const { instrument, subject } = decreeHeading(agency, l);
  const { number, date } = agency.decree;
  // A number or date the source does not state is said to be missing, never left blank or invented.
  const field = (label: string, value: string | undefined): TableCell[] => [
    { text: label },
    { text: ':' },
    value === undefined ? { text: l.notGiven, italics: true } : { text: value },
  ];
  const heading = subject.toUpperCase();
  const titleLines: Content[] = [{ text: heading, bold: true, fontSize: 12, alignment: 'center' }];
  if (!heading.includes(agency.name.toUpperCase())) {
    titleLines.push({ text: agency.name.toUpperCase(), bold: true, fontSize: 12, alignment: 'center' });
  }
  return [
    {
      columns: [
        { text: '', width: '*' },
        {
          width: 250,
          fontSize: 9.5,
          stack: [
            { text: `${l.annex} ${instrument.toUpperCase()}` },
            {
              margin: [0, 3, 0, 0],
              table: {
                widths: ['auto', 'auto', '*'],
                body: [
                  field(l.number, number),
                  field(l.date, date === undefined ? undefined : formatLongDate(date, lang).toUpperCase()),
                  field(l.about, subject.toUpperCase()),
                ],
              },
              layout: 'noBorders',
            },
          ],
        },
      ],
    },
    { stack: titleLines, margin: [0, 18, 0, 14] },
  ];
}

const signatureId = 'signature';

function signatureBlock(agency: AgencyStandard, lang: Language, l: Labels): Content {
  const { place, date, signatory } = agency.decree;
  const lines: Content[] = [];
  if (place) lines.push({ text: `${l.enactedAt} ${place}` });
  lines.push({ text: `${l.enactedOn} ${date === undefined ? `(${l.notGiven})` : formatLongDate(date, lang)}` });
  (lines[0] as { id?: string }).id = signatureId;
  lines.push({ text: `${signatory.position.toUpperCase()},`, bold: true, margin: [0, 2, 0, 0] });
  lines.push(signatoryName(signatory, 56));
  return {
    unbreakable: true,
    margin: [0, 24, 0, 0],
    columns: [{ text: '', width: '*' }, { width: 230, stack: lines, fontSize: 10 }],
  };
}

/** Name and NIP under the space for the signature; a dotted blank when the name is not known. */
function signatoryName(signatory: AgencyStandard['decree']['signatory'], space: number): Content {
  const stack: Content[] = [
    signatory.name
      ? { text: signatory.name, bold: true, decoration: 'underline' }
      : { text: '(.......................................................)' },
  ];
  if (signatory.nip) stack.push({ text: `NIP. ${signatory.nip}` });
  return { stack, margin: [0, space, 0, 0] };
}

function buildAnnex(options: AnnexPdfOptions, fixes: LayoutFixes): { doc: TDocumentDefinitions; refs: RowRef[][] } {
  const lang = options.lang ?? defaultLanguage;
  const l = labels[lang];
  const { agency, services } = options;
  const refs: RowRef[][] = [];
  const content: Content[] = [...annexTitleBlock(agency, lang, l)];
  services.forEach((service, i) => {
    content.push({
      text: `${i + 1}. ${service.name}`,
      bold: true,
      fontSize: 11,
      margin: [0, 0, 0, service.derivedFrom ? 2 : 6],
      // Each service starts a page of its own: a reader finds it by its heading, and a
      // heading never ends up alone at the foot of a page.
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    });
    if (service.derivedFrom) content.push({ text: `${l.derivedFrom} ${service.derivedFrom}`, italics: true, fontSize: 9, margin: [0, 0, 0, 6] });
    content.push(serviceTable(service, i, { agency, lang, l, fixes, refs }));
  });
  content.push(signatureBlock(agency, lang, l));
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins,
    info: {
      title: `${annexReference(agency, l)} — ${agency.name}`,
      subject: decreeHeading(agency, l).subject,
      author: agency.name,
      creator: 'Sigap',
    },
    footer: pageFooter({
      lang,
      note: footerNote([annexReference(agency, l), versionNote(options.version, l), l.printedBy]),
    }),
    content,
    defaultStyle: { fontSize: 10, lineHeight },
  };
  return { doc, refs };
}

/** What a finished layout says should change: see `LayoutFixes`. */
function fixesFrom(refs: RowRef[][], pageOf: Map<string, number>, previous: LayoutFixes): LayoutFixes {
  const fixes: LayoutFixes = { continuedAtTop: new Set(), breakBefore: new Set(previous.breakBefore) };
  for (const table of refs) {
    table.forEach((row, i) => {
      const page = pageOf.get(row.id);
      const before = i > 0 ? pageOf.get(table[i - 1]!.id) : undefined;
      const after = i + 1 < table.length ? pageOf.get(table[i + 1]!.id) : undefined;
      if (page === undefined) return;
      // Rows never break (dontBreakRows), so a row on a later page than its predecessor opens that page.
      if (row.kind === 'continuation' && before !== undefined && page > before) fixes.continuedAtTop.add(row.id);
      if (row.kind === 'part' && after !== undefined && after > page) fixes.breakBefore.add(row.id);
    });
  }
  // The signature never stands alone on a page: the last component goes over with it.
  const last = refs.at(-1) ?? [];
  const lastRow = last.at(-1);
  const signaturePage = pageOf.get(signatureId);
  const lastPage = lastRow ? pageOf.get(lastRow.id) : undefined;
  if (signaturePage !== undefined && lastPage !== undefined && signaturePage > lastPage) {
    const lastComponent = last.findLast((row) => row.kind === 'first');
    if (lastComponent) fixes.breakBefore.add(lastComponent.id);
  }
  return fixes;
}

function sameFixes(a: LayoutFixes, b: LayoutFixes): boolean {
  const same = (x: Set<string>, y: Set<string>) => x.size === y.size && [...x].every((v) => y.has(v));
  return same(a.continuedAtTop, b.continuedAtTop) && same(a.breakBefore, b.breakBefore);
}

/**
 * The annex of the standard (Lampiran) as the agency attaches it to its decree.
 *
 * Laid out in passes: pdfmake reports where every tagged line landed (through the
 * `pageBreakBefore` hook, which answers "no break" every time), and the next pass repeats the
 * component's name on continuation rows that open a page and moves a part heading stranded
 * at a page foot to the next page. It stops when a pass changes nothing (usually the second).
 */
export async function renderAnnexPdf(options: AnnexPdfOptions): Promise<Buffer> {
  let fixes: LayoutFixes = { continuedAtTop: new Set(), breakBefore: new Set() };
  let pdf: Buffer | undefined;
  for (let pass = 0; pass < 4; pass++) {
    const { doc, refs } = buildAnnex(options, fixes);
    const pageOf = new Map<string, number>();
    doc.pageBreakBefore = (node) => {
      if (node.id !== undefined && node.startPosition) pageOf.set(node.id, node.startPosition.pageNumber);
      return false;
    };
    pdf = await renderPdf(doc);
    const next = fixesFrom(refs, pageOf, fixes);
    if (sameFixes(next, fixes)) break;
    fixes = next;
  }
  return pdf!;
}

// ---------------------------------------------------------------------------------------
// The maklumat

function letterhead(agency: AgencyStandard): Content {
  const contacts = agency.contacts
    .filter((c) => ['phone', 'whatsapp', 'email', 'website'].includes(c.kind))
    .slice(0, 3)
    .map((c) => (c.kind === 'whatsapp' ? `WA ${c.value}` : c.value));
  const lines: Content[] = [];
  if (agency.government) lines.push({ text: agency.government.toUpperCase(), fontSize: 13, bold: true });
  lines.push({ text: agency.name.toUpperCase(), fontSize: agency.name.length > 60 ? 13 : 15, bold: true });
  lines.push({ text: agency.address, fontSize: 9, margin: [0, 3, 0, 0] });
  if (contacts.length > 0) lines.push({ text: contacts.join(' · '), fontSize: 9 });
  return {
    stack: [
      { stack: lines, alignment: 'center', lineHeight: 1.1 },
      // The double rule under a kop surat: thick over thin.
      {
        margin: [0, 6, 0, 0],
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: contentWidth, y2: 0, lineWidth: 2.2 },
          { type: 'line', x1: 0, y1: 3.5, x2: contentWidth, y2: 3.5, lineWidth: 0.7 },
        ],
      },
    ],
  };
}

function buildMaklumat(options: MaklumatPdfOptions, size: number): TDocumentDefinitions {
  const lang = options.lang ?? defaultLanguage;
  const l = labels[lang];
  const { agency } = options;
  const { maklumat } = agency;
  const paragraphs = maklumat.text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const place = agency.decree.place ?? '';
  // The agency's own charter is dated with the decree (when the source states that date);
  // Sigap's proposal is dated when signed.
  const dateText =
    maklumat.origin === 'stated'
      ? agency.decree.date === undefined
        ? l.dateNotGiven
        : formatLongDate(agency.decree.date, lang)
      : '.................................';
  const content: Content[] = [
    letterhead(agency),
    { text: l.maklumatTitle, bold: true, fontSize: size + 6, alignment: 'center', margin: [0, 26, 0, 22] },
    {
      stack: paragraphs.map((p) => ({ text: p, margin: [0, 0, 0, size * 0.7] })),
      fontSize: size,
      lineHeight: 1.3,
      // Ragged right: at this size justified lines open wide gaps, and stretch "dan/atau"
      // where the line breaks after the slash.
      alignment: 'left',
    },
    {
      unbreakable: true,
      margin: [0, size * 1.5, 0, 0],
      columns: [
        { text: '', width: '*' },
        {
          width: 250,
          fontSize: size - 1,
          stack: [
            { text: place ? `${place}, ${dateText}` : dateText },
            { text: `${maklumat.signatory.position},`, bold: true, margin: [0, 4, 0, 0] },
            signatoryName(maklumat.signatory, 64),
          ],
        },
      ],
    },
  ];
  if (maklumat.origin === 'default') {
    content.push({
      text: l.defaultNote,
      fontSize: 8,
      italics: true,
      color: '#444444',
      margin: [0, 28, 0, 0],
    });
  }
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins,
    info: { title: `${l.footerMaklumat} — ${agency.name}`, author: agency.name, creator: 'Sigap' },
    footer: pageFooter({
      lang,
      note: footerNote([l.footerMaklumat, agency.shortName ?? agency.name, versionNote(options.version, l), l.printedBy]),
    }),
    content,
    defaultStyle: { fontSize: size, lineHeight: 1.2 },
  };
}

/**
 * The Maklumat Pelayanan on one A4 page, in the largest type that keeps it on one page
 * (a charter hangs on a wall: it must be read from a step away).
 */
export async function renderMaklumatPdf(options: MaklumatPdfOptions): Promise<Buffer> {
  const sizes = [16, 15, 14, 13, 12, 11, 10, 9];
  let last: Buffer | undefined;
  for (const size of sizes) {
    let pages = 0;
    const doc = buildMaklumat(options, size);
    const footer = doc.footer as (page: number, count: number) => Content;
    doc.footer = (page: number, count: number) => {
      pages = count;
      return footer(page, count);
    };
    last = await renderPdf(doc);
    if (pages <= 1) return last;
  }
  // Even 9 pt does not fit: print it on two pages rather than cut the text.
  return last!;
}

// ---------------------------------------------------------------------------------------
// Command line

export interface WriteStandardPdfOptions {
  /** An agency folder: agency.yaml and services/. */
  dir: string;
  annex?: string;
  maklumat?: string;
  lang: Language;
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `sigap standards pdf <agency-dir> --annex <out.pdf> | --maklumat <out.pdf>`: renders straight
 * from the YAML folder, for an agency that wants its documents without running a server.
 * Returns the exit code: 0 written, 1 the standard is invalid, 2 a usage mistake.
 */
export async function writeStandardPdf(options: WriteStandardPdfOptions): Promise<number> {
  const { dir, lang, out, err } = options;
  if (!options.annex && !options.maklumat) {
    err(lang === 'id' ? 'Sebutkan --annex <berkas.pdf> dan/atau --maklumat <berkas.pdf>.' : 'Give --annex <file.pdf> and/or --maklumat <file.pdf>.');
    return 2;
  }
  const { loaded, problems } = await loadAgencyFolder(dir);
  if (!loaded || problems.length > 0) {
    for (const problem of problems) err(formatProblem(problem, lang));
    if (problems.length === 0) err(lang === 'id' ? `${dir}: bukan folder instansi (tidak ada agency.yaml).` : `${dir}: not an agency folder (no agency.yaml).`);
    return 1;
  }
  if (options.annex) {
    await writeFile(options.annex, await renderAnnexPdf({ agency: loaded.agency, services: loaded.services, lang }));
    out(`${options.annex}: ${lang === 'id' ? 'lampiran standar pelayanan' : 'annex of the service standard'} (${loaded.agency.code}, ${loaded.services.length} ${lang === 'id' ? 'layanan' : 'services'})`);
  }
  if (options.maklumat) {
    await writeFile(options.maklumat, await renderMaklumatPdf({ agency: loaded.agency, lang }));
    out(`${options.maklumat}: ${lang === 'id' ? 'maklumat pelayanan' : 'service charter'} (${loaded.agency.code})`);
  }
  return 0;
}
