import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, prepare, startServer, type RunningServer } from './support.js';

const skip = cannotRun();

describe('landing page', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({
      // These agencies are seeded by hand; the shipped standards would rename and re-parent them.
      env: { SIGAP_STANDARDS_DIR: 'none' },
      prepare: (dataDir) =>
        prepare(dataDir, {
          agencies: [
            { code: 'lkpp', name: 'LKPP', level: 'national', timeZone: 'Asia/Jakarta' },
            { code: 'ntt-prov', name: 'Biro Pengadaan Barang dan Jasa Provinsi NTT', level: 'provinsi', timeZone: 'Asia/Makassar', parent: 'lkpp' },
          ],
        }),
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the agencies and switches between Indonesian and English', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Unit layanan pengadaan di Sigap' }).waitFor();
    await page.getByRole('article', { name: 'Biro Pengadaan Barang dan Jasa Provinsi NTT' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    assert.ok(await page.getByText('WITA').isVisible());
    assert.ok(await page.getByText('Eskalasi ke: lkpp').isVisible());
    await page.screenshot({ path: artifactPath('landing-id-360.png'), fullPage: true });

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Procurement service units on Sigap' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.ok(await page.getByText('Escalates to: lkpp').isVisible());
    await assertNoOverflow(page, 'the landing page');
    await page.screenshot({ path: artifactPath('landing-en-360.png'), fullPage: true });

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Procurement service units on Sigap' }).waitFor();
    await page.close();
  });

  it('tells a visitor first what they can do, and leads a vendor on a phone to tracking and to the complaint form', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(server.url);
    for (const task of ['Ajukan permohonan', 'Lacak permohonan', 'Sampaikan pengaduan', 'Survei kepuasan', 'Standar pelayanan']) {
      await page.getByRole('region', { name: task }).waitFor();
    }
    await assertNoOverflow(page, 'the home page with its tasks');
    await page.screenshot({ path: artifactPath('landing-tasks-360.png'), fullPage: true });

    await page.getByRole('region', { name: 'Lacak permohonan' }).getByRole('link', { name: 'Lacak permohonan' }).click();
    await page.waitForURL(/\/lacak$/);

    // Two units here: the complaint form is the chosen unit's.
    await page.goto(server.url);
    const complain = page.getByRole('region', { name: 'Sampaikan pengaduan' });
    assert.ok(await complain.getByRole('button', { name: 'Buka formulir pengaduan' }).isDisabled());
    await complain.getByLabel('Unit layanan').click();
    await page.getByRole('option', { name: 'Biro Pengadaan Barang dan Jasa Provinsi NTT' }).click();
    await complain.getByRole('link', { name: 'Buka formulir pengaduan' }).click();
    await page.waitForURL(/\/instansi\/ntt-prov\/pengaduan$/);
    await page.close();

    const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await wide.goto(server.url);
    await wide.getByRole('region', { name: 'Survei kepuasan' }).waitFor();
    // The header's own way to tracking, beside the catalogue.
    await wide.getByRole('banner').getByRole('link', { name: 'Lacak permohonan' }).waitFor();
    await wide.screenshot({ path: artifactPath('landing-tasks-1280.png'), fullPage: true });
    await wide.close();
  });

  it('shows the sign-in route and a not-found page for unknown addresses', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/masuk`);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    await page.goto(`${server.url}/tidak-ada`);
    await page.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    await page.close();
  });
});
