import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { componentNames, isNotStated, type ServiceStandard } from '../../../shared/standard/schema.js';
import { contentWidth, pageMargins } from '../documents/documents.pdf.js';
import { loadAgencyFolder, type LoadedAgency } from './standards.loader.js';
import { parseLines, renderAnnexPdf, renderMaklumatPdf, rowsOf, writeStandardPdf } from './standards.pdf.js';

/**
 * The PDFs are checked the way a reader meets them: rendered, then read back with poppler's
 * `pdftotext -layout`. The annex's columns are read one at a time (cropped by position), so a
 * component name wrapped over two lines still reads as one phrase.
 */

const standardsDir = join(import.meta.dirname, '../../../../standards');
const work = mkdtempSync(join(tmpdir(), 'sigap-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const agencyDirs = readdirSync(standardsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(standardsDir, d.name, 'agency.yaml')))
  .map((d) => d.name)
  .sort();

let fileCount = 0;
function pdfText(pdf: Buffer, crop?: { x: number; width: number }): string {
  const file = join(work, `doc-${fileCount++}.pdf`);
  writeFileSync(file, pdf);
  // -r 72: crop coordinates are in PDF points.
  const args = ['-layout', '-r', '72'];
  if (crop) args.push('-x', String(Math.floor(crop.x)), '-y', '0', '-W', String(Math.ceil(crop.width)), '-H', '842');
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

/**
 * Whitespace-insensitive: line breaks and justified spacing do not matter, nor a line broken
 * after a slash or hyphen ("dan/ atau", "Perundang- undangan").
 */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([/-]) /g, '$1').trim();
}

function pageCount(pdf: Buffer): number {
  return pdfText(pdf).split('\f').filter((page) => page.trim() !== '').length;
}

// Column positions of the annex table (see `columnWidths` in standards.pdf.ts): each column is
// its width plus 4 pt of padding either side.
const componentColumn = { x: pageMargins[0] + 22 + 8, width: 118 + 8 };
const descriptionColumn = { x: pageMargins[0] + 22 + 8 + 118 + 8, width: contentWidth - 22 - 118 - 16 };

/** The first words of a component's text, as a reader would look for them. */
function firstWords(text: string, count = 5): string {
  const first = parseLines(text).find((line) => !line.blank)!;
  return first.text.split(/\s+/).slice(0, count).join(' ');
}

function componentTexts(service: ServiceStandard) {
  return [
    ...Object.entries(componentNames.delivery).map(([key, name]) => ({
      name,
      text: service.components.delivery[key as keyof typeof service.components.delivery],
    })),
    ...Object.entries(componentNames.management).map(([key, name]) => ({
      name,
      text: service.components.management[key as keyof typeof service.components.management],
    })),
  ];
}

async function load(code: string): Promise<LoadedAgency> {
  const { loaded, problems } = await loadAgencyFolder(join(standardsDir, code));
  expect(problems).toEqual([]);
  return loaded!;
}

describe('the annex of each agency under standards/', () => {
  it('covers kalsel-prov at least', () => {
    expect(agencyDirs).toContain('kalsel-prov');
  });

  for (const code of agencyDirs) {
    it(`${code}: names every service, all 14 components and the start of each text`, { timeout: 120_000 }, async () => {
      const { agency, services } = await load(code);
      const pdf = await renderAnnexPdf({ agency, services, version: 3, lang: 'id' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      const whole = flat(pdfText(pdf));
      const names = flat(pdfText(pdf, componentColumn));
      const descriptions = flat(pdfText(pdf, descriptionColumn));

      expect(whole).toContain('LAMPIRAN');
      // A number the source does not state is said to be missing, never left blank.
      expect(whole).toContain(agency.decree.number ?? 'NOMOR : tidak disebut');
      expect(whole).toContain('A. Komponen Penyampaian Pelayanan');
      expect(whole).toContain('B. Komponen Pengelolaan Pelayanan');
      expect(whole).toMatch(/Halaman 1 dari \d+/);
      expect(whole).toContain('versi 3');
      // The signature block closes the annex.
      expect(whole).toContain(`${agency.decree.signatory.position.toUpperCase()},`);

      services.forEach((service, i) => expect(whole).toContain(flat(`${i + 1}. ${service.name}`)));
      for (const service of services) {
        for (const { name, text } of componentTexts(service)) {
          expect(names).toContain(name.id);
          if (isNotStated(text)) expect(descriptions).toContain('Tidak dinyatakan dalam standar');
          else expect(descriptions, `${service.code}: ${name.id}`).toContain(flat(firstWords(text)));
        }
      }
      // Every service's table has all 14 rows: each name at least once per service.
      for (const { name } of componentTexts(services[0]!)) {
        const occurrences = names.split(name.id).length - 1;
        expect(occurrences, name.id).toBeGreaterThanOrEqual(services.length);
      }
      // Each service opens a page; the last page holds the end of the last table and the signature.
      expect(pageCount(pdf)).toBeGreaterThanOrEqual(services.length);
    });
  }

  it('prints channel limits as ranges, and English labels with the texts left as written', { timeout: 120_000 }, async () => {
    const { agency, services } = await load('kalsel-prov');
    const katalog = services.filter((s) => s.code === 'konsultasi-katalog');
    const id = flat(pdfText(await renderAnnexPdf({ agency, services: katalog, lang: 'id' })));
    expect(id).toContain('Jangka waktu per saluran:');
    expect(id).toContain('Tatap Muka: 30–60 menit');
    expect(id).toContain('Website: 3 hari kerja');
    // The chat channel keeps its own hours, in the agency's zone name.
    expect(id).toContain('Senin–Jumat 09.00–15.00 WITA');

    const en = flat(pdfText(await renderAnnexPdf({ agency, services: katalog, lang: 'en' })));
    expect(en).toContain('ANNEX TO');
    expect(en).toContain('Component');
    expect(en).toContain('Requirements');
    expect(en).toContain('Page 1 of');
    expect(en).toContain('Tatap Muka: 30–60 minutes');
    expect(en).not.toContain('Komponen Penyampaian');
    // The agency's own text is not translated.
    expect(en).toContain(flat(firstWords(katalog[0]!.components.delivery.requirements as string)));
  });

  it('loses no text of a component longer than a page, nor of a not-stated one', { timeout: 120_000 }, async () => {
    const { agency, services } = await load('kalsel-prov');
    const base = structuredClone(services[0]!);
    const steps = Array.from({ length: 90 }, (_, i) => `${i + 1}. Langkah prosedur nomor ${i + 1} dijalankan oleh petugas pelayanan sesuai ketentuan.`);
    const sentence = 'Kalimat panjang tanpa baris baru yang terus berlanjut melampaui satu halaman penuh';
    const longParagraph = Array.from({ length: 120 }, (_, i) => `${sentence} bagian ${i + 1}.`).join(' ');
    base.components.delivery.procedure = `Melalui Surat:\n${steps.join('\n')}`;
    base.components.management.legalBasis = longParagraph;
    base.components.management.staffCount = { notStated: true, note: 'disebut dalam Maklumat Pelayanan' };

    const pdf = await renderAnnexPdf({ agency, services: [base], lang: 'id' });
    const descriptions = flat(pdfText(pdf, descriptionColumn));
    for (let i = 1; i <= 90; i++) expect(descriptions).toContain(`${i}. Langkah prosedur nomor ${i} dijalankan`);
    for (let i = 1; i <= 120; i++) expect(descriptions).toContain(`${sentence} bagian ${i}.`);
    expect(descriptions).toContain('Tidak dinyatakan dalam standar');
    expect(descriptions).toContain('Catatan: disebut dalam Maklumat Pelayanan');
    // A continued component names itself again at the top of the next page.
    expect(flat(pdfText(pdf, componentColumn))).toContain('(lanjutan)');
  });
});

describe('a decree the source does not fully state', () => {
  it('klungkung-kab: number and date read "tidak disebut", and no invented date is printed', { timeout: 120_000 }, async () => {
    const { agency, services } = await load('klungkung-kab');
    const pdf = await renderAnnexPdf({ agency, services: services.slice(0, 1), lang: 'id' });
    const whole = flat(pdfText(pdf));
    expect(whole).toContain('LAMPIRAN KEPUTUSAN KEPALA BAGIAN PENGADAAN');
    expect(whole).toContain('NOMOR : tidak disebut');
    expect(whole).toContain('TANGGAL : tidak disebut');
    expect(whole).toContain('Lampiran Keputusan (nomor tidak disebut)');
    expect(whole).toContain('pada tanggal (tidak disebut)');
    // effectiveFrom (Sigap's application date) is not the decree's and is not printed as one.
    expect(whole).not.toMatch(/JANUARI 2022|Januari 2022/);
    expect(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' })).toContain('Lampiran Keputusan (nomor tidak disebut)');

    const en = flat(pdfText(await renderAnnexPdf({ agency, services: services.slice(0, 1), lang: 'en' })));
    expect(en).toContain('NUMBER : not stated');
    expect(en).toContain('DATE : not stated');
    expect(en).toContain('Annex to Keputusan (number not stated)');
    expect(en).toContain('on (not stated)');
  });

  it('kaltara-prov: the number it states, and a date it does not', { timeout: 120_000 }, async () => {
    const { agency, services } = await load('kaltara-prov');
    const whole = flat(pdfText(await renderAnnexPdf({ agency, services, lang: 'id' })));
    expect(whole).toContain('NOMOR : 188/139/K.Setda/2021');
    expect(whole).toContain('TANGGAL : tidak disebut');
    expect(whole).toContain('Lampiran Keputusan Nomor 188/139/K.Setda/2021');
    expect(whole).toContain('pada tanggal (tidak disebut)');
    expect(whole).not.toMatch(/JANUARI 2021|Januari 2021/);
  });

  it("dates the agency's own maklumat with the decree, or says the date is not stated", { timeout: 60_000 }, async () => {
    const { agency } = await load('kalsel-prov');
    const stated = structuredClone(agency);
    stated.maklumat.origin = 'stated';
    expect(flat(pdfText(await renderMaklumatPdf({ agency: stated, lang: 'id' })))).toContain('Banjarbaru, 10 Januari 2025');
    delete stated.decree.date;
    const undated = flat(pdfText(await renderMaklumatPdf({ agency: stated, lang: 'id' })));
    expect(undated).toContain('Banjarbaru, (tanggal tidak disebut)');
    expect(undated).not.toContain('2025');
    expect(flat(pdfText(await renderMaklumatPdf({ agency: stated, lang: 'en' })))).toContain('Banjarbaru, (date not stated)');
  });
});

describe('the instrument that enacts the standard', () => {
  it('banjarmasin-kota: the annex of a Peraturan Walikota is headed and footed as one', { timeout: 120_000 }, async () => {
    const { agency, services } = await load('banjarmasin-kota');
    const pdf = await renderAnnexPdf({ agency, services: services.slice(0, 1), lang: 'id' });
    const whole = flat(pdfText(pdf));
    // As the seed heads its Lampiran: "LAMPIRAN PERATURAN WALIKOTA BANJARMASIN NOMOR 67 TAHUN 2018".
    expect(whole).toContain('LAMPIRAN PERATURAN WALIKOTA BANJARMASIN');
    expect(whole).toContain('NOMOR : 67 Tahun 2018');
    expect(whole).toContain('TANGGAL : 27 NOVEMBER 2018');
    expect(whole).toContain('Lampiran Peraturan Nomor 67 Tahun 2018');
    expect(whole).not.toMatch(/keputusan/i);
    expect(flat(pdfText(await renderAnnexPdf({ agency, services: services.slice(0, 1), lang: 'en' })))).toContain(
      'Annex to Peraturan number 67 Tahun 2018',
    );
  });

  it('names the issuer when given, else the signatory; a Keputusan by default', { timeout: 120_000 }, async () => {
    const { agency, services } = await load('kalsel-prov');
    const one = services.slice(0, 1);
    expect(flat(pdfText(await renderAnnexPdf({ agency, services: one, lang: 'id' })))).toContain(
      'LAMPIRAN KEPUTUSAN KEPALA BIRO PENGADAAN BARANG DAN JASA',
    );
    const regulation = structuredClone(agency);
    regulation.decree.instrument = 'peraturan';
    regulation.decree.issuer = 'Gubernur Kalimantan Selatan';
    const whole = flat(pdfText(await renderAnnexPdf({ agency: regulation, services: one, lang: 'id' })));
    expect(whole).toContain('LAMPIRAN PERATURAN GUBERNUR KALIMANTAN SELATAN');
    expect(whole).toContain('Lampiran Peraturan Nomor 000/8.2.3/176/BPBJ/2025');
  });
});

describe('rows of a component', () => {
  it('keeps numbered lists and sub-headings as written', () => {
    const lines = parseLines('Melalui Surat:\n1. Kirim surat;\n   - ke Kepala Biro\n2. Tunggu jawaban.');
    expect(lines.map((l) => [l.heading, l.marker, l.indent, l.text])).toEqual([
      [true, undefined, 0, 'Melalui Surat:'],
      [false, '1.', 0, 'Kirim surat;'],
      [false, '-', 3, 'ke Kepala Biro'],
      [false, '2.', 0, 'Tunggu jawaban.'],
    ]);
  });

  it('breaks between top-level items, keeps a sub-heading with its first item and nested items with their parent', () => {
    const rows = rowsOf('Melalui Surat:\n1. Kirim surat;\n   - ke Kepala Biro\n2. Tunggu jawaban.');
    expect(rows.map((row) => row.map((l) => l.text))).toEqual([
      ['Melalui Surat:', 'Kirim surat;', 'ke Kepala Biro'],
      ['Tunggu jawaban.'],
    ]);
  });

  it('cuts a text longer than a page into rows that each fit one', () => {
    const rows = rowsOf(Array.from({ length: 20 }, () => 'kata '.repeat(400)).join('\n'));
    expect(rows.length).toBeGreaterThan(20);
    const charsPerRow = rows.map((row) => row.reduce((n, l) => n + l.text.length, 0));
    expect(Math.max(...charsPerRow)).toBeLessThan(2_600);
  });
});

describe('the maklumat', () => {
  for (const code of agencyDirs) {
    it(`${code}: one A4 page with the text, the signatory and, for Sigap's wording, the note`, { timeout: 60_000 }, async () => {
      const { agency } = await load(code);
      const pdf = await renderMaklumatPdf({ agency, lang: 'id' });
      const text = flat(pdfText(pdf));
      expect(pageCount(pdf)).toBe(1);
      expect(text).toContain('MAKLUMAT PELAYANAN');
      expect(text).toContain(agency.name.toUpperCase());
      for (const paragraph of agency.maklumat.text.split(/\n+/).filter((p) => p.trim() !== '')) {
        expect(text).toContain(flat(paragraph));
      }
      expect(text).toContain(flat(agency.maklumat.signatory.position));
      if (agency.maklumat.signatory.name) expect(text).toContain(agency.maklumat.signatory.name);
      const note = 'rumusan baku yang diusulkan Sigap';
      if (agency.maklumat.origin === 'default') expect(text).toContain(note);
      else expect(text).not.toContain(note);
    });
  }

  it('prints English labels and keeps the charter in Indonesian', { timeout: 60_000 }, async () => {
    const { agency } = await load('kalsel-prov');
    const text = flat(pdfText(await renderMaklumatPdf({ agency, lang: 'en' })));
    expect(text).toContain('SERVICE CHARTER (MAKLUMAT PELAYANAN)');
    expect(text).toContain('standard wording proposed by Sigap');
    expect(text).toContain('Dengan ini, kami menyatakan sanggup');
  });
});

describe('sigap standards pdf', () => {
  it('writes both files from a folder and reports them', { timeout: 120_000 }, async () => {
    const annex = join(work, 'annex.pdf');
    const maklumat = join(work, 'maklumat.pdf');
    const out: string[] = [];
    const err: string[] = [];
    const code = await writeStandardPdf({
      dir: join(standardsDir, 'kalsel-prov'),
      annex,
      maklumat,
      lang: 'id',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toHaveLength(2);
    expect(execFileSync('pdfinfo', [maklumat], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    expect(execFileSync('pdfinfo', [annex], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it('exits 2 without an output and 1 on a folder that is not a valid agency', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l) };
    expect(await writeStandardPdf({ dir: join(standardsDir, 'kalsel-prov'), lang: 'en', ...io })).toBe(2);
    expect(await writeStandardPdf({ dir: work, annex: join(work, 'x.pdf'), lang: 'en', ...io })).toBe(1);
    expect(err.join('\n')).toContain('agency.yaml');
  });
});
