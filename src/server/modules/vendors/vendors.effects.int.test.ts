import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorHistory, vendorReceipts, vendorRequests } from '../../db/tables/index.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories, type Person } from '../../test/factories.js';
import { Browser, startSmtp, tokenInMail, type TestSmtp } from '../../test/identity-fixtures.js';
import { createVendorFactories, multipart, testCompany, testNib, testNik, testNpwp, testPdf, withWrongCheckDigit, type VendorFactories } from '../../test/vendor-fixtures.js';

/**
 * The account services of Banjarmasin's standard and Klungkung's verification, run through their
 * workflows to the effects `vendor.*`: every effect, every refusal (with nothing half-done), a
 * retried action, two officers acting at once. The e-mails go through a real SMTP server.
 */
describe('vendor effects', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let make: Factories;
  let vendorsOf: VendorFactories;
  // Tuesday 10 March 2026, 09:00 WITA.
  let now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const secretKey = randomBytes(32);
  const publicUrl = 'https://sigap.example.id';
  const bjm = '/api/vendors/agencies/banjarmasin-kota';
  const klk = '/api/vendors/agencies/klungkung-kab';
  let desk: Browser;
  let verifier: Browser;
  let verifier2: Browser;
  let klkVerifier: Browser;
  let owner: Browser;
  let ownerPerson: Person;
  const work = mkdtempSync(join(tmpdir(), 'sigap-vendor-effects-'));

  async function signedIn(person: Person): Promise<Browser> {
    const browser = new Browser(t.app);
    const res = await browser.signIn(person.email, person.password, person.totpSecret ? { secret: person.totpSecret, at: now } : undefined);
    expect(res.statusCode, res.body).toBe(200);
    return browser;
  }

  const requestUrl = (agency: string, number: string) => `/api/requests/agencies/${agency}/requests/${number}`;
  const staffView = async (browser: Browser, agency: string, number: string) => (await browser.get(requestUrl(agency, number))).json();

  async function act(browser: Browser, agency: string, number: string, action: string, extra: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
    const view = await staffView(browser, agency, number);
    return browser.request({ method: 'POST', url: `${requestUrl(agency, number)}/actions`, payload: { action, version: view.version, ...extra }, headers: { 'accept-language': 'en' } });
  }

  /** The desk marks every required item of the checklist: originals shown, the rest received. */
  async function completeChecklist(browser: Browser, agency: string, number: string) {
    const view = await staffView(browser, agency, number);
    const items = view.checklist
      .filter((c: { required: boolean; state: string }) => c.required && c.state !== 'received' && c.state !== 'original_shown')
      .map((c: { code: string; kind: string }) => ({ code: c.code, state: c.kind === 'original' ? 'original_shown' : 'received' }));
    if (items.length > 0) expect((await browser.post(`${requestUrl(agency, number)}/checklist`, { items })).statusCode).toBe(200);
  }

  /** The desk files a service for a vendor at the counter and hands the complete file to the verifier. */
  async function fileAtDesk(vendorId: string, service: string, body: Record<string, unknown> = {}): Promise<string> {
    const started = await desk.post(`${bjm}/vendors/${vendorId}/services`, { service, ...body });
    expect(started.statusCode, started.body).toBe(201);
    const number = started.json().receipt.number as string;
    await completeChecklist(desk, 'banjarmasin-kota', number);
    const handed = await act(desk, 'banjarmasin-kota', number, 'lengkap');
    expect(handed.statusCode, handed.body).toBe(200);
    return number;
  }

  const product = { product: { text: 'Layanan selesai' } };
  const vendorView = async (id: string, browser = desk, base = bjm) => (await browser.get(`${base}/vendors/${id}`)).json();
  const requestsOf = async (vendorId: string) => (await t.database.db.select({ n: count() }).from(vendorRequests).where(eq(vendorRequests.vendorId, vendorId)))[0]!.n;

  /** A vendor whose account at Banjarmasin is active, activated through the workflow. */
  async function activeVendor(overrides: Parameters<typeof testCompany>[0] = {}, account?: { userId: string; email: string }) {
    const made = await vendorsOf.vendor({ agency: 'banjarmasin-kota', company: overrides, verified: true, ...(account ? { account } : {}) });
    const number = await fileAtDesk(made.vendor.id, 'aktivasi-user-id');
    expect((await act(verifier, 'banjarmasin-kota', number, 'aktifkan', product)).statusCode).toBe(200);
    return made;
  }

  function pdfText(pdf: Buffer): string {
    const file = join(work, `${randomBytes(4).toString('hex')}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    const mailer = recordingMailer(createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' }));
    t = await createTestApp({ identity: { clock, secretKey, publicUrl, mailer }, requests: { secretKey } });
    make = createFactories({ ...t, mails: mailer.sent });
    vendorsOf = createVendorFactories(t.services);
    await make.standards({ codes: ['banjarmasin-kota', 'klungkung-kab'] });
    desk = await signedIn(await make.officer({ agency: 'banjarmasin-kota', roles: ['helpdesk'] }));
    verifier = await signedIn(await make.officer({ agency: 'banjarmasin-kota', roles: ['verifikator'], name: 'Dewi Verifikator' }));
    verifier2 = await signedIn(await make.officer({ agency: 'banjarmasin-kota', roles: ['verifikator'] }));
    klkVerifier = await signedIn(await make.officer({ agency: 'klungkung-kab', roles: ['verifikator'] }));
    ownerPerson = await make.requester({ requesterType: 'vendor', name: 'Rina Wati' });
    owner = await signedIn(ownerPerson);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('activation: prepared online, filed at the counter, returned once and completed; refused until every document is verified; then active with its receipt on the request and by e-mail, and a retry applies nothing twice', async () => {
    const company = testCompany({ name: 'Maju Jaya Abadi' });
    const { persons: _p, ...fields } = company;
    const vendor = (await owner.post('/api/portal/vendors', { ...fields, self: { role: 'direktur', nik: testNik() } })).json();
    const uploads: Record<string, string> = {};
    for (const [kind, requirement] of [['ktp', 'ktp-direktur'], ['npwp', 'npwp'], ['izin_usaha', 'izin-usaha'], ['akta_pendirian', 'akta-pendirian'], ['akta_perubahan', 'akta-perubahan']] as const) {
      const res = await owner.request({ method: 'POST', url: `/api/portal/vendors/${vendor.id}/documents`, ...multipart({ kind, number: `${kind}-1` }, { name: `${kind}.pdf`, content: testPdf(kind) }) });
      expect(res.statusCode, res.body).toBe(201);
      uploads[requirement] = res.json().id;
    }

    const offers = (await owner.get(`/api/portal/vendors/${vendor.id}/services?agency=banjarmasin-kota`)).json().items;
    expect(offers.map((o: { code: string }) => o.code).sort()).toEqual(['agregasi-data-penyedia', 'aktivasi-user-id', 'nonaktif-user-id', 'perubahan-email', 'perubahan-npwp', 'perubahan-status-perusahaan']);
    expect(offers.find((o: { code: string }) => o.code === 'aktivasi-user-id')).toMatchObject({ available: true, online: false, product: 'Jasa Layanan Aktivasi User Id Penyedia Barang/Jasa' });
    expect(offers.find((o: { code: string }) => o.code === 'perubahan-email')).toMatchObject({ available: false, unavailable: { rule: 'vendor.account_missing' } });

    const documents = Object.entries(uploads).map(([requirementCode, documentId]) => ({ requirementCode, documentId }));
    const prepared = await owner.post(`/api/portal/vendors/${vendor.id}/services`, {
      agency: 'banjarmasin-kota',
      service: 'aktivasi-user-id',
      account: { userId: 'majujaya01', email: 'spse@majujaya.co.id' },
      documents,
    });
    expect(prepared.statusCode, prepared.body).toBe(201);
    // Walk-in only: prepared for the counter (the 30 minutes start there), with a reference to say.
    expect(prepared.json()).toMatchObject({ receipt: null, request: { state: 'prepared', service: { code: 'aktivasi-user-id' }, onBehalf: false } });
    const reference = prepared.json().request.reference as string;
    // The documents given once are offered again for the next service.
    const reoffered = (await owner.get(`/api/portal/vendors/${vendor.id}/services?agency=banjarmasin-kota`)).json().items.find((o: { code: string }) => o.code === 'perubahan-npwp');
    expect(reoffered.requirements.find((r: { code: string }) => r.code === 'npwp').suggestedDocumentId).toBe(uploads.npwp);

    const waiting = (await desk.get(`${bjm}/applications?reference=${reference.toLowerCase()}`)).json().items;
    expect(waiting).toEqual([expect.objectContaining({ reference, vendor: expect.objectContaining({ id: vendor.id }) })]);
    const filed = await desk.post(`${bjm}/applications/${waiting[0].id}/file`, {});
    expect(filed.statusCode, filed.body).toBe(201);
    const number = filed.json().receipt.number as string;
    expect(filed.json().request).toMatchObject({ state: 'filed', requestNumber: number });
    const twice = await desk.post(`${bjm}/applications/${waiting[0].id}/file`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.details[0].rule).toBe('vendor.application_state');

    // Returned once as incomplete; the vendor completes it from their account.
    expect((await act(desk, 'banjarmasin-kota', number, 'tidak-lengkap', { comment: 'Akta perubahan terakhir belum dibawa' })).statusCode).toBe(200);
    const mine = (await owner.get(`/api/portal/requests/${number}`)).json();
    expect(mine.step.code).toBe('melengkapi-berkas');
    expect((await owner.post(`/api/portal/requests/${number}/actions`, { action: 'berkas-dilengkapi', version: mine.version })).statusCode).toBe(200);
    await completeChecklist(desk, 'banjarmasin-kota', number);
    expect((await act(desk, 'banjarmasin-kota', number, 'lengkap')).statusCode).toBe(200);

    const before = await staffView(verifier, 'banjarmasin-kota', number);
    const unverified = await act(verifier, 'banjarmasin-kota', number, 'aktifkan', product);
    expect(unverified.statusCode).toBe(409);
    expect(unverified.json().error.details[0]).toMatchObject({ field: 'documents', rule: 'vendor.documents_unverified' });
    expect(unverified.json().error.details[0].message).toMatch(/^documents not verified yet: .*ktp ktp-1/);
    const after = await staffView(verifier, 'banjarmasin-kota', number);
    expect({ step: after.step.code, version: after.version }).toEqual({ step: 'verifikasi', version: before.version });
    expect((await vendorView(vendor.id)).accounts[0].status).toBe('awaiting_verification');

    for (const id of Object.values(uploads)) {
      expect((await verifier.post(`${bjm}/vendors/${vendor.id}/documents/${id}/verify`, { originalShown: id !== uploads['akta-perubahan'] })).statusCode).toBe(200);
    }
    const since = smtp.messages.length;
    const activated = await act(verifier, 'banjarmasin-kota', number, 'aktifkan', { product: { text: 'User ID majujaya01 aktif' } });
    expect(activated.statusCode, activated.body).toBe(200);
    const effect = activated.json().events.at(-1).data.effects['vendor.activate'];
    expect(effect).toMatchObject({ userId: 'majujaya01', status: 'active', vendorId: vendor.id });
    expect(activated.json().status).toBe('closed');

    const own = (await owner.get(`/api/portal/vendors/${vendor.id}`)).json();
    expect(own.accounts[0]).toMatchObject({ userId: 'majujaya01', status: 'active', activatedRequest: number, activatedBy: expect.stringContaining('@example.id') });
    expect(own.receipts).toEqual([expect.objectContaining({ id: effect.receiptId, requestNumber: number, agency: 'banjarmasin-kota' })]);
    expect(own.requests[0]).toMatchObject({ state: 'applied', requestNumber: number });
    expect(own.history.find((h: { field: string }) => h.field === 'account.status')).toMatchObject({ oldValue: 'awaiting_verification', newValue: 'active', requestNumber: number });

    const mail = await smtp.waitFor('spse@majujaya.co.id', since);
    expect(mail.raw).toContain('application/pdf');
    expect(mail.raw).toContain(`tanda-terima-aktivasi-${number}.pdf`);
    const receipt = await owner.get(`/api/portal/vendors/${vendor.id}/receipts/${effect.receiptId}`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = pdfText(receipt.rawPayload);
    for (const expected of ['TANDA TERIMA', 'Jasa Layanan Aktivasi User Id Penyedia Barang/Jasa', number, 'majujaya01', 'CV Maju Jaya Abadi', 'Asli diperlihatkan', 'Salinan saja', 'Akta Perubahan', '10 Maret 2026, 09:00 WITA']) {
      expect(text).toContain(expected);
    }
    expect(pdfText((await verifier.get(`${bjm}/receipts/${effect.receiptId}?lang=en`)).rawPayload)).toContain('RECEIPT');

    // The same action sent again (a double click, a retry after a timeout): refused as stale, nothing applied twice.
    const retry = await verifier.request({ method: 'POST', url: `${requestUrl('banjarmasin-kota', number)}/actions`, payload: { action: 'aktifkan', version: after.version, ...product } });
    expect(retry.statusCode).toBe(409);
    const receipts = await t.database.db.select({ n: count() }).from(vendorReceipts).where(eq(vendorReceipts.vendorId, vendor.id));
    expect(receipts[0]!.n).toBe(1);
    const activations = await t.database.db.select({ n: count() }).from(vendorHistory).where(and(eq(vendorHistory.vendorId, vendor.id), eq(vendorHistory.field, 'account.status')));
    expect(activations[0]!.n).toBe(1);
  });

  it('two verifiers at once on one request: one activates, the other is refused; two requests activating one account at once: one applies, the other is refused as already active', async () => {
    const one = await vendorsOf.vendor({ agency: 'banjarmasin-kota', verified: true });
    const number = await fileAtDesk(one.vendor.id, 'aktivasi-user-id');
    const version = (await staffView(verifier, 'banjarmasin-kota', number)).version;
    const send = (browser: Browser) => browser.post(`${requestUrl('banjarmasin-kota', number)}/actions`, { action: 'aktifkan', version, ...product });
    const both = await Promise.all([send(verifier), send(verifier2)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.database.db.select({ n: count() }).from(vendorReceipts).where(eq(vendorReceipts.vendorId, one.vendor.id)))[0]!.n).toBe(1);

    const two = await vendorsOf.vendor({ agency: 'banjarmasin-kota', verified: true });
    const first = await fileAtDesk(two.vendor.id, 'aktivasi-user-id');
    const second = await fileAtDesk(two.vendor.id, 'aktivasi-user-id');
    const [a, b] = await Promise.all([act(verifier, 'banjarmasin-kota', first, 'aktifkan', product), act(verifier2, 'banjarmasin-kota', second, 'aktifkan', product)]);
    const refused = [a, b].find((r) => r.statusCode !== 200)!;
    expect([a, b].filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'account', rule: 'vendor.account_already_active' });
    const steps = await Promise.all([first, second].map(async (n) => (await staffView(verifier, 'banjarmasin-kota', n)).step.code));
    expect(steps.sort()).toEqual(['selesai', 'verifikasi']);
    expect((await vendorView(two.vendor.id)).history.filter((h: { field: string }) => h.field === 'account.status')).toHaveLength(1);
  });

  it('deactivation with a reason; an inactive account files nothing but re-activation; deactivating it again is refused, also at the action', async () => {
    const made = await activeVendor();
    const id = made.vendor.id;
    const missingReason = await desk.post(`${bjm}/vendors/${id}/services`, { service: 'nonaktif-user-id' });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().error.details[0]).toMatchObject({ field: 'change.reason', rule: 'required' });

    const first = await fileAtDesk(id, 'nonaktif-user-id', { change: { reason: 'Perusahaan berhenti berusaha' } });
    const pending = await fileAtDesk(id, 'nonaktif-user-id', { change: { reason: 'Permintaan direktur' } });
    const done = await act(verifier, 'banjarmasin-kota', first, 'nonaktifkan', product);
    expect(done.statusCode, done.body).toBe(200);
    expect((await vendorView(id)).accounts[0]).toMatchObject({ status: 'inactive', deactivationReason: 'Perusahaan berhenti berusaha', deactivatedRequest: first });

    const before = await staffView(verifier, 'banjarmasin-kota', pending);
    const again = await act(verifier, 'banjarmasin-kota', pending, 'nonaktifkan', product);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toEqual({ field: 'account', rule: 'vendor.account_already_inactive', message: 'the account is already inactive' });
    expect((await staffView(verifier, 'banjarmasin-kota', pending)).version).toBe(before.version);

    const count0 = await requestsOf(id);
    const refusedStart = await desk.request({ method: 'POST', url: `${bjm}/vendors/${id}/services`, payload: { service: 'nonaktif-user-id', change: { reason: 'lagi' } }, headers: { 'accept-language': 'id' } });
    expect(refusedStart.statusCode).toBe(409);
    expect(refusedStart.json().error.details[0]).toEqual({ field: 'account', rule: 'vendor.account_already_inactive', message: 'akun sudah nonaktif' });
    const email = await desk.post(`${bjm}/vendors/${id}/services`, { service: 'perubahan-email', change: { email: 'baru@vendor.id' } });
    expect(email.statusCode).toBe(409);
    expect(email.json().error.details[0]).toMatchObject({ rule: 'vendor.account_inactive' });
    expect(await requestsOf(id)).toBe(count0);

    const reactivate = await fileAtDesk(id, 'aktivasi-user-id');
    expect((await act(verifier, 'banjarmasin-kota', reactivate, 'aktifkan', product)).statusCode).toBe(200);
    expect((await vendorView(id)).accounts[0]).toMatchObject({ status: 'active', deactivatedAt: null, activatedRequest: reactivate });
  });

  it("e-mail change: refused for another vendor's address; the single-use link goes to the new address and the old one is told; it takes effect once, when opened", async () => {
    const made = await activeVendor({}, { userId: `mail${randomBytes(3).toString('hex')}`, email: 'lama@penyedia.id' });
    const other = await vendorsOf.vendor({ agency: 'klungkung-kab', account: { userId: 'lainnya01', email: 'milik.lain@penyedia.id' } });
    const id = made.vendor.id;
    const taken = await desk.post(`${bjm}/vendors/${id}/services`, { service: 'perubahan-email', change: { email: 'milik.lain@penyedia.id' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0]).toMatchObject({ field: 'change.email', rule: 'vendor.email_taken' });

    // Free when filed, taken by another vendor before the verifier acts: refused at the action, nothing done.
    const raced = await fileAtDesk(id, 'perubahan-email', { change: { email: 'rebutan@penyedia.id' } });
    await vendorsOf.vendor({ agency: 'banjarmasin-kota', account: { userId: `rebut${randomBytes(3).toString('hex')}`, email: 'rebutan@penyedia.id' } });
    const refused = await act(verifier, 'banjarmasin-kota', raced, 'ubah-email', product);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'change.email', rule: 'vendor.email_taken' });
    expect((await staffView(verifier, 'banjarmasin-kota', raced)).step.code).toBe('verifikasi');

    const number = await fileAtDesk(id, 'perubahan-email', { change: { email: 'baru@penyedia.id' } });
    const since = smtp.messages.length;
    const changed = await act(verifier, 'banjarmasin-kota', number, 'ubah-email', product);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().events.at(-1).data.effects['vendor.changeEmail']).toMatchObject({ pendingEmail: 'b***u@penyedia.id' });
    const pendingView = (await vendorView(id)).accounts[0];
    expect(pendingView).toMatchObject({ email: 'lama@penyedia.id', pendingEmail: { email: 'baru@penyedia.id', requestNumber: number } });

    const link = await smtp.waitFor('baru@penyedia.id', since);
    expect(link.text).toContain(`${publicUrl}/penyedia/konfirmasi-email#token=`);
    const notice = await smtp.waitFor('lama@penyedia.id', since);
    expect(notice.text).toContain('b***u@penyedia.id');
    expect(notice.text).not.toContain(tokenInMail(link.text));

    const unknown = await t.app.inject({ method: 'POST', url: '/api/public/vendors/email-confirmations', payload: { token: randomBytes(24).toString('base64url') } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.details[0].rule).toBe('vendor.email_link_invalid');
    const sinceConfirm = smtp.messages.length;
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/public/vendors/email-confirmations', payload: { token: tokenInMail(link.text) } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ email: 'baru@penyedia.id', agency: 'banjarmasin-kota', userId: made.account!.userId });
    const view = await vendorView(id);
    expect(view.accounts[0]).toMatchObject({ email: 'baru@penyedia.id', pendingEmail: null });
    expect(view.history[0]).toMatchObject({ field: 'account.email', oldValue: 'lama@penyedia.id', newValue: 'baru@penyedia.id', requestNumber: number });
    expect((await smtp.waitFor('lama@penyedia.id', sinceConfirm)).text).toContain('b***u@penyedia.id');
    const reused = await t.app.inject({ method: 'POST', url: '/api/public/vendors/email-confirmations', payload: { token: tokenInMail(link.text) } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.details[0].rule).toBe('vendor.email_link_used');
    expect(other.account?.email).toBe('milik.lain@penyedia.id');
  });

  it('refuses a change to what is already recorded (e-mail, NPWP, legal form) and an aggregation of an account not active; a renewed link replaces the old one, and a link expires after 72 hours', async () => {
    const made = await activeVendor({ legalForm: 'cv' }, { userId: `sama${randomBytes(3).toString('hex')}`, email: 'sama@penyedia.id' });
    const id = made.vendor.id;
    const same = async (service: string, change: Record<string, string>, field: string, rule: string) => {
      const res = await desk.post(`${bjm}/vendors/${id}/services`, { service, change, documents: [] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field, rule });
    };
    await same('perubahan-email', { email: 'SAMA@penyedia.id' }, 'change.email', 'vendor.email_same');
    await same('perubahan-npwp', { npwp: made.vendor.npwp }, 'change.npwp', 'vendor.npwp_same');
    await same('perubahan-status-perusahaan', { legalForm: 'cv' }, 'change.legalForm', 'vendor.legal_form_same');
    const waiting = await vendorsOf.vendor({ agency: 'banjarmasin-kota', verified: true });
    const adp = await desk.post(`${bjm}/vendors/${waiting.vendor.id}/services`, { service: 'agregasi-data-penyedia' });
    expect(adp.statusCode).toBe(409);
    expect(adp.json().error.details[0]).toMatchObject({ field: 'account', rule: 'vendor.account_not_active' });

    const number = await fileAtDesk(id, 'perubahan-email', { change: { email: 'kedua@penyedia.id' } });
    const since = smtp.messages.length;
    expect((await act(verifier, 'banjarmasin-kota', number, 'ubah-email', product)).statusCode).toBe(200);
    const first = tokenInMail((await smtp.waitFor('kedua@penyedia.id', since)).text);
    const pending = (await vendorView(id)).accounts[0].pendingEmail;
    const sinceResend = smtp.messages.length;
    const renewed = await desk.post(`${bjm}/email-changes/${pending.id}/resend`);
    expect(renewed.statusCode, renewed.body).toBe(200);
    const second = tokenInMail((await smtp.waitFor('kedua@penyedia.id', sinceResend)).text);
    const old = await t.app.inject({ method: 'POST', url: '/api/public/vendors/email-confirmations', payload: { token: first } });
    expect(old.statusCode).toBe(409);
    expect(old.json().error.details[0].rule).toBe('vendor.email_link_expired');
    const saved = now;
    now = new Date(now.getTime() + 73 * 3_600_000);
    try {
      const late = await t.app.inject({ method: 'POST', url: '/api/public/vendors/email-confirmations', payload: { token: second } });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.details[0].rule).toBe('vendor.email_link_expired');
    } finally {
      now = saved;
    }
    expect((await vendorView(id)).accounts[0].email).toBe('sama@penyedia.id');
    const inTime = await t.app.inject({ method: 'POST', url: '/api/public/vendors/email-confirmations', payload: { token: second } });
    expect(inTime.statusCode).toBe(200);
    expect((await vendorView(id)).accounts[0].email).toBe('kedua@penyedia.id');
  });

  it('CV → PT: refused without the new deed and NIB, and while they are not verified; then the legal form, name and NIB change, the account and history staying with the company', async () => {
    const made = await activeVendor({ name: 'Karya Banua', legalForm: 'cv' });
    const id = made.vendor.id;
    const change = { legalForm: 'pt', name: 'Karya Banua Sejahtera', nib: testNib() };
    const withoutDeed = await desk.post(`${bjm}/vendors/${id}/services`, { service: 'perubahan-status-perusahaan', change });
    expect(withoutDeed.statusCode).toBe(400);
    expect(withoutDeed.json().error.details[0]).toMatchObject({ field: 'documents', rule: 'vendor.legal_form_documents' });

    const upload = async (kind: string) =>
      (await desk.request({ method: 'POST', url: `${bjm}/vendors/${id}/documents`, ...multipart({ kind, number: `${kind}-PT` }, { name: `${kind}.pdf`, content: testPdf() }) })).json().id as string;
    const deed = await upload('akta_perubahan');
    const nib = await upload('nib');
    const documents = [
      { requirementCode: 'akta-perubahan', documentId: deed },
      { requirementCode: 'izin-usaha', documentId: nib },
    ];
    const number = await fileAtDesk(id, 'perubahan-status-perusahaan', { change, documents });
    const early = await act(verifier, 'banjarmasin-kota', number, 'ubah-status', product);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toMatchObject({ rule: 'vendor.legal_form_documents' });
    expect((await vendorView(id)).legalForm).toBe('cv');

    for (const doc of [deed, nib]) await verifier.post(`${bjm}/vendors/${id}/documents/${doc}/verify`, { originalShown: true });
    const done = await act(verifier, 'banjarmasin-kota', number, 'ubah-status', product);
    expect(done.statusCode, done.body).toBe(200);
    const view = await vendorView(id);
    expect(view).toMatchObject({ id, legalForm: 'pt', name: 'Karya Banua Sejahtera', nib: change.nib });
    expect(view.accounts[0]).toMatchObject({ id: made.account!.id, status: 'active' });
    expect(view.history.filter((h: { requestNumber: string }) => h.requestNumber === number).map((h: { field: string }) => h.field).sort()).toEqual(['legalForm', 'name', 'nib']);
  });

  it('NPWP: a wrong check digit and another vendor’s NPWP are refused; the move from 15 to 16 digits is recorded as a change', async () => {
    const made = await activeVendor();
    const other = await vendorsOf.vendor({ agency: 'banjarmasin-kota', account: null, documents: [] });
    const id = made.vendor.id;
    const wrong = await desk.post(`${bjm}/vendors/${id}/services`, { service: 'perubahan-npwp', change: { npwp: withWrongCheckDigit(testNpwp().digits) } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'change.npwp', rule: 'npwp.check_digit' });
    const taken = await desk.post(`${bjm}/vendors/${id}/services`, { service: 'perubahan-npwp', change: { npwp: other.vendor.npwp } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0]).toMatchObject({ field: 'change.npwp', rule: 'vendor.duplicate' });

    const sixteen = `0${made.input.npwp}`;
    const number = await fileAtDesk(id, 'perubahan-npwp', { change: { npwp: sixteen } });
    const done = await act(verifier, 'banjarmasin-kota', number, 'ubah-npwp', product);
    expect(done.statusCode, done.body).toBe(200);
    const view = await vendorView(id);
    expect(view.npwp).toBe(sixteen);
    expect(view.history[0]).toMatchObject({ field: 'npwp', oldValue: made.vendor.npwp, newValue: sixteen, requestNumber: number });
    // Still found by either form.
    expect((await desk.get(`${bjm}/vendors?q=${made.input.npwp}`)).json().items[0].id).toBe(id);
  });

  it("Agregasi Data Penyedia: handed to LKPP with its reference after the agency's part, LKPP's answer recorded once, the request closed on it", async () => {
    const made = await activeVendor();
    const number = await fileAtDesk(made.vendor.id, 'agregasi-data-penyedia');
    const noReference = await act(verifier, 'banjarmasin-kota', number, 'ajukan-lkpp');
    expect(noReference.statusCode).toBe(409);
    const handed = await act(verifier, 'banjarmasin-kota', number, 'ajukan-lkpp', { externalReference: 'LKPP-ADP-2026-0042' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json()).toMatchObject({ step: { code: 'proses-lkpp' }, tier: { code: 'lkpp' }, external: { reference: 'LKPP-ADP-2026-0042' } });
    const aggregation = (await vendorView(made.vendor.id)).aggregations[0];
    expect(aggregation).toMatchObject({ state: 'submitted', lkppReference: 'LKPP-ADP-2026-0042', requestNumber: number, result: null });

    const answered = await verifier.post(`${bjm}/aggregations/${aggregation.id}/result`, { outcome: 'approved', reference: 'ADP/2026/77' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'approved', result: { outcome: 'approved', reference: 'ADP/2026/77' } });
    const again = await verifier.post(`${bjm}/aggregations/${aggregation.id}/result`, { outcome: 'rejected' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].rule).toBe('vendor.aggregation_state');
    const closed = await act(verifier, 'banjarmasin-kota', number, 'selesai-lkpp', { product: { text: 'ADP disetujui LKPP (ADP/2026/77)' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
  });

  it('Klungkung: the verification of a vendor active at Banjarmasin gives it its Klungkung account; each agency sees its own account and requests', async () => {
    const made = await activeVendor();
    const id = made.vendor.id;
    const started = await klkVerifier.post(`${klk}/vendors/${id}/services`, {
      service: 'verifikasi-akun-penyedia',
      account: { userId: made.account!.userId, email: made.account!.email },
    });
    expect(started.statusCode, started.body).toBe(201);
    const number = started.json().receipt.number as string;
    // The vendor registered online; the desk hands the files over on its behalf.
    expect((await act(klkVerifier, 'klungkung-kab', number, 'serahkan-berkas')).statusCode).toBe(200);
    await completeChecklist(klkVerifier, 'klungkung-kab', number);
    const approved = await act(klkVerifier, 'klungkung-kab', number, 'setujui', { product: { text: 'Akun disetujui' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().events.at(-1).data.effects['vendor.activate']).toMatchObject({ status: 'active' });

    const inKlk = await vendorView(id, klkVerifier, klk);
    expect(inKlk.accounts).toEqual([expect.objectContaining({ agency: expect.objectContaining({ code: 'klungkung-kab' }), status: 'active', activatedRequest: number })]);
    expect(inKlk.requests.map((r: { agency: string }) => r.agency)).toEqual(['klungkung-kab']);
    expect(inKlk.receipts).toHaveLength(1);
    const inBjm = await vendorView(id);
    expect(inBjm.accounts.map((a: { agency: { code: string } }) => a.agency.code)).toEqual(['banjarmasin-kota']);
    expect(inBjm.requests.every((r: { agency: string }) => r.agency === 'banjarmasin-kota')).toBe(true);
    const receipt = pdfText((await klkVerifier.get(`${klk}/receipts/${inKlk.receipts[0].id}`)).rawPayload);
    expect(receipt).toContain('Jasa pembuatan User ID dan Password SPSE');
  });

  it('a request typed in by hand reaches its vendor by NPWP; a change filed so needs the change recorded by linking; an unknown NPWP is refused', async () => {
    const made = await activeVendor();
    const intake = (npwp: string) =>
      desk.post('/api/requests/agencies/banjarmasin-kota/intake', {
        service: 'perubahan-npwp',
        channel: 'walk-in',
        title: 'Perubahan NPWP',
        requester: { type: 'vendor', name: 'Budi Santoso', email: 'budi@vendor.id' },
        organisation: { name: 'CV Manual', npwp },
      });
    const filed = await intake(made.vendor.npwp);
    expect(filed.statusCode, filed.body).toBe(201);
    const number = filed.json().number as string;
    await completeChecklist(desk, 'banjarmasin-kota', number);
    await act(desk, 'banjarmasin-kota', number, 'lengkap');
    const found = (await desk.get(`${bjm}/requests/${number}/vendor`)).json();
    expect(found).toMatchObject({ vendor: { id: made.vendor.id }, request: null });
    const unlinked = await act(verifier, 'banjarmasin-kota', number, 'ubah-npwp', product);
    expect(unlinked.statusCode).toBe(409);
    expect(unlinked.json().error.details[0]).toMatchObject({ field: 'request', rule: 'vendor.change_missing' });

    const sixteen = `0${made.input.npwp}`;
    const linked = await desk.request({ method: 'PUT', url: `${bjm}/requests/${number}/vendor`, payload: { vendorId: made.vendor.id, change: { npwp: sixteen } } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().request).toMatchObject({ state: 'filed', requestNumber: number, change: { npwp: sixteen } });
    const twice = await desk.request({ method: 'PUT', url: `${bjm}/requests/${number}/vendor`, payload: { vendorId: made.vendor.id, change: { npwp: sixteen } } });
    expect(twice.statusCode).toBe(409);
    expect((await act(verifier, 'banjarmasin-kota', number, 'ubah-npwp', product)).statusCode).toBe(200);

    const stranger = await intake(testNpwp().dotted);
    const strangerNumber = stranger.json().number as string;
    await completeChecklist(desk, 'banjarmasin-kota', strangerNumber);
    await act(desk, 'banjarmasin-kota', strangerNumber, 'lengkap');
    const unknown = await act(verifier, 'banjarmasin-kota', strangerNumber, 'ubah-npwp', product);
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'organisation.npwp', rule: 'vendor.not_registered' });
  });
});
