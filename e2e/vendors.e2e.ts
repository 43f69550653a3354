import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSmtp, type TestSmtp } from '../src/server/test/identity-fixtures.js';
import { testNib, testNik, testNpwp, testPdf, withWrongCheckDigit } from '../src/server/test/vendor-fixtures.js';
import { aRequester, anOfficer, artifactPath, assertNoOverflow, cannotRun, launchBrowser, prepare, signIn as signInOn, startServer, watch, type Person, type RunningServer } from './support.js';

const skip = cannotRun();
const agency = 'banjarmasin-kota';
/** The person who acts for the vendor: a verified Sigap account, no company yet. */
const owner = aRequester({ email: 'siti.rahma@majujaya-teknik.co.id', name: 'Siti Rahma', password: 'Vr8#kLq2!mZp4W' });
const helpdesk = anOfficer({ email: 'helpdesk@lpse.banjarmasinkota.go.id', name: 'Andi Helpdesk', password: 'Hk5#tWq9!pLm2Z', agency, roles: ['helpdesk'] });
/** The supervisor (Kasubbag LPSE) who imports and exports the agency's vendors. */
const supervisor = anOfficer({ email: 'kasubbag.lpse@banjarmasinkota.go.id', name: 'Nur Kasubbag', password: 'Ks6#pWz4!mQr9T', agency, roles: ['kasubbag-lpse'] });
const verifier = anOfficer({ email: 'verifikator@lpse.banjarmasinkota.go.id', name: 'Rudi Verifikator', password: 'Vf3#nQz7!kRt8M', agency, roles: ['verifikator'] });

const npwp = testNpwp();
const nib = testNib();
const nik = testNik();
const userId = 'majujayateknik';
const accountEmail = 'spse@majujaya-teknik.co.id';
const newEmail = 'pengadaan@majujaya-teknik.co.id';

function pdf(name: string) {
  return { name, mimeType: 'application/pdf', buffer: testPdf(name) };
}

async function signIn(page: Page, url: string, person: Person, next: string): Promise<void> {
  watch(page);
  await signInOn(page, url, person, next);
}

/** Uploads one document of the company's file on the vendor's (or the desk's) page. */
async function uploadDocument(page: Page, kind: string, file: string, title?: string) {
  const form = page.getByTestId('upload-document');
  const before = await page.getByTestId('document').count();
  await form.getByLabel('Jenis dokumen').selectOption(kind);
  if (title) await form.getByLabel('Judul (opsional)').fill(title);
  await form.locator('input[type=file]').setInputFiles(pdf(file));
  await form.getByRole('button', { name: 'Unggah', exact: true }).click();
  await page.getByTestId('document').nth(before).waitFor();
}

/** The help desk marks the request's checklist (state by requirement code; a note for a missing one) and saves it. */
async function markChecklist(page: Page, states: Record<string, string>, notes: Record<string, string> = {}) {
  for (const [code, state] of Object.entries(states)) {
    const item = page.getByTestId(`checklist-${code}`);
    await item.getByRole('combobox').selectOption(state);
    if (notes[code]) await item.getByPlaceholder('Apa yang kurang (dibaca pemohon)').fill(notes[code]);
  }
  await page.getByRole('button', { name: 'Simpan pemeriksaan' }).click();
  await page.getByRole('button', { name: 'Simpan pemeriksaan' }).and(page.locator(':disabled')).waitFor();
}

/** The help desk finds every item of the checklist handed over. */
async function markAllReceived(page: Page) {
  const items = page.locator('[data-testid^="checklist-"]');
  await items.first().waitFor();
  const codes = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('checklist-'.length)));
  await markChecklist(page, Object.fromEntries(codes.map((c) => [c, 'received'])));
}

/** An officer takes one action of the request's workflow on its page (with the product text when it delivers one). */
async function act(page: Page, action: string, fill: { comment?: string; product?: string; reference?: string; refused?: boolean } = {}) {
  const actions = page.getByTestId('actions');
  const step = await page.getByTestId('current-step').textContent();
  await actions.getByRole('button', { name: action, exact: true }).click();
  if (fill.comment) await actions.getByLabel('Keterangan').fill(fill.comment);
  if (fill.product) await actions.getByLabel('Hasil/jawaban untuk pemohon').fill(fill.product);
  if (fill.reference) await actions.getByLabel('Nomor tiket/referensi di sistem tujuan').fill(fill.reference);
  await actions.getByRole('button', { name: /^Lakukan:/ }).click();
  // Done when the request has moved on (every action here leads to another step), unless a refusal is expected.
  if (!fill.refused) await page.waitForFunction((before) => document.querySelector('[data-testid="current-step"]')?.textContent !== before, step);
}

