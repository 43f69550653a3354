import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, seedWith, signIn, startServer, watch, type RunningServer } from './support.js';

const skip = cannotRun();

/**
 * Every clock on the tracking and staff pages says which rule of the standard it comes from, in
 * the standard's words: Kalsel's catalogue chat its channel, NTT's "Durasi penyelesaian masalah"
 * no limit stated, and Kalsel's walk-in handed to LKPP "at LKPP, no limit stated" with the
 * reference in LPSE Support.
 */
describe('which rule each clock comes from, on the pages', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  const seeded = {
    chat: { number: '', secret: '' },
    ntt: { number: '', secret: '' },
    handedOver: { number: '', secret: '' },
    officer: { email: 'helpdesk.jam@kalselprov.go.id', name: 'Petugas Jam', password: 'Jm7!vQz#2mWp-Banjar', totpSecret: null as string | null },
  };

  async function seed(dataDir: string): Promise<void> {
    await seedWith(dataDir, async (make) => {
      await make.standards();
      const officer = await make.officer({ agency: 'kalsel-prov', roles: ['helpdesk', 'petugas-pelayanan'], email: seeded.officer.email, name: seeded.officer.name, password: seeded.officer.password });
      seeded.officer.totpSecret = officer.totpSecret;
      const chat = await make.request({ agency: 'kalsel-prov', service: 'konsultasi-katalog', channel: 'chat' });
      const ntt = await make.request({ agency: 'ntt-prov', service: 'informasi-konsultasi', channel: 'walk-in' });
      const handedOver = await make.request({
        agency: 'kalsel-prov',
        service: 'dukungan-spse',
        channel: 'walk-in',
        actions: ['arahkan', { action: 'eskalasi', externalReference: 'LS-2026-0042' }],
    });
    seeded.chat = { number: chat.number, secret: chat.trackingSecret };
    seeded.ntt = { number: ntt.number, secret: ntt.trackingSecret };
    seeded.handedOver = { number: handedOver.number, secret: handedOver.trackingSecret };
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

  async function phone(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    watch(page);
    return page;
  }

  const track = (r: { number: string; secret: string }) => `${server.url}/lacak/${r.number}#k=${encodeURIComponent(r.secret)}`;

  it('the tracking page names the rule of each clock, says "not stated" where the standard gives no figure, and "at LKPP" after the hand-over', async () => {
    const page = await phone();
    await page.goto(track(seeded.chat));
    await page.getByTestId('clock-resolution').getByTestId('rule-channel-chat').getByText('Dasar: saluran Aplikasi Pesan Singkat Helpdesk Katalog', { exact: false }).waitFor();
    await assertNoOverflow(page, 'the tracking page of a chat');
    await page.screenshot({ path: artifactPath('clocks-chat-360.png'), fullPage: true });

    await page.goto(track(seeded.ntt));
    const none = page.getByTestId('clock-not-stated');
    await none.getByText('Batas waktu tidak dinyatakan', { exact: false }).waitFor();
    assert.match(await none.innerText(), /"Durasi penyelesaian masalah" tanpa uraian/);
    assert.equal(await page.getByTestId('clock-resolution').count(), 0);

    await page.goto(track(seeded.handedOver));
    const lkpp = page.getByTestId('clock-handed-over');
    await lkpp.getByText('Di LKPP, batas waktu tidak dinyatakan').waitFor();
    assert.match(await lkpp.innerText(), /LS-2026-0042/);
    assert.match(await lkpp.innerText(), /Dasar: tingkat eskalasi Helpdesk Teknis LKPP/);
    await assertNoOverflow(page, 'the tracking page of a request at LKPP');
    await page.screenshot({ path: artifactPath('clocks-handed-over-360.png'), fullPage: true });
    await page.getByText('EN', { exact: true }).click();
    await lkpp.getByText('At LKPP, no limit stated').waitFor();
    await page.getByText('ID', { exact: true }).click();
    await page.close();
  });

  it('the staff page of the same request shows the hand-over and the rule', async () => {
    const page = await phone();
    await signIn(page, server.url, seeded.officer);
    await page.goto(`${server.url}/kelola/kalsel-prov/permohonan/${seeded.handedOver.number}`);
    const lkpp = page.getByTestId('clock-handed-over');
    await lkpp.getByText('Di LKPP, batas waktu tidak dinyatakan').waitFor();
    assert.match(await lkpp.innerText(), /LS-2026-0042/);
    await page.getByTestId('clock-resolution').getByText('Diteruskan', { exact: true }).waitFor();
    await page.screenshot({ path: artifactPath('clocks-staff-360.png'), fullPage: true });
    await page.close();
  });
});
