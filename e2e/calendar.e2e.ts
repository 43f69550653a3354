import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, anOfficer, launchBrowser, prepare, signIn, startServer, type RunningServer } from './support.js';

const skip = cannotRun();
/** Holds the NTT standard's `sekretaris` role, which has calendar.edit. */
const sekretaris = anOfficer({ email: 'sekretaris.lpse@nttprov.go.id', name: 'Sekretaris LPSE', password: 'Kq8#vLp2!Nt6wR', agency: 'ntt-prov', roles: ['sekretaris'] });

describe('business calendar in the browser', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // The shipped standards, imported before the server starts (it then finds them unchanged).
    server = await startServer({ prepare: (dataDir) => prepare(dataDir, { standards: true, officers: [sekretaris] }) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('tells a requester on a service page when an answer is due, counted across Nyepi and Idul Fitri', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    // NTT's policy gives no figure ("Durasi penyelesaian masalah"): the page promises no date.
    await page.goto(`${server.url}/instansi/ntt-prov/layanan/informasi-konsultasi`);
    const silent = page.getByRole('region', { name: 'Kapan permohonan saya selesai?' });
    await silent.getByText(/tidak menyatakan jangka waktu penyelesaian/).waitFor();
    assert.equal(await silent.getByLabel(/Diajukan pada/).count(), 0);

    // Kalimantan Selatan's LPSE Support promises a first answer in 3 working days.
    await page.goto(`${server.url}/instansi/kalsel-prov/layanan/dukungan-spse`);
    const helper = page.getByRole('region', { name: 'Kapan permohonan saya selesai?' });
    await helper.waitFor();
    // Opened "now", the start defaults to the present on the agency's WITA clock.
    const start = helper.getByLabel('Diajukan pada (waktu WITA)');
    assert.match(await start.inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await helper.getByLabel('Saluran').selectOption('lpse-support:responseLimit');
    // Friday 13 March 2026, 15.30 WITA + 3 working days: 16, 17 March, then 18–24 March are cuti
    // bersama, Nyepi, Idul Fitri and a weekend, so the third working day is Wednesday 25 March.
    await start.fill('2026-03-13T15:30');
    await helper.getByText('Tanggapan pertama paling lambat Rabu, 25 Maret 2026 pukul 16.00 WITA').waitFor();
    assert.ok(await helper.getByText(/Jangka waktu 3 hari kerja, dihitung hanya pada jam layanan/).isVisible());
    await assertNoOverflow(page, 'the service page with the due helper');
    await helper.screenshot({ path: artifactPath('calendar-due-helper-id-360.png') });

    await page.getByText('EN', { exact: true }).click();
    const helperEn = page.getByRole('region', { name: 'When will my request be due?' });
    await helperEn.getByText('First answer no later than Wednesday, 25 March 2026 at 16:00 WITA').waitFor();
    await helperEn.screenshot({ path: artifactPath('calendar-due-helper-en-360.png') });
    await page.getByText('ID', { exact: true }).click();

    await helper.getByRole('link', { name: 'Lihat hari kerja dan hari libur instansi' }).click();
    await page.getByRole('heading', { level: 2, name: 'Kalender kerja' }).waitFor();
    await page.close();
  });

  it('shows Nyepi 2026 as a non-working day in the month view, read only for a visitor', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/kelola/ntt-prov/kalender?bulan=2026-03`);
    await page.getByRole('heading', { level: 2, name: 'Kelola kalender kerja' }).waitFor();
    assert.ok(await page.getByRole('note').getByText(/hanya untuk dibaca/).isVisible());
    const month = page.getByRole('table', { name: 'Hari kerja dan hari libur Maret 2026' });
    await month.waitFor();
    const nyepi = month.locator('[data-date="2026-03-19"]');
    await nyepi.getByText(/Nyepi/).waitFor();
    assert.equal(await nyepi.getAttribute('data-status'), 'holiday');
    assert.match((await nyepi.getAttribute('aria-label')) ?? '', /^Kamis, 19 Maret 2026 · Hari libur · .*Nyepi/);
    assert.equal(await month.locator('[data-date="2026-03-18"]').getAttribute('data-status'), 'cuti_bersama');
    assert.equal(await month.locator('[data-date="2026-03-17"]').getAttribute('data-status'), 'working');
    assert.equal(await month.locator('[data-date="2026-03-22"]').getAttribute('data-status'), 'holiday');
    assert.equal(await month.locator('[data-date="2026-03-28"]').getAttribute('data-status'), 'closed');
    assert.ok(await page.getByText('Keterangan:').isVisible());
    // A visitor sees no editing controls.
    assert.equal(await page.getByRole('button', { name: /Tambah tanggal/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Simpan jam layanan' }).count(), 0);
    await page.screenshot({ path: artifactPath('calendar-month-visitor.png'), fullPage: true });

    // On a phone the month still fits; the holiday table scrolls inside its own box.
    await page.setViewportSize({ width: 360, height: 740 });
    await assertNoOverflow(page, 'the calendar page');
    await page.screenshot({ path: artifactPath('calendar-month-visitor-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Bulan berikutnya' }).click();
    await page.getByRole('table', { name: 'Hari kerja dan hari libur April 2026' }).waitFor();
    assert.equal(await page.locator('[data-date="2026-04-03"]').first().getAttribute('data-status'), 'holiday');
    assert.match(page.url(), /bulan=2026-04/);
    await page.close();
  });

  it('lets an officer with calendar.edit add and confirm a closure and checks the hours before saving', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, sekretaris, '/kelola/ntt-prov/kalender?bulan=2026-04');
    await page.getByRole('heading', { level: 2, name: 'Kelola kalender kerja' }).waitFor();
    await page.getByRole('button', { name: '+ Tambah tanggal' }).waitFor();
    assert.equal(await page.getByText(/hanya untuk dibaca/).count(), 0);

    await page.getByRole('button', { name: '+ Tambah tanggal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah tanggal' });
    await dialog.getByLabel('Tanggal').fill('2026-04-08');
    await dialog.getByLabel('Nama').fill('Stock opname');
    assert.equal(await dialog.getByLabel('Jenis').inputValue(), 'closure');
    await dialog.getByLabel(/terkonfirmasi/).uncheck();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const cell = page.locator('td[data-date="2026-04-08"]');
    await cell.getByText('Stock opname').waitFor();
    assert.equal(await cell.getAttribute('data-status'), 'closure');
    assert.equal(await cell.getAttribute('data-confirmed'), 'false');
    const row = page.locator('tr[data-date="2026-04-08"]');
    assert.ok(await row.getByText('BELUM DIKONFIRMASI').isVisible());
    await page.screenshot({ path: artifactPath('calendar-admin-unconfirmed.png'), fullPage: true });

    await row.getByRole('button', { name: 'Konfirmasi Stock opname (2026-04-08)' }).click();
    await row.getByText('Terkonfirmasi').waitFor();
    assert.equal(await cell.getAttribute('data-confirmed'), 'true');

    // A break that ends before it starts is caught before anything is sent, naming the field.
    await page.getByLabel('Selasa, interval 2: mulai').fill('12:30');
    await page.getByLabel('Selasa, interval 2: selesai').fill('12:00');
    await page.getByRole('button', { name: 'Simpan jam layanan' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'Periksa isian berikut' });
    await problems.getByText('Selasa, interval 2: jam mulai harus sebelum jam selesai').waitFor();
    await page.screenshot({ path: artifactPath('calendar-admin-hours-error.png'), fullPage: true });
    await page.getByLabel('Selasa, interval 2: mulai').fill('13:00');
    await page.getByLabel('Selasa, interval 2: selesai').fill('16:00');
    await page.getByRole('button', { name: 'Simpan jam layanan' }).click();
    await page.getByText('Jam layanan tersimpan').waitFor();
    await page.close();
  });
});
