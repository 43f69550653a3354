import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import { formatProblem, loadStandards, type LoadedAgency } from './standards.loader.js';
import { LimitQueryError, resolveServiceLimit } from './standards.limits.js';

const standardsDir = fileURLToPath(new URL('../../../../standards', import.meta.url));

describe('resolveServiceLimit: the limit, hours and rule of the shipped standards', () => {
  const loaded = new Map<string, LoadedAgency>();
  const service = (agency: string, code: string): ServiceStandard => {
    const found = loaded.get(agency)?.services.find((s) => s.code === code);
    if (!found) throw new Error(`no service ${agency}/${code}`);
    return found;
  };

  beforeAll(async () => {
    for (const code of ['kalsel-prov', 'klungkung-kab', 'ntt-prov', 'banjarmasin-kota', 'kaltara-prov']) {
      const result = await loadStandards(`${standardsDir}/${code}`);
      expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
      loaded.set(code, result.agencies[0]!);
    }
  });

  it('Kalsel catalogue chat: 60–120 minutes on its own hours, "pukul 09.00-15.00 WITA setiap hari kerja"', () => {
    const r = resolveServiceLimit(service('kalsel-prov', 'konsultasi-katalog'), { channel: 'chat' });
    expect(r.limit).toEqual({ unit: 'minutes', max: 120, min: 60 });
    expect(r.hours).toEqual({ source: 'channel', weeklyHours: expect.objectContaining({ mon: ['09:00-15:00'], fri: ['09:00-15:00'] }) });
    expect(r.rule).toMatchObject({ kind: 'channel', code: 'chat', name: 'Aplikasi Pesan Singkat Helpdesk Katalog' });
    // The walk-in desk states no hours of its own: the agency's calendar.
    expect(resolveServiceLimit(service('kalsel-prov', 'konsultasi-katalog'), { channel: 'walk-in' }).hours).toEqual({ source: 'agency' });
  });

  it('NTT "Durasi penyelesaian masalah" has no figure: not stated, no limit, nothing borrowed', () => {
    const r = resolveServiceLimit(service('ntt-prov', 'informasi-konsultasi'), { channel: 'walk-in' });
    expect(r.limit).toBeNull();
    expect(r.responseLimit).toBeNull();
    expect(r.rule.kind).toBe('channel');
    expect(r.rule.text).toContain('"Durasi penyelesaian masalah" tanpa uraian');
  });

  it('Klungkung help desk: "2 (dua) hari" at the LPSE, "7 (tujuh) hari" when followed up at LKPP', () => {
    const s = service('klungkung-kab', 'helpdesk-lpse');
    expect(resolveServiceLimit(s, { channel: 'helpdesk' }).limit).toEqual({ unit: 'calendar_days', max: 2 });
    const lkpp = resolveServiceLimit(s, { channel: 'helpdesk', tier: 'lkpp' });
    expect(lkpp.limit).toEqual({ unit: 'calendar_days', max: 7 });
    expect(lkpp.external).toBeNull();
    expect(lkpp.rule).toMatchObject({ kind: 'tier', code: 'lkpp', name: 'Helpdesk LKPP' });
    expect(lkpp.rule.text).toBe('7 (tujuh) hari (untuk penyelesaian ditindaklanjuti ke helpdesk LKPP)');
  });

  it('Banjarmasin ADP at LKPP, "Proses di LKPP disesuaikan dengan kondisi di LKPP": no limit, handed over', () => {
    const r = resolveServiceLimit(service('banjarmasin-kota', 'agregasi-data-penyedia'), { channel: service('banjarmasin-kota', 'agregasi-data-penyedia').channels[0]!.code, tier: 'lkpp' });
    expect(r.limit).toBeNull();
    expect(r.external).toEqual({ agency: 'lkpp', system: null });
    expect(r.rule).toMatchObject({ kind: 'tier', code: 'lkpp', text: 'Proses di LKPP disesuaikan dengan kondisi di LKPP.' });
  });

  it('Kalsel SPSE support at its own LPSE tier (no limit of its own) keeps the channel limit', () => {
    const s = service('kalsel-prov', 'dukungan-spse');
    const channel = 'walk-in';
    const own = resolveServiceLimit(s, { channel, tier: 'lpse' });
    expect(own.rule).toMatchObject({ kind: 'channel', code: 'walk-in', name: 'Konsultasi Tatap Muka' });
    expect(own.limit).toEqual({ unit: 'minutes', max: 120, min: 60 });
    // LPSE Support states a response limit only: "waktu penyelesaian disesuaikan dengan ketersediaan kelengkapan dokumen pendukung".
    const support = resolveServiceLimit(s, { channel: 'lpse-support' });
    expect(support).toMatchObject({ limit: null, responseLimit: { unit: 'working_days', max: 3 }, rule: { kind: 'channel' } });
    expect(support.rule.text).toContain('waktu penyelesaian disesuaikan dengan ketersediaan kelengkapan dokumen pendukung');
    expect(resolveServiceLimit(s, { channel, tier: 'helpdesk-eproc-lkpp' })).toMatchObject({ limit: null, external: { agency: 'lkpp' } });
  });

  it('Klungkung selection: the stages by variant, tender 30 / seleksi 50 / tender cepat 10 hari kalender', () => {
    const s = service('klungkung-kab', 'pemilihan-penyedia');
    const channel = s.channels[0]!.code;
    expect(resolveServiceLimit(s, { channel, stage: 'disposisi' }).limit).toEqual({ unit: 'working_days', max: 1 });
    expect(resolveServiceLimit(s, { channel, stage: 'pemilihan', variant: 'seleksi' })).toMatchObject({
      limit: { unit: 'calendar_days', max: 50 },
      rule: { kind: 'stage', code: 'pemilihan' },
    });
    expect(resolveServiceLimit(s, { channel, stage: 'pemilihan', variant: 'tender-cepat' }).limit).toEqual({ unit: 'calendar_days', max: 10 });
    expect(() => resolveServiceLimit(s, { channel, stage: 'pemilihan' })).toThrow(LimitQueryError);
  });

  it('names the field and rule of what the service does not have, in both languages', () => {
    const s = service('klungkung-kab', 'helpdesk-lpse');
    const fail = (q: Parameters<typeof resolveServiceLimit>[1]) => {
      try {
        resolveServiceLimit(s, q);
      } catch (e) {
        return e as LimitQueryError;
      }
      throw new Error('no error');
    };
    expect(fail({ channel: 'fax' })).toMatchObject({ field: 'channel', rule: 'standard.channel_unknown' });
    expect(fail({ channel: 'helpdesk', tier: 'pusat' })).toMatchObject({ field: 'tier', rule: 'standard.tier_unknown' });
    const stage = fail({ channel: 'helpdesk', stage: 'reviu' });
    expect(stage).toMatchObject({ field: 'stage', rule: 'standard.stage_unknown' });
    const err = stage.toAppError('en');
    expect(err.code).toBe('validation');
    expect(err.details[0]).toEqual({ field: 'stage', rule: 'standard.stage_unknown', message: 'the stage "reviu" is not among timeline.stages' });
    expect(err.localized.id).toContain('tahap "reviu" tidak ada');
  });
});
