import os from 'node:os';
import { Command, CommanderError } from 'commander';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { calendarDue, calendarHolidays, calendarImportIcs, calendarPrefill } from './modules/calendar/calendar.cli.js';
import { laporSyncCommand } from './modules/complaints/complaints.cli.js';
import { skmCompute } from './modules/surveys/surveys.cli.js';
import { writeStandardPdf } from './modules/standards/standards.pdf.js';
import { existsSync } from 'node:fs';
import { systemActor } from './modules/audit/audit.service.js';
import { verifyAuditTrail } from './modules/audit/audit.cli.js';
import { identityOptionsFromConfig } from './modules/identity/identity.config.js';
import { inviteFromCli } from './modules/identity/identity.cli.js';
import {
  exportStandardsCommand,
  importStandardsCommand,
  printStandardProblems,
  standardsServiceFor,
  validateStandards,
} from './modules/standards/standards.cli.js';
import { describeImport } from './modules/standards/standards.import.js';
import path from 'node:path';
import { startClockSweeper, sweepUntilDrained } from './jobs/clock-sweeper.js';
import { loadSecretKey } from './modules/identity/identity.config.js';
import { requestsServiceFor, type RequestsOptions } from './modules/requests/requests.module.js';
import { loadStandards, type LoadedAgency } from './modules/standards/standards.loader.js';

