import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../lib/mailer.js';
import { deriveKey, signToken } from '../../lib/secrets.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories } from '../../test/factories.js';
import { startSmtp, type TestSmtp } from '../../test/identity-fixtures.js';

/**
 * A requester who lost the tracking link answers the survey from the invitation e-mail: the mail
 * (as the real mailer sends it over SMTP) carries a link signed for that request, which opens its
 * survey only, takes one answer, and cannot be made or moved to another request.
 */
describe('the survey link in the invitation e-mail', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let make: Factories;
  const secretKey = randomBytes(32);
  // Tuesday 10 March 2026, 09:00 WITA.
  const now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const publicUrl = 'https://sigap.example.id';
  const answers = { U1: 4, U2: 3, U3: 4, U4: 4, U5: 4, U6: 4, U7: 4, U8: 3, U9: 4 };

  const state = (number: string, k: string) => t.app.inject({ url: `/api/public/surveys/requests/${number}?k=${encodeURIComponent(k)}` });
  const submit = (number: string, secret: string) => t.app.inject({ method: 'POST', url: `/api/public/surveys/requests/${number}`, payload: { secret, answers } });

  /** A request at Kalimantan Selatan closed by its requester; the survey link from the invitation mail. */
  async function closedAndInvited(email: string) {
    const made = await make.request({
      agency: 'kalsel-prov',
      service: 'dukungan-spse',
      channel: 'lpse-support',
      requester: { type: 'vendor', name: 'Rina Wati', email, phone: '0811 500 552', nik: '6371011505800003' },
      organisation: { name: 'CV Lestari', npwp: '01.312.166.0-091.000', nib: '9120001234567' },
      to: 'konfirmasi-lpse',
    });
    const since = smtp.messages.length;
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/public/requests/${made.number}/actions`,
      payload: { secret: made.trackingSecret, action: 'tutup', version: made.view.version },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const mail = await smtp.waitFor(email, since);
    const link = new RegExp(`${publicUrl}/lacak/${made.number}/survei#k=(\\S+)`).exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    // The tracking secret is never mailed.
    expect(mail.raw).not.toContain(made.trackingSecret);
    return { number: made.number, trackingSecret: made.trackingSecret, token: decodeURIComponent(link![1]!) };
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    const mailer = recordingMailer(createMailer({ smtpUrl: smtp.url, from: 'Sigap <sigap@test.id>', dropDir: '/nonexistent' }));
    t = await createTestApp({ identity: { clock, secretKey, publicUrl, mailer }, requests: { secretKey } });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['kalsel-prov'] });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('opens the survey of that request from the mail alone and takes one answer', async () => {
    const { number, token, trackingSecret } = await closedAndInvited('rina@cv-lestari.co.id');
    expect((await state(number, token)).json()).toMatchObject({ number, serviceCode: 'dukungan-spse', state: 'open' });
    const sent = await submit(number, token);
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await state(number, token)).json()).toMatchObject({ state: 'answered', answeredAt: now.toISOString() });
    // Once: neither the link again nor the tracking secret takes a second answer.
    for (const secret of [token, trackingSecret]) {
      const again = await submit(number, secret);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details[0]).toMatchObject({ rule: 'skm.request_answered' });
    }
  });

  it('is not a tracking secret, and a link forged, signed with another key or moved to another request opens nothing', async () => {
    const first = await closedAndInvited('satu@cv-lestari.co.id');
    const second = await closedAndInvited('dua@cv-lestari.co.id');
    const track = await t.app.inject({ method: 'POST', url: '/api/public/requests/track', payload: { number: first.number, secret: first.token } });
    expect(track.statusCode).toBe(404);

    const flipped = `${first.token.slice(0, -1)}${first.token.endsWith('A') ? 'B' : 'A'}`;
    const otherKey = `s1.${signToken(deriveKey(randomBytes(32), 'sigap survey link v1'), `survey:${first.token}`)}`;
    for (const forged of [flipped, otherKey, second.token, 's1.']) {
      expect((await state(first.number, forged)).statusCode).toBe(404);
      expect((await submit(first.number, forged)).statusCode).toBe(404);
    }
    // Each link still opens its own request's survey.
    expect((await state(second.number, second.token)).json()).toMatchObject({ state: 'open' });
  });
});
