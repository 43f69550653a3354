import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startSmtp, tokenInMail, type TestSmtp } from '../src/server/test/identity-fixtures.js';
import { artifactPath, assertNoOverflow, assertNoRawCodes, cannotRun, launchBrowser, prepare, projectRoot, signIn, startServer, totpCode, type AgencySeed, type RunningServer } from './support.js';

const run = promisify(execFile);

const skip = cannotRun();

const admin = { email: 'admin.sistem@nttprov.go.id', name: 'Maria Fernandez' };
const officer = { email: 'yohanes.ndun@nttprov.go.id', name: 'Yohanes Ndun' };
const adminPassword = 'Gx7#mQv2!Lr9pZ';
const officerPassword = 'Wq4$tyKe8@pLmz';

/** Two agencies made by hand (no standards on this server), each with the same two roles. */
const seededAgencies: AgencySeed[] = [
  ['ntt-prov', 'Biro Pengadaan Barang dan Jasa Provinsi NTT'],
  ['kalsel-prov', 'Biro Pengadaan Barang dan Jasa Provinsi Kalimantan Selatan'],
].map(([code, name]) => ({
  code: code!,
  name: name!,
  level: 'provinsi',
  timeZone: 'Asia/Makassar',
  roles: [
    { code: 'admin-sistem', name: 'Admin Sistem', permissions: ['users.view', 'users.manage', 'tokens.manage', 'audit.view', 'requests.view'] },
    { code: 'sekretaris', name: 'Sekretaris', permissions: ['users.view', 'requests.view'] },
  ],
}));

/** The state the live password check shows for one rule, once it settles on `expected`. */
async function expectRule(page: Page, rule: string, expected: 'ok' | 'fail') {
  await page.locator(`[data-rule="${rule}"][data-state="${expected}"]`).waitFor({ timeout: 10_000 });
}

