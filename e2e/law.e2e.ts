import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { skmElements } from '../src/shared/contracts/surveys.js';
import { anonymous } from '../src/server/modules/identity/identity.actor.js';
import { artifactPath, assertNoOverflow, cannotRun, launchBrowser, seedWith, signIn, startServer, watch, type RunningServer } from './support.js';

const skip = cannotRun();

/**
 * What the pages say is what the standard says, and nothing more: compensation in the agency's
 * own words only where it promises it, NTT's fee "not stated" and its services derived from its
 * tasks, the password rules of the agency's security policy, and the survey link of the
 * invitation e-mail, which works without the tracking link.
 */
describe('the standard is the law, on the pages', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  const seeded = {
    kalsel: { number: '', secret: '' },
    bjm: { number: '', secret: '' },
    surveyPath: '',
    officer: { email: 'helpdesk.law@nttprov.go.id', name: 'Petugas Hukum', password: 'Hk7!vQz#2mWp', totpSecret: null as string | null },
  };

  /**
   * Seeds the data folder as an operator's history would: two requests filed a week ago and swept
   * late, a request closed by its requester (the invitation kept), an NTT officer.
   */
  async function seed(dataDir: string): Promise<void> {
    let now = new Date(Date.now() - 7 * 24 * 3_600_000);
    await seedWith(dataDir, async (make, target) => {
      await make.standards();
      const officer = await make.officer({ agency: 'ntt-prov', roles: ['helpdesk'], email: seeded.officer.email, name: seeded.officer.name, password: seeded.officer.password });
      seeded.officer.totpSecret = officer.totpSecret;
      const kalsel = await make.request({ agency: 'kalsel-prov', service: 'advokasi-kontrak', channel: 'walk-in', requester: { email: 'telat@cv-kalsel.co.id' } });
      const bjm = await make.request({ agency: 'banjarmasin-kota', service: 'aktivasi-user-id', channel: 'walk-in', requester: { email: 'telat@cv-bjm.co.id' } });
      seeded.kalsel = { number: kalsel.number, secret: kalsel.trackingSecret };
      seeded.bjm = { number: bjm.number, secret: bjm.trackingSecret };
      now = new Date();
      await target.services.requests.sweep({ at: now });
      const closing = await make.request({ agency: 'kalsel-prov', service: 'dukungan-spse', channel: 'lpse-support', requester: { email: 'survei@cv-kalsel.co.id' }, to: 'konfirmasi-lpse' });
      await target.services.requests.actAsRequester({
        ctx: { actor: anonymous, ip: null, requestId: null, lang: 'id' },
        number: closing.number,
        secret: closing.trackingSecret,
        input: { action: 'tutup', version: closing.view.version },
    });
    const invitation = [...(target.mails ?? [])].reverse().find((m) => m.to === 'survei@cv-kalsel.co.id');
    const link = invitation ? /https?:\/\/\S+(\/lacak\/\S+\/survei#k=\S+)/.exec(invitation.text) : null;
    assert.ok(link?.[1], `no survey link mailed:\n${invitation?.text}`);
    seeded.surveyPath = link[1];
    }, { clock: () => now });
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

  it('a late request shows compensation in the standard\'s own words only where the standard promises it', async () => {
    const page = await phone();
    await page.goto(`${server.url}/lacak/${seeded.kalsel.number}#k=${encodeURIComponent(seeded.kalsel.secret)}`);
    await page.getByTestId('breach').waitFor();
    await page.getByTestId('compensation').getByText('kompensasi berupa pemberian prioritas untuk pelayanan berikutnya', { exact: false }).waitFor();
    // The history names the breach in words, not by its code.
    assert.equal(await page.getByText('clock_breached').count(), 0);
    assert.ok(await page.getByText('Batas waktu terlewati').first().isVisible());
    await assertNoOverflow(page, 'the tracking page of a late request');
    await page.screenshot({ path: artifactPath('law-compensation-kalsel-360.png'), fullPage: true });

    await page.goto(`${server.url}/lacak/${seeded.bjm.number}#k=${encodeURIComponent(seeded.bjm.secret)}`);
    await page.getByTestId('breach').waitFor();
    assert.equal(await page.getByTestId('compensation').count(), 0);
    assert.doesNotMatch(await page.getByTestId('breach').innerText(), /prioritas|kompensasi/i);
    await page.close();
  });

  it("NTT's services say their fee is not stated and that they are derived from the agency's tasks", async () => {
    const page = await phone();
    await page.goto(`${server.url}/instansi/ntt-prov`);
    await page.getByText('Diturunkan dari tugas instansi', { exact: true }).first().waitFor();
    assert.equal(await page.getByText('Diturunkan dari tugas instansi', { exact: true }).count(), 3);
    await page.goto(`${server.url}/instansi/ntt-prov/layanan/informasi-konsultasi`);
    await page.getByTestId('service-derived').getByText('Menyediakan informasi dan konsultasi berkaitan dengan pengadaan secara elektronik', { exact: false }).waitFor();
    assert.match(await page.getByTestId('service-fee').innerText(), /^Tidak dinyatakan dalam standar/);
    await assertNoOverflow(page, "NTT's service page");
    await page.screenshot({ path: artifactPath('law-ntt-service-360.png'), fullPage: true });
    await page.getByText('EN', { exact: true }).click();
    await page.getByTestId('service-derived').getByText("derived from its tasks", { exact: false }).waitFor();
    assert.match(await page.getByTestId('service-fee').innerText(), /^Not stated in the standard/);
    await page.getByText('ID', { exact: true }).click();
    // A standard that says "Gratis" is shown as free.
    await page.goto(`${server.url}/instansi/kalsel-prov/layanan/dukungan-spse`);
    assert.match(await page.getByTestId('service-fee').innerText(), /^Gratis/);
    await page.close();
  });

  it("the password form states the rules of the agency's security policy, or Sigap's floor where none applies", async () => {
    const page = await phone();
    await signIn(page, server.url, seeded.officer);
    await page.goto(`${server.url}/akun`);
    await page.getByLabel('Kata sandi baru').fill('Hk7!vQz#2m');
    await page.getByTestId('password-policy').getByText('Menurut kebijakan keamanan informasi instansi: ntt-prov').waitFor();
    await page.locator('[data-rule="password.min_length"]').getByText('Minimal 10 karakter').waitFor();
    await page.screenshot({ path: artifactPath('law-password-policy-360.png'), fullPage: true });
    await page.close();

    const visitor = await phone();
    await visitor.goto(`${server.url}/daftar`);
    await visitor.getByLabel('Kata sandi baru').fill('Hk7!vQz#2m');
    await visitor.getByTestId('password-policy').getByText('Aturan dasar Sigap', { exact: false }).waitFor();
    await visitor.close();
  });

  it('the survey link of the invitation e-mail opens the survey without the tracking link and takes one answer', async () => {
    const page = await phone();
    await page.goto(`${server.url}${seeded.surveyPath}`);
    for (const element of skmElements) {
      const group = page.getByRole('radiogroup', { name: element.question.id });
      await group.getByRole('radio', { name: element.answers[3]!.id, exact: true }).click();
    }
    await assertNoOverflow(page, 'the survey opened from the invitation');
    await page.getByRole('button', { name: 'Kirim survei' }).click();
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor();
    await page.reload();
    await page.getByText('Terima kasih, survei sudah diisi.').waitFor();
    await page.close();
  });
});
