import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories } from '../../test/factories.js';

/**
 * NTT's document is a policy, not a list of services: it states no fee, and its services are
 * derived from the LPSE's tasks ("Adapun Tugas LPSE Provinsi Nusa Tenggara Timur adalah sebagai
 * berikut: 1. Melaksanakan pengadaan secara elektronik; 2. Memfasilitasi dan advokasi ...; 3.
 * Menyediakan informasi dan konsultasi berkaitan dengan pengadaan secara elektronik"). The API and
 * the annex PDF say the fee is not stated (never "Gratis") and label the services as derived.
 */
describe('a fee not stated and services derived from the agency\'s tasks', () => {
  let t: TestApp;
  const work = mkdtempSync(path.join(os.tmpdir(), 'sigap-fee-'));

  const get = (url: string) => t.app.inject({ url });
  function pdfText(pdf: Buffer): string {
    const file = path.join(work, `annex-${Date.now()}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  beforeAll(async () => {
    t = await createTestApp();
    await createFactories(t).standards({ codes: ['ntt-prov', 'kalsel-prov'] });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('the service API says NTT states no fee and from which task the service is derived', async () => {
    const res = await get('/api/agencies/ntt-prov/services/informasi-konsultasi');
    expect(res.statusCode, res.body).toBe(200);
    const { service } = res.json();
    expect(service.fee).toEqual({ notStated: true, note: 'Biaya tidak disebut dalam Kebijakan Operasional LPSE.' });
    expect(service.derivedFrom).toContain('Menyediakan informasi dan konsultasi berkaitan dengan pengadaan secara elektronik');
  });

  it('the agency and catalogue summaries give no fee amount for NTT, and Kalimantan Selatan\'s stated "Gratis" as 0', async () => {
    const ntt = (await get('/api/agencies/ntt-prov/standard')).json();
    expect(ntt.services).toHaveLength(3);
    for (const s of ntt.services) {
      expect(s.feeAmount).toBeNull();
      expect(s.derivedFrom).toMatch(/^Tugas LPSE angka [123]: "/);
    }
    const kalsel = (await get('/api/agencies/kalsel-prov/standard')).json();
    for (const s of kalsel.services) expect(s).toMatchObject({ feeAmount: 0, derivedFrom: null });
  });

  it('the annex PDF labels each NTT service as derived and never calls its fee free', async () => {
    const id = await get('/api/agencies/ntt-prov/standard/annex.pdf');
    expect(id.statusCode).toBe(200);
    const text = pdfText(id.rawPayload);
    expect(text).toContain('Diturunkan dari tugas instansi (dokumen tidak memuat daftar layanan): Tugas LPSE angka 1: "Melaksanakan pengadaan secara elektronik"');
    expect(text.match(/Diturunkan dari tugas instansi/g)).toHaveLength(3);
    expect(text).toMatch(/Biaya\/Tarif Tidak dinyatakan dalam standar/);
    expect(text).not.toMatch(/gratis/i);
    const en = pdfText((await get('/api/agencies/ntt-prov/standard/annex.pdf?lang=en')).rawPayload);
    expect(en).toContain("Derived from the agency's tasks (the document lists no services):");
    expect(en).not.toMatch(/\bfree\b/i);
  });
});
