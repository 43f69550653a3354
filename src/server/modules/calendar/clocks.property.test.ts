import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import type { StoredLimit, StoredPause, StoredStageClock } from '../../db/tables/index.js';
import { advanceStages, channelCalendar, readClocks, summarizeClocks, tierClock, type ClockFields } from '../requests/requests.clock.js';
import { formatProblem, loadStandards, type LoadedAgency } from '../standards/standards.loader.js';
import { createCalendar, type BusinessCalendar } from './calendar.js';
import { shippedNationalYears } from './holidays.js';

/**
 * The clocks of requests as the standards run them (channel hours, escalation tiers, timeline
 * stages, limits not stated), over random instants, limits, pauses and walks through the shipped
 * workflows: a deadline never comes before its start, pauses and hand-overs only ever move it
 * later, and a channel without a stated limit never breaches.
 */

const standardsDir = fileURLToPath(new URL('../../../../standards', import.meta.url));
const national = shippedNationalYears.flatMap((y) => y.dates.map((d) => d.date));
const HOUR = 3_600_000;
// 2026-01-05 (a Monday) to the end of 2027, where the shipped holidays are known.
const instant = fc.integer({ min: Date.UTC(2026, 0, 5), max: Date.UTC(2027, 11, 1) });
const limitArb: fc.Arbitrary<StoredLimit> = fc.oneof(
  fc.record({ unit: fc.constant('minutes' as const), max: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ unit: fc.constant('hours' as const), max: fc.integer({ min: 1, max: 48 }) }),
  fc.record({ unit: fc.constant('working_days' as const), max: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ unit: fc.constant('calendar_days' as const), max: fc.integer({ min: 0, max: 60 }) }),
);
/** Pauses after `start`, in order, the last one possibly still open. */
const pausesAfter = (start: number) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 200 * HOUR }), fc.integer({ min: 0, max: 100 * HOUR })), { maxLength: 4 }).chain((gaps) =>
    fc.boolean().map((lastOpen) => {
      const pauses: StoredPause[] = [];
      let t = start;
      gaps.forEach(([gap, length], i) => {
        t += gap;
        const open = lastOpen && i === gaps.length - 1;
        pauses.push({ from: t, to: open ? null : t + length });
        t += length;
      });
      return pauses;
    }),
  );

function fieldsOf(start: number, limits: { response?: StoredLimit | null; resolution?: StoredLimit | null }, pauses: StoredPause[] = [], stageClocks: StoredStageClock[] = []): ClockFields {
  const open = pauses.find((p) => p.to === null);
  return {
    clockStartedAt: new Date(start),
    responseLimit: limits.response ?? null,
    resolutionLimit: limits.resolution ?? null,
    respondedAt: null,
    resolvedAt: null,
    pauses,
    pausedSince: open ? new Date(open.from) : null,
    clockState: 'ok',
    autoCloseAt: null,
    closedAt: null,
    stageClocks,
  };
}

