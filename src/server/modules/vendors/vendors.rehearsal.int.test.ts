import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createFactories, recordingMailer, type Factories, type Person } from '../../test/factories.js';
import type { CallContext } from '../requests/requests.service.js';
import { vendorEffectOf } from './vendors.applications.js';
import { createVendorRehearsal } from './vendors.rehearsal.js';

/**
 * The sample vendors `sigap standards rehearse` files with: every account service of Banjarmasin
 * and Klungkung's verification, walked along its main path, reaches its product with its effect
 * applied.
 */
describe('vendor rehearsal', () => {
  let t: TestApp;
  let make: Factories;
  const now = new Date('2026-03-10T01:00:00Z');
  const secretKey = randomBytes(32);

  beforeAll(async () => {
    const mailer = recordingMailer();
    t = await createTestApp({ identity: { clock: () => now, secretKey, mailer }, requests: { secretKey } });
    make = createFactories({ ...t, mails: mailer.sent });
    await make.standards({ codes: ['banjarmasin-kota', 'klungkung-kab'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(['banjarmasin-kota', 'klungkung-kab'])('walks every account service of %s to its product with its effect applied', async (code) => {
    const agency = await t.services.agencies.getAgency({ code });
    const workspace = { id: agency.id, code: agency.code, name: agency.name };
    const roles = (await t.services.staff.listRoles({ agency })).map((r) => r.code);
    const officer: Person = await make.officer({ agency, roles });
    const ctx: CallContext = { actor: officer.actor, ip: null, requestId: null, lang: 'en' };
    const rehearsal = createVendorRehearsal(t.services.vendors);
    const standard = await t.services.standards.getStandardInForce({ agencyId: agency.id, at: now });
    const services = standard.services.filter((s) => vendorEffectOf(s) !== null);
    expect(services.length).toBe(code === 'banjarmasin-kota' ? 6 : 1);
    for (const service of services) {
      const sample = await rehearsal.vendorFor({ ctx, workspace, service });
      const receipt = await t.services.requests.intake({
        ctx,
        agencyCode: code,
        source: 'staff',
        input: { service: service.code, channel: service.channels[0]!.code, title: `Gladi ${service.code}`, requester: sample.requester, organisation: sample.organisation, fields: {}, statements: [] },
      });
      await rehearsal.link({ ctx, workspace, number: receipt.number, vendorId: sample.vendorId, service });
      // The main path: at each step the action that goes on (not the one that sends the file back).
      for (let step = 0; step < 10; step++) {
        let view = await t.services.requests.getForStaff({ ctx, workspaceId: agency.id, number: receipt.number });
        if (view.status === 'closed') break;
        const missing = view.checklist.filter((c) => c.required && c.state !== 'received' && c.state !== 'original_shown');
        if (missing.length > 0) view = await t.services.requests.markChecklist({ ctx, workspaceId: agency.id, number: receipt.number, items: missing.map((c) => ({ code: c.code, state: 'received' as const })) });
        const action = view.allowedActions.find((a) => !a.pausesClock)!;
        await t.services.requests.actAsOfficer({
          ctx,
          workspaceId: agency.id,
          number: receipt.number,
          input: {
            action: action.code,
            version: view.version,
            ...(action.needsProduct ? { product: { text: 'Produk gladi resik' } } : {}),
            ...(action.escalatesTo ? { externalReference: 'GLADI-0001' } : {}),
          },
        });
      }
      const done = await t.services.requests.getForStaff({ ctx, workspaceId: agency.id, number: receipt.number });
      expect({ service: service.code, status: done.status, outcome: done.outcome }).toEqual({ service: service.code, status: 'closed', outcome: 'completed' });
      const applied = done.events.find((e) => e.data && typeof e.data === 'object' && 'effects' in e.data);
      expect(Object.keys((applied!.data as { effects: object }).effects)).toEqual([vendorEffectOf(service)]);
    }
  });
});
