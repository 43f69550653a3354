import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, anOfficer, prepare, signIn, startServer, type RunningServer } from './support.js';

const skip = cannotRun();
const officer = anOfficer({ email: 'rina.pengaduan@kaltaraprov.go.id', name: 'Rina Pengelola Pengaduan', password: 'Hk8#vQm2!Tz5pLw', agency: 'kaltara-prov', roles: ['kepala-biro'] });

/** Selects an option of a Mantine Select (an ARIA combobox) by its label and the option's text. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

describe('complaint journey', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer({ prepare: (dataDir) => prepare(dataDir, { standards: true, officers: [officer] }) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a citizen files a complaint and tracks it; an officer verifies, classifies, answers and closes it through the staff pages', async () => {
    const citizen = await browser.newPage({ viewport: { width: 360, height: 780 } });
    await citizen.goto(`${server.url}/instansi/kaltara-prov/pengaduan`);
    await citizen.getByRole('heading', { name: /Pengaduan kepada/ }).waitFor();
    await citizen.getByText('Pengaduan ringan').waitFor();
    await citizen.getByLabel('Perihal').fill('Jadwal tender di SPSE tidak sesuai pengumuman');
    await citizen.getByLabel('Uraian pelayanan yang tidak sesuai standar').fill('Jadwal pemasukan penawaran berubah tanpa pemberitahuan kepada peserta.');
    await citizen.getByLabel('Nama').fill('Andi Wijaya');
    await citizen.getByLabel('E-mail').fill('andi@example.id');
    await citizen.getByLabel('Anonim').check();
    await assertNoOverflow(citizen, 'the complaint form');
    await citizen.screenshot({ path: artifactPath('complaints-form-360.png'), fullPage: true });
    await citizen.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await citizen.getByTestId('complaint-filed').waitFor();
    const number = (await citizen.getByTestId('complaint-number').textContent())!.trim();
    const secret = (await citizen.getByTestId('complaint-secret').textContent())!.trim();
    assert.match(number, /^KALTARA-PROV-ADU-\d{4}-00001$/);
    assert.match(secret, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    await citizen.getByRole('link', { name: 'Lacak pengaduan ini' }).click();
    await citizen.getByLabel('Kode pelacakan').fill(secret);
    await citizen.getByRole('button', { name: 'Lacak', exact: true }).click();
    await citizen.getByTestId('complaint-tracking').waitFor();
    assert.equal((await citizen.getByTestId('complaint-status').textContent())?.trim(), 'Diterima');

    // The officer signs in with a password and an authenticator code.
    // The officer's laptop is set to WIB; the agency is in WITA.
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Jakarta' });
    await signIn(staff, server.url, officer);

    await staff.goto(`${server.url}/kelola/kaltara-prov/pengaduan`);
    await staff.getByRole('link', { name: number }).click();
    await staff.getByTestId('complaint-actions').waitFor();
    // Anonymous, and this officer's role has no complaints.identity: the name is not on the page.
    await staff.getByTestId('identity-withheld').waitFor();
    // Due times in the agency's zone (WITA), not the officer's browser's.
    assert.match((await staff.getByTestId('clock-hard').textContent()) ?? '', /WITA/);
    assert.equal(await staff.getByText('Andi Wijaya').count(), 0);

    assert.equal((await staff.getByTestId('complaint-assignee').textContent())?.trim(), 'Belum ditugaskan kepada petugas');
    await staff.getByRole('button', { name: 'Berkas lengkap' }).click();
    await staff.getByRole('button', { name: 'Klasifikasikan' }).waitFor();
    await choose(staff, 'Klasifikasi', 'Pengaduan ringan (3 jam)');
    await staff.getByRole('button', { name: 'Klasifikasikan' }).click();
    await staff.getByRole('button', { name: 'Tugaskan' }).waitFor();
    await choose(staff, 'Petugas', officer.name);
    await staff.getByRole('button', { name: 'Tugaskan' }).click();
    await staff.getByRole('button', { name: 'Kirim jawaban' }).waitFor();
    // Who handles it is on the page.
    await staff.getByTestId('complaint-assignee').filter({ hasText: `Ditangani oleh: ${officer.name}` }).waitFor();
    await staff.getByLabel('Tindak lanjut atau jawaban').fill('Jadwal telah dikembalikan sesuai pengumuman dan peserta diberi tahu.');
    await choose(staff, 'Hasil', 'Terbukti, ditindaklanjuti');
    await staff.getByRole('button', { name: 'Kirim jawaban' }).click();
    await staff.getByRole('button', { name: 'Tutup pengaduan' }).click();
    await staff.getByTestId('complaint-status').filter({ hasText: 'Selesai' }).waitFor();
    await staff.screenshot({ path: artifactPath('complaints-staff-closed.png'), fullPage: true });

    // The citizen sees the answer and the closing.
    await citizen.getByRole('button', { name: 'Lacak', exact: true }).click();
    await citizen.getByTestId('complaint-status').filter({ hasText: 'Selesai' }).waitFor();
    // In the answer box (the timeline repeats it, keeping earlier answers after a reopening).
    await citizen.getByTestId('complaint-answer').getByText('Jadwal telah dikembalikan sesuai pengumuman').waitFor();
    await citizen.getByTestId('complaint-answer').getByText('Terbukti, ditindaklanjuti').waitFor();
    await assertNoOverflow(citizen, 'the tracking page of the closed complaint');
    await citizen.screenshot({ path: artifactPath('complaints-tracking-closed-360.png'), fullPage: true });
  });
});
