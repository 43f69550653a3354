import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStandard } from '../../../shared/standard/schema.js';
import { channelCalendar } from '../requests/requests.clock.js';
import { loadStandards } from '../standards/standards.loader.js';
import { resolveServiceLimit } from '../standards/standards.limits.js';
import { computeDue, createCalendar, type BusinessCalendar } from './calendar.js';
import { shippedNationalYears } from './holidays.js';
import { formatLimit } from './limit.js';
import { formatInstant, parseDateTime } from './time-zone.js';

// The examples of "Which limit applies" in docs/time-limits.md are the test: each row's limit,
// hours, rule and deadline are what the resolver and the calendar give for the shipped standards.
const page = readFileSync(new URL('../../../../docs/time-limits.md', import.meta.url), 'utf8');
const table = page.slice(page.indexOf('<!-- standard-examples:start -->'), page.indexOf('<!-- standard-examples:end -->'));
const rows = table
  .split('\n')
  .filter((line) => /^\| [a-z]+-[a-z]+\//.test(line))
  .map((line) => line.split('|').slice(1, -1).map((c) => c.trim()));
const standardsDir = fileURLToPath(new URL('../../../../standards', import.meta.url));
const national = shippedNationalYears.flatMap((y) => y.dates.map((d) => d.date));

describe('the standard examples of docs/time-limits.md', () => {
  const agencies = new Map<string, { timeZone: string; calendar: BusinessCalendar; services: ServiceStandard[] }>();

  beforeAll(async () => {
    for (const code of new Set(rows.map((r) => r[0]!.split('/')[0]!))) {
      const loaded = (await loadStandards(`${standardsDir}/${code}`)).agencies[0]!;
      const calendar = createCalendar({ timeZone: loaded.agency.timeZone, weeklyHours: loaded.agency.serviceHours, nonWorkingDates: national });
      agencies.set(code, { timeZone: loaded.agency.timeZone, calendar, services: loaded.services });
    }
  });

  it('has the examples', () => {
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });

  it.each(rows)('%s on %s (tier %s, stage %s) from %s: %s on %s hours, rule %s, due %s', (where, channel, tier, stage, from, limit, hours, rule, deadline) => {
    const [code, serviceCode] = where!.split('/');
    const agency = agencies.get(code!)!;
    const service = agency.services.find((s) => s.code === serviceCode)!;
    const [stageCode, variant] = stage === '—' ? [undefined, undefined] : stage!.replace(')', '').split(' (');
    const resolved = resolveServiceLimit(service, { channel: channel!, tier: tier === '—' ? undefined : tier, stage: stageCode, variant });
    expect(resolved.limit ? formatLimit(resolved.limit, 'en') : resolved.external ? 'not stated (handed over)' : 'not stated').toBe(limit);
    expect(resolved.hours.source).toBe(hours);
    expect(`${resolved.rule.kind} ${resolved.rule.code}`).toBe(rule);
    const start = parseDateTime(agency.timeZone, from!)!;
    const due = resolved.limit ? formatInstant(agency.timeZone, computeDue(channelCalendar(agency.calendar, service, channel!), { start, limit: resolved.limit }).due) : '—';
    expect(due).toBe(deadline);
  });
});
