#!/usr/bin/env node
/** The `opendeck` command. Every subcommand goes through the same config module and composition root. */
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../../config.js';
import { createLogger } from '../../infra/logging/logger.js';
import { openDatabase } from '../../infra/postgres/open-database.js';
import { VERSION } from '../../version.js';
import { runServe } from './serve.js';

function configOrExit(overrides: Record<string, string | undefined> = {}): Config {
  try {
    return loadConfig(overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`opendeck: ${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

async function runMigrate(config: Config): Promise<void> {
  const db = await openDatabase(config);
  try {
    await db.migrate();
    process.stdout.write(`Migrations applied (${db.kind}${config.databaseUrl ? '' : ` in ${config.dataDir}`}).\n`);
  } finally {
    await db.close();
  }
}

const program = new Command()
  .name('opendeck')
  .description(
    'OpenDeck: turn course documents into flashcards that cite their sources.\n' +
      'Configuration comes from environment variables (see .env.example); with none set, data lives in an\n' +
      'embedded PostgreSQL under ./data and the API listens on http://127.0.0.1:8000.',
  )
  .version(VERSION, '-v, --version', 'print the version')
  .helpOption('-h, --help', 'show help')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the HTTP API (applies pending migrations first); docs at /docs')
  .option('-p, --port <port>', 'port to listen on (overrides PORT)')
  .option('--host <host>', 'interface to bind (overrides HOST)')
  .action(async (options: { port?: string; host?: string }) => {
    const config = configOrExit({ PORT: options.port, HOST: options.host });
    await runServe(config, createLogger(config.logLevel));
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit (embedded database, or DATABASE_URL)')
  .action(async () => {
    await runMigrate(configOrExit());
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`opendeck: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