/** The `sigap` command line. Later modules add their subcommands here. */
export function createProgram(): Command {
  const program = new Command()
    .name('sigap')
    .description('Sigap: the executable service standard of a procurement service unit (UKPBJ / LPSE)')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nConfiguration comes from the environment: PORT, HOST, DATABASE_URL (unset: embedded database), SIGAP_DATA_DIR, LOG_LEVEL,\nSIGAP_STANDARDS_DIR (standards checked and imported by serve; default ./standards, `none` to skip).',
    );

  program
    .command('serve')
    .description('migrate the database, then serve the API and the web app')
    .action(async () => {
      await serve(loadConfig());
    });

  program
    .command('migrate')
    .description('apply the database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const database = await open(config);
      try {
        await database.migrate();
        console.log(`migrations applied (${database.kind}, ${database.location})`);
      } finally {
        await database.close();
      }
    });

  const standards = program.command('standards').description('service standards (Standar Pelayanan) kept as YAML');
  standards
    .command('validate')
    .description('check one agency folder or a whole standards tree; exits non-zero naming file:line:column field rule')
    .argument('[dir]', 'an agency folder, or a folder holding several', 'standards')
    .option('--lang <lang>', 'language of the messages: id or en', 'id')
    .action(async (dir: string, options: { lang: string }) => {
      const lang = options.lang === 'en' ? 'en' : 'id';
      process.exitCode = await validateStandards({
        dir,
        lang,
        out: (line) => console.log(line),
        err: (line) => console.error(line),
      });
    });

  standards
    .command('import')
    .description('validate, then store a new version of every agency whose standard changed (nothing on any problem)')
    .argument('[dir]', 'an agency folder, or a folder holding several', 'standards')
    .option('--lang <lang>', 'language of the messages: id or en', 'id')
    .action(async (dir: string, options: { lang: string }) => {
      const lang = options.lang === 'en' ? 'en' : 'id';
      const operator = os.userInfo().username;
      process.exitCode = await withDatabase((database) => importStandardsCommand(database, { dir, lang, operator, ...consoleIo }));
    });
  standards
    .command('export')
    .description("write an agency's stored standard as agency.yaml + services/*.yaml")
    .argument('<agency>', 'agency code')
    .argument('<dir>', 'folder to write; created if missing')
    .option('--version <n>', 'the version to export (default: the latest)', (v) => Number.parseInt(v, 10))
    .action(async (agency: string, dir: string, options: { version?: number }) => {
      process.exitCode = await withDatabase((database) =>
        exportStandardsCommand(database, { agency, dir, version: options.version, ...consoleIo }),
      );
    });

  standards
    .command('pdf')
    .description("print an agency's standard from its folder: the decree's annex (Lampiran) and/or the Maklumat Pelayanan")
    .argument('<agency-dir>', 'an agency folder (agency.yaml and services/)')
    .option('--annex <file>', 'write the annex: one table per service, No | Komponen | Uraian')
    .option('--maklumat <file>', 'write the service charter on one A4 page, ready to sign')
    .option('--lang <lang>', 'language of the fixed labels: id or en (the agency\'s texts stay as written)', 'id')
    .action(async (dir: string, options: { annex?: string; maklumat?: string; lang: string }) => {
      const lang = options.lang === 'en' ? 'en' : 'id';
      process.exitCode = await writeStandardPdf({ dir, ...options, lang, ...consoleIo });
    });

  const calendar = program.command('calendar').description("business calendar: deadlines, holidays, .ics import");
  calendar
    .command('due')
    .description("print the deadline of a time limit as ISO 8601 with the agency's offset")
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--from <date-time>', 'local date-time of the agency, e.g. 2026-03-13T15:30')
    .requiredOption('--limit <limit>', 'e.g. "3 working days", "30-60 minutes", "5 hari kerja", "30 hari kalender"')
    .option('--explain', 'also list the days and the intervals counted')
    .action(async (options: { agency: string; from: string; limit: string; explain?: boolean }) => {
      process.exitCode = await withDatabase((database) => calendarDue(database, options, consoleIo));
    });
  calendar
    .command('holidays')
    .description('list the national (and the agency\'s own) non-working dates of a year')
    .option('--agency <code>', 'agency code; without it, the national dates only')
    .requiredOption('--year <year>', 'e.g. 2026', (v) => Number.parseInt(v, 10))
    .action(async (options: { agency?: string; year: number }) => {
      process.exitCode = await withDatabase((database) => calendarHolidays(database, options, consoleIo));
    });
  calendar
    .command('import-ics')
    .description('add the whole-day events of an .ics file as non-working dates (unconfirmed unless --confirmed)')
    .argument('<file>', 'the .ics file')
    .option('--agency <code>', "the agency's own dates; without it, the national dates")
    .option('--confirmed', 'the dates were checked against the decree')
    .action(async (file: string, options: { agency?: string; confirmed?: boolean }) => {
      const operator = os.userInfo().username;
      const untilYear = new Date().getUTCFullYear() + 2;
      process.exitCode = await withDatabase((database) =>
        calendarImportIcs(database, { file, ...options, untilYear, operator }, consoleIo),
      );
    });
  calendar
    .command('prefill')
    .description("draft a year's national holidays from the date-holidays package, all unconfirmed (no cuti bersama; Islamic holidays may be a day off)")
    .requiredOption('--year <year>', 'e.g. 2027', (v) => Number.parseInt(v, 10))
    .option('--force-missing-only', 'the year already has dates: add only the dates it lacks (never changes one)')
    .action(async (options: { year: number; forceMissingOnly?: boolean }) => {
      const operator = os.userInfo().username;
      process.exitCode = await withDatabase((database) => calendarPrefill(database, { ...options, operator }, consoleIo));
    });

  const skm = program.command('skm').description('satisfaction survey (SKM, PermenPANRB 14/2017)');
  skm
    .command('compute')
    .description('print NRR per element, IKM, grades, profile and minimum sample for a CSV or XLSX of paper surveys (U1..U9 and profile columns)')
    .argument('<file>', 'a .csv or .xlsx file, one row per respondent')
    .option('--legacy-weights', 'weigh each element 0.111 as old reports did (a perfect score gives 99.90), not the exact 1/9')
    .option('--users <n>', 'service users in the period (N), for the Krejcie-Morgan minimum sample', (v) => Number.parseInt(v, 10))
    .option('--lang <lang>', 'language of the output: id or en', 'id')
    .action(async (file: string, options: { legacyWeights?: boolean; users?: number; lang: string }) => {
      const lang = options.lang === 'en' ? 'en' : 'id';
      if (options.users !== undefined && (!Number.isInteger(options.users) || options.users < 0)) {
        console.error(lang === 'id' ? '--users harus bilangan bulat >= 0' : '--users must be a whole number >= 0');
        process.exitCode = 2;
        return;
      }
      process.exitCode = await skmCompute({ file, lang, legacyWeights: options.legacyWeights, users: options.users }, consoleIo);
    });

  const staff = program.command('staff').description("an agency's officers");
  staff
    .command('bootstrap')
    .description("invite an officer from the console, above all an agency's first administrator: prints and e-mails the invitation link")
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'full name')
    .option('--role <code...>', "role code(s) from the agency's standard (default: its one role with users.manage)")
    .action(async (options: { agency: string; email: string; name: string; role?: string[] }) => {
      const config = loadConfig();
      const operator = os.userInfo().username;
      process.exitCode = await withDatabase((database) =>
        inviteFromCli(database, { ...options, roles: options.role, operator, identity: identityOptionsFromConfig(config) }, consoleIo),
      );
    });

  const complaints = program.command('complaints').description('complaints (pengaduan)');
  complaints
    .command('lapor-sync')
    .description('pull new SP4N-LAPOR! reports into complaints (with their LAPOR tracking ID) and post back follow-ups and closings; see docs/lapor-adapter.md')
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--url <url>', "base URL of the agency's LAPOR! integration endpoint")
    .requiredOption('--token-file <file>', "a file holding the agency's LAPOR! API token (kept out of the command line and the shell history)")
    .option('--instansi <id>', "the agency's institution id at LAPOR! (default: the agency code)")
    .action(async (options: { agency: string; url: string; tokenFile: string; instansi?: string }) => {
      const operator = os.userInfo().username;
      process.exitCode = await withDatabase((database) => laporSyncCommand(database, { ...options, operator }, consoleIo));
    });

  const requests = program.command('requests').description('service requests (permohonan)');
  requests
    .command('sweep')
    .description('run the clock sweeper once: mark warnings and breaches, grant priority, auto-close unconfirmed requests')
    .action(async () => {
      const config = loadConfig();
      process.exitCode = await withDatabase(async (database) => {
        const service = requestsServiceFor(database, { publicUrl: config.publicUrl, requests: requestsOptionsFromConfig(config), mailer: identityOptionsFromConfig(config).mailer });
        const result = await sweepUntilDrained(service);
        console.log(
          `claimed ${result.claimed}, warnings ${result.warned}, breaches ${result.breached}, auto-closed ${result.autoClosed}, failed ${result.failed.length}`,
        );
        for (const f of result.failed) console.error(`${f.agencyId} ${f.id}: ${f.error}`);
        return result.failed.length > 0 ? 1 : 0;
      });
    });

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description("check every agency's hash chain (or one agency's); exits 1 naming the first broken entry")
    .option('--agency <code>', 'only this agency')
    .action(async (options: { agency?: string }) => {
      process.exitCode = await withDatabase(async (database) => {
        const result = await verifyAuditTrail({ database, agencyCode: options.agency });
        for (const line of result.lines) (result.ok ? console.log : console.error)(line);
        return result.ok ? 0 : 1;
      });
    });

  return program;
}

