import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeIssues } from '../validation.js';
import { validAgency, validService } from './fixtures.test-helpers.js';
import { agencyRefsOf, agencyStandard, decreeInstrument, limitAmount, serviceStandardSchema, timeLimit } from './schema.js';

type Problem = { field: string; rule: string };

function problemsOf(schema: z.ZodType, input: unknown): Problem[] {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return [];
  return describeIssues(result.error.issues, 'en').map(({ field, rule }) => ({ field, rule }));
}

const refs = agencyRefsOf(agencyStandard.parse(validAgency()));
const serviceSchema = serviceStandardSchema(refs);
const agencyProblems = (mutate: (a: ReturnType<typeof validAgency>) => void) => {
  const a = validAgency();
  mutate(a);
  return problemsOf(agencyStandard, a);
};
const serviceProblems = (mutate: (s: ReturnType<typeof validService>) => void) => {
  const s = validService();
  mutate(s);
  return problemsOf(serviceSchema, s);
};
/* eslint-disable @typescript-eslint/no-explicit-any -- tests break the data on purpose */

describe('agency.yaml schema', () => {
  it('accepts the minimal valid agency and fills defaults', () => {
    const parsed = agencyStandard.parse(validAgency());
    expect(parsed.maklumat.origin).toBe('stated');
    expect(parsed.serviceHours.sat).toEqual([]);
    expect(parsed.serviceHourProfiles).toEqual([]);
  });

  it('rejects an unknown key so typos do not pass silently', () => {
    expect(agencyProblems((a: any) => (a.timezone = 'Asia/Jakarta'))).toEqual([{ field: '', rule: 'unrecognized_keys' }]);
  });

  it('rejects a missing required field', () => {
    expect(agencyProblems((a: any) => delete a.decree)).toEqual([{ field: 'decree', rule: 'required' }]);
  });

  it('rejects a level outside provinsi, kabupaten, kota, national', () => {
    expect(agencyProblems((a: any) => (a.level = 'desa'))).toEqual([{ field: 'level', rule: 'invalid_value' }]);
  });

  it('rejects a time zone that is not an IANA name', () => {
    expect(agencyProblems((a) => (a.timeZone = 'WITA'))).toEqual([{ field: 'timeZone', rule: 'standard.time_zone' }]);
    expect(agencyProblems((a) => (a.timeZone = '+08:00'))).toEqual([{ field: 'timeZone', rule: 'standard.time_zone' }]);
  });

  it('rejects a date that is not YYYY-MM-DD or does not exist', () => {
    expect(agencyProblems((a) => (a.decree.date = '10-01-2025'))).toEqual([{ field: 'decree.date', rule: 'standard.date' }]);
    expect(agencyProblems((a) => (a.decree.date = '2025-02-30'))).toEqual([{ field: 'decree.date', rule: 'standard.date' }]);
  });

  it('rejects a decree that takes effect before it was signed', () => {
    expect(agencyProblems((a) => (a.decree.effectiveFrom = '2025-01-09'))).toEqual([
      { field: 'decree.effectiveFrom', rule: 'standard.date_order' },
    ]);
  });

  it('accepts a decree whose number and date the source does not state, and checks no date order then', () => {
    const a: any = validAgency();
    delete a.decree.number;
    delete a.decree.date;
    // effectiveFrom is Sigap's application date: no stated decree date to be ordered against.
    a.decree.effectiveFrom = '2020-01-01';
    expect(problemsOf(agencyStandard, a)).toEqual([]);
    const parsed = agencyStandard.parse(a);
    expect(parsed.decree.number).toBeUndefined();
    expect(parsed.decree.date).toBeUndefined();
    expect(decreeInstrument(parsed.decree)).toBe('keputusan');
  });

  it('still requires effectiveFrom, the date Sigap judges requests from', () => {
    expect(agencyProblems((a: any) => delete a.decree.effectiveFrom)).toEqual([{ field: 'decree.effectiveFrom', rule: 'required' }]);
    expect(
      agencyProblems((a: any) => {
        delete a.decree.date;
        delete a.decree.effectiveFrom;
      }),
    ).toEqual([{ field: 'decree.effectiveFrom', rule: 'required' }]);
  });

  it('rejects an empty decree number: leave it out when the source does not state it', () => {
    expect(agencyProblems((a) => (a.decree.number = '  '))).toEqual([{ field: 'decree.number', rule: 'required' }]);
  });

  it('takes a Peraturan with its issuer, and rejects another kind of instrument', () => {
    const a: any = validAgency();
    a.decree.instrument = 'peraturan';
    a.decree.issuer = 'Bupati Contoh';
    const parsed = agencyStandard.parse(a);
    expect(decreeInstrument(parsed.decree)).toBe('peraturan');
    expect(parsed.decree.issuer).toBe('Bupati Contoh');
    expect(agencyProblems((b: any) => (b.decree.instrument = 'surat-edaran'))).toEqual([
      { field: 'decree.instrument', rule: 'invalid_value' },
    ]);
  });

  it('rejects a NIP that is not 18 digits', () => {
    expect(agencyProblems((a: any) => (a.decree.signatory.nip = '1963 1119'))).toEqual([
      { field: 'decree.signatory.nip', rule: 'standard.nip' },
    ]);
  });

  it('rejects service hours not in the hours contract format', () => {
    expect(agencyProblems((a) => (a.serviceHours.mon = ['8.00-12.00']))).toContainEqual({
      field: 'serviceHours.mon.0',
      rule: 'hours.interval_format',
    });
    expect(agencyProblems((a) => (a.serviceHours.fri = ['13:00-16:00', '08:00-11:30']))).toEqual([
      { field: 'serviceHours.fri', rule: 'hours.overlap' },
    ]);
  });

  it('rejects hour profiles that end before they start or overlap each other', () => {
    const hours = validAgency().serviceHours;
    expect(
      agencyProblems((a: any) => (a.serviceHourProfiles = [{ code: 'r', name: 'Ramadan', from: '2026-03-20', to: '2026-02-18', hours }])),
    ).toEqual([{ field: 'serviceHourProfiles.0.to', rule: 'standard.date_order' }]);
    expect(
      agencyProblems(
        (a: any) =>
          (a.serviceHourProfiles = [
            { code: 'a', name: 'A', from: '2026-02-18', to: '2026-03-19', hours },
            { code: 'b', name: 'B', from: '2026-03-19', to: '2026-03-30', hours },
          ]),
      ),
    ).toEqual([{ field: 'serviceHourProfiles.1.from', rule: 'standard.profile_overlap' }]);
  });

  it('rejects a role permission missing from the permission catalogue', () => {
    expect(agencyProblems((a) => (a.roles[0]!.permissions = ['requests.intake', 'requests.delete']))).toEqual([
      { field: 'roles.0.permissions.1', rule: 'standard.permission_unknown' },
    ]);
  });

  it('rejects a role code that is not kebab-case', () => {
    expect(agencyProblems((a) => (a.roles[0]!.code = 'Help Desk'))).toEqual([
      { field: 'roles.0.code', rule: 'standard.code' },
    ]);
  });

  it('rejects duplicate codes at the repeated item', () => {
    expect(agencyProblems((a) => (a.roles[1]!.code = 'helpdesk'))).toEqual([
      { field: 'roles.1.code', rule: 'standard.code_duplicate' },
    ]);
    expect(agencyProblems((a) => (a.services = ['aktivasi', 'aktivasi']))).toEqual([
      { field: 'services.1', rule: 'standard.code_duplicate' },
    ]);
  });

  it('reserves the role code "requester"', () => {
    expect(agencyProblems((a) => (a.roles[1]!.code = 'requester'))).toEqual([
      { field: 'roles.1.code', rule: 'standard.role_reserved' },
    ]);
  });

  it('rejects an agency that names itself as parent', () => {
    expect(agencyProblems((a: any) => (a.parentAgency = 'contoh-kab'))).toEqual([
      { field: 'parentAgency', rule: 'standard.parent_self' },
    ]);
  });

  it('rejects complaint classes whose limit is malformed', () => {
    expect(
      agencyProblems(
        (a: any) => (a.complaints.classes = [{ code: 'ringan', name: 'Pengaduan ringan', limit: { amount: 3, unit: 'jam' } }]),
      ),
    ).toEqual([{ field: 'complaints.classes.0.limit.unit', rule: 'invalid_value' }]);
  });
});