/** Scans nothing: reads the secret the page offers for typing by hand, as a person without a camera would. */
async function enrolTotp(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole('heading', { name: 'Daftarkan aplikasi autentikator' }).waitFor();
  const qr = page.getByRole('img', { name: 'Kode QR untuk aplikasi autentikator' });
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await page.getByLabel('Kode autentikator').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Konfirmasi' }).click();
  await page.getByRole('heading', { name: 'Simpan kode pemulihan Anda' }).waitFor();
  const codes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
  assert.equal(codes.length, 10);
  for (const code of codes) assert.match(code.trim(), /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  return { secret, codes: codes.map((c) => c.trim()) };
}

async function keepCodesAndContinue(page: Page) {
  const cont = page.getByRole('button', { name: 'Lanjutkan' });
  assert.ok(await cont.isDisabled(), 'continuing before confirming the codes are kept');
  await page.getByLabel('Saya sudah menyimpan kode pemulihan ini').check();
  await cont.click();
}

async function signOut(page: Page, name: string) {
  await page.getByRole('button', { name: `Menu akun ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  await page.getByRole('heading', { name: 'Masuk' }).waitFor();
}

describe('staff identity journey', { skip }, () => {
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let adminRecoveryCodes: string[] = [];

  before(async () => {
    smtp = await startSmtp();
    server = await startServer({
      env: { SIGAP_STANDARDS_DIR: 'none', SMTP_URL: smtp.url, MAIL_FROM: 'Sigap <sigap@e2e.test>' },
      prepare: async (dataDir) => {
        await prepare(dataDir, { agencies: seededAgencies });
        // The first administrator, invited from the console as an operator would; the e-mail
        // goes through the same SMTP server the running app uses.
        const cli = await run(process.execPath, ['dist/server/main.js', 'staff', 'bootstrap', '--agency', 'ntt-prov', '--email', admin.email, '--name', admin.name], {
          cwd: projectRoot,
          env: { ...process.env, SIGAP_DATA_DIR: dataDir, SMTP_URL: smtp.url, DATABASE_URL: '', LOG_LEVEL: 'warn' },
        });
        assert.match(cli.stdout, /\/invitation#token=/);
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it('an administrator invites an officer, who sets a password rule by rule, enrols TOTP, signs in and sees only their agency', async () => {
    // ── the administrator accepts their own invitation and enrols ──
    const adminMail = await smtp.waitFor(admin.email);
    assert.match(adminMail.text, /\/invitation#token=/);
    const adminPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await adminPage.goto(`${server.url}/invitation#token=${encodeURIComponent(tokenInMail(adminMail.text))}`);
    await adminPage.getByRole('heading', { name: 'Terima undangan petugas' }).waitFor();
    await adminPage.getByText('Biro Pengadaan Barang dan Jasa Provinsi NTT').first().waitFor();
    await adminPage.getByLabel('Kata sandi baru').fill(adminPassword);
    await adminPage.getByLabel('Ulangi kata sandi').fill(adminPassword);
    await expectRule(adminPage, 'password.guessable', 'ok');
    await adminPage.getByRole('button', { name: 'Simpan kata sandi' }).click();
    const enrolled = await enrolTotp(adminPage);
    const adminSecret = enrolled.secret;
    adminRecoveryCodes = enrolled.codes;
    await keepCodesAndContinue(adminPage);
    await adminPage.getByRole('heading', { name: 'Profil' }).waitFor();

    // ── signs out and in again with a TOTP code ──
    await signOut(adminPage, admin.name);
    await signIn(adminPage, server.url, { email: admin.email, password: adminPassword, totpSecret: adminSecret });
    // An officer lands on the work home; the profile is one click away.
    await adminPage.getByRole('heading', { name: 'Beranda kerja' }).waitFor();
    await adminPage.goto(`${server.url}/akun`);
    await adminPage.getByRole('heading', { name: 'Profil' }).waitFor();
    await adminPage.screenshot({ path: artifactPath('identity-admin-profile.png'), fullPage: true });

    // ── invites the officer from the staff page ──
    await adminPage.getByRole('button', { name: `Menu akun ${admin.name}` }).click();
    await adminPage.getByRole('menuitem', { name: 'Staf' }).click();
    await adminPage.getByRole('heading', { name: 'Petugas Biro Pengadaan Barang dan Jasa Provinsi NTT' }).waitFor();
    const invite = adminPage.getByRole('region', { name: 'Undang petugas' });
    // Submitting empty names each missing field and moves the focus to the first.
    await invite.getByRole('button', { name: 'Kirim undangan' }).click();
    const emailField = invite.getByLabel('Alamat e-mail');
    await adminPage.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    assert.equal(await emailField.evaluate((el) => el === document.activeElement), true);
    assert.ok(await invite.getByText('Pilih minimal satu peran').isVisible());
    await emailField.fill(officer.email);
    await invite.getByLabel('Nama lengkap').fill(officer.name);
    await invite.getByLabel('Sekretaris').check();
    const sinceInvite = smtp.messages.length;
    await invite.getByRole('button', { name: 'Kirim undangan' }).click();
    await adminPage.getByText(`Undangan dikirim ke ${officer.email}.`).waitFor();
    const row = adminPage.getByTestId('staff-row').filter({ hasText: officer.email });
    await row.getByText('undangan terkirim').waitFor();
    await adminPage.screenshot({ path: artifactPath('identity-staff-invited.png'), fullPage: true });

    // ── the officer opens the e-mailed link on a phone ──
    const officerMail = await smtp.waitFor(officer.email, sinceInvite);
    assert.match(officerMail.text, /Anda diundang sebagai petugas Biro Pengadaan Barang dan Jasa Provinsi NTT/);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const phone = await context.newPage();
    await phone.goto(`${server.url}/invitation#token=${encodeURIComponent(tokenInMail(officerMail.text))}`);
    await phone.getByRole('heading', { name: 'Terima undangan petugas' }).waitFor();
    assert.equal(await phone.getByLabel('Nama lengkap').inputValue(), officer.name);
    await assertNoOverflow(phone, 'the invitation page');

    // Each password breaks one more rule in turn; the list shows which, as the officer types.
    const password = phone.getByLabel('Kata sandi baru');
    const attempts: [string, string][] = [
      ['Kq7!mz', 'password.min_length'],
      ['KQ7!MZVRTW', 'password.lowercase'],
      ['kq7!mzvrtw', 'password.uppercase'],
      ['Kq!mzvrtwX', 'password.digit'],
      ['Kq7mzvrtwX', 'password.punctuation'],
      ['Yohanes#7Kq!', 'password.personal'],
      ['Password123!', 'password.guessable'],
    ];
    for (const [candidate, rule] of attempts) {
      await password.fill(candidate);
      await expectRule(phone, rule, 'fail');
      // The simple rules this candidate keeps are shown as met at the same time.
      if (rule !== 'password.min_length') await expectRule(phone, 'password.min_length', 'ok');
      await phone.screenshot({ path: artifactPath(`identity-rule-${rule.slice('password.'.length)}.png`), fullPage: true });
    }
    // Sent anyway, the server refuses it and says why on the field.
    await phone.getByLabel('Ulangi kata sandi').fill('Password123!');
    await phone.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await phone.getByText('Kata sandi belum memenuhi kebijakan; lihat aturan yang belum terpenuhi.').waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');

    await password.fill(officerPassword);
    for (const rule of ['min_length', 'lowercase', 'uppercase', 'digit', 'punctuation', 'personal', 'guessable']) {
      await expectRule(phone, `password.${rule}`, 'ok');
    }
    await phone.getByText('7 dari 7 aturan terpenuhi.').waitFor();
    await phone.getByLabel('Ulangi kata sandi').fill(officerPassword);
    await phone.getByRole('button', { name: 'Simpan kata sandi' }).click();

    const { secret: officerSecret } = await enrolTotp(phone);
    await assertNoOverflow(phone, 'the recovery codes');
    await phone.screenshot({ path: artifactPath('identity-recovery-codes-360.png'), fullPage: true });
    await keepCodesAndContinue(phone);
    await phone.getByRole('heading', { name: 'Profil' }).waitFor();

    // ── signs out, then in with the password and a TOTP code (a wrong one first) ──
    await signOut(phone, officer.name);
    await phone.getByLabel('Alamat e-mail').fill(officer.email);
    await phone.getByLabel('Kata sandi').fill('Salah-sekali-9');
    await phone.getByRole('button', { name: 'Masuk', exact: true }).click();
    await phone.getByText('E-mail atau kata sandi salah').waitFor();
    await phone.getByLabel('Kata sandi').fill(officerPassword);
    await phone.getByRole('button', { name: 'Masuk', exact: true }).click();
    await phone.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
    const right = await totpCode(officerSecret);
    await phone.getByLabel('Kode autentikator').fill(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
    await phone.getByRole('button', { name: 'Verifikasi' }).click();
    await phone.getByText('Kode salah atau sudah dipakai').waitFor();
    assert.equal(await phone.getByLabel('Kode autentikator').getAttribute('aria-invalid'), 'true');
    await phone.screenshot({ path: artifactPath('identity-wrong-code-360.png'), fullPage: true });
    await phone.getByLabel('Kode autentikator').fill(right);
    await phone.getByRole('button', { name: 'Verifikasi' }).click();
    // Signed out on the profile, signed in again: back to the profile (the sign-in page's `next`).
    await phone.getByRole('heading', { name: 'Profil' }).waitFor();
    await phone.getByText('Sekretaris').first().waitFor();

    // ── sees only their agency ──
    await phone.getByRole('button', { name: `Menu akun ${officer.name}` }).click();
    const menu = phone.getByRole('menu');
    await menu.getByText('Biro Pengadaan Barang dan Jasa Provinsi NTT').waitFor();
    assert.equal(await menu.getByText('Kalimantan Selatan').count(), 0);
    assert.equal(await menu.getByRole('menuitem', { name: 'Audit' }).count(), 0, 'Sekretaris holds no audit.view');
    await menu.getByRole('menuitem', { name: 'Staf' }).click();
    await phone.getByTestId('staff-row').filter({ hasText: admin.email }).waitFor();
    // Sekretaris may look, not manage: no invitation form, no row actions.
    assert.equal(await phone.getByRole('region', { name: 'Undang petugas' }).count(), 0);
    assert.equal(await phone.getByRole('button', { name: /^Kelola / }).count(), 0);
    await assertNoOverflow(phone, 'the staff page');
    await phone.screenshot({ path: artifactPath('identity-officer-staff-360.png'), fullPage: true });

    await phone.goto(`${server.url}/kelola/kalsel-prov/staf`);
    await phone.getByRole('alert').filter({ hasText: 'Akses ditolak' }).waitFor();
    // Not only hidden: the server refuses the other agency's staff list to this session.
    const refused = await phone.evaluate(async () => (await fetch('/api/agencies/kalsel-prov/staff')).status);
    assert.equal(refused, 403);
    const own = await phone.evaluate(async () => (await fetch('/api/agencies/ntt-prov/staff')).status);
    assert.equal(own, 200);
    await phone.screenshot({ path: artifactPath('identity-other-agency-refused-360.png'), fullPage: true });
    await context.close();

    // ── the administrator sees it all in the audit trail ──
    await adminPage.goto(`${server.url}/kelola/ntt-prov/audit`);
    await adminPage.getByRole('heading', { name: 'Jejak audit Biro Pengadaan Barang dan Jasa Provinsi NTT' }).waitFor();
    await adminPage.getByRole('cell', { name: 'Undangan diterima' }).first().waitFor();
    await assertNoRawCodes(adminPage, 'the audit trail');
    await adminPage.getByRole('combobox', { name: 'Tindakan' }).fill('users.invited');
    await adminPage.keyboard.press('Escape');
    await adminPage.getByRole('button', { name: 'Terapkan' }).click();
    await adminPage.waitForFunction(() => new URLSearchParams(location.search).get('tindakan') === 'users.invited');
    const invitedRows = adminPage.locator('tbody tr');
    await adminPage.waitForFunction(() => [...document.querySelectorAll('tbody tr td:nth-child(3)')].every((c) => c.textContent === 'Petugas diundang'));
    assert.equal(await invitedRows.count(), 2, 'the bootstrap invitation and the officer’s');
    const csvHref = await adminPage.getByRole('link', { name: 'Unduh CSV (dengan saringan ini)' }).getAttribute('href');
    assert.equal(csvHref, '/api/agencies/ntt-prov/audit.csv?action=users.invited');
    const csv = await adminPage.evaluate(async (href) => (await fetch(href)).text(), csvHref!);
    assert.equal(csv.trim().split('\r\n').length, 3, 'header and two entries');
    await adminPage.screenshot({ path: artifactPath('identity-audit.png'), fullPage: true });
    await adminPage.close();
  });

  it('sends a visitor of a signed-in page to /masuk and back after, signed in with a recovery code', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/akun/sesi`);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    assert.equal(page.url(), `${server.url}/masuk?next=%2Fakun%2Fsesi`);
    await assertNoOverflow(page, 'the sign-in page');
    // Keyboard only: the fields and the button are reached with Tab, in order.
    await page.getByLabel('Alamat e-mail').focus();
    await page.keyboard.type(admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(adminPassword);
    await page.keyboard.press('Enter');
    // The step's heading takes the focus (a screen reader says where the person is); Tab reaches the code.
    await page.getByRole('heading', { name: 'Verifikasi dua langkah' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Verifikasi dua langkah');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete')), 'one-time-code');
    await page.screenshot({ path: artifactPath('identity-sign-in-totp-360.png'), fullPage: true });

    // No phone at hand: a recovery code instead, once.
    await page.getByRole('button', { name: 'Tidak dapat memakai aplikasi? Pakai kode pemulihan' }).click();
    await page.getByRole('heading', { name: 'Masuk dengan kode pemulihan' }).waitFor();
    await page.getByLabel('Kode pemulihan').fill(adminRecoveryCodes[0]!.toLowerCase());
    await page.getByRole('button', { name: 'Verifikasi' }).click();
    await page.getByRole('heading', { name: 'Sesi' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/akun/sesi');
    // This browser and the administrator's earlier one are both listed; this one is marked.
    await page.getByText('perangkat ini').waitFor();
    assert.ok((await page.locator('tbody tr').count()) >= 1);
    await assertNoOverflow(page, 'the sessions page');
    await page.screenshot({ path: artifactPath('identity-sessions-360.png'), fullPage: true });

    // Sign out everywhere: asked first, then every session ends and the page goes to sign-in.
    await page.getByRole('button', { name: 'Keluar dari semua perangkat' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Keluar dari semua perangkat' }).click();
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    assert.equal(await page.evaluate(async () => (await fetch('/api/me')).status), 401);
    // A page that needs sign-in, opened now, sends the person to sign in again.
    await page.goto(`${server.url}/kelola/ntt-prov/audit`);
    await page.getByRole('heading', { name: 'Masuk' }).waitFor();
    assert.equal(page.url(), `${server.url}/masuk?next=%2Fkelola%2Fntt-prov%2Faudit`);
    await page.close();
  });

  it('an external user registers, verifies the e-mail, signs in without TOTP, and resets a forgotten password', async () => {
    const vendor = { email: 'siti.rahma@cvmajujaya.co.id', name: 'Siti Rahma' };
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/masuk`);
    await page.getByRole('link', { name: 'Belum punya akun? Daftar' }).click();
    await page.getByRole('heading', { name: 'Daftar akun' }).waitFor();
    // She says what she is, each choice explained in one line; "not stated" is where it starts.
    assert.equal(await page.getByRole('radio', { name: 'Tidak disebutkan' }).isChecked(), true);
    await page.getByText('Badan usaha atau perorangan yang mengikuti pengadaan', { exact: false }).waitFor();
    await page.getByRole('radio', { name: 'Penyedia barang/jasa' }).check();
    await page.screenshot({ path: artifactPath('identity-register-requester-type.png'), fullPage: true });
    await page.getByLabel('Nama lengkap').fill(vendor.name);
    await page.getByLabel('Alamat e-mail').fill(vendor.email);
    // Her own name in the password is refused as she types.
    await page.getByLabel('Kata sandi baru').fill('Rahma#2024xq');
    await expectRule(page, 'password.personal', 'fail');
    await page.getByLabel('Kata sandi baru').fill(officerPassword);
    await page.getByLabel('Ulangi kata sandi').fill(`${officerPassword}x`);
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    // The repeat differs: said on that field, which takes the focus.
    await page.getByText('Kedua kata sandi tidak sama').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true');
    await page.getByLabel('Ulangi kata sandi').fill(officerPassword);
    const since = smtp.messages.length;
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.getByRole('heading', { name: 'Periksa e-mail Anda' }).waitFor();

    const verification = await smtp.waitFor(vendor.email, since);
    assert.match(verification.text, /\/verify-email#token=/);
    await page.goto(`${server.url}/verify-email#token=${encodeURIComponent(tokenInMail(verification.text))}`);
    await page.getByText('Alamat e-mail Anda sudah terverifikasi.').waitFor();
    await page.getByRole('link', { name: 'Masuk sekarang' }).click();
    await page.getByLabel('Alamat e-mail').fill(vendor.email);
    await page.getByLabel('Kata sandi').fill(officerPassword);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    // No second step for an external user without an authenticator.
    await page.getByRole('heading', { name: 'Profil' }).waitFor();
    // Her profile keeps what she registered as.
    assert.equal(await page.getByRole('radio', { name: 'Penyedia barang/jasa' }).isChecked(), true);
    await page.getByRole('link', { name: 'Keamanan / TOTP' }).click();
    await page.getByText('Verifikasi dua langkah belum aktif.', { exact: false }).waitFor();
    await signOut(page, vendor.name);

    // Forgot the password: the e-mailed link sets a new one, once.
    await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
    await page.getByLabel('Alamat e-mail').fill(vendor.email);
    const beforeReset = smtp.messages.length;
    await page.getByRole('button', { name: 'Kirim tautan' }).click();
    await page.getByRole('heading', { name: 'Periksa e-mail Anda' }).waitFor();
    const resetMail = await smtp.waitFor(vendor.email, beforeReset);
    const resetLink = `${server.url}/password-reset#token=${encodeURIComponent(tokenInMail(resetMail.text))}`;
    await page.goto(resetLink);
    await page.getByRole('heading', { name: 'Buat kata sandi baru' }).waitFor();
    const newPassword = 'Hb9%vNc3&Tz6sd';
    await page.getByLabel('Kata sandi baru').fill(newPassword);
    await page.getByLabel('Ulangi kata sandi').fill(newPassword);
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByRole('heading', { name: 'Kata sandi diperbarui' }).waitFor();
    // The same link again (opened afresh, as from the e-mail) is dead, and says so.
    await page.goto('about:blank');
    await page.goto(resetLink);
    await page.getByLabel('Kata sandi baru').fill(`${newPassword}!`);
    await page.getByLabel('Ulangi kata sandi').fill(`${newPassword}!`);
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tautan tidak valid, sudah dipakai atau kedaluwarsa' }).waitFor();

    await page.goto(`${server.url}/masuk`);
    await page.getByLabel('Alamat e-mail').fill(vendor.email);
    await page.getByLabel('Kata sandi').fill(newPassword);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { name: 'Profil' }).waitFor();
    await assertNoOverflow(page, 'the profile page');
    await page.screenshot({ path: artifactPath('identity-vendor-profile-360.png'), fullPage: true });

    // Guessing her password: four refusals, then the account locks and the page says until when.
    await signOut(page, vendor.name);
    await page.getByLabel('Alamat e-mail').fill(vendor.email);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await page.getByLabel('Kata sandi').fill(`Tebakan-${attempt}-salah`);
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'E-mail atau kata sandi salah' }).waitFor();
    }
    await page.getByLabel('Kata sandi').fill('Tebakan-5-salah');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Akun dikunci sementara' }).waitFor();
    await page.getByText(/Terlalu banyak percobaan gagal\. Coba lagi setelah .+\./).waitFor();
    // Locked: even the right password waits.
    await page.getByLabel('Kata sandi').fill(newPassword);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Akun dikunci sementara' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/masuk');
    await page.screenshot({ path: artifactPath('identity-locked-360.png'), fullPage: true });
    await page.close();
  });

  it('an administrator changes roles, resets a lost authenticator, disables an account and manages API tokens, in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/masuk?next=${encodeURIComponent('/kelola/ntt-prov/staf')}`);
    await page.getByText('EN', { exact: true }).click();
    await page.getByLabel('E-mail address').fill(admin.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Cannot use the app? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(adminRecoveryCodes[1]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Officers of Biro Pengadaan Barang dan Jasa Provinsi NTT' }).waitFor();
    const row = page.getByTestId('staff-row').filter({ hasText: officer.email });
    await row.getByText('TOTP on').waitFor();

    // Roles: grant, then revoke, each reflected in the list.
    await row.getByRole('button', { name: `Manage ${officer.name}` }).click();
    await page.getByRole('menuitem', { name: 'Change roles' }).click();
    const dialog = page.getByRole('dialog', { name: `Roles of ${officer.name}` });
    await dialog.getByLabel('Admin Sistem').check();
    await row.getByText('Admin Sistem').waitFor();
    await dialog.getByLabel('Admin Sistem').uncheck();
    await page.waitForFunction((email) => {
      const r = [...document.querySelectorAll('[data-testid="staff-row"]')].find((e) => e.textContent?.includes(email));
      return r && !r.textContent?.includes('Admin Sistem');
    }, officer.email);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Lost device: asks first, then the officer must enrol again.
    await row.getByRole('button', { name: `Manage ${officer.name}` }).click();
    await page.getByRole('menuitem', { name: 'Reset the authenticator' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reset the authenticator' });
    await confirm.getByText('The audit trail of each of their agencies records it.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Reset the authenticator' }).click();
    await row.getByText('no TOTP yet').waitFor();

    // Disable and enable again.
    await row.getByRole('button', { name: `Manage ${officer.name}` }).click();
    await page.getByRole('menuitem', { name: 'Disable the account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable the account' }).click();
    await row.getByText('disabled').waitFor();
    await row.getByRole('button', { name: `Manage ${officer.name}` }).click();
    await page.getByRole('menuitem', { name: 'Enable the account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable the account' }).click();
    await page.waitForFunction((email) => {
      const r = [...document.querySelectorAll('[data-testid="staff-row"]')].find((e) => e.textContent?.includes(email));
      return r && !/\bdisabled\b/.test(r.textContent ?? '');
    }, officer.email);

    // API token: shown once, works as a Bearer token, stops working once revoked.
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('SPSE sync');
    await page.getByLabel('users.view').check();
    await page.getByRole('button', { name: 'Create the token' }).click();
    const token = (await page.getByTestId('created-token').textContent())!.trim();
    assert.ok(token.length > 20);
    const withToken = () => fetch(`${server.url}/api/agencies/ntt-prov/staff`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await withToken()).status, 200);
    assert.equal((await fetch(`${server.url}/api/agencies/kalsel-prov/staff`, { headers: { authorization: `Bearer ${token}` } })).status, 403);
    await page.screenshot({ path: artifactPath('identity-api-token-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.getByTestId('created-token').count(), 0, 'the token is not shown again');
    await page.getByRole('button', { name: 'Revoke the token SPSE sync' }).click();
    await page.getByText('revoked').waitFor();
    assert.equal((await withToken()).status, 401);
    await page.close();
  });
});
