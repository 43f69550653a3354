import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skmElements } from '../src/shared/contracts/surveys.js';
import { anOfficer, artifactPath, assertNoOverflow, cannotRun, launchBrowser, prepare, signIn, startServer, type RunningServer } from './support.js';

const skip = cannotRun();
/** Kalsel's Kepala Bagian PLPSE: reports.view (and surveys.view), compiles the semester report. */
const supervisor = anOfficer({ email: 'kabag.plpse@kalselprov.go.id', name: 'Rahmat Hidayat', password: 'Jm5#wQz8!Bn3vX', agency: 'kalsel-prov', roles: ['kabag-plpse'] });
/** Kalsel's Kepala Sub Bagian: no survey or report permission. */
const kasubbag = anOfficer({ email: 'kasubbag@kalselprov.go.id', name: 'Nur Aisyah', password: 'Tp7&kRx2!Wd9mL', agency: 'kalsel-prov', roles: ['kasubbag'] });

const katalog = 'Pelayanan Konsultasi Katalog Elektronik dan Toko Daring';
const kioskPath = '/instansi/kalsel-prov/survei/konsultasi-katalog?kanal=walk-in';

/** Picks answer `score` (1–4) of every element, by the regulation's wording of that answer. */
async function answerAll(page: Page, scores: Record<string, number>): Promise<void> {
  for (const element of skmElements) {
    const score = scores[element.code] ?? 3;
    const group = page.getByRole('radiogroup', { name: element.question.id });
    await group.getByRole('radio', { name: element.answers[score - 1]!.id, exact: true }).click();
  }
}

