import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorAccounts, vendors } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories, type Person } from '../../test/factories.js';
import { Browser } from '../../test/identity-fixtures.js';
import { createVendorFactories, multipart, testCompany, testNib, testNik, testNpwp, testPdf, withWrongCheckDigit, type VendorFactories } from '../../test/vendor-fixtures.js';

/** The registry: registration and its refusals, the vendor's own side, documents, search, history across agencies, import and export. */
describe('vendor registry', () => {
  let t: TestApp;
  let make: Factories;
  let vendorsOf: VendorFactories;
  // Tuesday 10 March 2026, 09:00 WITA.
  const now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const secretKey = randomBytes(32);
  const bjm = '/api/vendors/agencies/banjarmasin-kota';
  const klk = '/api/vendors/agencies/klungkung-kab';
  let desk: Browser;
  let supervisor: Browser;
  let klkDesk: Browser;
  let owner: Browser;
  let stranger: Browser;
  let ownerPerson: Person;

  async function signedIn(person: Person): Promise<Browser> {
    const browser = new Browser(t.app);
    const res = await browser.signIn(person.email, person.password, person.totpSecret ? { secret: person.totpSecret, at: now } : undefined);
    expect(res.statusCode, res.body).toBe(200);
    return browser;
  }

  const vendorCount = async () => (await t.database.db.select({ n: count() }).from(vendors))[0]!.n;

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { clock, secretKey, mailer }, requests: { secretKey } });
    make = createFactories({ ...t, mails: mailer.sent });
    vendorsOf = createVendorFactories(t.services);
    await make.standards({ codes: ['banjarmasin-kota', 'klungkung-kab'] });
    desk = await signedIn(await make.officer({ agency: 'banjarmasin-kota', roles: ['helpdesk'] }));
    supervisor = await signedIn(await make.officer({ agency: 'banjarmasin-kota', roles: ['kasubbag-lpse'] }));
    klkDesk = await signedIn(await make.officer({ agency: 'klungkung-kab', roles: ['verifikator'] }));
    ownerPerson = await make.requester({ requesterType: 'vendor', name: 'Rina Wati' });
    owner = await signedIn(ownerPerson);
    stranger = await signedIn(await make.requester({ requesterType: 'vendor' }));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('registers a vendor at the counter; a second registration with the same NPWP (either form) or NIB is refused naming the first, and stores nothing', async () => {
    const company = testCompany();
    const first = await desk.post(`${bjm}/vendors`, company);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ name: company.name, legalForm: 'cv', nib: company.nib, persons: [{ role: 'direktur', nik: company.persons[0]!.nik }], accounts: [] });
    expect(first.json().history[0]).toMatchObject({ field: 'person.added' });
    const before = await vendorCount();

    // The same NPWP written in its 16-digit form, dotted: still the same vendor.
    const sixteen = `0${company.npwp}`;
    const again = await desk.request({ method: 'POST', url: `${bjm}/vendors`, payload: testCompany({ npwp: sixteen }), headers: { 'accept-language': 'en' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toMatchObject({ field: 'npwp', rule: 'vendor.duplicate' });
    expect(again.json().error.details[0].message).toContain(company.name);

    const sameNib = await desk.post(`${bjm}/vendors`, testCompany({ nib: company.nib }));
    expect(sameNib.statusCode).toBe(409);
    expect(sameNib.json().error.details[0]).toMatchObject({ field: 'nib', rule: 'vendor.duplicate' });
    expect(sameNib.json().error.message).toContain(company.name);
    expect(await vendorCount()).toBe(before);
  });

  it('refuses a wrong NPWP check digit and a NIB that is not 13 digits with the field and the rule, in Indonesian and English, storing nothing', async () => {
    const before = await vendorCount();
    const wrong = testCompany({ npwp: withWrongCheckDigit(testNpwp().digits) });
    const id = await desk.request({ method: 'POST', url: `${bjm}/vendors`, payload: wrong, headers: { 'accept-language': 'id' } });
    expect(id.statusCode).toBe(400);
    expect(id.json().error.details[0]).toEqual({ field: 'npwp', rule: 'npwp.check_digit', message: 'angka kontrol NPWP (digit ke-9) tidak cocok' });
    const en = await desk.request({ method: 'POST', url: `${bjm}/vendors`, payload: wrong, headers: { 'accept-language': 'en' } });
    expect(en.json().error.details[0]).toEqual({ field: 'npwp', rule: 'npwp.check_digit', message: 'the NPWP check digit (digit 9) does not match' });

    const shortNib = await desk.request({ method: 'POST', url: `${bjm}/vendors`, payload: testCompany({ nib: '912000123456' }), headers: { 'accept-language': 'en' } });
    expect(shortNib.statusCode).toBe(400);
    expect(shortNib.json().error.details[0]).toEqual({ field: 'nib', rule: 'nib.format', message: 'a NIB has 13 digits' });
    expect(await vendorCount()).toBe(before);
  });

  it("lets a person register their company, upload a document once and see it; nobody else's session sees the company", async () => {
    const company = testCompany();
    const { persons: _p, ...fields } = company;
    const created = await owner.post('/api/portal/vendors', { ...fields, self: { role: 'direktur', nik: testNik() } });
    expect(created.statusCode, created.body).toBe(201);
    const vendor = created.json();
    expect(vendor.persons).toEqual([expect.objectContaining({ name: 'Rina Wati', role: 'direktur', email: ownerPerson.email, signsIn: true })]);
    expect((await owner.get('/api/portal/vendors')).json().items).toEqual([expect.objectContaining({ id: vendor.id, name: company.name })]);

    const pdf = testPdf('akta');
    const body = multipart({ kind: 'akta_pendirian', number: '12', issuedOn: '2019-05-02' }, { name: 'akta.pdf', content: pdf });
    const uploaded = await owner.request({ method: 'POST', url: `/api/portal/vendors/${vendor.id}/documents`, ...body });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ kind: 'akta_pendirian', number: '12', issuedOn: '2019-05-02', mimeType: 'application/pdf', verification: null });
    const download = await owner.get(`/api/portal/vendors/${vendor.id}/documents/${uploaded.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // A document kind outside the list, and a file that is not a document, are refused.
    const badKind = await owner.request({ method: 'POST', url: `/api/portal/vendors/${vendor.id}/documents`, ...multipart({ kind: 'paspor' }, { name: 'x.pdf', content: testPdf() }) });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.details[0]).toMatchObject({ field: 'kind', rule: 'invalid_value' });
    const notPdf = await owner.request({ method: 'POST', url: `/api/portal/vendors/${vendor.id}/documents`, ...multipart({ kind: 'npwp' }, { name: 'x.pdf', content: Buffer.from('plain text') }) });
    expect(notPdf.statusCode).toBe(415);

    for (const url of [`/api/portal/vendors/${vendor.id}`, `/api/portal/vendors/${vendor.id}/documents/${uploaded.json().id}`]) {
      expect((await stranger.get(url)).statusCode).toBe(404);
    }
    expect((await stranger.get('/api/portal/vendors')).json().items).toEqual([]);
  });

  it('links a person the desk recorded with an e-mail to that person when they sign in with it', async () => {
    const person = await make.requester({ requesterType: 'vendor', name: 'Agus Salim' });
    const company = testCompany({ persons: [{ role: 'kuasa', name: 'Agus Salim', nik: testNik(), email: person.email }] });
    const registered = await desk.post(`${bjm}/vendors`, company);
    expect(registered.statusCode).toBe(201);
    const browser = await signedIn(person);
    expect((await browser.get('/api/portal/vendors')).json().items.map((v: { id: string }) => v.id)).toEqual([registered.json().id]);
    expect((await browser.get(`/api/portal/vendors/${registered.json().id}`)).json().persons[0].signsIn).toBe(true);
  });

  it('searches by NPWP in either form, NIB, a misspelt name, user ID and e-mail, and pages through the registry', async () => {
    const made = await vendorsOf.vendor({ agency: 'banjarmasin-kota', company: { name: 'Sinar Harapan Borneo', legalForm: 'pt' }, account: { userId: 'sinarharapan', email: 'spse@sinar-harapan.co.id' } });
    const id = made.vendor.id;
    const dotted = made.vendor.npwp;
    const search = async (q: string, extra = '') => (await desk.get(`${bjm}/vendors?q=${encodeURIComponent(q)}${extra}`)).json();

    expect((await search(dotted)).items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await search(`0${made.input.npwp}`)).items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await search(made.input.nib!)).items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await search('PT Sinar Harpan Borneo')).items[0]).toMatchObject({ id, account: { userId: 'sinarharapan', status: 'awaiting_verification' } });
    expect((await search('sinar harapan', '&by=name')).items[0].id).toBe(id);
    // Words in another order, and a word no name holds, still find it.
    expect((await search('Harapan Sinar', '&by=name')).items[0].id).toBe(id);
    expect((await search('Sinar Harapan Kalsel', '&by=name')).items[0].id).toBe(id);
    expect((await search('SinarHarapan', '&by=user_id')).items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await search('sinarharapan')).items[0].id).toBe(id);
    expect((await search('spse@sinar-harapan.co.id')).items.map((v: { id: string }) => v.id)).toEqual([id]);
    expect((await search(made.input.email)).items.map((v: { id: string }) => v.id)).toEqual([id]);
    // Another agency does not see this agency's account, nor find the vendor by its user ID.
    const elsewhere = (await klkDesk.get(`${klk}/vendors?q=${encodeURIComponent(dotted)}`)).json();
    expect(elsewhere.items).toEqual([expect.objectContaining({ id, account: null })]);
    expect((await klkDesk.get(`${klk}/vendors?q=sinarharapan&by=user_id`)).json().items).toEqual([]);

    for (let i = 0; i < 4; i++) await vendorsOf.vendor({ agency: 'banjarmasin-kota', company: { name: `Halaman Uji ${i}` }, documents: [], account: null });
    const seen = new Set<string>();
    let url = `${bjm}/vendors?limit=2`;
    for (let page = 0; page < 50; page++) {
      const body = (await desk.get(url)).json();
      for (const v of body.items) {
        expect(seen.has(v.id)).toBe(false);
        seen.add(v.id);
      }
      if (!body.next) break;
      url = `${bjm}/vendors?limit=2&after=${body.next}`;
    }
    expect(seen.size).toBe(await vendorCount());
    const withAccount = (await desk.get(`${bjm}/vendors?withAccount=true&limit=100`)).json().items;
    expect(withAccount.every((v: { account: unknown }) => v.account !== null)).toBe(true);
  });

  it('marks a document verified with who, where and when, refuses to verify a replaced one, and keeps contact changes versioned', async () => {
    const made = await vendorsOf.vendor({ agency: 'banjarmasin-kota', documents: ['izin_usaha'] });
    const base = `${bjm}/vendors/${made.vendor.id}`;
    const oldDoc = made.documents[0]!;
    const verified = await desk.post(`${base}/documents/${oldDoc.id}/verify`, { originalShown: true, note: 'Asli diperlihatkan di loket' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().verification).toMatchObject({ originalShown: true, agency: 'banjarmasin-kota', at: now.toISOString(), note: 'Asli diperlihatkan di loket' });
    expect(verified.json().verification.by).toMatch(/@example\.id$/);

    const renewed = await desk.request({ method: 'POST', url: `${base}/documents`, ...multipart({ kind: 'izin_usaha', number: 'SIUP-2026', replaces: oldDoc.id }, { name: 'siup.pdf', content: testPdf() }) });
    expect(renewed.statusCode, renewed.body).toBe(201);
    const stale = await desk.post(`${base}/documents/${oldDoc.id}/verify`, { originalShown: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0]).toMatchObject({ rule: 'vendor.document_superseded' });
    const view = (await desk.get(base)).json();
    expect(view.documents.find((d: { id: string }) => d.id === oldDoc.id).supersededAt).toBe(now.toISOString());
    expect(view.history.map((h: { field: string }) => h.field)).toEqual(expect.arrayContaining(['document.added', 'document.verified', 'document.superseded']));

    const changed = await desk.request({ method: 'PATCH', url: base, payload: { version: view.version, address: 'Jl. A. Yani Km 5, Banjarmasin', phone: '0511 3300 111' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ address: 'Jl. A. Yani Km 5, Banjarmasin', phone: '625113300111', version: view.version + 1 });
    const lost = await desk.request({ method: 'PATCH', url: base, payload: { version: view.version, address: 'Jl. Lain' } });
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.details[0]).toMatchObject({ field: 'version', rule: 'stale_version' });
    const nibAgain = await desk.request({ method: 'PATCH', url: base, payload: { version: view.version + 1, nib: testNib() } });
    expect(nibAgain.statusCode).toBe(409);
    expect(nibAgain.json().error.details[0]).toMatchObject({ field: 'nib', rule: 'vendor.nib_set' });
  });

  it("shows every agency the shared company data and its history, but not another agency's account entries or request numbers", async () => {
    const made = await vendorsOf.vendor({ agency: 'banjarmasin-kota', account: { userId: 'bersama01', email: 'bersama01@vendor.id' } });
    const inBjm = (await desk.get(`${bjm}/vendors/${made.vendor.id}`)).json();
    expect(inBjm.accounts).toEqual([expect.objectContaining({ userId: 'bersama01', agency: { code: 'banjarmasin-kota', name: expect.any(String) } })]);
    expect(inBjm.history.some((h: { field: string }) => h.field === 'account.registered')).toBe(true);

    const inKlk = (await klkDesk.get(`${klk}/vendors/${made.vendor.id}`)).json();
    expect(inKlk).toMatchObject({ id: made.vendor.id, npwp: made.vendor.npwp, accounts: [], requests: [], receipts: [] });
    expect(inKlk.history.some((h: { field: string }) => h.field.startsWith('account.'))).toBe(false);
    expect(inKlk.history.some((h: { field: string; agency: string }) => h.field === 'document.added' && h.agency === 'banjarmasin-kota')).toBe(true);
    expect(inKlk.history.every((h: { requestNumber: string | null }) => h.requestNumber === null)).toBe(true);

    const klkAccount = await klkDesk.post(`${klk}/vendors/${made.vendor.id}/account`, { userId: 'bersama01', email: 'bersama01@vendor.id' });
    expect(klkAccount.statusCode, klkAccount.body).toBe(201);
    expect((await klkDesk.get(`${klk}/vendors/${made.vendor.id}`)).json().accounts).toHaveLength(1);
    const again = await klkDesk.post(`${klk}/vendors/${made.vendor.id}/account`, { userId: 'lain01', email: 'lain01@vendor.id' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0]).toMatchObject({ field: 'account', rule: 'vendor.account_exists' });
  });

  it("refuses an account e-mail held by another vendor's account (at any agency) and a user ID taken at the agency", async () => {
    const first = await vendorsOf.vendor({ agency: 'banjarmasin-kota', account: { userId: 'pemilik01', email: 'dipakai@vendor.id' } });
    const second = await vendorsOf.vendor({ agency: 'banjarmasin-kota', account: null });
    const taken = await klkDesk.post(`${klk}/vendors/${second.vendor.id}/account`, { userId: 'lain02', email: 'DIPAKAI@vendor.id' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0]).toMatchObject({ field: 'email', rule: 'vendor.email_taken' });
    const userId = await desk.post(`${bjm}/vendors/${second.vendor.id}/account`, { userId: 'PEMILIK01', email: 'bebas@vendor.id' });
    expect(userId.statusCode).toBe(409);
    expect(userId.json().error.details[0]).toMatchObject({ field: 'userId', rule: 'vendor.user_id_taken' });
    expect(await t.database.db.select().from(vendorAccounts).where(eq(vendorAccounts.vendorId, second.vendor.id))).toEqual([]);
    expect(first.account?.status).toBe('awaiting_verification');
  });

  describe('import and export', () => {
    const header = 'npwp;nib;nama;bentuk_usaha;alamat;email;telepon;penanggung_jawab_nama;penanggung_jawab_nik;penanggung_jawab_peran;penanggung_jawab_jabatan;user_id;email_akun;status_akun';
    const rows = [0, 1, 2].map((i) => {
      const npwp = testNpwp();
      return [npwp.dotted, testNib(), `Impor Sentosa ${i}`, i === 0 ? 'PT' : 'cv', `Jl. Impor ${i}`, `impor${i}@sentosa.id`, `0811500${600 + i}`, `Pengurus ${i}`, testNik(), 'direktur', 'Direktur', `impor${i}`, `spse.impor${i}@sentosa.id`, i === 2 ? 'nonaktif' : 'aktif'];
    });
    const csv = (lines: string[][]) => Buffer.from(`\uFEFF${header}\n${lines.map((l) => l.join(';')).join('\n')}\n`);

    it('reports a dry run without storing; refuses a file with row errors naming row, column and rule, storing nothing; imports; re-imports as unchanged', async () => {
      const send = async (content: Buffer, dryRun: boolean) => {
        const body = multipart({}, { name: 'penyedia.csv', content, type: 'text/csv' });
        return supervisor.request({ method: 'POST', url: `${bjm}/import?dryRun=${dryRun}`, ...body });
      };
      const before = await vendorCount();
      const dry = await send(csv(rows), true);
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json()).toEqual({ dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
      expect(await vendorCount()).toBe(before);

      const broken = [
        ...rows,
        [withWrongCheckDigit(testNpwp().digits), '123', 'Rusak', 'pt', 'Jl. X', 'rusak@x.id', '', '', '', '', '', '', '', ''],
        [testNpwp().digits, '', 'Tanpa User', 'cv', 'Jl. Y', 'tanpa@x.id', '', '', '', '', '', '', '', 'aktif'],
        rows[0]!,
      ];
      const refused = await send(csv(broken), false);
      expect(refused.statusCode).toBe(400);
      const fields = refused.json().error.details.map((d: { field: string; rule: string }) => `${d.field} ${d.rule}`);
      expect(fields).toEqual(expect.arrayContaining(['rows.5.npwp npwp.check_digit', 'rows.5.nib nib.format', 'rows.6.user_id required', 'rows.7.npwp vendor.import_repeated']));
      const dryBroken = await send(csv(broken), true);
      expect(dryBroken.statusCode).toBe(200);
      expect(dryBroken.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 5, field: 'npwp', rule: 'npwp.check_digit' })]));
      expect(await vendorCount()).toBe(before);

      const done = await send(csv(rows), false);
      expect(done.json()).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0, errors: [] });
      expect(await vendorCount()).toBe(before + 3);
      const pt = (await desk.get(`${bjm}/vendors?q=${encodeURIComponent(rows[0]![0]!)}`)).json().items[0];
      expect(pt).toMatchObject({ name: 'Impor Sentosa 0', legalForm: 'pt', account: { userId: 'impor0', status: 'active' } });
      expect((await send(csv(rows), false)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });

      const moved = rows.map((r, i) => (i === 1 ? [...r.slice(0, 4), 'Jl. Baru 9', ...r.slice(5)] : r));
      expect((await send(csv(moved), false)).json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
      const history = (await desk.get(`${bjm}/vendors/${(await desk.get(`${bjm}/vendors?q=${encodeURIComponent(rows[1]![0]!)}`)).json().items[0].id}`)).json().history;
      expect(history[0]).toMatchObject({ field: 'address', oldValue: 'Jl. Impor 1', newValue: 'Jl. Baru 9', agency: 'banjarmasin-kota' });
    });

    it('exports the agency’s vendors in the same columns, CSV and XLSX, and both import back unchanged', async () => {
      const exported = await supervisor.get(`${bjm}/export?format=csv`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toContain('text/csv');
      const text = exported.rawPayload.toString('utf8');
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(header.replaceAll(';', ','));
      const send = async (content: Buffer, name: string) => supervisor.request({ method: 'POST', url: `${bjm}/import?dryRun=false`, ...multipart({}, { name, content }) });
      const back = await send(exported.rawPayload, 'penyedia.csv');
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json()).toMatchObject({ created: 0, updated: 0, errors: [] });
      expect(back.json().unchanged).toBeGreaterThanOrEqual(3);

      const xlsx = await supervisor.get(`${bjm}/export?format=xlsx`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('npwp');
      // NPWP kept as text: the leading zero survives the spreadsheet.
      expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^0\d{14,15}$/);
      const fromXlsx = await send(xlsx.rawPayload, 'penyedia.xlsx');
      expect(fromXlsx.json()).toMatchObject({ created: 0, updated: 0, errors: [] });

      // Reading the registry is the desk's; import and export are the supervisors'.
      expect((await desk.get(`${bjm}/export?format=csv`)).statusCode).toBe(403);
      expect((await desk.request({ method: 'POST', url: `${bjm}/import?dryRun=true`, ...multipart({}, { name: 'penyedia.csv', content: exported.rawPayload }) })).statusCode).toBe(403);
    });
  });
});