describe('request clocks under the standards (property)', () => {
  const services = new Map<string, ServiceStandard>();
  let agencyCalendar: BusinessCalendar;
  const service = (key: string) => services.get(key)!;

  beforeAll(async () => {
    for (const code of ['kalsel-prov', 'klungkung-kab', 'ntt-prov', 'banjarmasin-kota']) {
      const result = await loadStandards(`${standardsDir}/${code}`);
      expect(result.problems.map((p) => formatProblem(p, 'en'))).toEqual([]);
      const agency: LoadedAgency = result.agencies[0]!;
      for (const s of agency.services) services.set(`${code}/${s.code}`, s);
      if (code === 'kalsel-prov') agencyCalendar = createCalendar({ timeZone: agency.agency.timeZone, weeklyHours: agency.agency.serviceHours, nonWorkingDates: national });
    }
  });

  it('on a channel\'s own hours the deadline never comes before the start, and pauses only move it later', () => {
    const chat = channelCalendar(agencyCalendar, service('kalsel-prov/konsultasi-katalog'), 'chat');
    expect(chat).not.toBe(agencyCalendar);
    fc.assert(
      fc.property(instant, limitArb, instant.chain((s) => fc.tuple(fc.constant(s), pausesAfter(s))), fc.integer({ min: 0, max: 400 * HOUR }), (start, limit, [pStart, pauses], later) => {
        const plain = readClocks(chat, fieldsOf(start, { resolution: limit }), start + later)[0]!.state!;
        expect(plain.due).toBeGreaterThanOrEqual(start);
        const paused = readClocks(chat, fieldsOf(pStart, { resolution: limit }, pauses), pStart + later)[0]!.state!;
        const unpaused = readClocks(chat, fieldsOf(pStart, { resolution: limit }), pStart + later)[0]!.state!;
        expect(paused.due).toBeGreaterThanOrEqual(unpaused.due);
      }),
      { numRuns: 150 },
    );
  });

  it('a hand-over to a tier that states no limit only moves the agency\'s deadline later, and a tier\'s limit is never before the start', () => {
    const kalsel = service('kalsel-prov/dukungan-spse');
    const klungkung = service('klungkung-kab/helpdesk-lpse');
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 300 * HOUR }), fc.integer({ min: 0, max: 600 * HOUR }), (start, toHandOver, later) => {
        const walkIn = kalsel.channels.find((c) => c.code === 'walk-in')!;
        const limit = { unit: walkIn.timeLimit!.unit, max: 120, min: 60 } as StoredLimit;
        const handedOver = tierClock(kalsel, 'walk-in', 'helpdesk-teknis-lkpp', limit);
        expect(handedOver).toEqual({ resolutionLimit: limit, handedOver: true });
        const at = start + toHandOver + later;
        const before = readClocks(agencyCalendar, fieldsOf(start, { resolution: limit }), at)[0]!.state!;
        const after = readClocks(agencyCalendar, fieldsOf(start, { resolution: limit }, [{ from: start + toHandOver, to: null }]), at)[0]!.state!;
        expect(after.due).toBeGreaterThanOrEqual(before.due);
        if (at >= start + toHandOver) expect(after.breached).toBe(before.breached && before.due <= start + toHandOver);

        const lkpp = tierClock(klungkung, 'helpdesk', 'lkpp', { unit: 'calendar_days', max: 2 }).resolutionLimit!;
        const local = readClocks(agencyCalendar, fieldsOf(start, { resolution: { unit: 'calendar_days', max: 2 } }), at)[0]!.state!;
        const escalated = readClocks(agencyCalendar, fieldsOf(start, { resolution: lkpp }), at)[0]!.state!;
        expect(escalated.due).toBeGreaterThanOrEqual(Math.max(start, local.due));
      }),
      { numRuns: 150 },
    );
  });

  it('every stage of a walk through Klungkung\'s selection starts when it is reached, stops no earlier, and is due no earlier than its start', () => {
    const selection = service('klungkung-kab/pemilihan-penyedia');
    const path = ['penerimaan', 'disposisi', 'reviu-dpp', 'perbaikan-dpp', 'reviu-dpp', 'pemilihan', 'selesai'];
    fc.assert(
      fc.property(
        instant,
        fc.array(fc.integer({ min: 0, max: 72 * HOUR }), { minLength: path.length, maxLength: path.length }),
        fc.constantFrom(null, 'tender', 'seleksi', 'tender-cepat'),
        fc.integer({ min: 0, max: 2000 * HOUR }),
        (start, gaps, variant, later) => {
          let at = start;
          let clocks: StoredStageClock[] = [];
          path.forEach((step, i) => {
            at += gaps[i]!;
            clocks = advanceStages(selection, 'walk-in', variant, clocks, step, at);
          });
          expect(clocks.map((c) => c.stage)).toEqual(['disposisi', 'reviu-dpp', 'pemilihan']);
          for (const c of clocks) {
            expect(c.startedAt).not.toBeNull();
            expect(c.stoppedAt).not.toBeNull();
            expect(c.stoppedAt!).toBeGreaterThanOrEqual(c.startedAt!);
          }
          expect(clocks.find((c) => c.stage === 'pemilihan')!.limit === null).toBe(variant === null);
          for (const r of readClocks(agencyCalendar, fieldsOf(start, {}, [], clocks), at + later)) {
            expect(r.state!.due).toBeGreaterThanOrEqual(clocks.find((c) => c.stage === r.stage)!.startedAt!);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a channel without a stated limit never breaches, at any instant, with any pauses', () => {
    const ntt = service('ntt-prov/informasi-konsultasi');
    const limits = { response: null, resolution: null };
    expect(ntt.channels.every((c) => c.timeLimit === undefined && c.responseLimit === undefined && c.limitNotStated !== undefined)).toBe(true);
    fc.assert(
      fc.property(instant.chain((s) => fc.tuple(fc.constant(s), pausesAfter(s))), fc.integer({ min: 0, max: 5000 * HOUR }), ([start, pauses], later) => {
        const summary = summarizeClocks(agencyCalendar, fieldsOf(start, limits, pauses), start + later);
        expect(summary).toMatchObject({ observed: 'ok', responseDueAt: null, resolutionDueAt: null, sortDueAt: null, nextCheckAt: null });
      }),
      { numRuns: 150 },
    );
  });
});
