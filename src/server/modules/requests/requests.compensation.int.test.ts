import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories } from '../../test/factories.js';

/**
 * Compensation for a breached time limit is what the agency's standard declares, and nothing
 * else. Only Kalimantan Selatan's maklumat promises it: "Apabila kami tidak menyelesaikan sesuai
 * jangka waktu penyelesaian, kami akan memberikan kompensasi berupa pemberian prioritas untuk
 * pelayanan berikutnya." Banjarmasin, Kalimantan Utara, Klungkung and NTT promise none.
 */
describe('compensation for a breached time limit, as the standard declares it', () => {
  let t: TestApp;
  let make: Factories;
  // Tuesday 10 March 2026, 09:00 WITA.
  let now = new Date('2026-03-10T01:00:00Z');
  const clock = () => now;
  const secretKey = randomBytes(32);

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { clock, secretKey, mailer }, requests: { secretKey } });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards();
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Files a request, lets its limit pass, sweeps; then files the same requester's next request. */
  async function breachThenNext(agency: string, service: string, channel: string, email: string, to?: string) {
    now = new Date('2026-03-10T01:00:00Z');
    const first = await make.request({ agency, service, channel, requester: { email }, ...(to ? { to } : {}) });
    // Six weeks later every limit of these channels has long passed.
    now = new Date('2026-04-21T01:00:00Z');
    await t.services.requests.sweep({ at: now });
    const tracked = await t.services.requests.track({ number: first.number, secret: first.trackingSecret });
    const next = await make.request({ agency, service, channel, requester: { email } });
    return { tracked, next };
  }

  it('Kalimantan Selatan: "kompensasi berupa pemberian prioritas untuk pelayanan berikutnya" is shown in its own words, and the next request goes first', async () => {
    const { tracked, next } = await breachThenNext('kalsel-prov', 'advokasi-kontrak', 'walk-in', 'telat@cv-kalsel.co.id');
    expect(tracked.clockState).toBe('breached');
    expect(tracked.compensation).toBe(
      'Apabila kami tidak menyelesaikan sesuai jangka waktu penyelesaian, kami akan memberikan kompensasi berupa pemberian prioritas untuk pelayanan berikutnya.',
    );
    const breach = tracked.events.find((e) => e.kind === 'clock_breached');
    expect(breach?.data).toMatchObject({ compensation: 'priority_next_service' });
    expect(next.view.priority).toBe(true);
    // Priority first in the officers' queue, then the clock.
    const kalsel = await t.services.agencies.getAgency({ code: 'kalsel-prov' });
    const officer = await make.officer({ agency: kalsel, roles: (await t.services.staff.listRoles({ agency: kalsel })).map((r) => r.code) });
    const queue = await t.services.requests.queue({
      ctx: { actor: officer.actor, ip: null, requestId: null, lang: 'id' },
      workspaceId: kalsel.id,
      view: 'all',
      limit: 50,
    });
    expect(queue.items[0]?.number).toBe(next.number);
  });

  it.each([
    // NTT's policy states no time limit ("Durasi penyelesaian masalah" with no figure): where its
    // channel has none, nothing breaches, and there is still no compensation to show.
    // Kaltara's 60 minutes start at the review ("reviu").
    ['banjarmasin-kota', 'aktivasi-user-id', 'walk-in', true, undefined],
    ['kaltara-prov', 'pemilihan-penyedia', 'walk-in', true, 'reviu'],
    ['klungkung-kab', 'konsultasi-tatap-muka', 'walk-in', true, undefined],
    ['ntt-prov', 'informasi-konsultasi', 'walk-in', false, undefined],
  ])('%s promises no compensation: a late request shows none and gives no priority', async (agency, service, channel, limitStated, to) => {
    const { tracked, next } = await breachThenNext(agency, service, channel, `telat@${agency}.example.id`, to);
    if (limitStated) expect(tracked.clockState).toBe('breached');
    expect(tracked.compensation).toBeNull();
    expect(JSON.stringify(tracked)).not.toMatch(/prioritas|priority_next_service/);
    for (const e of tracked.events.filter((x) => x.kind === 'clock_breached')) expect(e.data).not.toHaveProperty('compensation');
    expect(next.view.priority).toBe(false);
  });
});