describe('time limits', () => {
  const rules = (input: unknown) => problemsOf(timeLimit, input);

  it('accepts an amount or a range and takes the upper end as the limit', () => {
    expect(limitAmount(timeLimit.parse({ amount: [30, 60], unit: 'minutes' }))).toBe(60);
    expect(limitAmount(timeLimit.parse({ amount: 5, unit: 'working_days' }))).toBe(5);
  });

  it('rejects a zero or negative amount', () => {
    expect(rules({ amount: 0, unit: 'hours' })).toEqual([{ field: 'amount', rule: 'standard.limit_positive' }]);
    expect(rules({ amount: [0, 10], unit: 'minutes' })).toEqual([{ field: 'amount.0', rule: 'standard.limit_positive' }]);
  });

  it('rejects a range whose low end is not below its high end', () => {
    expect(rules({ amount: [60, 30], unit: 'minutes' })).toEqual([{ field: 'amount', rule: 'standard.limit_range_order' }]);
  });

  it('rejects an amount that is neither a number nor a pair', () => {
    expect(rules({ amount: '30-60', unit: 'minutes' })).toEqual([{ field: 'amount', rule: 'standard.limit_amount' }]);
  });

  it('rejects fractional amounts, which the calendar cannot count', () => {
    expect(rules({ amount: 1.5, unit: 'working_days' })).toEqual([{ field: 'amount', rule: 'standard.limit_whole' }]);
    expect(rules({ amount: [30, 62.5], unit: 'minutes' })).toEqual([{ field: 'amount', rule: 'standard.limit_whole' }]);
  });

  it('rejects a unit it does not know', () => {
    expect(rules({ amount: 3, unit: 'days' })).toEqual([{ field: 'unit', rule: 'invalid_value' }]);
  });
});

