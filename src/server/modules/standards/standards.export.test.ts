import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { agencyStandard, serviceStandard, type AgencyStandard } from '../../../shared/standard/schema.js';
import { loadAgencyFolder } from './standards.loader.js';
import { omitDefaults, renderStandardFiles } from './standards.export.js';

describe('omitDefaults', () => {
  it('leaves out fields equal to their default, at every level, and keeps the others', async () => {
    const { loaded } = await loadAgencyFolder('standards/kalsel-prov');
    const service = loaded!.services[0]!;
    const out = omitDefaults(serviceStandard, service) as Record<string, unknown>;
    // fee { amount: 0 } is the default; required: true and pausesClock: false too.
    if (service.fee.amount === 0 && service.fee.note === undefined) expect(out).not.toHaveProperty('fee');
    expect(JSON.stringify(out)).not.toContain('"pausesClock":false');
    expect(JSON.stringify(out)).not.toContain('"required":true');
    expect(serviceStandard.parse(out)).toEqual(service);
  });

  it('keeps a non-default value', () => {
    const parsed = agencyStandard.shape.maklumat.parse({ text: 'x', signatory: { position: 'Kepala' }, origin: 'default' });
    expect(omitDefaults(agencyStandard.shape.maklumat, parsed)).toEqual({ text: 'x', signatory: { position: 'Kepala' }, origin: 'default' });
    const stated = agencyStandard.shape.maklumat.parse({ text: 'x', signatory: { position: 'Kepala' } });
    expect(omitDefaults(agencyStandard.shape.maklumat, stated)).toEqual({ text: 'x', signatory: { position: 'Kepala' } });
  });
});

describe('renderStandardFiles', () => {
  it('writes agency.yaml with the header as comments and one file per service, in the schema order', async () => {
    const { loaded } = await loadAgencyFolder('standards/kalsel-prov');
    const { files } = renderStandardFiles(loaded!.agency, loaded!.services, 'line one\nline two');
    expect([...files.keys()]).toEqual(['agency.yaml', ...loaded!.agency.services.map((c) => `services/${c}.yaml`)]);
    const agencyYaml = files.get('agency.yaml')!;
    expect(agencyYaml.startsWith('# line one\n# line two\ncode: kalsel-prov\n')).toBe(true);
    expect(agencyStandard.parse(parse(agencyYaml))).toEqual(loaded!.agency);
  });

  it('refuses to write what would not read back the same', async () => {
    const { loaded } = await loadAgencyFolder('standards/kalsel-prov');
    // A stored document the schema would change on reading (an unknown key) is not silently dropped.
    const broken = { ...loaded!.agency, unknownKey: 1 } as unknown as AgencyStandard;
    expect(() => renderStandardFiles(broken, loaded!.services)).toThrow();
  });
});