describe('satisfaction survey at the kiosk', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // The shipped standards (kalsel-prov, its services and roles), imported before the server
    // starts (it then finds them unchanged), and two Kalsel officers with TOTP.
    server = await startServer({ prepare: (dataDir) => prepare(dataDir, { standards: true, officers: [supervisor, kasubbag] }) });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes a survey on a tablet, insists on all nine answers, and counts it in the public results', async () => {
    const page = await browser.newPage({ viewport: { width: 820, height: 1180 }, hasTouch: true });
    await page.goto(`${server.url}${kioskPath}`);
    await page.getByRole('heading', { level: 2, name: 'Survei Kepuasan Masyarakat' }).waitFor();
    assert.ok(await page.getByText(katalog).isVisible());

    // Sending with questions left open names them instead of sending.
    await page.getByRole('radiogroup', { name: skmElements[0]!.question.id }).getByRole('radio', { name: 'Sangat sesuai' }).click();
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.getByText('Belum dijawab: U2, U3, U4, U5, U6, U7, U8, U9').waitFor();

    // Answer 4 everywhere but U9 (3): S = 35, IKM = 25 × 35 / 9 = 97.22 → A.
    await answerAll(page, { U1: 4, U2: 4, U3: 4, U4: 4, U5: 4, U6: 4, U7: 4, U8: 4, U9: 3 });
    await page.getByText('Perempuan', { exact: true }).click();
    await page.getByText('30–39 tahun', { exact: true }).click();
    await page.getByText('D4/S1', { exact: true }).click();
    await page.getByText('Penyedia barang/jasa', { exact: true }).click();
    assert.equal(await page.getByRole('checkbox', { name: 'Perempuan' }).isChecked(), true);
    await page.getByLabel('Saran dan masukan').fill('Ruang tunggu perlu kipas angin');
    const box = await page.getByRole('radio', { name: 'Gratis' }).boundingBox();
    assert.ok(box && box.height >= 48, `an answer is a large touch target (${box?.height}px high)`);
    await page.screenshot({ path: artifactPath('surveys-kiosk-tablet.png'), fullPage: true });
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor();

    await page.getByRole('link', { name: 'Lihat hasil survei' }).click();
    await page.getByRole('heading', { level: 2, name: 'Indeks Kepuasan Masyarakat' }).waitFor();
    const card = page.getByRole('article', { name: katalog });
    await card.waitFor();
    assert.equal(await card.getByTestId('ikm-value').textContent(), '97,22');
    assert.ok(await card.getByText('A · Sangat Baik').isVisible());
    assert.ok(await card.getByText(/1 responden/).isVisible());
    // One answer and no request recorded for the service: the page does not let it pass as a verdict.
    assert.match((await card.getByTestId('sample-note').textContent()) ?? '', /tidak tercatat di Sigap.*tidak dapat dihitung/);
    // Aggregates only: the suggestion is not published here.
    assert.equal(await page.getByText('kipas angin').count(), 0);
    await page.close();
  });

  it('works on a phone, and the next response moves the index', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    await page.goto(`${server.url}${kioskPath}`);
    await page.getByRole('heading', { level: 2, name: 'Survei Kepuasan Masyarakat' }).waitFor();
    await assertNoOverflow(page, 'the kiosk page');
    // All 3: S = 27; with the first response S = 62 over 2: IKM = 2500 × 62 / 18 = 86.11 → B.
    await answerAll(page, {});
    await page.screenshot({ path: artifactPath('surveys-kiosk-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor();
    // The kiosk clears itself for the next person.
    await page.getByRole('button', { name: 'Isi survei baru' }).click();
    await page.getByRole('button', { name: 'Kirim survei' }).waitFor();
    assert.equal(await page.locator('[id^="skm-U"]').getByRole('radio', { checked: true }).count(), 0);

    await page.goto(`${server.url}/instansi/kalsel-prov/survei`);
    const card = page.getByRole('article', { name: katalog });
    await card.waitFor();
    assert.equal(await card.getByTestId('ikm-value').textContent(), '86,11');
    assert.ok(await card.getByText('B · Baik').isVisible());
    assert.ok(await card.getByText(/2 responden/).isVisible());
    await assertNoOverflow(page, 'the results page');
    await page.screenshot({ path: artifactPath('surveys-results-phone.png'), fullPage: true });

    // The staff results need sign-in: the shared guard sends a visitor to sign in and back.
    await page.goto(`${server.url}/kelola/kalsel-prov/survei`);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    assert.equal(new URL(page.url()).search, `?next=${encodeURIComponent('/kelola/kalsel-prov/survei')}`);
    assert.equal(await page.getByTestId('staff-ikm').count(), 0);
    await page.close();
  });

  it('leads from the agency page to the public results and to the kiosk of a service', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/instansi/kalsel-prov`);
    await page.getByRole('link', { name: 'Survei kepuasan' }).click();
    await page.getByRole('heading', { level: 2, name: 'Indeks Kepuasan Masyarakat' }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Isi survei untuk layanan' }).click();
    await page.getByRole('menuitem', { name: katalog }).click();
    await page.getByRole('heading', { level: 2, name: 'Survei Kepuasan Masyarakat' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/instansi/kalsel-prov/survei/konsultasi-katalog');
    await page.close();
  });

  it('a supervisor opens the semester report from the account menu, sees IKM and grade, and downloads the PDF', async () => {
    // A third kiosk response (U4 = 2, the rest 4): S = 35 + 27 + 34 = 96 over 3 respondents,
    // IKM = 25 × 96 / 27 = 88.89 → A (the threshold is 88.31).
    const answers = Object.fromEntries(skmElements.map((e) => [e.code, e.code === 'U4' ? 2 : 4]));
    const res = await fetch(`${server.url}/api/surveys/agencies/kalsel-prov/kiosk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceCode: 'konsultasi-katalog', channel: 'walk-in', answers, suggestion: 'Mohon antrean dipisah untuk penyedia' }),
    });
    assert.equal(res.status, 201, await res.text());

    // An officer without surveys.view or reports.view gets the guard's plain refusal.
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(other, server.url, kasubbag);
    await other.goto(`${server.url}/kelola/kalsel-prov/survei`);
    await other.getByRole('alert').getByText('Akses ditolak').waitFor();
    assert.equal(await other.getByTestId('staff-ikm').count(), 0);
    await other.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signIn(page, server.url, supervisor);
    await page.getByRole('button', { name: `Menu akun ${supervisor.name}` }).click();
    await page.getByRole('menuitem', { name: 'Survei kepuasan (SKM)' }).click();
    await page.getByRole('heading', { name: /^Survei Kepuasan Masyarakat — / }).waitFor();
    // The current semester is the default period.
    assert.equal(await page.getByRole('radio', { name: 'Semester' }).isChecked(), true);
    await page.getByTestId('staff-ikm').waitFor();
    assert.equal(await page.getByTestId('staff-ikm').textContent(), '88,89');
    assert.ok(await page.getByText('A · Sangat Baik').first().isVisible());
    // The paper import needs surveys.import, which the role lacks.
    assert.equal(await page.getByRole('heading', { name: 'Impor survei kertas' }).count(), 0);
    await page.screenshot({ path: artifactPath('surveys-supervisor-report.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh laporan PDF' }).click()]);
    assert.match(download.suggestedFilename(), /^skm-kalsel-prov-semester-\d{4}-[12]\.pdf$/);
    const pdf = artifactPath('surveys-report.pdf');
    await download.saveAs(pdf);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.match(text, /LAPORAN SURVEI KEPUASAN MASYARAKAT/);
    assert.match(text, /IKM = 88,89/);
    assert.match(text, /Sangat Baik/);
    assert.match(text, /Mohon antrean dipisah untuk penyedia/);
    // Page 1 as a PNG, to look at.
    const prefix = artifactPath('surveys-report-page');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
    assert.ok(existsSync(`${prefix}.png`));
    await page.close();
  });
});
