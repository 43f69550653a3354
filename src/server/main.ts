/**
 * The `sigap` command line. Each action imports what it needs when it runs (`await import()`), so
 * a short command such as `sigap calendar due` loads the services and the database driver, not
 * the HTTP server, the routes, PDF fonts or the mail transport. Every action that touches the
 * database takes its services from the composition root (services.ts), built once per process.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from './config.js';
import type { Database } from './db/client.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import type { Mailer } from './lib/mailer.js';
import type * as AuditCli from './modules/audit/audit.cli.js';
import type { Services, ServicesLog } from './services.js';

/** The `sigap` command line. A module adds its subcommands here, each importing its code lazily. */
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
      const database = await open(loadConfig());
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
      const { validateStandards } = await import('./modules/standards/standards.cli.js');
      process.exitCode = await validateStandards({ dir, lang: language(options.lang), ...consoleIo });
    });
  standards
    .command('import')
    .description('validate, then store a new version of every agency whose standard changed (nothing on any problem)')
    .argument('[dir]', 'an agency folder, or a folder holding several', 'standards')
    .option('--lang <lang>', 'language of the messages: id or en', 'id')
    .action(async (dir: string, options: { lang: string }) => {
      const { importStandardsCommand } = await import('./modules/standards/standards.cli.js');
      process.exitCode = await withServices((services) =>
        importStandardsCommand(services.standards, { dir, lang: language(options.lang), operator: operator(), ...consoleIo }),
      );
    });
  standards
    .command('export')
    .description("write an agency's stored standard as agency.yaml + services/*.yaml")
    .argument('<agency>', 'agency code')
    .argument('<dir>', 'folder to write; created if missing')
    .option('--version <n>', 'the version to export (default: the latest)', (v) => Number.parseInt(v, 10))
    .action(async (agency: string, dir: string, options: { version?: number }) => {
      const { exportStandardsCommand } = await import('./modules/standards/standards.cli.js');
      process.exitCode = await withServices((services) =>
        exportStandardsCommand(services.standards, { agency, dir, version: options.version, ...consoleIo }),
      );
    });
  standards
    .command('pdf')
    .description("print an agency's standard from its folder: the decree's annex (Lampiran) and/or the Maklumat Pelayanan")
    .argument('<agency-dir>', 'an agency folder (agency.yaml and services/)')
    .option('--annex <file>', 'write the annex: one table per service, No | Komponen | Uraian')
    .option('--maklumat <file>', 'write the service charter on one A4 page, ready to sign')
    .option('--lang <lang>', "language of the fixed labels: id or en (the agency's texts stay as written)", 'id')
    .action(async (dir: string, options: { annex?: string; maklumat?: string; lang: string }) => {
      const { writeStandardPdf } = await import('./modules/standards/standards.pdf.js');
      process.exitCode = await writeStandardPdf({ dir, ...options, lang: language(options.lang), ...consoleIo });
    });

  standards
    .command('rehearse')
    .description(
      'on a throwaway in-memory copy, file one request per service and channel of the stored standards and walk it to its product; one line per service, then "N/M services reach their product"; exits 1 when one does not',
    )
    .option('--agency <code>', 'only this agency')
    .option('--service <code>', 'only this service')
    .option('--lang <lang>', 'language of the refusals quoted: id or en', 'id')
    .action(async (options: { agency?: string; service?: string; lang: string }) => {
      const [{ rehearseStandards }, { openScratchServices }] = await Promise.all([
        import('./modules/standards/standards.rehearse.js'),
        import('./scratch.js'),
      ]);
      process.exitCode = await withServices((services) =>
        rehearseStandards(services, ({ clock }) => openScratchServices({ clock, log: consoleLog }), { ...options, lang: language(options.lang), ...consoleIo }),
      );
    });

  const calendar = program.command('calendar').description('business calendar: deadlines, holidays, .ics import');
  calendar
    .command('due')
    .description(
      "print the deadline of a time limit as ISO 8601 with the agency's offset: --limit on the agency's hours, or a service's channel (tier, stage) as its standard states it, on the channel's own hours; \"no deadline: not stated\" where the standard states none",
    )
    .requiredOption('--agency <code>', 'agency code')
    .requiredOption('--from <date-time>', 'local date-time of the agency, e.g. 2026-03-13T15:30')
    .option('--limit <limit>', 'e.g. "3 working days", "30-60 minutes", "5 hari kerja", "30 hari kalender"; with --service, overrides its limit')
    .option('--service <code>', "a service of the agency's standard in force at --from")
    .option('--channel <code>', 'the channel of --service: its own limit, on its own hours')
    .option('--tier <code>', "an escalation tier of --service: the tier's limit")
    .option('--stage <code>', "a stage of --service's timeline: the stage's limit")
    .option('--variant <code>', 'the timeline variant (selection method) of a stage limited per variant')
    .option('--explain', 'also list the rule, the days and the intervals counted')
    .action(async (options: { agency: string; from: string; limit?: string; service?: string; channel?: string; tier?: string; stage?: string; variant?: string; explain?: boolean }) => {
      const { calendarDue } = await import('./modules/calendar/calendar.cli.js');
      process.exitCode = await withServices((services) => calendarDue(services.calendar, options, consoleIo));
    });
  calendar
    .command('holidays')
    .description("list the national (and the agency's own) non-working dates of a year")
    .option('--agency <code>', 'agency code; without it, the national dates only')
    .requiredOption('--year <year>', 'e.g. 2026', (v) => Number.parseInt(v, 10))
    .action(async (options: { agency?: string; year: number }) => {
      const { calendarHolidays } = await import('./modules/calendar/calendar.cli.js');
      process.exitCode = await withServices((services) => calendarHolidays(services.calendar, options, consoleIo));
    });
  calendar
    .command('import-ics')
    .description('add the whole-day events of an .ics file as non-working dates (unconfirmed unless --confirmed)')
    .argument('<file>', 'the .ics file')
    .option('--agency <code>', "the agency's own dates; without it, the national dates")
    .option('--confirmed', 'the dates were checked against the decree')
    .action(async (file: string, options: { agency?: string; confirmed?: boolean }) => {
      const { calendarImportIcs } = await import('./modules/calendar/calendar.cli.js');
      const untilYear = new Date().getUTCFullYear() + 2;
      process.exitCode = await withServices((services) =>
        calendarImportIcs(services.calendar, { file, ...options, untilYear, operator: operator() }, consoleIo),
      );
    });
  calendar
    .command('prefill')
    .description("draft a year's national holidays from the date-holidays package, all unconfirmed (no cuti bersama; Islamic holidays may be a day off)")
    .requiredOption('--year <year>', 'e.g. 2027', (v) => Number.parseInt(v, 10))
    .option('--force-missing-only', 'the year already has dates: add only the dates it lacks (never changes one)')
    .action(async (options: { year: number; forceMissingOnly?: boolean }) => {
      const { calendarPrefill } = await import('./modules/calendar/calendar.cli.js');
      process.exitCode = await withServices((services) => calendarPrefill(services.calendar, { ...options, operator: operator() }, consoleIo));
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
      const lang = language(options.lang);
      if (options.users !== undefined && (!Number.isInteger(options.users) || options.users < 0)) {
        console.error(lang === 'id' ? '--users harus bilangan bulat >= 0' : '--users must be a whole number >= 0');
        process.exitCode = 2;
        return;
      }
      // The arithmetic of a file: no database, no services.
      const { skmCompute } = await import('./modules/surveys/surveys.cli.js');
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
      const { inviteFromCli, keepSentMail } = await import('./modules/identity/identity.cli.js');
      // The link is printed from the message as sent, so a fresh install without mail still gets it.
      const outbox = keepSentMail();
      process.exitCode = await withServices(
        (services) => inviteFromCli(services, { ...options, roles: options.role, operator: operator(), sent: outbox.sent }, consoleIo),
        { mailer: outbox.around },
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
      const { laporSyncCommand } = await import('./modules/complaints/complaints.cli.js');
      process.exitCode = await withServices((services) => laporSyncCommand(services.complaints, { ...options, operator: operator() }, consoleIo));
    });

  const requests = program.command('requests').description('service requests (permohonan)');
  requests
    .command('sweep')
    .description(
      "run the clock sweeper once: mark warnings and breaches, grant the compensation the standard declares, auto-close unconfirmed requests and answered complaints left without reply (when the agency's standard says after how long)",
    )
    .action(async () => {
      const { sweepUntilDrained, sweeperOf } = await import('./jobs/clock-sweeper.js');
      process.exitCode = await withServices(async (services) => {
        const result = await sweepUntilDrained(sweeperOf(services.requests, services.complaints));
        console.log(
          `claimed ${result.claimed}, warnings ${result.warned}, breaches ${result.breached}, auto-closed ${result.autoClosed}, failed ${result.failed.length}`,
        );
        for (const f of result.failed) console.error(`${f.agencyId} ${f.id}: ${f.error}`);
        return result.failed.length > 0 ? 1 : 0;
      });
    });

  const audit = program.command('audit').description('the tamper-evident audit trail');
  type AuditOptions = { agency?: string; checkpoints?: string; out?: string };
  /** Each audit command prints what it found per chain and exits 1 when a chain does not hold. */
  const auditCommand = (
    name: 'verify' | 'reseal' | 'checkpoint',
    description: string,
    run: (cli: typeof AuditCli, services: Services, options: AuditOptions) => Promise<{ ok: boolean; lines: string[] }>,
  ) =>
    audit
      .command(name)
      .description(description)
      .action(async (options: AuditOptions) => {
        const cli = await import('./modules/audit/audit.cli.js');
        process.exitCode = await withServices(async (services) => {
          const result = await run(cli, services, options);
          for (const line of result.lines) (result.ok ? console.log : console.error)(line);
          return result.ok ? 0 : 1;
        });
      });
  auditCommand("verify", "check every agency's hash chain (or one agency's); exits 1 naming the first broken entry", (cli, services, o) =>
    cli.verifyAuditTrail(services, { agencyCode: o.agency, checkpointsFile: o.checkpoints }),
  )
    .option('--agency <code>', 'only this agency')
    .option('--checkpoints <file>', 'also check that each chain still reaches the heads signed in this file (sigap audit checkpoint)');
  auditCommand('reseal', 'once after upgrading: rehash under the audit key the chains written before it (needs the role owning audit_events)', (cli, services, o) =>
    cli.resealAuditTrail(services, { agencyCode: o.agency }),
  ).option('--agency <code>', 'only this agency');
  auditCommand('checkpoint', 'write the head of every chain, signed with the audit key, to a file kept outside the database', (cli, services, o) =>
    cli.checkpointAuditTrail(services, { out: o.out!, at: new Date() }),
  ).requiredOption('--out <file>', 'where to write the checkpoints');

  return program;
}

