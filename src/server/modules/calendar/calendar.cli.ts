/**
 * `sigap calendar …`: the deadline of a limit, the holidays of a year, an .ics import, a drafted
 * year. Each function gets the calendar service (from the composition root) and writes lines
 * through `out`/`err`; it returns the exit code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../lib/app-error.js';
import type { CalendarService } from './calendar.service.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

async function guarded(io: CliIo, work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`${error.localized.id} / ${error.localized.en}`);
      for (const d of error.details) io.err(`  ${d.field}: ${d.rule}`);
      return error.status === 404 ? 3 : 1;
    }
    throw error;
  }
}

const kindText: Record<string, string> = {
  working: 'kerja / working',
  closed: 'tutup / closed',
  non_working: 'libur / non-working',
};

/** What `calendar due` prints where the standard states no limit, instead of a date. */
export const noDeadlineLine = 'tidak ada batas waktu: tidak dinyatakan / no deadline: not stated';

export interface DueOptions {
  agency: string;
  from: string;
  limit?: string | undefined;
  service?: string | undefined;
  channel?: string | undefined;
  tier?: string | undefined;
  stage?: string | undefined;
  variant?: string | undefined;
  explain?: boolean | undefined;
}

/**
 * `sigap calendar due`: the deadline of `--limit` on the agency's hours, or of a service's
 * channel (its tier, its timeline stage) as the agency's standard states it, on the channel's own
 * hours. Prints the deadline, or `noDeadlineLine` where the standard states no limit.
 */
export function calendarDue(calendar: Pick<CalendarService, 'computeDue'>, options: DueOptions, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const r = await calendar.computeDue({
      agencyCode: options.agency,
      from: options.from,
      limit: options.limit,
      service: options.service,
      channel: options.channel,
      tier: options.tier,
      stage: options.stage,
      variant: options.variant,
      explain: options.explain ?? false,
    });
    io.out(r.due ?? noDeadlineLine);
    if (!options.explain) return;
    if (r.basis) {
      const b = r.basis;
      io.out(`layanan / service ${b.service}, saluran / channel ${b.channel}; aturan / rule ${b.rule.kind} ${b.rule.code} (${b.rule.name})${b.overridden ? ', diganti --limit / overridden by --limit' : ''}`);
      if (b.rule.text) io.out(`  "${b.rule.text.trim().replace(/\s+/g, ' ')}"`);
      io.out(`jam / hours: ${b.hours === 'channel' ? 'saluran / the channel\'s own' : 'instansi / the agency\'s'}`);
      if (b.external) io.out(`di / at ${b.external.agency ?? b.external.system}: tidak ada batas waktu yang dinyatakan / no limit stated`);
    }
    if (!r.due || !r.limitText) return;
    io.out(`instansi / agency ${r.agency} (${r.timeZone}); mulai / from ${r.from}; batas / limit ${r.limitText.id} / ${r.limitText.en}`);
    if (r.expected) io.out(`perkiraan / expected ${r.expected}`);
    if (r.receiptDate) io.out(`hari penerimaan / day of receipt ${r.receiptDate}`);
    for (const d of r.days ?? []) {
      const ordinal = d.ordinal === null ? '    ' : `#${String(d.ordinal).padEnd(3)}`;
      const what = d.kind === 'non_working' ? (d.name ?? '') : d.counted.length > 0 ? `${d.counted.join(', ')} (${d.countedMinutes} min)` : '';
      const profile = d.profile ? ` [${d.profile}]` : '';
      io.out(`${d.date} ${d.weekday} ${kindText[d.kind]!.padEnd(20)} ${ordinal} ${what}${profile}`.trimEnd());
    }
    io.out(`batas waktu / deadline ${r.due}`);
  });
}

export function calendarHolidays(calendar: Pick<CalendarService, 'listHolidays'>, options: { agency?: string | undefined; year: number }, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const items = await calendar.listHolidays({ agencyCode: options.agency ?? null, year: options.year });
    for (const d of items) {
      const flags = [d.scope === 'agency' ? 'instansi/agency' : 'nasional/national', d.confirmed ? '' : 'belum dikonfirmasi/unconfirmed'].filter(Boolean).join(', ');
      io.out(`${d.date}  ${d.kind.padEnd(12)}  ${d.name}  (${flags})`);
    }
    io.out(`${items.length} tanggal / dates`);
  });
}

export function calendarImportIcs(
  calendar: Pick<CalendarService, 'importIcs'>,
  options: { file: string; agency?: string | undefined; confirmed?: boolean; untilYear: number; operator: string },
  io: CliIo,
): Promise<number> {
  return guarded(io, async () => {
    const text = await readFile(options.file, 'utf8');
    const r = await calendar.importIcs({
      agencyCode: options.agency ?? null,
      ics: text,
      confirmed: options.confirmed ?? false,
      fileName: path.basename(options.file),
      untilYear: options.untilYear,
      context: { actor: { type: 'system', id: null, label: `cli:${options.operator}` } },
    });
    for (const d of r.added) io.out(`+ ${d.date}  ${d.kind.padEnd(12)}  ${d.name}${d.confirmed ? '' : '  (belum dikonfirmasi / unconfirmed)'}`);
    for (const date of r.existing) io.out(`= ${date}  sudah ada / already there`);
    for (const s of r.skippedEvents) io.out(`- ${s.name}  dilewati / skipped: ${s.reason}`);
    io.out(`${r.added.length} ditambahkan / added, ${r.existing.length} sudah ada / already there, ${r.skippedEvents.length} dilewati / skipped`);
  });
}

/**
 * `sigap calendar prefill --year <y>`: the year's national holidays from `date-holidays`, all
 * unconfirmed, with what the administrator must still check against the decree.
 */
export function calendarPrefill(
  calendar: Pick<CalendarService, 'prefillNationalYear'>,
  options: { year: number; forceMissingOnly?: boolean; operator: string },
  io: CliIo,
): Promise<number> {
  if (!Number.isInteger(options.year) || options.year < 1970 || options.year > 2200) {
    io.err('--year harus tahun 1970-2200, contoh 2027 / --year must be a year 1970-2200, e.g. 2027');
    return Promise.resolve(1);
  }
  return guarded(io, async () => {
    const r = await calendar.prefillNationalYear({
      year: options.year,
      forceMissingOnly: options.forceMissingOnly ?? false,
      context: { actor: { type: 'system', id: null, label: `cli:${options.operator}` } },
    });
    for (const d of r.added) io.out(`+ ${d.date}  ${d.kind.padEnd(12)}  ${d.name}  (belum dikonfirmasi / UNCONFIRMED)`);
    for (const date of r.existing) io.out(`= ${date}  sudah ada, tidak diubah / already there, left as it was`);
    io.out(`${r.added.length} ditambahkan / added, ${r.existing.length} sudah ada / already there (${r.source})`);
    for (const note of r.notes) {
      io.out(`! ${note.id}`);
      io.out(`  ${note.en}`);
    }
  });
}
