import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import { skmElements } from '../src/shared/contracts/surveys.js';
import { aRequester, anOfficer, artifactPath, assertNoOverflow, assertNoRawCodes, cannotRun, launchBrowser, prepare, projectRoot, signIn as signInOn, startServer, watch, type Person, type RunningServer } from './support.js';

const skip = cannotRun();
// The step codes of Dukungan SPSE (e.g. tiket-lpse): the pages must show the steps' names instead.
const stepCodes = (parse(readFileSync(path.join(projectRoot, 'standards/kalsel-prov/services/dukungan-spse.yaml'), 'utf8')) as { workflow: { steps: { code: string }[] } }).workflow.steps.map((s) => s.code);
const vendor = aRequester({ email: 'budi@cv-maju.co.id', name: 'Budi Santoso', password: 'Vn7#pQ2!kLm9xR' });
/** A kalsel-prov officer holding the help desk and consultation roles. */
const helpdesk = anOfficer({ email: 'helpdesk.lpse@kalselprov.go.id', name: 'Rina Helpdesk', password: 'Hd4#wZ8!tYq3nB', agency: 'kalsel-prov', roles: ['helpdesk', 'petugas-pelayanan'] });

/** A minimal PDF: the server checks the type by its magic bytes. */
function pdf(name: string, text: string) {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`) };
}

async function signIn(page: Page, url: string, person: Person, next: string): Promise<void> {
  watch(page);
  await signInOn(page, url, person, next);
}

describe('service requests in the browser', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // The shipped standards (LKPP is not on this deployment), the help desk officer and a vendor with an account.
    server = await startServer({ prepare: (dataDir) => prepare(dataDir, { standards: true, officers: [helpdesk], requesters: [vendor] }) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a vendor files on a phone with an attachment; the help desk asks for more; the vendor completes it by the tracking link; it is resolved and the vendor confirms', async () => {
    // ── The vendor, signed in, on a 360 px phone ──
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(phone, server.url, vendor, '/instansi/kalsel-prov/layanan/dukungan-spse');
    await phone.getByRole('link', { name: 'Ajukan permohonan' }).click();
    await phone.getByRole('heading', { level: 2, name: /Ajukan permohonan: / }).waitFor();
    assert.equal(await phone.getByLabel('Alamat e-mail').inputValue(), vendor.email);
    await phone.getByLabel('Penyedia barang/jasa').check();
    await phone.getByLabel('Nama lengkap').fill('Budi Santoso');
    // A NIK that breaks the structure rule: the server's message appears on the field.
    await phone.getByLabel('NIK (16 digit)').fill('1234');
    await phone.getByLabel('Nama badan usaha').fill('CV Maju Jaya');
    await phone.getByLabel('NIB (13 digit)').fill('9120001234567');
    await phone.getByLabel('Judul permohonan').fill('Gagal unggah dokumen penawaran');
    await phone.getByLabel('Uraian').fill('Muncul error 500 saat unggah dokumen penawaran paket 12345.');
    await phone.locator('input[type=file]').first().setInputFiles(pdf('error-500.pdf', 'tangkapan layar error 500'));
    await phone.getByRole('button', { name: 'Kirim permohonan' }).click();
    const nikField = phone.getByLabel('NIK (16 digit)');
    await phone.locator('.mantine-InputWrapper-error').first().waitFor();
    assert.equal(await nikField.getAttribute('aria-invalid'), 'true');
    await phone.screenshot({ path: artifactPath('requests-file-nik-error-360.png'), fullPage: true });
    await nikField.fill('6371011505800003');
    await phone.getByRole('button', { name: 'Kirim permohonan' }).click();
    const filed = phone.getByTestId('filed');
    await filed.waitFor();
    const number = (await filed.getByTestId('request-number').textContent())!.trim();
    assert.match(number, /^KALSEL-PROV-\d{4}-\d{5}$/);
    const trackingLink = (await filed.getByTestId('tracking-link').getAttribute('href'))!;
    assert.match(trackingLink, new RegExp(`/lacak/${number}#k=`));
    await filed.getByRole('button', { name: 'Salin nomor permohonan' }).waitFor();
    await assertNoOverflow(phone, 'the filing confirmation');
    await phone.screenshot({ path: artifactPath('requests-filed-360.png'), fullPage: true });

    // Permohonan saya lists it.
    await phone.goto(`${server.url}/akun/permohonan`);
    await phone.getByRole('link', { name: number }).waitFor();

    // ── The help desk finds the data incomplete ──
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(desk, server.url, helpdesk, '/kelola/kalsel-prov/permohonan');
    await desk.getByRole('tab', { name: 'Bisa saya ambil' }).waitFor();
    await desk.getByRole('link', { name: number }).click();
    await desk.getByTestId('current-step').getByText('LPSE menerima, menganalisa dan menyelesaikan permasalahan').waitFor();
    // The vendor's upload is listed and fulfilled the checklist item.
    await desk.getByRole('link', { name: 'error-500.pdf' }).waitFor();
    const item = desk.getByTestId('checklist-data-dukung');
    assert.equal(await item.getByRole('combobox').inputValue(), 'received');
    await item.getByRole('combobox').selectOption('missing');
    await item.getByPlaceholder('Apa yang kurang (dibaca pemohon)').fill('Tangkapan layar tidak terbaca; kirim ulang dengan resolusi penuh');
    await desk.getByRole('button', { name: 'Simpan pemeriksaan' }).click();
    await desk.getByRole('button', { name: 'Simpan pemeriksaan' }).and(desk.locator(':disabled')).waitFor();
    assert.equal(await item.getByRole('combobox').inputValue(), 'missing');
    const actions = desk.getByTestId('actions');
    await actions.getByRole('button', { name: 'Kelengkapan data diminta (feedback)' }).click();
    await actions.getByText('Waktu layanan berhenti sampai pemohon menanggapi.').waitFor();
    await actions.getByLabel('Keterangan').fill('Mohon kirim ulang tangkapan layar error.');
    await actions.getByRole('button', { name: /^Lakukan:/ }).click();
    await desk.getByTestId('current-step').getByText('Pengguna melengkapi data untuk LPSE').waitFor();
    // The first officer action answered the requester: the response limit is met.
    await desk.getByTestId('clock-response').getByText('Terpenuhi').waitFor();

    // ── The vendor completes it on the tracking page (the link, without signing in) ──
    const link = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await link.goto(trackingLink);
    const tracking = link.getByTestId('request-tracking');
    await tracking.waitFor();
    await tracking.getByText('Menunggu Anda').waitFor();
    await link.getByTestId('missing-items').getByText(/Tangkapan layar tidak terbaca/).waitFor();
    await link.getByText('Mohon kirim ulang tangkapan layar error.').waitFor();
    await assertNoOverflow(link, 'the tracking page');
    await assertNoRawCodes(link, 'the tracking page', { codes: stepCodes });
    await link.screenshot({ path: artifactPath('requests-tracking-missing-360.png'), fullPage: true });
    const turn = link.getByTestId('requester-actions');
    await turn.getByLabel('Pesan untuk petugas').fill('Sudah saya kirim ulang, resolusi penuh.');
    await turn.locator('input[type=file]').setInputFiles(pdf('error-500-full.pdf', 'resolusi penuh'));
    await turn.getByRole('button', { name: 'Data pendukung dikirim' }).click();
    await tracking.getByText('Sedang diproses').waitFor();
    await tracking.getByTestId('current-step').getByText('LPSE menerima, menganalisa dan menyelesaikan permasalahan').waitFor();

    // ── Resolved by the help desk, with the answer ──
    await desk.reload();
    await desk.getByTestId('current-step').getByText('LPSE menerima, menganalisa dan menyelesaikan permasalahan').waitFor();
    await desk.getByRole('link', { name: 'error-500-full.pdf' }).waitFor();
    await desk.getByText('Sudah saya kirim ulang, resolusi penuh.').waitFor();
    await desk.getByTestId('actions').getByRole('button', { name: 'Permasalahan diselesaikan' }).click();
    await desk.getByLabel('Hasil/jawaban untuk pemohon').fill('Cache SPSE dibersihkan; unggah ulang berhasil diuji.');
    await desk.getByTestId('actions').getByRole('button', { name: /^Lakukan:/ }).click();
    await desk.getByTestId('current-step').getByText('Pengguna mengkonfirmasi tutup tiket').waitFor();
    await assertNoRawCodes(desk, 'the staff page of a resolved request', { codes: stepCodes });
    await desk.screenshot({ path: artifactPath('requests-staff-resolved.png'), fullPage: true });

    // ── The vendor confirms closing ──
    await link.reload();
    await tracking.waitFor();
    await tracking.getByText('Menunggu konfirmasi Anda').waitFor();
    await tracking.getByText('Cache SPSE dibersihkan; unggah ulang berhasil diuji.').waitFor();
    await link.getByRole('button', { name: 'Tiket ditutup' }).click();
    await tracking.getByText('Selesai', { exact: true }).first().waitFor();
    assert.equal(await link.getByTestId('requester-actions').count(), 0);
    // A closed, completed request says "Selesai" once.
    assert.equal(await tracking.getByTestId('request-status').locator('xpath=..').getByText('Selesai', { exact: true }).count(), 1);
    await assertNoRawCodes(link, 'the tracking page of a closed request', { codes: stepCodes });
    await link.screenshot({ path: artifactPath('requests-tracking-closed-360.png'), fullPage: true });

    // ── The satisfaction survey of the closed request, from the tracking page ──
    const surveyCard = link.getByTestId('request-survey');
    await surveyCard.getByRole('link', { name: 'Isi survei kepuasan' }).click();
    await link.getByText(`Permohonan ${number}`).waitFor();
    assert.equal(new URL(link.url()).pathname, `/lacak/${number}/survei`);
    // The same questionnaire as the kiosk: nine questions, one answer each (all "4" but U9 "3").
    for (const element of skmElements) {
      const group = link.getByRole('radiogroup', { name: element.question.id });
      await group.getByRole('radio', { name: element.answers[element.code === 'U9' ? 2 : 3]!.id, exact: true }).click();
    }
    await link.getByLabel('Saran dan masukan').fill('Penanganan cepat, terima kasih');
    await assertNoOverflow(link, 'the survey of a request');
    await link.getByRole('button', { name: 'Kirim survei' }).click();
    await link.getByRole('heading', { name: 'Terima kasih!' }).waitFor();
    await link.getByRole('link', { name: 'Kembali ke halaman lacak' }).click();
    await tracking.getByText('Selesai', { exact: true }).first().waitFor();
    await surveyCard.getByText('Terima kasih, survei sudah diisi.').waitFor();
    assert.equal(await surveyCard.getByRole('link', { name: 'Isi survei kepuasan' }).count(), 0);
    await link.screenshot({ path: artifactPath('requests-survey-answered-360.png'), fullPage: true });
    // The same page in English.
    await link.getByText('EN', { exact: true }).click();
    await tracking.getByText('Closed', { exact: true }).first().waitFor();
    await tracking.getByRole('heading', { name: 'Time limits' }).waitFor();

    // Tracking by number and e-mail shows the same, read-only.
    const other = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await other.goto(`${server.url}/lacak`);
    await other.getByLabel('Nomor permohonan').fill(number);
    await other.getByRole('textbox', { name: 'Alamat e-mail' }).fill(vendor.email);
    await other.getByRole('button', { name: 'Lacak' }).click();
    await other.getByTestId('request-tracking').getByText('Selesai', { exact: true }).first().waitFor();
    await Promise.all([phone.close(), desk.close(), link.close(), other.close()]);
  });

  it('the help desk files a walk-in, marks the checklist, and escalates to LKPP, which is not on this deployment, with the LPSE Support ticket number', async () => {
    // One context: the second tab below shares the officer's session.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desk = await context.newPage();
    await signIn(desk, server.url, helpdesk, '/kelola/kalsel-prov/permohonan/baru');
    await desk.getByLabel('Layanan').selectOption('dukungan-spse');
    await desk.getByLabel('Saluran').selectOption('walk-in');
    await desk.getByLabel('Perangkat daerah/instansi pemerintah').check();
    await desk.getByLabel('Nama lengkap').fill('Sari Wulandari');
    await desk.getByLabel(/^Perangkat daerah\/instansi( \*)?$/).fill('Dinas PUPR Kabupaten Banjar');
    await desk.getByLabel('Nomor telepon/WhatsApp').fill('0812 5100 2233');
    await desk.getByLabel('Judul permohonan').fill('Paket tender tidak muncul di SPSE');
    await desk.getByRole('button', { name: 'Catat permohonan' }).click();
    await desk.getByTestId('filed').waitFor();
    const number = (await desk.getByTestId('request-number').textContent())!.trim();
    const trackingHref = (await desk.getByTestId('tracking-link').getAttribute('href'))!;
    await desk.getByRole('button', { name: 'Buka permohonan' }).click();
    await desk.getByTestId('current-step').getByText('Pelapor mengisi aplikasi e-Tamu di Helpdesk').waitFor();

    // The checklist: the form received, the e-mail confirmed, the supporting data received.
    for (const code of ['data-dukung', 'form-permohonan', 'email-aktif']) {
      await desk.getByTestId(`checklist-${code}`).getByRole('combobox').selectOption('received');
    }
    await desk.getByRole('button', { name: 'Simpan pemeriksaan' }).click();
    await desk.getByRole('button', { name: 'Simpan pemeriksaan' }).and(desk.locator(':disabled')).waitFor();

    // A second tab with the same version: after the first acts, the second gets the conflict.
    const stale = await context.newPage();
    watch(stale);
    await stale.goto(`${server.url}/kelola/kalsel-prov/permohonan/${number}`);
    await stale.getByTestId('actions').waitFor();
    await desk.getByTestId('actions').getByRole('button', { name: 'Pelapor diarahkan ke Ruang Konsultasi' }).click();
    await desk.getByTestId('actions').getByRole('button', { name: /^Lakukan:/ }).click();
    await desk.getByTestId('current-step').getByText(/Petugas Konsultasi membuat Tiket Konsultasi/).waitFor();
    await stale.getByTestId('actions').getByRole('button', { name: 'Pelapor diarahkan ke Ruang Konsultasi' }).click();
    await stale.getByTestId('actions').getByRole('button', { name: /^Lakukan:/ }).click();
    await stale.getByTestId('write-error').getByText('Diubah oleh petugas lain — muat ulang.').waitFor();
    await stale.screenshot({ path: artifactPath('requests-staff-conflict.png'), fullPage: true });
    await stale.close();

    // Escalation: LKPP is not on this deployment; without the ticket number the server says so.
    const actions = desk.getByTestId('actions');
    await actions.getByRole('button', { name: /dieskalasi ke Helpdesk Teknis/ }).click();
    await actions.getByText('Diteruskan ke Helpdesk Teknis LKPP.').waitFor();
    await actions.getByRole('button', { name: /^Lakukan:/ }).click();
    await desk.getByTestId('write-error').getByText(/tidak ada di Sigap ini/).waitFor();
    await actions.getByLabel('Nomor tiket/referensi di sistem tujuan').fill('LS-2026-000731');
    await actions.getByRole('button', { name: /^Lakukan:/ }).click();
    await desk.getByTestId('current-step').getByText('Helpdesk Teknis LKPP menerima, menganalisa dan menyelesaikan permasalahan').waitFor();
    await desk.getByTestId('external-ref').getByText('Dicatat di LPSE Support dengan nomor LS-2026-000731').waitFor();
    // The timeline names the actions as the standard does.
    await desk.getByText('Tindakan — Pelapor diarahkan ke Ruang Konsultasi').waitFor();
    await assertNoRawCodes(desk, 'the staff page of an escalated request', { codes: stepCodes });
    await desk.screenshot({ path: artifactPath('requests-staff-escalated.png'), fullPage: true });

    // The queue: still this agency's to record, at the LKPP tier's step, for the helpdesk role.
    await desk.goto(`${server.url}/kelola/kalsel-prov/permohonan`);
    const row = desk.getByTestId('queue-row').filter({ hasText: number });
    await row.getByText(/tiket-teknis-lkpp|Helpdesk Teknis LKPP/).waitFor();
    await desk.getByRole('tab', { name: 'Semua terbuka' }).click();
    await desk.getByTestId('queue-row').filter({ hasText: number }).waitFor();
    await desk.screenshot({ path: artifactPath('requests-queue.png'), fullPage: true });
    await context.close();

    // The requester, with the link the desk handed over, sees where it went and the ticket number.
    const requester = await browser.newPage({ viewport: { width: 360, height: 740 } });
    watch(requester);
    await requester.goto(`${server.url}${trackingHref}`);
    await requester.getByTestId('external-ref').getByText('Dicatat di LPSE Support dengan nomor LS-2026-000731').waitFor();
    await requester.getByText('Ditangani oleh: Helpdesk Teknis LKPP').waitFor();
    await assertNoOverflow(requester, 'the tracking page of an escalated request');
    await assertNoRawCodes(requester, 'the tracking page of an escalated request', { codes: stepCodes });
    await requester.screenshot({ path: artifactPath('requests-tracking-escalated-360.png'), fullPage: true });
    await requester.close();
  });
  it('an anonymous requester sees the earliest visit date a lead-time rule allows; the day before is refused on the field', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    watch(phone);
    await phone.goto(`${server.url}/instansi/kalsel-prov/layanan/audiensi-kunjungan/ajukan`);
    const earliestText = phone.getByTestId('earliest-date');
    await earliestText.getByText(/Tanggal paling awal: \d{4}-\d{2}-\d{2}\./).waitFor();
    const earliest = /(\d{4}-\d{2}-\d{2})/.exec((await earliestText.textContent())!)![1]!;
    // "minimal 3 hari": three calendar days from today on the agency's clock (WITA).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());
    const days = (Date.parse(earliest) - Date.parse(today)) / 86_400_000;
    assert.ok(days >= 3 && days <= 4, `earliest ${earliest} is ${days} days after ${today}`);
    await phone.getByLabel('Masyarakat umum').check();
    await phone.getByLabel('Nama lengkap').fill('Andi Pratama');
    await phone.getByRole('textbox', { name: 'Alamat e-mail' }).fill('andi@example.id');
    await phone.getByLabel('Judul permohonan').fill('Kunjungan kerja mahasiswa');
    await phone.locator('input[type=file]').first().setInputFiles(pdf('surat.pdf', 'surat permohonan kunjungan'));
    const dayBefore = new Date(Date.parse(earliest) - 86_400_000).toISOString().slice(0, 10);
    const date = phone.getByLabel(/^Tanggal rencana/);
    await date.fill(dayBefore);
    await phone.getByRole('button', { name: 'Kirim permohonan' }).click();
    await phone.getByText(new RegExp(`paling awal ${earliest}`)).first().waitFor();
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    await phone.screenshot({ path: artifactPath('requests-lead-time-360.png'), fullPage: true });
    await date.fill(earliest);
    await phone.getByRole('button', { name: 'Kirim permohonan' }).click();
    await phone.getByTestId('filed').waitFor();
    await assertNoOverflow(phone, 'the filing page of a lead-time service');
    await phone.close();
  });
});
