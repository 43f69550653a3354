import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { parseDocument } from 'yaml';
import { administratorRole } from '../../../shared/permissions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, agencyRoles, auditEvents, standardServices, standardVersions } from '../../db/tables/index.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories } from '../../test/factories.js';
import { systemActor } from '../audit/audit.service.js';
import { renderStandardFiles, writeStandardFiles } from './standards.export.js';
import { importStandards } from './standards.import.js';
import { loadAgencyFolder, loadStandards, type LoadedAgency } from './standards.loader.js';
import type { StandardsService } from './standards.service.js';

const shipped = path.resolve('standards/kalsel-prov');
const actor = systemActor('test');

/** Copies kalsel-prov into a temp tree and edits its YAML through `edit(agencyDoc, serviceDocs)`. */
async function variant(
  root: string,
  name: string,
  edit: (agency: ReturnType<typeof parseDocument>, service: (code: string) => Promise<ReturnType<typeof parseDocument>>) => Promise<void> | void,
): Promise<string> {
  const dir = path.join(root, name, 'kalsel-prov');
  await cp(shipped, dir, { recursive: true });
  const agencyFile = path.join(dir, 'agency.yaml');
  const agency = parseDocument(await readFile(agencyFile, 'utf8'));
  const touched = new Map<string, ReturnType<typeof parseDocument>>();
  await edit(agency, async (code) => {
    const file = path.join(dir, 'services', `${code}.yaml`);
    const doc = touched.get(file) ?? parseDocument(await readFile(file, 'utf8'));
    touched.set(file, doc);
    return doc;
  });
  await writeFile(agencyFile, agency.toString());
  for (const [file, doc] of touched) await writeFile(file, doc.toString());
  return dir;
}

/** Version 2: a later decree, a parent, a renamed service, a renamed and a new role. */
const version2: Parameters<typeof variant>[2] = async (agency, svc) => {
  agency.setIn(['decree', 'number'], '000/8.2.3/999/BPBJ/2026');
  agency.setIn(['decree', 'date'], '2026-05-01');
  // Enacted ahead of its start: version 1 stays in force until 1 July 2026 (WITA).
  agency.setIn(['decree', 'effectiveFrom'], '2026-07-01');
  agency.setIn(['parentAgency'], 'lkpp');
  agency.setIn(['roles', 0, 'name'], 'Kepala Biro (nama baru)');
  agency.addIn(['roles'], { code: 'arsiparis', name: 'Arsiparis', description: 'Mengarsipkan surat.', permissions: ['requests.view'] });
  (await svc('konsultasi-katalog')).set('name', 'Konsultasi E-Katalog (versi 2026)');
};

