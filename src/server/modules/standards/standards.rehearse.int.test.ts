import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests, vendors } from '../../db/tables/index.js';
import { openScratchServices } from '../../scratch.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestServices } from '../../test/app.js';
import { createFactories } from '../../test/factories.js';
import type { Services } from '../../services.js';
import { rehearseStandards } from './standards.rehearse.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * `sigap standards rehearse` on the shipped standards, as CI runs it: the exact count of services
 * of each agency that reach their product today. The account services of Banjarmasin and
 * Klungkung's verification reach theirs with the vendor effects applied; the services whose
 * effects Sigap does not have yet (letter.dispatch, booking.confirm, procurement.*) stop naming
 * the effect. When one of those lands, its count here goes up: change it then, on purpose.
 */
describe('sigap standards rehearse on the shipped standards', { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = createTestServices(database);
    await createFactories({ services }).standards();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  async function rehearse(options: { agency?: string; service?: string } = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await rehearseStandards(services, ({ clock }) => openScratchServices({ clock, log: silent }), {
      ...options,
      lang: 'en',
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out, err };
  }

  it('counts per agency the services that reach their product, names the effect that stops the others, and leaves the real data untouched', async () => {
    const { code, out } = await rehearse();
    const reached = (agency: string) => out.filter((l) => l.startsWith(`${agency}/`) && l.includes(': reaches its product')).length;
    const rehearsed = (agency: string) => out.filter((l) => l.startsWith(`${agency}/`)).length;
    expect(
      Object.fromEntries(['banjarmasin-kota', 'kalsel-prov', 'kaltara-prov', 'klungkung-kab', 'ntt-prov'].map((a) => [a, `${reached(a)}/${rehearsed(a)}`])),
    ).toEqual({ 'banjarmasin-kota': '7/7', 'kalsel-prov': '1/5', 'kaltara-prov': '0/1', 'klungkung-kab': '4/6', 'ntt-prov': '3/3' });
    expect(out.at(-1)).toBe('15/22 services reach their product');
    expect(code).toBe(1);

    // Klungkung: "Jasa pembuatan User ID dan Password SPSE", with vendor.activate applied.
    expect(out).toContain('klungkung-kab/verifikasi-akun-penyedia: reaches its product (Jasa pembuatan User ID dan Password SPSE) on walk-in');
    const stopped = (service: string) => out.find((l) => l.startsWith(`${service}: STOPPED`));
    // Kalsel's letter answer is "dikirim" by the Kasubbag TU: the letter leaves through letter.dispatch.
    expect(stopped('kalsel-prov/konsultasi-pengadaan')).toMatch(/on channel letter at step kirim-surat, action kirim: .*\[request\.effect_unavailable: letter\.dispatch\]$/);
    expect(stopped('kalsel-prov/audiensi-kunjungan')).toMatch(/at step koordinasi, action sepakati: .*\[request\.effect_unavailable: booking\.confirm\]$/);
    expect(stopped('kaltara-prov/pemilihan-penyedia')).toMatch(/at step ba-reviu, action ditandatangani: .*\[request\.effect_unavailable: procurement\.startSelection\]$/);
    expect(stopped('klungkung-kab/bimtek-konsultasi-hukum')).toMatch(/\[request\.effect_unavailable: booking\.confirm\]$/);

    // The rehearsal worked on its own copy: nothing was filed or registered here.
    const [filed] = await database.db.select({ n: count() }).from(requests);
    const [registered] = await database.db.select({ n: count() }).from(vendors);
    expect({ filed: filed!.n, registered: registered!.n }).toEqual({ filed: 0, registered: 0 });
  });

  it('--agency banjarmasin-kota: 7/7, exit 0; an unknown agency or service exits 3', async () => {
    const banjarmasin = await rehearse({ agency: 'banjarmasin-kota' });
    expect(banjarmasin.out).toHaveLength(8);
    expect(banjarmasin.out.at(-1)).toBe('7/7 services reach their product');
    expect(banjarmasin.code).toBe(0);
    expect(await rehearse({ agency: 'nowhere' })).toMatchObject({ code: 3, err: ['Agency "nowhere" has no stored service standard.'] });
    expect(await rehearse({ agency: 'ntt-prov', service: 'nothing' })).toMatchObject({ code: 3, err: ['Service "nothing" does not exist.'] });
  });
});
