import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skmElements } from '../src/shared/contracts/surveys.js';
import { artifactPath, cannotRun, launchBrowser, startServer, type RunningServer } from './support.js';

const skip = cannotRun();

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

async function assertNoOverflow(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`);
}

describe('satisfaction survey at the kiosk', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // The server imports ./standards at start: kalsel-prov and its services exist.
    server = await startServer();
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

    // The staff results need surveys.view: a visitor is told to sign in, and sees no numbers.
    await page.goto(`${server.url}/kelola/kalsel-prov/survei`);
    await page.getByText('Halaman ini untuk petugas dengan izin surveys.view').waitFor();
    assert.equal(await page.getByTestId('staff-ikm').count(), 0);
    await page.close();
  });
});
