import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories } from '../../test/factories.js';
import { startSmtp, type TestSmtp } from '../../test/identity-fixtures.js';

/** WITA is UTC+8. */
const wita = (local: string) => new Date(`${local}+08:00`);
/** The Subject header of a raw message, unfolded. */
const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw.replace(/\r?\n[ \t]/g, ' '))?.[1];

/**
 * The requester is told, by a real SMTP server, each time a request of Kalimantan Selatan's
 * "Dukungan SPSE" needs them: "Kelengkapan data diminta (feedback)", "Permasalahan diselesaikan"
 * awaiting their confirmation (with the auto-close deadline in WITA), and the closing without
 * their answer. A requester who could not be asked (recorded at the desk without e-mail) is never closed
 * automatically.
 */
describe('requester notices', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let make: Factories;
  const now = wita('2026-03-13T09:00:00');
  const publicUrl = 'https://sigap.kalselprov.example.id';
  let mailDown = false;

  beforeAll(async () => {
    smtp = await startSmtp();
    const smtpMailer = createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' });
    const mailer = recordingMailer({ send: (mail) => (mailDown ? Promise.reject(new Error('SMTP unreachable')) : smtpMailer.send(mail)) });
    t = await createTestApp({ identity: { clock: () => now, mailer, publicUrl } });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['kalsel-prov'] });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails the data request, the confirmation request with its deadline, and the automatic closing; each with the number and the tracking page', async () => {
    const email = 'rahmat.pemohon@example.id';
    const asked = await make.request({
      agency: 'kalsel-prov',
      service: 'dukungan-spse',
      requester: { email },
      actions: [{ action: 'minta-data', comment: 'Mohon lampirkan tangkapan layar galat.' }],
    });
    const { number } = asked;
    const tracking = `${publicUrl}/lacak/${number}`;
    const dataMail = await smtp.waitFor(email);
    expect(subjectOf(dataMail.raw)).toContain(`Request ${number}: please complete your data`);
    expect(dataMail.text).toContain(`meminta kelengkapan data untuk permohonan ${number}`);
    expect(dataMail.text).toContain('Pesan petugas: Mohon lampirkan tangkapan layar galat.');
    expect(dataMail.text).toContain('Batas waktu: tidak dinyatakan dalam standar pelayanan.');
    expect(dataMail.text).toContain('Deadline: not stated in the service standard.');
    expect(dataMail.text).toContain(`Halaman pelacakan: ${tracking}`);
    // The tracking secret is never mailed.
    expect(dataMail.raw).not.toContain(asked.trackingSecret);

    const before = smtp.messages.length;
    // The requester sends the data (no mail: they did it), the helpdesk resolves it.
    const resolved = await make.request({ agency: 'kalsel-prov', service: 'dukungan-spse', requester: { email: 'siti.pemohon@example.id' }, actions: ['minta-data', 'kirim-data', 'selesaikan'] });
    // kalsel-prov's default 5 working days from Fri 13 March 2026 (cuti bersama 18 and 20, Nyepi 19 March): Fri 27 March, 16:30 WITA.
    expect(resolved.view).toMatchObject({ status: 'confirming', autoCloseAt: '2026-03-27T08:30:00.000Z' });
    const confirmMail = await smtp.waitFor('siti.pemohon@example.id', before + 1);
    expect(smtp.messages.slice(before).filter((m) => m.to.includes('siti.pemohon@example.id'))).toHaveLength(2);
    expect(subjectOf(confirmMail.raw)).toContain(`Request ${resolved.number} resolved: please confirm`);
    expect(confirmMail.text).toContain(`Batas waktu: 27 Maret 2026 pukul 16:30 WITA. Tanpa konfirmasi sampai saat itu, permohonan ditutup otomatis.`);
    expect(confirmMail.text).toContain('Deadline: 27 March 2026 at 16:30 WITA.');
    // The answer the officer gave the requester, in the mail itself, not only behind the tracking page.
    expect(confirmMail.text).toMatch(/Jawaban untuk Anda:\r?\nJawaban uji/);
    expect(confirmMail.text).toMatch(/The answer for you:\r?\nJawaban uji/);
    expect(confirmMail.text).toContain(`Tracking page: ${publicUrl}/lacak/${resolved.number}`);
    expect(resolved.view.events.filter((e) => e.comment?.startsWith('Pemohon tidak diberi tahu'))).toEqual([]);

    const swept = smtp.messages.length;
    expect((await t.services.requests.sweep({ at: new Date('2026-03-27T08:30:00Z') })).autoClosed).toBe(1);
    const closedMail = await smtp.waitFor('siti.pemohon@example.id', swept);
    expect(subjectOf(closedMail.raw)).toContain(`Request ${resolved.number} closed automatically`);
    expect(closedMail.text).toContain(`Permohonan ${resolved.number} ("Permohonan uji") ditutup otomatis`);
    expect(closedMail.text).toContain(`${publicUrl}/lacak/${resolved.number}`);
  });

  it('never closes automatically a request whose requester was not asked by e-mail, and says so on the request', async () => {
    // An LPSE Support ticket recorded by the helpdesk for a requester who gave only a phone number.
    const phoneOnly = await make.request({
      agency: 'kalsel-prov',
      service: 'dukungan-spse',
      requester: { email: undefined, phone: '081234567890' },
      actions: ['selesaikan'],
    });
    expect(phoneOnly.view).toMatchObject({ status: 'confirming', autoCloseAt: null });
    expect(phoneOnly.view.events.at(-1)?.comment).toContain('Pemohon tidak diberi tahu melalui e-mail: tidak ada alamat e-mail');
    expect(phoneOnly.view.events.at(-1)?.comment).toContain('The request is not closed automatically');
    // A confirmation request whose e-mail failed: the resolution stands, but it waits too.
    mailDown = true;
    const failed = await make.request({ agency: 'kalsel-prov', service: 'dukungan-spse', requester: { email: 'tidak.sampai@example.id' }, actions: ['selesaikan'] }).finally(() => {
      mailDown = false;
    });
    expect(failed.view).toMatchObject({ status: 'confirming', autoCloseAt: null });
    expect(failed.view.events.at(-1)?.comment).toContain('Pemohon tidak diberi tahu melalui e-mail: e-mail gagal dikirim');

    expect((await t.services.requests.sweep({ at: new Date('2026-06-30T08:30:00Z') })).autoClosed).toBe(0);
    expect(await t.services.requests.track({ number: failed.number, secret: failed.trackingSecret })).toMatchObject({ status: 'confirming' });
    const later = await t.services.requests.track({ number: phoneOnly.number, secret: phoneOnly.trackingSecret });
    expect(later).toMatchObject({ status: 'confirming' });
  });
});