const consoleIo = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

/** Opens (and migrates) the configured database for one command, and closes it. */
async function withDatabase(work: (database: Database) => Promise<number>): Promise<number> {
  const database = await open(loadConfig());
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Attachments under the data directory, confidential ones under a key derived from the secret key. */
function requestsOptionsFromConfig(config: Config): RequestsOptions {
  return { filesDir: path.join(config.dataDir, 'files'), secretKey: loadSecretKey(config) };
}

function open(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
}

/**
 * The standards `serve` imports, or undefined when it must refuse to start. Every problem is
 * printed as `file:line:column field rule — message`, so the operator can go straight to it.
 */
async function standardsForStart(config: Config): Promise<LoadedAgency[] | undefined> {
  if (!config.standards) return [];
  const { dir, explicit } = config.standards;
  // Run from elsewhere than a checkout, the default folder is simply not there: nothing to import.
  if (!explicit && !existsSync(dir)) return [];
  const result = await loadStandards(dir);
  if (result.problems.length === 0) return result.agencies;
  printStandardProblems(result.problems, 'id', (line) => console.error(line));
  console.error(
    `Sigap tidak dijalankan: ${result.problems.length} masalah pada standar pelayanan di ${dir}.\n` +
      `Sigap not started: ${result.problems.length} problem(s) in the service standards in ${dir}. Fix them, or set SIGAP_STANDARDS_DIR=none.`,
  );
  return undefined;
}

async function serve(config: Config): Promise<void> {
  const standards = await standardsForStart(config);
  if (!standards) {
    process.exitCode = 1;
    return;
  }
  const database = await open(config);
  await database.migrate();
  const app = await buildApp({ config, database, identity: identityOptionsFromConfig(config), requests: requestsOptionsFromConfig(config) });
  if (standards.length > 0) {
    const imported = await standardsServiceFor(database).importLoaded({ agencies: standards, actor: systemActor('sigap serve') });
    for (const result of imported) app.log.info({ agency: result.code, status: result.status, version: result.version }, describeImport(result));
  }

  const sweeper =
    config.sweepSeconds > 0
      ? startClockSweeper({
          // The sweeper's auto-close also invites the requester to the survey.
          sweeper: requestsServiceFor(database, {
            publicUrl: config.publicUrl,
            requests: requestsOptionsFromConfig(config),
            mailer: identityOptionsFromConfig(config).mailer,
            log: { error: (details, message) => app.log.error(details, message) },
          }),
          intervalMs: config.sweepSeconds * 1000,
          log: app.log,
        })
      : undefined;

  closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await sweeper?.stop();
    await app.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.kind, location: database.location }, 'Sigap is ready');
}

export async function runCli(argv: string[]): Promise<void> {
  const program = createProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  }
}

await runCli(process.argv);
