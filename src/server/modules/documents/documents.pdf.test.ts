import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLongDate, pageFooter, pageMargins, renderPdf } from './documents.pdf.js';

const work = mkdtempSync(join(tmpdir(), 'sigap-documents-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function save(pdf: Buffer, name: string): string {
  const file = join(work, name);
  writeFileSync(file, pdf);
  return file;
}

describe('renderPdf', () => {
  it('embeds the Roboto shipped with pdfmake and prints Indonesian text and page numbers', async () => {
    const pdf = await renderPdf({
      pageSize: 'A4',
      pageMargins,
      footer: pageFooter({ lang: 'id', note: 'Dokumen uji' }),
      content: [{ text: 'Jangka waktu 30–60 menit; ≥ 3 hari kerja.' }, { text: 'Halaman dua', pageBreak: 'before' }],
    });
    const file = save(pdf, 'fonts.pdf');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    // Every font used is Roboto and embedded ("emb" yes): nothing depends on the system's fonts.
    const rows = fonts.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/Roboto.*\byes\b/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Jangka waktu 30–60 menit; ≥ 3 hari kerja.');
    expect(text).toContain('Halaman 1 dari 2');
    expect(text).toContain('Halaman 2 dari 2');
  });

  it('never fetches a URL that a document names', async () => {
    await expect(
      renderPdf({ images: { logo: 'https://127.0.0.1:9/logo.png' }, content: [{ image: 'logo', width: 50 }] }),
    ).rejects.toThrow(/URL denied by resource access policy/);
  });

  it('never reads a local file outside the fonts that a document names', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/hostname', width: 50 }] })).rejects.toThrow(
      /local file denied by resource access policy/,
    );
  });
});

describe('formatLongDate', () => {
  it('writes the month in words, as decrees do', () => {
    expect(formatLongDate('2025-01-10', 'id')).toBe('10 Januari 2025');
    expect(formatLongDate('2023-05-16', 'en')).toBe('16 May 2023');
  });
});
