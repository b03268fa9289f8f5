#!/usr/bin/env node
/** The `opendeck` command. Every subcommand goes through the same config module and composition root. */
import { Command } from 'commander';
import { ConfigError, loadEnvFile, type Config } from '../config/index.js';
import { loadConfigWithSecrets, type LoadedConfig } from '../wiring/load-config.js';
import { createLogger, type Logger } from '../infra/logging/logger.js';
import { VERSION } from '../version.js';
import { describeStore, openStore } from '../wiring/database.js';
import { EX_CONFIG, EX_USAGE, exitCodeFor } from '../adapters/cli/exit-codes.js';
import { checkExportArguments, runExport, type ExportOptions } from '../adapters/cli/export.js';
import { runGenerate, type GenerateOptions } from '../adapters/cli/generate.js';
import { buildServices, buildStandaloneServices } from '../main.js';
import { runServe } from './serve.js';
import { runWorkerProcess } from './worker.js';

/** The `.env` file loaded (--env-file, else ./.env when there is one), for the start-up log. */
let envFile: string | null = null;

/**
 * `.env` first (the real environment wins over it), then with VAULT_ADDR set, secrets are read from Vault; a
 * failure at any step stops the command like a bad value.
 */
async function loadedOrExit(overrides: Record<string, string | undefined> = {}): Promise<LoadedConfig> {
  try {
    envFile = loadEnvFile(program.opts<{ envFile?: string }>().envFile);
    return await loadConfigWithSecrets(overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`opendeck: ${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(EX_CONFIG);
    }
    throw error;
  }
}

const configOrExit = async (overrides: Record<string, string | undefined> = {}): Promise<Config> => (await loadedOrExit(overrides)).config;

/** A logger for the command; notes where the configuration came from (names only, never values). */
function loggerFor({ config, secrets, apiKeySecrets }: LoadedConfig): Logger {
  const logger = createLogger(config.logLevel);
  if (envFile) logger.info({ file: envFile }, 'environment file loaded (variables already set win)');
  if (secrets) logger.info({ vault: secrets }, 'configuration secrets read from Vault');
  if (apiKeySecrets.length) logger.info({ keys: apiKeySecrets }, 'API keys read from Secrets Manager');
  for (const note of config.notes) logger.warn(note);
  return logger;
}

async function runMigrate(config: Config): Promise<void> {
  const db = await openStore(config.database);
  try {
    await db.migrate();
    process.stdout.write(`Migrations applied (${describeStore(config.database)}).\n`);
  } finally {
    await db.close();
  }
}

const program = new Command()
  .name('opendeck')
  .description(
    'OpenDeck: turn course documents into flashcards that cite their sources.\n' +
      'Configuration comes from environment variables (see .env.example), and from ./.env or --env-file PATH\n' +
      '(variables already set win over the file); with none set, data lives in an embedded PostgreSQL under\n' +
      './data and the API listens on http://127.0.0.1:8000.',
  )
  .version(VERSION, '-v, --version', 'print the version')
  .option('--env-file <path>', 'load variables from this file before reading the configuration (default: ./.env if present)')
  .helpOption('-h, --help', 'show help')
  .showHelpAfterError()
  // A wrong flag or a missing argument is a usage error (64), as sysexits.h has it.
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : EX_USAGE);
  });

program
  .command('serve')
  .description('start the HTTP API (applies pending migrations first); docs at /docs')
  .option('-p, --port <port>', 'port to listen on (overrides PORT)')
  .option('--host <host>', 'interface to bind (overrides HOST)')
  .option(
    '--workers <n>',
    'processes sharing the port, with DATABASE_URL (overrides WEB_CONCURRENCY; default one per core); ' +
      'each has its own pool of DB_POOL_MAX connections. The embedded database always uses one process',
  )
  .action(async (options: { port?: string; host?: string; workers?: string }) => {
    const loaded = await loadedOrExit({ PORT: options.port, HOST: options.host, WEB_CONCURRENCY: options.workers });
    await runServe(loaded.config, loggerFor(loaded));
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit (embedded database, or DATABASE_URL)')
  .action(async () => {
    await runMigrate(await configOrExit());
  });

program
  .command('worker')
  .description('run background card-generation jobs from Redis (REDIS_URL) or SQS (SQS_QUEUE_URL), with the same database as the API')
  .action(async () => {
    const loaded = await loadedOrExit();
    await runWorkerProcess(loaded.config, loggerFor(loaded));
  });

program
  .command('generate')
  .description('make flashcards from a document with no server: prints JSON, or writes --out cards.json|cards.csv')
  .argument('<file>', 'a PDF, DOCX, PPTX, TXT or Markdown file, or a photo of a page (PNG, JPEG; read by OCR)')
  .option('--provider <name>', 'openai, anthropic, bedrock or offline (default: AI_PROVIDER, else from the keys present)')
  .option('--model <name>', 'model name (default: OPENAI_MODEL, ANTHROPIC_MODEL or BEDROCK_MODEL_ID)')
  .option('--max-cards <n>', 'most cards to make (default: AI_DEFAULT_MAX_CARDS)')
  .option('--language <code>', "language of the cards, e.g. en or es (default: the document's)")
  .option('--out <file>', 'write to a .json or .csv file instead of stdout')
  .action(async (file: string, options: GenerateOptions) => {
    const config = await configOrExit();
    // Logs go to stderr: stdout carries the cards.
    const services = buildStandaloneServices(config, createLogger('warn', process.stderr));
    try {
      await runGenerate(file, options, { userId: null, requestId: 'cli-generate', ports: services.ports });
    } finally {
      await services.close();
    }
  });

program
  .command('export')
  .description('write a deck (or every deck of a user) to an Anki package, CSV or JSON file, straight from the database')
  .argument('[deck-id]', 'the deck to export (or --all)')
  .option('--all', 'every deck of the user, in one file')
  .requiredOption('--user <email>', 'the account whose decks to export')
  .option('--format <format>', 'apkg (Anki package), csv (Anki text import) or json (default: from --out, else apkg)')
  .option('--out <file>', 'where to write (default: the deck title with the format as extension)')
  .action(async (deckId: string | undefined, options: ExportOptions) => {
    checkExportArguments(deckId, options);
    const config = await configOrExit();
    const services = await buildServices(config, createLogger('warn', process.stderr));
    try {
      await runExport(deckId, options, services.ports);
    } finally {
      await services.close();
    }
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`opendeck: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(exitCodeFor(error));
});