const consoleIo = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

/** What the services report outside a request (a mail that failed after its commit), on stderr: stdout is the command's answer. */
const consoleLog: ServicesLog = {
  info: (details, message) => console.error(message, JSON.stringify(details)),
  warn: (details, message) => console.error(message, JSON.stringify(details)),
  error: (details, message) => console.error(message, JSON.stringify(details)),
};

const language = (lang: string) => (lang === 'en' ? 'en' : 'id');

/** Who runs the command, for the audit trail (`cli:<user>`). */
const operator = () => os.userInfo().username;

async function open(config: Config): Promise<Database> {
  const { openDatabase } = await import('./db/client.js');
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
}

/**
 * Every service over the configured database: the one place that turns the Config into the
 * composition root's options.
 */
async function servicesFor(config: Config, database: Database, log: ServicesLog, around?: (mailer: Mailer) => Mailer): Promise<Services> {
  const [{ createServices }, { createMailer }, { loadSecretKey }] = await Promise.all([
    import('./services.js'),
    import('./lib/mailer.js'),
    import('./lib/secrets.js'),
  ]);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dropDir: path.join(config.dataDir, 'mail') });
  return createServices({
    database,
    mailer: around ? around(mailer) : mailer,
    log,
    options: {
      publicUrl: config.publicUrl,
      secretKey: loadSecretKey(config),
      identity: { sessionIdleMinutes: config.sessionIdleMinutes, sessionMaxHours: config.sessionMaxHours },
      requests: { filesDir: path.join(config.dataDir, 'files') },
    },
  });
}

