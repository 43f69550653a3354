import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, signIn, startServer, totpCode, type RunningServer } from './support.js';

const skip = cannotRun();

/**
 * Issue #18: a unit sets Sigap up from `npm start` alone. The server starts on a fresh data
 * folder with the shipped standards and prints a one-time setup link; the page it opens names
 * the first administrator of Kalimantan Selatan (whose standard names nobody who may manage
 * staff), who sets a password and enrols TOTP, and then sees the staff page of the unit.
 */
describe('first-run setup from npm start alone', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function enrol(page: Page): Promise<string> {
    await page.getByRole('heading', { name: 'Daftarkan aplikasi autentikator' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
    await page.getByLabel('Kode autentikator').fill(await totpCode(secret));
    await page.getByRole('button', { name: 'Konfirmasi' }).click();
    await page.getByRole('heading', { name: 'Simpan kode pemulihan Anda' }).waitFor();
    await page.getByLabel('Saya sudah menyimpan kode pemulihan ini').check();
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    return secret;
  }

  it('prints a setup link that creates the first administrator of Kalimantan Selatan with a password and TOTP, and then works no more', async () => {
    const link = /(http:\/\/\S+\/setup#token=\S+)/.exec(server.output())?.[1];
    assert.ok(link, `the server printed a setup link:\n${server.output()}`);
    const url = link.replace(/^http:\/\/localhost:\d+/, server.url);

    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Penyiapan Sigap: administrator pertama' }).waitFor();
    await assertNoOverflow(page, 'the setup page');
    await page.screenshot({ path: artifactPath('setup-360.png'), fullPage: true });

    // Nothing chosen: the page says what is missing, on the field.
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    await page.getByText('Pilih unit layanan').first().waitFor();

    // A searchable list: type part of the name, pick the unit.
    await page.getByRole('combobox', { name: 'Unit layanan' }).fill('Kalimantan Selatan');
    await page.getByRole('option', { name: /Kalimantan Selatan/ }).click();
    await page.getByLabel('Alamat e-mail').fill('admin@kalselprov.go.id');
    await page.getByLabel('Nama lengkap').fill('Siti Rahmah');
    await page.getByRole('button', { name: 'Lanjutkan' }).click();

    await page.getByRole('heading', { name: 'Terima undangan petugas' }).waitFor();
    const password = 'Kopi-Hangat-49!Malam-Biru';
    await page.getByLabel('Kata sandi baru').fill(password);
    await page.getByLabel('Ulangi kata sandi').fill(password);
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    const secret = await enrol(page);
    await page.getByRole('heading', { name: 'Profil' }).waitFor();

    // The administrator manages the unit's staff (the role Sigap adds to every unit).
    await page.goto(`${server.url}/kelola/kalsel-prov/staf`);
    await page.getByRole('cell', { name: 'admin@kalselprov.go.id' }).waitFor();
    await page.screenshot({ path: artifactPath('setup-staff-360.png'), fullPage: true });
    await page.close();

    // The link is spent: a second visitor with it gets nothing.
    const late = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await late.goto(url);
    await late.getByText('Tautan penyiapan tidak berlaku').waitFor();
    await late.screenshot({ path: artifactPath('setup-spent-1280.png'), fullPage: true });
    // And the administrator signs in again with the password and a TOTP code.
    await signIn(late, server.url, { email: 'admin@kalselprov.go.id', password, totpSecret: secret });
    await late.close();
  });
});
