import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, startServer, type RunningServer } from './support.js';

const skip = cannotRun();

const kalsel = 'Biro Pengadaan Barang dan Jasa Sekretariat Daerah Provinsi Kalimantan Selatan';
const katalog = 'Pelayanan Konsultasi Katalog Elektronik dan Toko Daring';

describe('published service standards', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // As `npm start` on a bare machine: the server imports ./standards when it starts.
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens an agency from the landing page, then a service with its 14 components', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(server.url);
    await page.getByRole('article', { name: kalsel }).getByRole('link', { name: kalsel }).click();

    await page.getByRole('heading', { level: 2, name: kalsel }).waitFor();
    await page.getByRole('heading', { name: '5 layanan' }).waitFor();
    assert.ok(await page.getByText('Berlaku sejak 2025-01-10').isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Jam pelayanan' }).isVisible());
    await assertNoOverflow(page, 'the agency page');
    await page.screenshot({ path: artifactPath('standards-agency-360.png'), fullPage: true });

    await page.getByRole('link', { name: new RegExp(katalog) }).click();
    await page.getByRole('heading', { level: 2, name: katalog }).waitFor();
    const table = page.getByRole('table', { name: 'Komponen standar pelayanan' });
    await table.waitFor();
    assert.equal(await table.locator('tr[data-component]').count(), 14);
    for (const name of ['Persyaratan', 'Jangka Waktu Penyelesaian', 'Dasar Hukum', 'Evaluasi Kinerja Pelaksana']) {
      assert.ok(await table.getByText(name, { exact: true }).isVisible(), `component ${name} shown`);
    }
    // A range keeps both ends, as the standard wrote it.
    const channels = page.getByRole('table', { name: 'Saluran dan jangka waktu' });
    assert.ok(await channels.getByText('30–60 menit').first().isVisible());
    assert.ok(await page.getByRole('list', { name: 'Daftar persyaratan' }).isVisible());
    assert.ok(await page.getByRole('list', { name: 'Langkah-langkah' }).isVisible());
    await assertNoOverflow(page, 'the service page');
    await page.screenshot({ path: artifactPath('standards-service-id-360.png'), fullPage: true });

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('table', { name: 'Components of the service standard' }).waitFor();
    assert.ok(await page.getByText('30–60 minutes').first().isVisible());
    await page.screenshot({ path: artifactPath('standards-service-en-360.png'), fullPage: true });
    await page.getByText('ID', { exact: true }).click();
    await page.close();
  });

  it('marks components the standard does not state', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/instansi/ntt-prov`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.locator('article a[href^="/instansi/ntt-prov/layanan/"]').first().click();
    const table = page.getByRole('table', { name: 'Komponen standar pelayanan' });
    await table.waitFor();
    assert.equal(await table.locator('tr[data-component]').count(), 14);
    assert.ok((await table.getByText('Tidak dinyatakan dalam standar').count()) > 0);
    await assertNoOverflow(page, 'the NTT service page');
    await page.screenshot({ path: artifactPath('standards-service-ntt-360.png'), fullPage: true });
    await page.close();
  });

  it('says which decree facts the source does not state, and names a Peraturan as one', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/instansi/klungkung-kab`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    // Klungkung's source prints no decree number or date: nothing invented, the gap is said.
    await page.getByText(/Ditetapkan dengan Keputusan Kepala Bagian .*; nomor: tidak disebut; tanggal: tidak disebut/).waitFor();
    assert.ok(await page.getByText('Diterapkan di Sigap sejak 2022-01-01').isVisible());
    assert.equal(await page.getByText('Berlaku sejak 2022-01-01').count(), 0);
    await assertNoOverflow(page, 'the Klungkung agency page');
    await page.screenshot({ path: artifactPath('standards-agency-klungkung-360.png'), fullPage: true });

    await page.goto(`${server.url}/instansi/banjarmasin-kota`);
    await page.getByText(/Ditetapkan dengan Peraturan Walikota Banjarmasin; nomor: 67 Tahun 2018; tanggal: 2018-11-27/).waitFor();
    await page.locator('article a[href^="/instansi/banjarmasin-kota/layanan/"]').first().click();
    await page.getByText(/Standar Pelayanan versi 1, Peraturan nomor 67 Tahun 2018, berlaku sejak 2018-11-27/).waitFor();
    await page.close();
  });

  it('downloads the annex as a PDF and shows the maklumat', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
    await page.goto(`${server.url}/instansi/kalsel-prov`);
    await page.getByRole('heading', { level: 2, name: kalsel }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh Standar Pelayanan (PDF)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^standar-pelayanan-kalsel-prov-v1\.pdf$/);
    const file = artifactPath('standards-annex-kalsel-prov.pdf');
    await download.saveAs(file);
    const bytes = await readFile(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(bytes.length > 10_000, `annex PDF is only ${bytes.length} bytes`);

    await page.getByRole('link', { name: 'Maklumat Pelayanan' }).click();
    await page.getByRole('heading', { name: 'Maklumat Pelayanan' }).waitFor();
    assert.ok(await page.getByRole('article', { name: 'Maklumat Pelayanan' }).isVisible());
    await assertNoOverflow(page, 'the maklumat page');
    await page.screenshot({ path: artifactPath('standards-maklumat-360.png'), fullPage: true });
    await page.close();
  });

  it('searches and filters the catalogue across agencies', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/layanan`);
    await page.getByRole('heading', { name: 'Katalog layanan' }).waitFor();
    const status = page.getByRole('status');
    await status.filter({ hasText: /layanan ditemukan/ }).waitFor();
    const all = Number.parseInt((await status.textContent())!, 10);
    assert.ok(all >= 5, `catalogue lists ${all} services`);

    await page.getByLabel('Cari').fill('katalog');
    await page.waitForURL(/q=katalog/);
    await page.getByRole('article', { name: katalog }).waitFor();
    await page.waitForFunction((n) => {
      const text = document.querySelector('[role="status"]')?.textContent ?? '';
      return Number.parseInt(text, 10) < n;
    }, all);
    await assertNoOverflow(page, 'the catalogue');
    await page.screenshot({ path: artifactPath('standards-catalogue-360.png'), fullPage: true });

    // The filters live in the address: a shared link shows the same list.
    await page.goto(`${server.url}/layanan?saluran=call_centre&pemohon=vendor`);
    await status.filter({ hasText: /layanan ditemukan/ }).waitFor();
    const filtered = Number.parseInt((await status.textContent())!, 10);
    assert.ok(filtered > 0 && filtered < all, `filtered catalogue lists ${filtered} of ${all}`);
    await page.close();
  });
});