describe('service schema', () => {
  it('accepts the minimal valid service and fills defaults', () => {
    const parsed = serviceSchema.parse(validService());
    expect(parsed.fee).toEqual({ amount: 0 });
    expect(parsed.requirements[0]!.required).toBe(true);
    expect(parsed.workflow.steps[0]!.actions[1]!.pausesClock).toBe(true);
  });

  it('says how to mark a component the source does not state', () => {
    expect(serviceProblems((s: any) => delete s.components.management.legalBasis)).toEqual([
      { field: 'components.management.legalBasis', rule: 'standard.component_missing' },
    ]);
    expect(serviceProblems((s: any) => (s.components.delivery.fee = '  '))).toEqual([
      { field: 'components.delivery.fee', rule: 'standard.component_empty' },
    ]);
    expect(serviceProblems((s: any) => (s.components.delivery.fee = { notStated: 'yes' }))).toEqual([
      { field: 'components.delivery.fee', rule: 'standard.component_form' },
    ]);
  });

  it('says a fee is an amount (0 free) or not stated, not both and not neither', () => {
    const notStated = { notStated: true, note: 'Biaya tidak disebut dalam Kebijakan Operasional LPSE.' };
    expect(serviceSchema.parse({ ...validService(), fee: notStated }).fee).toEqual(notStated);
    expect(serviceProblems((s: any) => (s.fee = { ...notStated, amount: 0 }))).toEqual([{ field: 'fee', rule: 'standard.fee_form' }]);
    expect(serviceProblems((s: any) => (s.fee = { note: 'Gratis?' }))).toEqual([{ field: 'fee', rule: 'standard.fee_form' }]);
    expect(serviceProblems((s: any) => (s.fee = { notStated: false }))).toEqual([{ field: 'fee.notStated', rule: 'invalid_value' }]);
  });

  it('rejects a requester type other than vendor, government, public', () => {
    expect(serviceProblems((s: any) => (s.requesterTypes = ['opd']))).toEqual([
      { field: 'requesterTypes.0', rule: 'invalid_value' },
    ]);
  });

  it('rejects a channel with no limit at all', () => {
    expect(serviceProblems((s: any) => delete s.channels[0].timeLimit)).toEqual([
      { field: 'channels.0', rule: 'standard.channel_no_limit' },
    ]);
  });

  it('rejects a checklist item naming a channel the service does not have', () => {
    expect(serviceProblems((s) => (s.requirements[0]!.channels = ['letter']))).toEqual([
      { field: 'requirements.0.channels.0', rule: 'standard.channel_unknown' },
    ]);
  });

  it('rejects a checklist item for a requester type the service does not accept', () => {
    expect(serviceProblems((s) => (s.requirements[0]!.requesterTypes = ['public']))).toEqual([
      { field: 'requirements.0.requesterTypes.0', rule: 'standard.requester_type_unused' },
    ]);
  });

  it('rejects an action leading to a step that does not exist', () => {
    expect(serviceProblems((s) => (s.workflow.steps[0]!.actions![0]!.to = 'verifikasi'))).toEqual([
      { field: 'workflow.steps.0.actions.0.to', rule: 'standard.step_unknown' },
      // verify is now reached by nothing
      { field: 'workflow.steps.3.code', rule: 'standard.step_unreachable' },
    ]);
  });

  it('rejects a channel that starts at or clocks from an unknown step', () => {
    expect(serviceProblems((s: any) => (s.channels[0].startStep = 'nowhere'))).toContainEqual({
      field: 'channels.0.startStep',
      rule: 'standard.step_unknown',
    });
    expect(serviceProblems((s: any) => (s.channels[0].clockStartsAt = 'nowhere'))).toEqual([
      { field: 'channels.0.clockStartsAt', rule: 'standard.step_unknown' },
    ]);
  });

  it('rejects a step whose role is not among the agency roles', () => {
    expect(serviceProblems((s) => (s.workflow.steps[3]!.role = 'pokja'))).toEqual([
      { field: 'workflow.steps.3.role', rule: 'standard.role_unknown' },
    ]);
  });

  it('does not check roles against an agency when validated alone', () => {
    const s = validService();
    s.workflow.steps[3]!.role = 'pokja';
    expect(problemsOf(serviceStandardSchema(), s)).toEqual([]);
  });

  it('rejects escalation to a tier that does not exist', () => {
    expect(serviceProblems((s: any) => (s.workflow.steps[0].actions[2].escalates = 'lkpp-teknis'))).toEqual([
      { field: 'workflow.steps.0.actions.2.escalates', rule: 'standard.tier_unknown' },
    ]);
    expect(serviceProblems((s) => (s.workflow.steps[0]!.tier = 'opd'))).toEqual([
      { field: 'workflow.steps.0.tier', rule: 'standard.tier_unknown' },
    ]);
  });

  it('rejects a tier with no handler or with two', () => {
    expect(serviceProblems((s: any) => delete s.workflow.tiers[0].role)).toEqual([
      { field: 'workflow.tiers.0', rule: 'standard.tier_handler' },
    ]);
    expect(serviceProblems((s: any) => (s.workflow.tiers[1].system = 'lpse-support'))).toEqual([
      { field: 'workflow.tiers.1', rule: 'standard.tier_handler' },
    ]);
  });

  it('rejects a tier naming an external system agency.yaml does not declare', () => {
    expect(
      serviceProblems((s: any) => {
        delete s.workflow.tiers[1].agency;
        s.workflow.tiers[1].system = 'sirup';
      }),
    ).toEqual([{ field: 'workflow.tiers.1.system', rule: 'standard.system_unknown' }]);
  });

  it('rejects an effect missing from the effect catalogue', () => {
    expect(serviceProblems((s: any) => (s.workflow.steps[3].actions[0].effects = ['vendor.activated']))).toEqual([
      { field: 'workflow.steps.3.actions.0.effects.0', rule: 'standard.effect_unknown' },
    ]);
  });

  it('rejects a non-final step without a role or without actions', () => {
    expect(serviceProblems((s: any) => delete s.workflow.steps[3].role)).toEqual([
      { field: 'workflow.steps.3.role', rule: 'standard.step_role_missing' },
    ]);
    expect(
      serviceProblems((s) => {
        s.workflow.steps[2]!.actions = [];
      }),
    ).toEqual([{ field: 'workflow.steps.2.actions', rule: 'standard.step_dead_end' }]);
  });

  it('rejects a final step with actions, and an outcome on a step that is not final', () => {
    expect(
      serviceProblems((s: any) => (s.workflow.steps[4].actions = [{ code: 'reopen', label: 'Buka', to: 'check' }])),
    ).toEqual([{ field: 'workflow.steps.4.actions', rule: 'standard.final_step_actions' }]);
    expect(serviceProblems((s: any) => (s.workflow.steps[3].outcome = 'completed'))).toEqual([
      { field: 'workflow.steps.3.outcome', rule: 'standard.outcome_not_final' },
    ]);
  });

  it('rejects a workflow with no final step', () => {
    expect(
      serviceProblems((s: any) => {
        s.workflow.steps[4] = { code: 'done', name: 'Selesai', role: 'helpdesk', actions: [{ code: 'again', label: 'Ulang', to: 'check' }] };
      }),
    ).toEqual([{ field: 'workflow.steps', rule: 'standard.no_final_step' }]);
  });

  it('rejects a step no channel can reach', () => {
    expect(
      serviceProblems((s: any) =>
        s.workflow.steps.push({ code: 'orphan', name: 'Yatim', role: 'helpdesk', actions: [{ code: 'x', label: 'X', to: 'done' }] }),
      ),
    ).toEqual([{ field: 'workflow.steps.5.code', rule: 'standard.step_unreachable' }]);
  });

  it('rejects duplicate step and action codes', () => {
    expect(serviceProblems((s) => (s.workflow.steps[1]!.code = 'check'))).toContainEqual({
      field: 'workflow.steps.1.code',
      rule: 'standard.code_duplicate',
    });
    expect(serviceProblems((s) => (s.workflow.steps[0]!.actions![1]!.code = 'complete'))).toEqual([
      { field: 'workflow.steps.0.actions.1.code', rule: 'standard.code_duplicate' },
    ]);
  });

  it('checks timeline stages: one kind of limit, known and complete variants, known steps', () => {
    const variants = [
      { code: 'tender', name: 'Tender' },
      { code: 'seleksi', name: 'Seleksi' },
    ];
    const days = (n: number) => ({ amount: n, unit: 'calendar_days' });
    expect(
      serviceProblems((s: any) => (s.timeline = { variants, stages: [{ code: 'a', name: 'A', steps: ['check'] }] })),
    ).toEqual([{ field: 'timeline.stages.0', rule: 'standard.stage_limit' }]);
    expect(
      serviceProblems(
        (s: any) =>
          (s.timeline = { variants, stages: [{ code: 'a', name: 'A', limitsByVariant: { tender: days(30), cepat: days(10) } }] }),
      ),
    ).toEqual([
      { field: 'timeline.stages.0.limitsByVariant.cepat', rule: 'standard.variant_unknown' },
      { field: 'timeline.stages.0.limitsByVariant', rule: 'standard.variant_missing' },
    ]);
    expect(
      serviceProblems((s: any) => (s.timeline = { stages: [{ code: 'a', name: 'A', limit: days(1), steps: ['reviu'] }] })),
    ).toEqual([{ field: 'timeline.stages.0.steps.0', rule: 'standard.step_unknown' }]);
  });

  it('rejects a lead-time rule whose minimum is not a time limit', () => {
    expect(
      serviceProblems(
        (s: any) => (s.leadTimeRules = [{ code: 'h-3', label: 'Minimal 3 hari', before: 'kunjungan', minimum: { amount: 3 } }]),
      ),
    ).toEqual([{ field: 'leadTimeRules.0.minimum.unit', rule: 'required' }]);
  });

  it('rejects a complaint channel the agency does not declare', () => {
    expect(serviceProblems((s: any) => (s.complaints = { channels: ['lapor'] }))).toEqual([
      { field: 'complaints.channels.0', rule: 'standard.complaint_channel_unknown' },
    ]);
  });

  it('rejects a negative fee', () => {
    expect(serviceProblems((s: any) => (s.fee = { amount: -1 }))).toEqual([{ field: 'fee.amount', rule: 'too_small.number' }]);
  });

  it('gives each rule in both languages with the offending value', () => {
    const s = validService();
    s.workflow.steps[3]!.role = 'pokja';
    const result = serviceSchema.safeParse(s);
    if (result.success) throw new Error('expected a failure');
    expect(describeIssues(result.error.issues, 'id')[0]!.message).toBe('peran "pokja" tidak ada di roles pada agency.yaml');
    expect(describeIssues(result.error.issues, 'en')[0]!.message).toBe('the role "pokja" is not among the roles in agency.yaml');
  });
});
