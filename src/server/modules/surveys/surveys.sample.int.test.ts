import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories } from '../../test/factories.js';
import { minimumSample } from './surveys.compute.js';

/**
 * Issue #18: "The public SKM result shows '91,67 A · Sangat Baik' after three responses: show the
 * sample size against the Krejcie–Morgan minimum, and say when a result is not yet
 * representative." N is the service's users in the period before (PermenPANRB 14/2017); Sigap
 * counts the requests it received for the service then.
 */
describe('the public SKM result and its sample', () => {
  let t: TestApp;
  let make: Factories;
  // Friday 10 October 2025, 09:00 WITA: semester II 2025.
  let now = new Date('2025-10-10T01:00:00Z');
  const clock = () => now;
  const answers = { U1: 4, U2: 4, U3: 3, U4: 4, U5: 4, U6: 3, U7: 4, U8: 4, U9: 4 };
  const latest = async () => (await t.app.inject({ url: '/api/surveys/agencies/kalsel-prov/latest' })).json().items as {
    service: string;
    respondents: number;
    sample: { population: number | null; basis: string | null; minimum: number | null; reached: boolean | null };
  }[];
  const respond = async (serviceCode: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/surveys/agencies/kalsel-prov/kiosk', payload: { serviceCode, answers } });
    expect(res.statusCode).toBe(201);
  };

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({
      identity: { clock, secretKey: randomBytes(32), mailer },
      requests: { filesDir: `/tmp/sigap-sample-${randomBytes(4).toString('hex')}` },
    });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['kalsel-prov'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('says a result is not representative until the responses reach the minimum for the users of the semester before', async () => {
    // Five requests of the LPSE support service in semester II 2025, none of the catalogue chat.
    for (let i = 0; i < 5; i += 1) await make.request({ agency: 'kalsel-prov', service: 'dukungan-spse', title: `Kendala SPSE ${i}` });

    // Semester I 2026: three responses for each.
    now = new Date('2026-03-10T01:00:00Z');
    await make.request({ agency: 'kalsel-prov', service: 'konsultasi-katalog', title: 'Katalog' });
    for (let i = 0; i < 3; i += 1) {
      await respond('dukungan-spse');
      await respond('konsultasi-katalog');
    }
    const items = await latest();
    const spse = items.find((i) => i.service === 'dukungan-spse')!;
    expect(spse.respondents).toBe(3);
    expect(spse.sample).toEqual({ population: 5, basis: 'previous_period', minimum: minimumSample(5), reached: false });
    expect(minimumSample(5)).toBe(5);
    // No requests before: the semester's own (one) is N, and three responses reach its minimum.
    const katalog = items.find((i) => i.service === 'konsultasi-katalog')!;
    expect(katalog.sample).toEqual({ population: 1, basis: 'this_period', minimum: 1, reached: true });

    await respond('dukungan-spse');
    await respond('dukungan-spse');
    const reached = (await latest()).find((i) => i.service === 'dukungan-spse')!;
    expect(reached.sample).toMatchObject({ minimum: 5, reached: true });
  });

  it('says the minimum cannot be computed for a service Sigap has recorded no request of', async () => {
    await respond('audiensi-kunjungan');
    const audiensi = (await latest()).find((i) => i.service === 'audiensi-kunjungan');
    expect(audiensi?.sample).toEqual({ population: null, basis: null, minimum: null, reached: null });
  });
});