describe('service standards: import, versions and the public API', () => {
  let t: TestApp;
  let service: StandardsService;
  let tmp: string;
  // The app's and the importer's clock: 1 March 2026, 10:00 WITA.
  let now = new Date('2026-03-01T02:00:00Z');
  const clock = () => now;
  let original: LoadedAgency;

  beforeAll(async () => {
    t = await createTestApp({ identity: { clock } });
    service = t.services.standards;
    tmp = await mkdtemp(path.join(os.tmpdir(), 'sigap-standards-'));
    const loaded = await loadAgencyFolder(shipped);
    expect(loaded.problems).toEqual([]);
    original = loaded.loaded!;
  });

  afterAll(async () => {
    await t?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('refuses a broken standard with the loader\'s positioned problems and writes nothing', async () => {
    const dir = await variant(tmp, 'broken', async (_agency, svc) => {
      (await svc('konsultasi-katalog')).setIn(['channels', 0, 'timeLimit', 'unit'], 'fortnights');
    });
    const result = await importStandards(service, { root: dir, actor });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({
      file: path.join(dir, 'services', 'konsultasi-katalog.yaml'),
      field: 'channels.0.timeLimit.unit',
      rule: 'invalid_value',
    });
    expect(result.problems[0]!.line).toBeGreaterThan(1);
    expect(await t.database.db.select().from(agencies)).toEqual([]);
    expect(await t.database.db.select().from(standardVersions)).toEqual([]);
  });

  it('imports version 1: the agency row, the version with its services, the roles, an audit entry', async () => {
    const [result] = await service.importLoaded({ agencies: [original], actor });
    expect(result).toMatchObject({ code: 'kalsel-prov', status: 'created', version: 1, previousVersion: null, parentMissing: null });
    // The standard's roles and Sigap's own administrator (src/shared/permissions.ts).
    expect(result!.roles!.added).toEqual([...original.agency.roles.map((r) => r.code), 'administrator-sigap'].sort());

    const [agency] = await t.database.db.select().from(agencies).where(eq(agencies.code, 'kalsel-prov'));
    expect(agency).toMatchObject({ name: original.agency.name, level: 'provinsi', timeZone: 'Asia/Makassar', parentId: null });
    const services = await t.database.db
      .select()
      .from(standardServices)
      .where(eq(standardServices.agencyId, agency!.id))
      .orderBy(standardServices.position);
    expect(services.map((s) => s.serviceCode)).toEqual(original.agency.services);
    expect(services[0]!.definition).toEqual(original.services[0]);
    const roles = await t.database.db.select().from(agencyRoles).where(eq(agencyRoles.agencyId, agency!.id));
    expect(new Map(roles.map((r) => [r.code, [...r.permissions].sort()]))).toEqual(
      new Map([...original.agency.roles, administratorRole].map((r) => [r.code, [...r.permissions].sort()])),
    );
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.agencyId, agency!.id), eq(auditEvents.action, 'standards.imported')));
    expect(events).toHaveLength(1);
    expect(events[0]!.targetId).toBe('kalsel-prov@1');
  });

  it('does nothing when the same standard is imported again', async () => {
    const result = await importStandards(service, { root: shipped, actor });
    expect(result).toMatchObject({ ok: true, agencies: [{ code: 'kalsel-prov', status: 'unchanged', version: 1 }] });
    const count = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(standardVersions);
    expect(count[0]!.n).toBe(1);
  });

  it('stores a changed standard as version 2, effective later, and syncs its roles', async () => {
    const dir = await variant(tmp, 'v2', version2);
    const result = await importStandards(service, { root: dir, actor });
    expect(result).toMatchObject({
      ok: true,
      agencies: [{ code: 'kalsel-prov', status: 'updated', version: 2, previousVersion: 1, parentMissing: 'lkpp' }],
    });
    if (!result.ok) return;
    const firstRole = original.agency.roles[0]!.code;
    expect(result.agencies[0]!.roles).toEqual({ added: ['arsiparis'], changed: [firstRole], removed: [] });
    const roleRows = await t.database.db.select().from(agencyRoles);
    expect(roleRows.find((r) => r.code === firstRole)!.name).toBe('Kepala Biro (nama baru)');
    expect(roleRows.find((r) => r.code === 'arsiparis')!.permissions).toEqual(['requests.view']);
    const [agency] = await t.database.db.select().from(agencies).where(eq(agencies.code, 'kalsel-prov'));
    expect(agency!.parentId).toBeNull();
  });

  it('serves the version in force today, not the newer one that is not yet effective', async () => {
    const res = await get('/api/agencies/kalsel-prov/standard');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toMatchObject({ version: 1, inForce: true, upcoming: false, decreeNumber: original.agency.decree.number, serviceCount: 5 });
    expect(body.agency).toMatchObject({ code: 'kalsel-prov', level: 'provinsi', timeZone: 'Asia/Makassar' });
    expect(body.standard.maklumat.text).toBe(original.agency.maklumat.text);
    expect(body.services.map((s: { code: string }) => s.code)).toEqual(original.agency.services);
    const katalog = body.services.find((s: { code: string }) => s.code === 'konsultasi-katalog');
    expect(katalog.name).toBe(original.services.find((s) => s.code === 'konsultasi-katalog')!.name);
    expect(katalog.channels.length).toBeGreaterThan(0);
  });

  it('lists the versions newest first and serves each one', async () => {
    const list = await get('/api/agencies/kalsel-prov/standard/versions');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([
      { version: 2, decreeNumber: '000/8.2.3/999/BPBJ/2026', effectiveFrom: '2026-07-01', inForce: false, upcoming: true, serviceCount: 5 },
      { version: 1, effectiveFrom: '2025-01-10', inForce: true, upcoming: false, serviceCount: 5 },
    ]);
    const v2 = await get('/api/agencies/kalsel-prov/standard/versions/2');
    expect(v2.statusCode).toBe(200);
    expect(v2.json().version).toMatchObject({ version: 2, inForce: false });
    expect(v2.json().services.find((s: { code: string }) => s.code === 'konsultasi-katalog').name).toBe('Konsultasi E-Katalog (versi 2026)');
  });

  it('serves one service in full, current or pinned to a version', async () => {
    const current = await get('/api/agencies/kalsel-prov/services/konsultasi-katalog');
    expect(current.statusCode).toBe(200);
    const body = current.json();
    const expected = original.services.find((s) => s.code === 'konsultasi-katalog')!;
    expect(body.service).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(body.version.version).toBe(1);
    expect(body.position).toBe(original.agency.services.indexOf('konsultasi-katalog') + 1);
    expect(body.complaints.channels.length).toBeGreaterThan(0);
    const pinned = await get('/api/agencies/kalsel-prov/services/konsultasi-katalog?version=2');
    expect(pinned.json().service.name).toBe('Konsultasi E-Katalog (versi 2026)');
    expect(pinned.json().version).toMatchObject({ version: 2, inForce: false });
  });

  it('answers 404 for an unknown agency, version or service, in the asked language', async () => {
    const cases = [
      '/api/agencies/tidak-ada/standard',
      '/api/agencies/tidak-ada/standard/versions',
      '/api/agencies/kalsel-prov/standard/versions/3',
      '/api/agencies/kalsel-prov/services/tidak-ada',
      '/api/agencies/kalsel-prov/services/konsultasi-katalog?version=9',
      '/api/services?agency=tidak-ada',
    ];
    for (const url of cases) {
      const res = await get(url, { 'accept-language': 'en' });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const id = await get('/api/agencies/kalsel-prov/standard/versions/3', { 'accept-language': 'id' });
    expect(id.json().error.message).toContain('versi 3');
  });

  it('rejects malformed parameters with 400', async () => {
    for (const url of [
      '/api/agencies/kalsel-prov/standard/versions/0',
      '/api/agencies/kalsel-prov/standard/versions/abc',
      '/api/services?requesterType=alien',
      '/api/services?channel=pigeon',
      '/api/agencies/kalsel-prov/services/BAD_CODE',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('answers 404 for an agency that exists but has no standard', async () => {
    await createFactories(t).agency({ code: 'lkpp', name: 'LKPP', level: 'national', timeZone: 'Asia/Jakarta' });
    const res = await get('/api/agencies/lkpp/standard');
    expect(res.statusCode).toBe(404);
    expect((await get('/api/agencies/lkpp/standard/versions')).json().items).toEqual([]);
  });

  it('searches the catalogue of current versions by requester type, channel, text and agency', async () => {
    const all = await get('/api/services');
    expect(all.statusCode).toBe(200);
    const items = all.json().items as { code: string; name: string; version: number; agency: { code: string }; requesterTypes: string[]; channels: { kind: string }[] }[];
    expect(items.map((i) => i.code)).toEqual(original.agency.services);
    expect(items.every((i) => i.version === 1 && i.agency.code === 'kalsel-prov')).toBe(true);

    for (const type of ['vendor', 'government', 'public'] as const) {
      const res = await get(`/api/services?requesterType=${type}`);
      const expected = original.services.filter((s) => s.requesterTypes.includes(type)).map((s) => s.code);
      expect(res.json().items.map((i: { code: string }) => i.code), type).toEqual(expected);
    }
    for (const kind of ['walk_in', 'call_centre', 'letter', 'website'] as const) {
      const res = await get(`/api/services?channel=${kind}`);
      const expected = original.services.filter((s) => s.channels.some((c) => c.kind === kind)).map((s) => s.code);
      expect(res.json().items.map((i: { code: string }) => i.code), kind).toEqual(expected);
    }
    const text = await get(`/api/services?q=${encodeURIComponent('KATALOG')}`);
    expect(text.json().items.map((i: { code: string }) => i.code)).toContain('konsultasi-katalog');
    expect(text.json().items.length).toBeLessThan(items.length);
    const none = await get('/api/services?q=%25%25');
    expect(none.json().items).toEqual([]);
    const lkpp = await get('/api/services?agency=lkpp');
    expect(lkpp.json().items).toEqual([]);
  });

  it('serves the annex and the maklumat as PDF files named for the agency and version', async () => {
    const annex = await get('/api/agencies/kalsel-prov/standard/annex.pdf');
    expect(annex.statusCode).toBe(200);
    expect(annex.headers['content-type']).toBe('application/pdf');
    expect(annex.headers['content-disposition']).toBe('attachment; filename="standar-pelayanan-kalsel-prov-v1.pdf"');
    expect(annex.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const english = await get('/api/agencies/kalsel-prov/standard/annex.pdf?lang=en&version=2');
    expect(english.headers['content-disposition']).toBe('attachment; filename="service-standard-kalsel-prov-v2.pdf"');
    const maklumat = await get('/api/agencies/kalsel-prov/maklumat.pdf');
    expect(maklumat.statusCode).toBe(200);
    expect(maklumat.headers['content-disposition']).toBe('attachment; filename="maklumat-pelayanan-kalsel-prov-v1.pdf"');
    expect(maklumat.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(maklumat.rawPayload.length).toBeLessThan(annex.rawPayload.length);
    for (const url of ['/api/agencies/tidak-ada/maklumat.pdf', '/api/agencies/lkpp/standard/annex.pdf', '/api/agencies/kalsel-prov/standard/annex.pdf?version=9']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    expect((await get('/api/agencies/kalsel-prov/maklumat.pdf?lang=fr')).statusCode).toBe(400);
  });

  it('documents every standards route in the OpenAPI description', async () => {
    const res = await get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/agencies/{code}/standard',
        '/api/agencies/{code}/standard/versions',
        '/api/agencies/{code}/standard/versions/{version}',
        '/api/agencies/{code}/services/{service}',
        '/api/services',
        '/api/agencies/{code}/standard/annex.pdf',
        '/api/agencies/{code}/maklumat.pdf',
      ]),
    );
  });

  it('pins a request to the version in force on the local date of the agency', async () => {
    // 30 June 2026 23:59 WITA is still version 1; 1 July 00:00 WITA (30 June 16:00 UTC) is version 2.
    const before = await service.getStandardInForce({ agencyCode: 'kalsel-prov', at: new Date('2026-06-30T15:59:59Z') });
    expect(before.version).toBe(1);
    const after = await service.getStandardInForce({ agencyCode: 'kalsel-prov', at: new Date('2026-06-30T16:00:00Z') });
    expect(after.version).toBe(2);
    expect(after.services.find((s) => s.code === 'konsultasi-katalog')!.name).toBe('Konsultasi E-Katalog (versi 2026)');
    const byId = await service.getStandardInForce({ agencyId: after.agencyId, at: new Date('2025-06-01T00:00:00Z') });
    expect(byId.version).toBe(1);
    await expect(service.getStandardInForce({ agencyCode: 'kalsel-prov', at: new Date('2025-01-09T15:00:00Z') })).rejects.toMatchObject({ status: 404 });

    // Once the date passes, the public pages show version 2 without a new import.
    now = new Date('2026-07-01T01:00:00Z');
    const res = await get('/api/agencies/kalsel-prov/standard');
    expect(res.json().version).toMatchObject({ version: 2, inForce: true });
    const catalogue = await get('/api/services?q=versi%202026');
    expect(catalogue.json().items).toMatchObject([{ code: 'konsultasi-katalog', version: 2 }]);
    now = new Date('2026-03-01T02:00:00Z');
  });

  it('links the parent once it exists, on the next import', async () => {
    const dir = await variant(tmp, 'v2-again', version2);
    const result = await importStandards(service, { root: dir, actor });
    expect(result).toMatchObject({ ok: true, agencies: [{ status: 'unchanged', version: 2, parentMissing: null }] });
    const rows = await t.database.db.select({ code: agencies.code, parentId: agencies.parentId, id: agencies.id }).from(agencies);
    const lkpp = rows.find((r) => r.code === 'lkpp')!;
    expect(rows.find((r) => r.code === 'kalsel-prov')!.parentId).toBe(lkpp.id);
    expect((await get('/api/agencies/kalsel-prov/standard')).json().agency.parentCode).toBe('lkpp');
  });

  it('exports a stored version that loads back equal to what was imported', async () => {
    for (const version of [1, 2]) {
      const stored = await service.getStoredVersion({ code: 'kalsel-prov', version });
      const dir = path.join(tmp, `export-${version}`, 'kalsel-prov');
      await writeStandardFiles(dir, renderStandardFiles(stored.agency, stored.services, 'test export'));
      const back = await loadAgencyFolder(dir);
      expect(back.problems).toEqual([]);
      if (version === 1) {
        expect(back.loaded!.agency).toEqual(original.agency);
        expect(back.loaded!.services).toEqual(original.services);
      } else {
        expect(back.loaded!.agency.decree.effectiveFrom).toBe('2026-07-01');
      }
    }
  });

  it('round-trips every agency under standards/ through the database', async () => {
    const tree = await loadStandards(path.resolve('standards'));
    expect(tree.agencies.map((a) => a.agency.code)).toContain('kalsel-prov');
    const fresh = await createTestApp();
    try {
      const svc = fresh.services.standards;
      await svc.importLoaded({ agencies: tree.agencies, actor });
      for (const loaded of tree.agencies) {
        const stored = await svc.getStoredVersion({ code: loaded.agency.code });
        const dir = path.join(tmp, 'tree', loaded.agency.code);
        await writeStandardFiles(dir, renderStandardFiles(stored.agency, stored.services));
        const back = await loadAgencyFolder(dir);
        expect(back.problems, loaded.agency.code).toEqual([]);
        expect(back.loaded!.agency, loaded.agency.code).toEqual(loaded.agency);
        expect(back.loaded!.services, loaded.agency.code).toEqual(loaded.services);
      }
    } finally {
      await fresh.close();
    }
  });

  it('removes a role the new version no longer lists', async () => {
    const v2 = await service.getStoredVersion({ code: 'kalsel-prov', version: 2 });
    const agency = { ...v2.agency, roles: v2.agency.roles.filter((r) => r.code !== 'arsiparis') };
    const [result] = await service.importLoaded({ agencies: [{ dir: shipped, agency, services: v2.services }], actor });
    expect(result).toMatchObject({ status: 'updated', version: 3, roles: { added: [], changed: [], removed: ['arsiparis'] } });
    const roleRows = await t.database.db.select({ code: agencyRoles.code }).from(agencyRoles);
    expect(roleRows.map((r) => r.code)).not.toContain('arsiparis');
  });

  it('imports, serves and exports a version whose decree states no number or date (a Peraturan here)', async () => {
    const dir = await variant(tmp, 'undated', (agency) => {
      agency.deleteIn(['decree', 'number']);
      agency.deleteIn(['decree', 'date']);
      agency.setIn(['decree', 'instrument'], 'peraturan');
      agency.setIn(['decree', 'issuer'], 'Gubernur Kalimantan Selatan');
      // Sigap's application date: with no decree date, nothing to order it against.
      agency.setIn(['decree', 'effectiveFrom'], '2026-09-01');
    });
    const loaded = await loadAgencyFolder(dir);
    expect(loaded.problems).toEqual([]);
    const result = await importStandards(service, { root: dir, actor });
    expect(result).toMatchObject({ ok: true, agencies: [{ status: 'updated', version: 4 }] });

    const [row] = await t.database.db
      .select({ number: standardVersions.decreeNumber, date: standardVersions.decreeDate, from: standardVersions.effectiveFrom })
      .from(standardVersions)
      .where(eq(standardVersions.version, 4));
    expect(row).toEqual({ number: null, date: null, from: '2026-09-01' });

    const list = (await get('/api/agencies/kalsel-prov/standard/versions')).json().items;
    expect(list[0]).toMatchObject({ version: 4, decreeInstrument: 'peraturan', decreeNumber: null, decreeDate: null, effectiveFrom: '2026-09-01', upcoming: true });
    // Versions imported before the field existed, or without it, are Keputusan.
    expect(list.at(-1)).toMatchObject({ version: 1, decreeInstrument: 'keputusan', decreeNumber: original.agency.decree.number, decreeDate: '2025-01-10' });
    const v4 = await get('/api/agencies/kalsel-prov/standard/versions/4');
    expect(v4.statusCode).toBe(200);
    expect(v4.json().version).toMatchObject({ decreeInstrument: 'peraturan', decreeNumber: null, decreeDate: null });
    expect(v4.json().standard.decree).not.toHaveProperty('number');
    expect(v4.json().standard.decree).not.toHaveProperty('date');
    const pinned = await get('/api/agencies/kalsel-prov/services/konsultasi-katalog?version=4');
    expect(pinned.statusCode).toBe(200);
    expect(pinned.json().version).toMatchObject({ decreeInstrument: 'peraturan', decreeNumber: null });

    const stored = await service.getStoredVersion({ code: 'kalsel-prov', version: 4 });
    const files = renderStandardFiles(stored.agency, stored.services);
    const agencyYaml = files.files.get('agency.yaml')!;
    expect(agencyYaml).not.toMatch(/^ {2}(number|date):/m);
    expect(agencyYaml).toMatch(/^ {2}instrument: peraturan$/m);
    const out = path.join(tmp, 'export-undated', 'kalsel-prov');
    await writeStandardFiles(out, files);
    const back = await loadAgencyFolder(out);
    expect(back.problems).toEqual([]);
    expect(back.loaded!.agency).toEqual(loaded.loaded!.agency);
    expect(back.loaded!.services).toEqual(loaded.loaded!.services);
  });

  it('still refuses, in the database, a stated decree date after the effective date', async () => {
    const [agency] = await t.database.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, 'kalsel-prov'));
    const row = { agencyId: agency!.id, contentHash: 'x', document: original.agency, decreeNumber: null };
    await expect(
      t.database.db.insert(standardVersions).values({ ...row, version: 90, decreeDate: '2027-01-02', effectiveFrom: '2027-01-01' }),
    ).rejects.toThrow();
    const ok = { ...row, version: 91, decreeDate: null, effectiveFrom: '2027-01-01' };
    await t.database.db.insert(standardVersions).values(ok);
    await t.database.db.delete(standardVersions).where(and(eq(standardVersions.agencyId, agency!.id), eq(standardVersions.version, 91)));
  });
});