/** Opens (and migrates) the configured database for one command, builds the services over it, and closes it. */
async function withServices(work: (services: Services) => Promise<number>, options: { mailer?: (mailer: Mailer) => Mailer } = {}): Promise<number> {
  const config = loadConfig();
  const database = await open(config);
  try {
    await database.migrate();
    return await work(await servicesFor(config, database, consoleLog, options.mailer));
  } finally {
    await database.close();
  }
}

/**
 * The standards `serve` imports, or undefined when it must refuse to start. Every problem is
 * printed as `file:line:column field rule — message`, so the operator can go straight to it.
 */
async function standardsForStart(config: Config) {
  if (!config.standards) return [];
  const { dir, explicit } = config.standards;
  // Run from elsewhere than a checkout, the default folder is simply not there: nothing to import.
  if (!explicit && !existsSync(dir)) return [];
  const [{ loadStandards }, { printStandardProblems }] = await Promise.all([
    import('./modules/standards/standards.loader.js'),
    import('./modules/standards/standards.cli.js'),
  ]);
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
  const [{ buildApp }, { startClockSweeper, sweeperOf }, { systemActor }, { describeImport }, { default: closeWithGrace }, { pino }, { redactError }] = await Promise.all([
    import('./app.js'),
    import('./jobs/clock-sweeper.js'),
    import('./modules/audit/audit.service.js'),
    import('./modules/standards/standards.import.js'),
    import('close-with-grace'),
    import('pino'),
    import('./lib/redact.js'),
  ]);
  // One logger for the HTTP server and the services, so a mail failure after a commit lands in the same log.
  // Every `err` logged, by a request or a job, without the values a failed query carried (lib/redact.ts).
  const logger = pino({ level: config.logLevel, serializers: { err: redactError } });
  const database = await open(config);
  await database.migrate();
  // A key that cannot open the stored TOTP secrets would lock every officer out: refuse to start.
  const [{ assertKeyOpensData }, { loadSecretKey }] = await Promise.all([import('./modules/identity/identity.key-check.js'), import('./lib/secrets.js')]);
  await assertKeyOpensData({ db: database.db, secretKey: loadSecretKey(config), where: config.secretKey ? 'SIGAP_SECRET_KEY' : path.join(config.dataDir, 'secret.key') }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const services = await servicesFor(config, database, logger);
  const app = await buildApp(services, { config, logger });
  if (standards.length > 0) {
    const imported = await services.standards.importLoaded({ agencies: standards, actor: systemActor('sigap serve') });
    for (const result of imported) app.log.info({ agency: result.code, status: result.status, version: result.version }, describeImport(result));
  }

  // The sweeper's auto-close also invites the requester to the survey, through the same services.
  const sweeper =
    config.sweepSeconds > 0 ? startClockSweeper({ sweeper: sweeperOf(services.requests, services.complaints), intervalMs: config.sweepSeconds * 1000, log: app.log }) : undefined;

  closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await sweeper?.stop();
    await app.close();
    await database.close();
  });

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.kind, location: database.location }, 'Sigap is ready');
  // The first hour: nobody can administer Sigap yet, so the console gets a one-time setup link.
  const setupLink = await services.setup.setupLink();
  if (setupLink) {
    app.log.warn('no administrator yet: the one-time setup link is printed below');
    process.stdout.write(
      `\nSigap belum memiliki administrator. Buka tautan ini untuk membuatnya / Sigap has no administrator yet. Open this link to create one:\n\n  ${setupLink}\n\n`,
    );
  }
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
    if (error instanceof Error && error.name === 'WrongSecretKeyError') {
      console.error(error.message);
      process.exitCode = (error as Error & { exitCode: number }).exitCode;
      return;
    }
    if (error instanceof DataDirInUseError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  }
}

await runCli(process.argv);
