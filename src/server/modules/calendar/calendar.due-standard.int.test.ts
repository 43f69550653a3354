import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories } from '../../test/factories.js';
import { calendarDue, noDeadlineLine, type DueOptions } from './calendar.cli.js';

/**
 * `sigap calendar due --service S --channel C` and GET /api/calendar/agencies/:code/due with the
 * same parameters: the limit the agency's own standard gives that channel (its tier, its timeline
 * stage), counted on the channel's own hours; the command and the API agree; where the standard
 * states no limit, the answer is "no deadline: not stated", never a date.
 */
describe('the deadline of a service channel as its standard states it, by the command and by the API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await createFactories(t).standards();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function cli(options: DueOptions & { explain?: boolean }) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await calendarDue(t.services.calendar, options, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }
  async function api(options: DueOptions) {
    const { agency, ...rest } = options;
    const query = new URLSearchParams(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return t.app.inject({ method: 'GET', url: `/api/calendar/agencies/${agency}/due?${query}`, headers: { 'accept-language': 'en' } });
  }
  /** The command's first line and the API's `due` for the same question; they must agree. */
  async function both(options: DueOptions) {
    const [c, a] = await Promise.all([cli(options), api(options)]);
    expect(a.statusCode).toBe(200);
    const body = a.json();
    expect(c.code).toBe(0);
    expect(c.out[0]).toBe(body.due ?? noDeadlineLine);
    return body;
  }

  it("counts Kalsel's catalogue chat on its own hours: \"pukul 09.00-15.00 WITA setiap hari kerja\", 60-120 minutes from 08:00 is 11:00", async () => {
    const chat = await both({ agency: 'kalsel-prov', service: 'konsultasi-katalog', channel: 'chat', from: '2026-03-10T08:00' });
    expect(chat).toMatchObject({
      due: '2026-03-10T11:00:00+08:00',
      notStated: false,
      limit: { unit: 'minutes', max: 120, min: 60 },
      basis: { service: 'konsultasi-katalog', channel: 'chat', hours: 'channel', rule: { kind: 'channel', code: 'chat', name: 'Aplikasi Pesan Singkat Helpdesk Katalog' }, overridden: false },
    });
    // --limit overrides the figure, not the channel's hours: 30 minutes from 08:00 is 09:30.
    const overridden = await both({ agency: 'kalsel-prov', service: 'konsultasi-katalog', channel: 'chat', from: '2026-03-10T08:00', limit: '30 menit' });
    expect(overridden).toMatchObject({ due: '2026-03-10T09:30:00+08:00', basis: { overridden: true, hours: 'channel' } });
    // Without the service, the same limit runs on the agency's hours.
    expect((await both({ agency: 'kalsel-prov', from: '2026-03-10T08:00', limit: '30 menit' })).due).not.toBe('2026-03-10T09:30:00+08:00');
  });

  it('gives Klungkung\'s help desk "2 (dua) hari" on its channel and "7 (tujuh) hari" at the LKPP tier', async () => {
    const from = '2026-03-10T10:00';
    const local = await both({ agency: 'klungkung-kab', service: 'helpdesk-lpse', channel: 'helpdesk', from });
    const atLkpp = await both({ agency: 'klungkung-kab', service: 'helpdesk-lpse', channel: 'helpdesk', tier: 'lkpp', from });
    expect(local).toMatchObject({ limit: { unit: 'calendar_days', max: 2 }, basis: { rule: { kind: 'channel', code: 'helpdesk' } } });
    expect(atLkpp).toMatchObject({ limit: { unit: 'calendar_days', max: 7 }, basis: { rule: { kind: 'tier', code: 'lkpp', name: 'Helpdesk LKPP' } } });
    expect(atLkpp.due).toBe((await both({ agency: 'klungkung-kab', from, limit: '7 hari kalender' })).due);
  });

  it("gives a stage of Klungkung's selection its limit by method: tender 30 hari kalender; without the method, 400 naming the variant", async () => {
    const from = '2026-03-10T10:00';
    const tender = await both({ agency: 'klungkung-kab', service: 'pemilihan-penyedia', channel: 'walk-in', stage: 'pemilihan', variant: 'tender', from });
    expect(tender).toMatchObject({ limit: { unit: 'calendar_days', max: 30 }, basis: { rule: { kind: 'stage', code: 'pemilihan' } } });
    expect(tender.due).toBe((await both({ agency: 'klungkung-kab', from, limit: '30 hari kalender' })).due);
    const review = await both({ agency: 'klungkung-kab', service: 'pemilihan-penyedia', channel: 'walk-in', stage: 'reviu-dpp', from });
    expect(review).toMatchObject({ limit: { unit: 'working_days', max: 1 } });
    const noMethod = await api({ agency: 'klungkung-kab', service: 'pemilihan-penyedia', channel: 'walk-in', stage: 'pemilihan', from });
    expect(noMethod.statusCode).toBe(400);
    expect(noMethod.json().error.details).toEqual([expect.objectContaining({ field: 'variant', rule: 'standard.variant_required' })]);
  });

  it('answers "no deadline: not stated" where the standard states none: NTT ("Durasi penyelesaian masalah" with no figure) and Banjarmasin\'s ADP at LKPP', async () => {
    const ntt = await both({ agency: 'ntt-prov', service: 'pengadaan-elektronik', channel: 'spse', from: '2026-03-10T10:00' });
    expect(ntt).toMatchObject({ due: null, notStated: true, limit: null, basis: { rule: { kind: 'channel', code: 'spse', text: expect.stringContaining('Durasi penyelesaian masalah') } } });
    const explained = await cli({ agency: 'ntt-prov', service: 'pengadaan-elektronik', channel: 'spse', from: '2026-03-10T10:00', explain: true });
    expect(explained.out[0]).toBe('tidak ada batas waktu: tidak dinyatakan / no deadline: not stated');
    // "Proses di LKPP disesuaikan dengan kondisi di LKPP".
    const adp = await both({ agency: 'banjarmasin-kota', service: 'agregasi-data-penyedia', channel: 'walk-in', tier: 'lkpp', from: '2026-03-10T10:00' });
    expect(adp).toMatchObject({ due: null, notStated: true, basis: { external: { agency: 'lkpp', system: null }, rule: { kind: 'tier', code: 'lkpp' } } });
  });

  it('refuses an unknown channel or service with the field and the rule, by the command (exit 1) and the API (400)', async () => {
    const channel = await api({ agency: 'kalsel-prov', service: 'konsultasi-katalog', channel: 'merpati', from: '2026-03-10T08:00' });
    expect(channel.statusCode).toBe(400);
    expect(channel.json().error.details).toEqual([expect.objectContaining({ field: 'channel', rule: 'standard.channel_unknown' })]);
    expect(await cli({ agency: 'kalsel-prov', service: 'konsultasi-katalog', channel: 'merpati', from: '2026-03-10T08:00' })).toMatchObject({ code: 1 });
    const service = await api({ agency: 'kalsel-prov', service: 'tidak-ada', channel: 'chat', from: '2026-03-10T08:00' });
    expect(service.json().error.details).toEqual([expect.objectContaining({ field: 'service', rule: 'request.service_unknown' })]);
    const nothing = await api({ agency: 'kalsel-prov', from: '2026-03-10T08:00' });
    expect(nothing.json().error.details).toEqual([expect.objectContaining({ field: 'limit', rule: 'calendar.limit' })]);
  });
});
