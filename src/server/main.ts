import { Command, CommanderError } from 'commander';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
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

  return program;
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
