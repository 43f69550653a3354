import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, seedWith, signIn, startServer, watch, type RunningServer } from './support.js';

const skip = cannotRun();

/**
 * Finding the work: Kalimantan Selatan's help-desk officer signs in and lands on the staff home,
 * which counts the 120 requests waiting unassigned; opens that queue (its tabs counted), finds the
 * locked account of PT Sinar Borneo Konstruksi by the company's name, and pages past the 100th
 * request. On a phone the queue's rows keep their "Ambil" button and clock badge on the screen.
 * The head of the bureau, who holds complaints.handle, finds the new complaint from the home
 * page and "Pengaduan" in the menu.
 */
describe('the staff home and the queue', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  const helpdesk = { email: 'rina.helpdesk@kalselprov.go.id', name: 'Rina Helpdesk', password: 'Hd7!vQz#2mWp', totpSecret: null as string | null };
  const head = { email: 'kepala.biro@kalselprov.go.id', name: 'Kepala Biro', password: 'Kb9!wRx#4nTq', totpSecret: null as string | null };
  let company = '';

  /** 120 LPSE Support tickets, one of them PT Sinar Borneo Konstruksi's, and one complaint. */
  async function seed(dataDir: string): Promise<void> {
    await seedWith(dataDir, async (make) => {
      await make.standards();
      helpdesk.totpSecret = (await make.officer({ agency: 'kalsel-prov', roles: ['helpdesk'], email: helpdesk.email, name: helpdesk.name, password: helpdesk.password })).totpSecret;
      head.totpSecret = (await make.officer({ agency: 'kalsel-prov', roles: ['kepala-biro'], email: head.email, name: head.name, password: head.password })).totpSecret;
      company = (await make.helpdeskQueue({ count: 120 })).company;
      await make.complaint({ agency: 'kalsel-prov', input: { subject: 'Antrean helpdesk terlalu lama' } });
    });
  }

  before(async () => {
    server = await startServer({ prepare: seed });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageOf(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: width < 600 ? 740 : 900 } });
    watch(page);
    return page;
  }

  const tile = (page: Page, key: string) => page.getByTestId(`work-kalsel-prov-${key}`).getByTestId('work-count');

  it('lands the officer on the staff home with the 120 waiting requests counted, finds the company by name and pages past the 100th', async () => {
    const page = await pageOf(1280);
    await signIn(page, server.url, helpdesk);
    assert.equal(new URL(page.url()).pathname, '/kerja');
    await page.getByRole('heading', { name: 'Beranda kerja' }).waitFor();
    assert.equal(await tile(page, 'unassigned').textContent(), '120');
    assert.equal(await tile(page, 'mine').textContent(), '0');
    // The help desk holds no complaint permission: no complaint counts, no "Pengaduan" link.
    assert.equal(await page.getByTestId('work-kalsel-prov-complaintsReceived').count(), 0);
    await page.screenshot({ path: artifactPath('staff-home-1280.png'), fullPage: true });

    await page.getByRole('link', { name: /Permohonan belum ditugaskan/ }).click();
    await page.waitForURL((u) => u.pathname === '/kelola/kalsel-prov/permohonan' && u.searchParams.get('antrean') === 'unassigned');
    await page.getByTestId('queue-count-unassigned').filter({ hasText: '120' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /Belum ditugaskan/ }).getAttribute('aria-selected'), 'true');

    // By the company's name.
    await page.getByRole('searchbox', { name: 'Cari permohonan' }).fill('Sinar Borneo');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByTestId('queue-count-unassigned').filter({ hasText: /^1$/ }).waitFor();
    const rows = page.getByTestId('queue-row');
    await rows.first().getByRole('link', { name: company }).waitFor();
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', /Akun SPSE terkunci/);
    await page.screenshot({ path: artifactPath('staff-queue-search-1280.png'), fullPage: true });

    // Without the search, every open request, 100 at a time.
    await page.getByRole('searchbox', { name: 'Cari permohonan' }).fill('');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByRole('tab', { name: /Semua terbuka/ }).click();
    await page.getByTestId('queue-shown').filter({ hasText: 'Menampilkan 100 dari 120' }).waitFor();
    assert.equal(await rows.count(), 100);
    await page.getByRole('button', { name: 'Tampilkan 100 berikutnya' }).click();
    await page.getByTestId('queue-shown').filter({ hasText: 'Menampilkan 120 dari 120' }).waitFor();
    assert.equal(await rows.count(), 120);
    await rows.nth(100).scrollIntoViewIfNeeded();
    assert.equal(await page.getByRole('button', { name: 'Tampilkan 100 berikutnya' }).count(), 0);
    const numbers = await rows.getByRole('link').allTextContents();
    assert.equal(new Set(numbers).size, 120);
    await page.screenshot({ path: artifactPath('staff-queue-page-2-1280.png') });
    await page.close();
  });

  it('keeps "Ambil" and the clock badge on a 360 px screen', async () => {
    const page = await pageOf(360);
    await signIn(page, server.url, helpdesk);
    await page.getByRole('heading', { name: 'Beranda kerja' }).waitFor();
    await assertNoOverflow(page, 'the staff home at 360 px');
    await page.screenshot({ path: artifactPath('staff-home-360.png'), fullPage: true });
    await page.goto(`${server.url}/kelola/kalsel-prov/permohonan`);
    const first = page.getByTestId('queue-row').first();
    await first.waitFor();
    // No tab chosen: the first with work. "Tugas saya" is empty, the help desk's role holds them all.
    assert.equal(await page.getByRole('tab', { name: /Bisa saya ambil/ }).getAttribute('aria-selected'), 'true');
    await assertNoOverflow(page, 'the queue at 360 px');
    for (const target of [first.getByRole('button', { name: /^Ambil/ }), first.getByText('Tepat waktu')]) {
      const box = await target.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${await target.textContent()} is off the screen: ${JSON.stringify(box)}`);
    }
    await page.screenshot({ path: artifactPath('staff-queue-360.png') });
    await page.getByTestId('queue-row').nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('staff-queue-rows-360.png') });
    // The filters fold on a phone; opened, they filter as on a desk.
    await page.getByRole('button', { name: 'Saring antrean (0)' }).click();
    await page.getByLabel('Batas waktu').selectOption('breached');
    await page.getByTestId('queue-count-breached').filter({ hasText: /^0$/ }).waitFor();
    await page.getByText('Tidak ada permohonan di sini.').waitFor();
    await assertNoOverflow(page, 'the queue with its filters open at 360 px');
    await page.getByLabel('Batas waktu').selectOption('');
    await first.waitFor();
    // Taking a request from the phone puts it in "Tugas saya".
    await first.getByRole('button', { name: /^Ambil/ }).click();
    await page.getByTestId('queue-count-mine').filter({ hasText: /^1$/ }).waitFor();
    await page.close();
  });

  it('shows the head of the bureau the new complaint, with "Pengaduan" in the menu', async () => {
    const page = await pageOf(1280);
    await signIn(page, server.url, head);
    assert.equal(new URL(page.url()).pathname, '/kerja');
    assert.equal(await tile(page, 'complaintsReceived').textContent(), '1');
    await page.getByRole('button', { name: `Menu akun ${head.name}` }).click();
    await page.getByRole('menuitem', { name: 'Pengaduan' }).click();
    await page.waitForURL((u) => u.pathname === '/kelola/kalsel-prov/pengaduan');
    await page.getByText('Antrean helpdesk terlalu lama').waitFor();
    await page.goto(`${server.url}/kerja`);
    await page.getByRole('link', { name: /Pengaduan baru/ }).click();
    await page.waitForURL((u) => u.pathname === '/kelola/kalsel-prov/pengaduan' && u.searchParams.get('status') === 'received');
    await page.getByText('Antrean helpdesk terlalu lama').waitFor();
    await page.screenshot({ path: artifactPath('staff-home-complaints-1280.png'), fullPage: true });
    await page.close();
  });
});
