import os from 'node:os';
import { Command, CommanderError } from 'commander';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { calendarDue, calendarHolidays, calendarImportIcs } from './modules/calendar/calendar.cli.js';
import { validateStandards } from './modules/standards/standards.cli.js';

/** The `sigap` command line. Later modules add their subcommands here. */
export function createProgram(): Command {
  const program = new Command()
    .name('sigap')
    .description('Sigap: the executable service standard of a procurement service unit (UKPBJ / LPSE)')
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nConfiguration comes from the environment: PORT, HOST, DATABASE_URL (unset: embedded database), SIGAP_DATA_DIR, LOG_LEVEL.',
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

function open(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
}

async function serve(config: Config): Promise<void> {
  const database = await open(config);
  await database.migrate();
  const app = await buildApp({ config, database });

  closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
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