/** The desk files a service the vendor prepared online, by the reference the vendor says at the counter; gives the request number. */
async function fileAtCounter(desk: Page, url: string, reference: string): Promise<string> {
  await desk.goto(`${url}/kelola/${agency}/penyedia`);
  await desk.getByLabel('Kode rujukan dari penyedia').fill(reference);
  const card = desk.getByTestId('prepared-application').filter({ hasText: reference });
  await card.getByRole('button', { name: 'Ajukan sekarang' }).click();
  await desk.waitForURL(/\/permohonan\/BANJARMASIN-KOTA-/);
  const number = decodeURIComponent(new URL(desk.url()).pathname.split('/').pop()!);
  await desk.getByTestId('request-vendor').waitFor();
  return number;
}

/** The vendor starts a service of the agency on their company's page; gives the counter reference. */
async function prepareService(page: Page, service: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<string> {
  const offer = page.getByTestId(`offer-${service}`);
  await offer.getByRole('button', { name: /^Mulai: / }).click();
  const form = offer.getByTestId('start-form');
  await fill(form);
  await form.getByRole('button', { name: 'Siapkan untuk loket' }).click();
  const started = page.getByTestId('service-started');
  await started.waitFor();
  const reference = (await started.getByTestId('started-reference').textContent())!.trim();
  assert.match(reference, /^[A-Z0-9]{6}$/);
  await started.getByRole('button', { name: 'Layanan lain' }).click();
  return reference;
}

describe('vendors and their SPSE accounts in the browser', { skip }, () => {
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let vendorPath = '';

  before(async () => {
    smtp = await startSmtp();
    server = await startServer({
      prepare: (dataDir) => prepare(dataDir, { standards: true, officers: [helpdesk, verifier, supervisor], requesters: [owner] }),
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Sigap <sigap@e2e.test>' },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    // What every open page showed when a step failed (each context's pages, in order).
    let n = 0;
    for (const context of browser?.contexts() ?? []) {
      for (const page of context.pages()) {
        console.error(`open at the end: vendors-last-${n}.png ${page.url()}`);
        await page.screenshot({ path: artifactPath(`vendors-last-${n++}.png`), fullPage: true }).catch(() => undefined);
      }
    }
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('a new vendor registers, prepares Aktivasi User ID with its documents; the desk files it and returns it once as incomplete; the vendor completes it; the verifikator verifies the originals and activates; the vendor downloads the receipt', async () => {
    // ── The vendor registers the company on a phone; bad input is said on the field ──
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(phone, server.url, owner, '/penyedia');
    await phone.getByText('Anda belum terhubung dengan perusahaan.', { exact: false }).waitFor();
    await phone.getByRole('link', { name: 'Daftarkan perusahaan' }).click();
    const form = phone.getByTestId('register-vendor');
    await form.getByLabel('Bentuk usaha').selectOption('cv');
    await form.getByLabel(/^Nama perusahaan/).fill('Maju Jaya Teknik');
    await form.getByLabel(/^NPWP/).fill(withWrongCheckDigit(npwp.digits));
    await form.getByLabel(/^NIB/).fill(nib.slice(0, 12));
    await form.getByLabel(/^E-mail perusahaan/).fill('kantor@majujaya-teknik.co.id');
    await form.getByLabel(/^Alamat/).fill('Jl. Ahmad Yani Km 4,5 No. 12, Banjarmasin');
    await form.getByLabel(/^NIK/).fill(nik);
    await form.getByLabel(/^Jabatan/).fill('Direktur');
    await form.getByRole('button', { name: 'Daftarkan' }).click();
    const npwpField = form.getByLabel(/^NPWP/);
    await form.getByText('angka kontrol NPWP (digit ke-9) tidak cocok', { exact: true }).waitFor();
    await form.getByText('NIB harus 13 angka', { exact: true }).waitFor();
    assert.equal(await npwpField.getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByLabel(/^NIB/).getAttribute('aria-invalid'), 'true');
    await assertNoOverflow(phone, 'the registration form with its errors');
    await phone.screenshot({ path: artifactPath('vendors-register-errors-360.png'), fullPage: true });
    await npwpField.fill(npwp.dotted);
    await form.getByLabel(/^NIB/).fill(nib);
    await form.getByRole('button', { name: 'Daftarkan' }).click();
    await phone.waitForURL(/\/penyedia\/[0-9a-f-]{36}$/);
    vendorPath = new URL(phone.url()).pathname;
    const company = phone.getByTestId('company');
    await company.getByText('CV Maju Jaya Teknik').waitFor();
    // The NPWP as printed on the card, not 15 bare digits.
    assert.equal((await company.getByTestId('npwp').textContent())!.trim(), npwp.dotted);
    await company.getByText(/Siti Rahma — Direktur/).waitFor();

    // ── Documents uploaded once ──
    await uploadDocument(phone, 'ktp', 'ktp-direktur.pdf');
    await uploadDocument(phone, 'npwp', 'npwp.pdf');
    await uploadDocument(phone, 'izin_usaha', 'siujk.pdf', 'SIUJK');
    await uploadDocument(phone, 'akta_pendirian', 'akta-pendirian.pdf', 'Akta No. 12 Tahun 2015');
    assert.equal(await phone.getByTestId('document').count(), 4);
    await phone.getByTestId('verification').first().getByText('Belum diverifikasi').waitFor();

    // ── Aktivasi User ID: walk-in only, so prepared online with a reference for the counter ──
    await phone.getByLabel('Instansi').selectOption(agency);
    const reference = await prepareService(phone, 'aktivasi-user-id', async (start) => {
      await start.getByLabel(/^User ID/).fill(userId);
      await start.getByLabel(/^E-mail akun SPSE/).fill(accountEmail);
      await start.getByLabel(/^KTP Direktur/).selectOption({ label: 'KTP (ktp-direktur.pdf)' });
      await start.getByLabel(/^NPWP \(asli dan copy\)/).selectOption({ label: 'NPWP (npwp.pdf)' });
      await start.getByLabel(/^SIUP\/SIUJK/).selectOption({ label: 'Izin usaha (SIUP/SIUJK) — SIUJK (siujk.pdf)' });
      await start.getByLabel(/^Akta Pendirian/).selectOption({ label: 'Akta pendirian — Akta No. 12 Tahun 2015 (akta-pendirian.pdf)' });
    });
    await phone.getByTestId(`account-${agency}`).getByTestId('account-status').getByText('Menunggu verifikasi').waitFor();
    await phone.getByTestId('vendor-request').filter({ hasText: reference }).getByText('Menunggu di loket').waitFor();
    await assertNoOverflow(phone, "the vendor's page");
    await phone.screenshot({ path: artifactPath('vendors-own-prepared-360.png'), fullPage: true });

    // ── The help desk files it at the counter, and returns it: the last deed is missing ──
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(desk, server.url, helpdesk, `/kelola/${agency}/penyedia`);
    const number = await fileAtCounter(desk, server.url, reference);
    await desk.getByTestId('request-vendor').getByText('CV Maju Jaya Teknik').waitFor();
    // The requester's card writes the company's NPWP as printed, not as 16 bare digits.
    await desk.getByText(`NPWP ${npwp.dotted} · NIB ${nib}`, { exact: false }).waitFor();
    // The documents the vendor chose from the file, to check against the originals at the desk.
    await desk.getByTestId('chosen-documents').getByText('ktp-direktur: KTP — Belum diverifikasi').waitFor();
    await desk.getByTestId('current-step').getByText('Helpdesk menerima dan memeriksa kelengkapan berkas').waitFor();
    // The printed forms and the folder are handed over; the originals are shown; the last deed is not there.
    await markChecklist(
      desk,
      {
        'formulir-pendaftaran': 'received',
        'formulir-keikutsertaan': 'received',
        map: 'received',
        'ktp-direktur': 'original_shown',
        npwp: 'original_shown',
        'izin-usaha': 'original_shown',
        'akta-pendirian': 'original_shown',
        'akta-perubahan': 'missing',
      },
      { 'akta-perubahan': 'Akta perubahan terakhir tidak dibawa' },
    );
    await act(desk, 'Berkas tidak lengkap, dikembalikan kepada Pemohon', { comment: 'Akta Perubahan terakhir belum ada; mohon dilengkapi.' });
    await desk.getByTestId('current-step').getByText('Pemohon melengkapi berkas').waitFor();
    await desk.screenshot({ path: artifactPath('vendors-request-returned.png'), fullPage: true });

    // ── The vendor uploads the missing deed once, and hands the file back ──
    await uploadDocument(phone, 'akta_perubahan', 'akta-perubahan.pdf', 'Akta No. 3 Tahun 2022');
    await phone.goto(`${server.url}/akun/permohonan/${number}`);
    await phone.getByText('Akta Perubahan terakhir belum ada; mohon dilengkapi.').waitFor();
    const turn = phone.getByTestId('requester-actions');
    await turn.getByLabel('Pesan untuk petugas').fill('Akta perubahan sudah diunggah ke berkas perusahaan.');
    await turn.getByRole('button', { name: 'Berkas dilengkapi dan diserahkan kembali' }).click();
    await phone.getByTestId('current-step').getByText('Helpdesk menerima dan memeriksa kelengkapan berkas').waitFor();

    await desk.reload();
    await markChecklist(desk, { 'akta-perubahan': 'original_shown' });
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await desk.getByTestId('current-step').getByText(/Verifikator mengaktifkan User ID/).waitFor();

    // ── The verifikator: activation is refused while documents are unverified ──
    const verif = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(verif, server.url, verifier, `/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'User ID diaktifkan', { product: 'User ID majujayateknik diaktifkan.', refused: true });
    await verif.getByTestId('write-error').getByText(/dokumen belum diverifikasi/).waitFor();
    // The originals are checked on the vendor's page, from the request's vendor card.
    await verif.getByTestId('request-vendor').getByRole('link', { name: 'CV Maju Jaya Teknik' }).click();
    await verif.getByTestId('company').waitFor();
    for (let i = 0; i < 5; i++) {
      await verif.getByTestId('document').filter({ has: verif.locator('[data-verified="false"]') }).first().getByRole('button', { name: 'Verifikasi: asli diperlihatkan' }).click();
      await verif.locator('[data-testid="verification"][data-verified="true"]').nth(i).waitFor();
    }
    await verif.getByTestId('document').first().getByText(/oleh verifikator@lpse\.banjarmasinkota\.go\.id, .* WITA/).waitFor();
    // The officer opens the uploaded copy itself (stored encrypted, given back as it was sent).
    const copy = await verif.context().request.get(`${server.url}${(await verif.getByRole('link', { name: 'ktp-direktur.pdf' }).getAttribute('href'))!}`);
    assert.equal(copy.status(), 200);
    assert.equal((await copy.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    await verif.screenshot({ path: artifactPath('vendors-staff-verified.png'), fullPage: true });
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'User ID diaktifkan', { product: 'User ID majujayateknik diaktifkan.' });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();
    // The officers' copy of the receipt, on the vendor's page.
    await verif.goto(`${server.url}/kelola/${agency}/penyedia/${vendorPath.split('/').pop()!}`);
    const staffReceipt = await verif.context().request.get(`${server.url}${(await verif.getByTestId('receipt-link').first().getAttribute('href'))!}`);
    assert.equal(staffReceipt.headers()['content-type'], 'application/pdf');

    // ── The vendor: the account is active, and the receipt is a PDF (also mailed to the account's address) ──
    await phone.goto(`${server.url}${vendorPath}`);
    const account = phone.getByTestId(`account-${agency}`);
    await account.getByText('Aktif', { exact: true }).waitFor();
    await account.getByText(/Diaktifkan .* WITA oleh verifikator@lpse\.banjarmasinkota\.go\.id/).waitFor();
    const receipt = phone.getByTestId('receipt-link').first();
    const href = (await receipt.getAttribute('href'))!;
    const download = await phone.context().request.get(`${server.url}${href}`);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'application/pdf');
    assert.equal((await download.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    const mailed = await smtp.waitFor(accountEmail);
    assert.match(mailed.raw, /application\/pdf/);
    await phone.getByTestId('history-row').filter({ hasText: number }).first().waitFor();
    await assertNoOverflow(phone, "the vendor's page with an active account");
    await phone.screenshot({ path: artifactPath('vendors-own-active-360.png'), fullPage: true });
    const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(wide, server.url, owner, vendorPath);
    await wide.getByTestId('company').waitFor();
    await wide.screenshot({ path: artifactPath('vendors-own-active-1280.png'), fullPage: true });
    // The same page in English.
    await wide.getByText('EN', { exact: true }).click();
    await wide.getByRole('heading', { name: 'SPSE accounts' }).waitFor();
    await wide.getByTestId(`account-${agency}`).getByText('Active', { exact: true }).waitFor();
    await wide.getByTestId('verification').first().getByText('✓ Verified — original shown').waitFor();
    await wide.getByText('ID', { exact: true }).click();
    await Promise.all([phone.close(), desk.close(), verif.close(), wide.close()]);
  });
  it('the registry finds the vendor by a misspelt name and refuses a second registration of its NPWP; the vendor changes the e-mail by the link from the SMTP server (a renewed link voids the first), then CV → PT, then the NPWP from 15 to 16 digits (withdrawn once before filing); Agregasi Data Penyedia goes to LKPP with its reference and closes on the answer of LKPP; the desk files a deactivation on its behalf, and the account is activated again', async () => {
    assert.ok(vendorPath, 'the first journey registered the vendor');
    const vendorId = vendorPath.split('/').pop()!;

    // ── The registry: a typo in the name finds it; the same NPWP again is refused, naming the holder ──
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(desk, server.url, helpdesk, `/kelola/${agency}/permohonan`);
    // The registry is in the staff menu for whoever may read it.
    await desk.getByRole('button', { name: 'Menu akun Andi Helpdesk' }).click();
    await desk.getByRole('menuitem', { name: 'Penyedia', exact: true }).click();
    await desk.waitForURL(`${server.url}/kelola/${agency}/penyedia`);
    await desk.getByLabel('NPWP, NIB, nama, User ID atau e-mail').fill('maju jaya teknk');
    await desk.getByRole('button', { name: 'Cari', exact: true }).click();
    const row = desk.getByTestId('vendor-row').filter({ hasText: 'CV Maju Jaya Teknik' });
    await row.getByText(npwp.dotted).waitFor();
    await row.getByText('majujayateknik').waitFor();
    await desk.screenshot({ path: artifactPath('vendors-staff-search.png'), fullPage: true });
    await desk.getByRole('link', { name: 'Daftarkan penyedia' }).click();
    const again = desk.getByTestId('register-vendor');
    await again.getByLabel(/^Nama perusahaan/).fill('Maju Jaya Teknik Baru');
    await again.getByLabel(/^NPWP/).fill(npwp.digits);
    await again.getByLabel(/^E-mail perusahaan/).fill('lain@majujaya-teknik.co.id');
    await again.getByLabel(/^Alamat/).fill('Jl. Sudirman 1, Banjarmasin');
    await again.getByLabel(/^Nama lengkap/).fill('Budi Lain');
    await again.getByLabel(/^NIK/).fill(testNik());
    await again.getByRole('button', { name: 'Daftarkan' }).click();
    await again.getByText(/sudah terdaftar atas penyedia "Maju Jaya Teknik"/).waitFor();
    assert.equal(await again.getByLabel(/^NPWP/).getAttribute('aria-invalid'), 'true');

    // ── Perubahan e-mail, prepared by the vendor, filed at the counter ──
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(phone, server.url, owner, vendorPath);
    // ── The company's contact data and a person with a power of attorney, each change in the history ──
    await phone.getByRole('button', { name: 'Ubah data perusahaan' }).click();
    const contact = phone.getByTestId('contact-form');
    await contact.getByLabel('Telepon').fill('0511 3251 777');
    await contact.getByRole('button', { name: 'Simpan perubahan' }).click();
    await contact.getByText('Tersimpan; perubahan dicatat di riwayat.').waitFor();
    await phone.getByTestId('history-row').filter({ hasText: 'Telepon' }).waitFor();
    const person = phone.getByTestId('add-person');
    await person.getByLabel('Nama lengkap').fill('Dewi Lestari');
    await person.getByLabel(/^NIK/).fill('1234567890123456');
    await person.getByRole('button', { name: 'Tambah', exact: true }).click();
    await person.locator('.mantine-InputWrapper-error').first().waitFor();
    assert.equal(await person.getByLabel(/^NIK/).getAttribute('aria-invalid'), 'true');
    await person.getByLabel(/^NIK/).fill(testNik());
    await person.getByRole('button', { name: 'Tambah', exact: true }).click();
    await phone.getByTestId('company').getByText(/Dewi Lestari — Kuasa/).waitFor();

    await phone.getByLabel('Instansi').selectOption(agency);
    const emailRef = await prepareService(phone, 'perubahan-email', async (start) => {
      await start.getByLabel(/^E-mail baru akun SPSE/).fill(newEmail);
    });
    let number = await fileAtCounter(desk, server.url, emailRef);
    await markAllReceived(desk);
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await desk.getByTestId('current-step').getByText(/Verifikator melakukan perubahan e-mail/).waitFor();
    const verif = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const sinceChange = smtp.messages.length;
    await signIn(verif, server.url, verifier, `/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'E-mail diubah', { product: `Tautan konfirmasi dikirim ke ${newEmail}.` });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();
    // The link goes to the new address; the old one is told.
    const linkMail = await smtp.waitFor(newEmail, sinceChange);
    await smtp.waitFor(accountEmail, sinceChange);
    const link = new URL(/https?:\/\/\S+#token=[A-Za-z0-9_%-]+/.exec(linkMail.text)![0]);
    assert.equal(link.pathname, '/penyedia/konfirmasi-email');
    await phone.goto(`${server.url}${vendorPath}`);
    await phone.getByTestId('pending-email').getByText(new RegExp(newEmail.replace('.', '\\.'))).waitFor();
    // The vendor asks for the link again: the first one stops working.
    const sinceResend = smtp.messages.length;
    await phone.getByTestId('pending-email').getByRole('button', { name: 'Kirim ulang tautan' }).click();
    await phone.getByText('Tautan baru dikirim; tautan lama tidak berlaku lagi.').waitFor();
    const renewed = new URL(/https?:\/\/\S+#token=[A-Za-z0-9_%-]+/.exec((await smtp.waitFor(newEmail, sinceResend)).text)![0]);
    assert.notEqual(renewed.hash, link.hash);
    await phone.goto(`${server.url}${link.pathname}${link.hash}`);
    await phone.getByRole('alert').getByText(/tautan konfirmasi sudah kedaluwarsa/).waitFor();
    await phone.goto(`${server.url}${renewed.pathname}${renewed.hash}`);
    await phone.getByTestId('email-confirmed').getByText(new RegExp(`sekarang memakai ${newEmail.replace('.', '\\.')}`)).waitFor();
    await assertNoOverflow(phone, 'the e-mail confirmation page');
    await phone.screenshot({ path: artifactPath('vendors-email-confirmed-360.png'), fullPage: true });
    await phone.goto(`${server.url}${vendorPath}`);
    await phone.getByTestId(`account-${agency}`).getByText(newEmail).waitFor();
    assert.equal(await phone.getByTestId('pending-email').count(), 0);

    // ── CV → PT: the new deed and NIB uploaded, chosen, verified, applied ──
    await uploadDocument(phone, 'akta_perubahan', 'akta-pt.pdf', 'Akta No. 7 Tahun 2026 (perubahan menjadi PT)');
    await uploadDocument(phone, 'nib', 'nib-pt.pdf', 'NIB PT');
    const ptRef = await prepareService(phone, 'perubahan-status-perusahaan', async (start) => {
      assert.equal(await start.getByLabel(/^Bentuk usaha baru/).inputValue(), 'pt');
      await start.getByLabel(/^Akta Perubahan/).selectOption({ label: 'Akta perubahan — Akta No. 7 Tahun 2026 (perubahan menjadi PT) (akta-pt.pdf)' });
      await start.getByLabel(/^SIUP\/SIUJK/).selectOption({ label: 'NIB — NIB PT (nib-pt.pdf)' });
    });
    number = await fileAtCounter(desk, server.url, ptRef);
    await markAllReceived(desk);
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await verif.goto(`${server.url}/kelola/${agency}/penyedia/${vendorId}`);
    for (let i = 0; i < 2; i++) {
      await verif.getByTestId('document').filter({ has: verif.locator('[data-verified="false"]') }).first().getByRole('button', { name: 'Verifikasi: asli diperlihatkan' }).click();
      await verif.locator('[data-testid="verification"][data-verified="true"]').nth(5 + i).waitFor();
    }
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'Status perusahaan diubah dari CV ke PT', { product: 'Status perusahaan diubah menjadi PT.' });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();
    await phone.reload();
    await phone.getByTestId('company').getByText('PT Maju Jaya Teknik').waitFor();
    await phone.getByTestId('history-row').filter({ hasText: number }).filter({ hasText: 'Bentuk usaha' }).waitFor();

    // ── Perubahan NPWP, from the old 15 digits to the 16-digit form: prepared, withdrawn once, then done ──
    const npwp16 = `0${npwp.digits}`;
    const withdrawn = await prepareService(phone, 'perubahan-npwp', async (start) => {
      await start.getByLabel(/^NPWP baru/).fill(npwp16);
    });
    const preparedRow = phone.getByTestId('vendor-request').filter({ hasText: withdrawn });
    await preparedRow.getByRole('button', { name: 'Batalkan' }).click();
    await phone.locator(`[data-testid="vendor-request"][data-state="withdrawn"]`).waitFor();
    const npwpRef = await prepareService(phone, 'perubahan-npwp', async (start) => {
      await start.getByLabel(/^NPWP baru/).fill(npwp16);
    });
    number = await fileAtCounter(desk, server.url, npwpRef);
    await markAllReceived(desk);
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'NPWP diubah', { product: 'NPWP diubah ke bentuk 16 digit.' });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();
    await phone.reload();
    // 16 digits are shown in groups of four, never bare.
    assert.equal((await phone.getByTestId('company').getByTestId('npwp').textContent())!.trim(), npwp16.replace(/(\d{4})(?=\d)/g, '$1 '));
    await phone.getByTestId('history-row').filter({ hasText: number }).filter({ hasText: 'NPWP' }).getByText(`${npwp.dotted} → ${npwp16.replace(/(\d{4})(?=\d)/g, '$1 ')}`).waitFor();

    // ── Agregasi Data Penyedia: handed to LKPP with its reference, closed on LKPP's answer ──
    const adpRef = await prepareService(phone, 'agregasi-data-penyedia', async () => undefined);
    number = await fileAtCounter(desk, server.url, adpRef);
    await markAllReceived(desk);
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'Permohonan Aktivasi Agregasi diajukan ke LKPP', { reference: 'ADP-LKPP-2026-0415' });
    await verif.getByTestId('current-step').getByText('Proses di LKPP').waitFor();
    await verif.goto(`${server.url}/kelola/${agency}/penyedia/${vendorId}`);
    const aggregation = verif.getByTestId('aggregation');
    await aggregation.getByText(/referensi LKPP ADP-LKPP-2026-0415/).waitFor();
    await aggregation.getByLabel('Jawaban LKPP').selectOption('approved');
    await aggregation.getByLabel(/^Referensi jawaban/).fill('LKPP/ADP/2026/0098');
    await aggregation.getByRole('button', { name: 'Catat jawaban LKPP' }).click();
    await verif.locator('[data-testid="aggregation"][data-state="approved"]').getByText(/referensi LKPP\/ADP\/2026\/0098/).waitFor();
    await verif.screenshot({ path: artifactPath('vendors-staff-lkpp-answered.png'), fullPage: true });
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'Agregasi Data Penyedia selesai diproses LKPP', { product: 'Agregasi disetujui LKPP (LKPP/ADP/2026/0098).' });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();

    // ── A deactivation filed by the desk on the vendor's behalf at the counter ──
    await desk.goto(`${server.url}/kelola/${agency}/penyedia/${vendorId}`);
    const offer = desk.getByTestId('offer-nonaktif-user-id');
    await offer.getByRole('button', { name: /^Mulai: / }).click();
    await offer.getByLabel(/^Alasan/).fill('Perusahaan berhenti mengikuti tender di LPSE ini.');
    await offer.getByRole('button', { name: 'Ajukan', exact: true }).click();
    await desk.getByTestId('started-number').click();
    await desk.waitForURL(/\/permohonan\/BANJARMASIN-KOTA-/);
    number = decodeURIComponent(new URL(desk.url()).pathname.split('/').pop()!);
    await markAllReceived(desk);
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'User ID dinonaktifkan', { product: 'User ID majujayateknik dinonaktifkan.' });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();
    await verif.goto(`${server.url}/kelola/${agency}/penyedia/${vendorId}`);
    await verif.getByTestId(`account-${agency}`).getByText('Nonaktif', { exact: true }).waitFor();
    await verif.getByTestId(`account-${agency}`).getByText(/Perusahaan berhenti mengikuti tender/).waitFor();
    await verif.screenshot({ path: artifactPath('vendors-staff-deactivated.png'), fullPage: true });
    // An inactive account can only ask to be activated again.
    await phone.reload();
    await phone.getByLabel('Instansi').selectOption(agency);
    await phone.getByTestId('offer-perubahan-email').getByTestId('unavailable').waitFor();
    await assertNoOverflow(phone, "the vendor's page with an inactive account");
    await phone.screenshot({ path: artifactPath('vendors-own-inactive-360.png'), fullPage: true });
    // Re-activation: the same service as the first time, with the documents verified already.
    const againRef = await prepareService(phone, 'aktivasi-user-id', async () => undefined);
    number = await fileAtCounter(desk, server.url, againRef);
    await markAllReceived(desk);
    await act(desk, 'Berkas lengkap, benar dan valid; diserahkan ke verifikator');
    await verif.goto(`${server.url}/kelola/${agency}/permohonan/${number}`);
    await act(verif, 'User ID diaktifkan', { product: 'User ID majujayateknik diaktifkan kembali.' });
    await verif.getByTestId('current-step').getByText('Selesai').waitFor();
    await phone.reload();
    await phone.getByTestId(`account-${agency}`).getByText('Aktif', { exact: true }).waitFor();
    assert.equal(await phone.getByTestId('receipt-link').count(), 2);
    await Promise.all([phone.close(), desk.close(), verif.close()]);
  });
  it("the supervisor checks an import file (a row's bad NPWP named by row, column and rule, nothing stored), imports the corrected one, finds the vendor and exports the agency's vendors", async () => {
    const good = testNpwp();
    const header = 'npwp;nib;nama;bentuk_usaha;alamat;email;telepon;penanggung_jawab_nama;penanggung_jawab_nik;user_id;email_akun;status_akun';
    const sinar = [good.dotted, testNib(), 'Sinar Borneo', 'PT.', 'Jl. Veteran 20, Banjarmasin', 'kantor@sinar-borneo.co.id', '0511 3300 111', 'Hendra Wijaya', testNik(), 'sinarborneo', 'spse@sinar-borneo.co.id', 'aktif'].join(';');
    const banua = [withWrongCheckDigit(testNpwp().digits), testNib(), 'Karya Banua', 'cv', 'Jl. Pramuka 3, Banjarmasin', 'kantor@karya-banua.co.id', '', 'Rahmat Hidayat', testNik(), '', '', ''].join(';');
    const csv = (rows: string[]) => ({ name: 'penyedia.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${rows.join('\n')}\n`) });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, supervisor, `/kelola/${agency}/penyedia`);
    await page.getByRole('link', { name: 'Impor dan ekspor' }).click();
    await page.locator('input[type=file]').setInputFiles(csv([sinar, banua]));
    await page.getByRole('button', { name: 'Periksa (tanpa menyimpan)' }).click();
    await page.getByTestId('import-report').getByText(/2 baris — 1 baru, 0 berubah, 0 tetap, 1 masalah/).waitFor();
    const problems = page.getByRole('table', { name: 'Masalah per baris' });
    const problem = problems.getByRole('row').filter({ hasText: 'angka kontrol NPWP (digit ke-9) tidak cocok' });
    await problem.getByRole('cell', { name: '3', exact: true }).waitFor();
    await problem.getByRole('cell', { name: 'npwp', exact: true }).waitFor();
    await page.screenshot({ path: artifactPath('vendors-import-checked.png'), fullPage: true });
    // Imported as it is, the whole file is refused and the row is named again.
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await page.getByRole('alert').getByText(/tidak valid/).waitFor();
    await problems.getByRole('row').filter({ hasText: 'angka kontrol NPWP' }).waitFor();

    await page.locator('input[type=file]').setInputFiles(csv([sinar]));
    await page.getByRole('button', { name: 'Impor', exact: true }).click();
    await page.getByTestId('import-report').getByText(/Diimpor: 1 baris — 1 baru/).waitFor();
    const exported = await page.context().request.get(`${server.url}/api/vendors/agencies/${agency}/export?format=csv`);
    assert.equal(exported.status(), 200);
    assert.match(await exported.text(), /sinarborneo/);

    await page.goto(`${server.url}/kelola/${agency}/penyedia`);
    await page.getByLabel('NPWP, NIB, nama, User ID atau e-mail').fill(good.digits);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    // The first page (every vendor) stays shown until the answer comes: wait for the one match.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="vendor-row"]').length === 1);
    await page.getByTestId('vendor-row').filter({ hasText: 'PT Sinar Borneo' }).getByText('Aktif', { exact: true }).waitFor();
    await page.close();
  });
});
