import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses } from '../../db/tables/index.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, createTestServices, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories } from '../../test/factories.js';
import { startSmtp, type TestSmtp } from '../../test/identity-fixtures.js';

/** The requester's survey of a closed request: the invitation, the secret, one response per request. */
describe('survey of a closed request', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  const secretKey = randomBytes(32);
  // Tuesday 10 March 2026, 09:00 WITA.
  let now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const filesDir = `/tmp/sigap-survey-req-${randomBytes(4).toString('hex')}`;
  const publicUrl = 'https://sigap.example.id';
  let make: Factories;
  let viewer: Record<string, string>;
  const answers = { U1: 4, U2: 4, U3: 3, U4: 4, U5: 4, U6: 3, U7: 4, U8: 4, U9: 4 };
  const requester = { type: 'vendor' as const, name: 'Siti Rahma', nik: '6371011505800003', phone: '0811 500 551', email: 'siti@cv-andalan.co.id' };
  const organisation = { name: 'CV Andalan', npwp: '01.312.166.0-091.000', nib: '9120001234567' };

  /** A request at Kalimantan Selatan brought to "confirming" (solved, awaiting the requester). */
  async function solvedRequest(overrides: { title?: string; requester?: typeof requester } = {}) {
    const made = await make.request({
      agency: 'kalsel-prov',
      service: 'dukungan-spse',
      channel: 'lpse-support',
      title: overrides.title ?? 'Tidak bisa unggah dokumen penawaran',
      requester: overrides.requester ?? requester,
      organisation,
      to: 'konfirmasi-lpse',
    });
    expect(made.view.status).toBe('confirming');
    return { number: made.number, secret: made.trackingSecret, version: made.view.version };
  }

  const state = (number: string, secret: string) => t.app.inject({ url: `/api/public/surveys/requests/${number}?k=${encodeURIComponent(secret)}` });
  const submit = (number: string, payload: Record<string, unknown>, lang = 'id') =>
    t.app.inject({ method: 'POST', url: `/api/public/surveys/requests/${number}`, payload, headers: { 'accept-language': lang } });

  beforeAll(async () => {
    smtp = await startSmtp();
    // The factories read the invitation of the officer who moves the requests from the record.
    const mailer = recordingMailer(createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' }));
    t = await createTestApp({
      identity: { clock, secretKey, publicUrl, mailer },
      requests: { filesDir, secretKey },
    });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['kalsel-prov'] });
    viewer = { authorization: `Bearer ${await make.apiToken({ agency: 'kalsel-prov', permissions: ['surveys.view'] })}` };
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('invites the requester when they confirm closing, then takes one response that counts in the results', async () => {
    const { number, secret, version } = await solvedRequest();
    // Not closed yet: the survey is not open, and an answer is refused with the rule named.
    expect((await state(number, secret)).json()).toMatchObject({ number, state: 'not_closed', answeredAt: null });
    const early = await submit(number, { secret, answers }, 'en');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details[0]).toMatchObject({ rule: 'skm.request_not_closed', message: 'the survey can be answered once the request is closed' });

    const since = smtp.messages.length;
    const closed = await t.app.inject({ method: 'POST', url: `/api/public/requests/${number}/actions`, payload: { secret, action: 'tutup', version } });
    expect(closed.statusCode, closed.body).toBe(200);
    const mail = await smtp.waitFor(requester.email, since);
    expect(mail.text).toContain(`${publicUrl}/lacak/${number}/survei`);
    expect(mail.text).toContain(number);
    // The secret is never mailed: only its hash is kept.
    expect(mail.raw).not.toContain(secret);

    expect((await state(number, secret)).json()).toMatchObject({ number, serviceCode: 'dukungan-spse', state: 'open' });
    const before = (await t.app.inject({ url: '/api/surveys/agencies/kalsel-prov/results?period=year&year=2026', headers: viewer })).json();
    const sent = await submit(number, { secret, answers, profile: { sex: 'female', ageBand: '30_39', education: 's1', occupation: 'penyedia' }, suggestion: 'Cepat ditangani' });
    expect(sent.statusCode, sent.body).toBe(201);
    const rows = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.id, sent.json().id));
    expect(rows[0]).toMatchObject({ serviceCode: 'dukungan-spse', channel: 'lpse-support', mode: 'online', u3: 3, suggestion: 'Cepat ditangani' });
    expect(rows[0]!.requestId).not.toBeNull();
    const after = (await t.app.inject({ url: '/api/surveys/agencies/kalsel-prov/results?period=year&year=2026', headers: viewer })).json();
    expect(after.result.respondents).toBe(before.result.respondents + 1);
    expect(after.byChannel.find((c: { channel: string }) => c.channel === 'lpse-support')?.respondents).toBeGreaterThanOrEqual(1);

    expect((await state(number, secret)).json()).toMatchObject({ state: 'answered', answeredAt: now.toISOString() });
    const again = await submit(number, { secret, answers });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ message: 'Survei untuk permohonan ini sudah diisi', details: [{ rule: 'skm.request_answered' }] });
  });

  it('answers a wrong secret or an unknown number as not found', async () => {
    const { number, secret } = await solvedRequest({ title: 'Salah rahasia' });
    expect((await state(number, `${secret}x`)).statusCode).toBe(404);
    expect((await submit(number, { secret: 'not-the-secret', answers })).statusCode).toBe(404);
    expect((await submit('REQ-0000-0000', { secret, answers })).statusCode).toBe(404);
    expect((await submit(number, { answers })).statusCode).toBe(400);
  });

  it('invites after the auto-close by the sweeper, and a mail failure leaves the request closed', async () => {
    const first = await solvedRequest({ title: 'Ditutup otomatis', requester: { ...requester, email: 'auto@cv-andalan.co.id' } });
    const second = await solvedRequest({ title: 'Surel gagal', requester: { ...requester, email: 'gagal@cv-andalan.co.id' } });
    const since = smtp.messages.length;
    const errors: string[] = [];
    // A mailer that refuses one address: that request still closes, the other is invited.
    const realMailer = createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' });
    const sweeper = createTestServices(t.database, {
      identity: {
        clock,
        secretKey,
        publicUrl,
        mailer: {
          async send(mail) {
            if (mail.to === 'gagal@cv-andalan.co.id') throw new Error('SMTP 451 try later');
            await realMailer.send(mail);
          },
        },
      },
      requests: { filesDir, secretKey },
      log: { error: (_details, message) => errors.push(message) },
    }).requests;
    now = new Date('2026-04-30T01:00:00Z');
    const result = await sweeper.sweep({ at: now });
    // Both, and the one left confirming by the test before.
    expect(result.autoClosed).toBe(3);
    await smtp.waitFor('auto@cv-andalan.co.id', since);
    // The closing notice (requests.notices.ts), then the invitation.
    const mails = smtp.messages.slice(since).filter((m) => m.to.includes('auto@cv-andalan.co.id'));
    expect(mails.map((m) => m.text)).toEqual([expect.stringContaining(`Permohonan ${first.number} ("Ditutup otomatis") ditutup otomatis`), expect.stringContaining(`${publicUrl}/lacak/${first.number}/survei`)]);
    expect(errors).toEqual(['requester notice not sent', 'survey invitation not sent']);
    for (const r of [first, second]) expect((await state(r.number, r.secret)).json()).toMatchObject({ state: 'open' });
    expect((await submit(second.number, { secret: second.secret, answers })).statusCode).toBe(201);
  });
});
