/**
 * Composition root: the one place that picks implementations from config and wires them into ports.
 * Adapters (HTTP server, worker, CLI, later Lambda) start from here.
 */
import type { Config } from './config.js';
import { processDocument, recoverUnfinishedDocuments, type AppPorts, type GenerateCardsJob } from './core/index.js';
import { createHttpApp } from './adapters/http/app.js';
import { Argon2PasswordHasher } from './infra/auth/argon2-password-hasher.js';
import { CommonPasswordBlocklist } from './infra/auth/common-password-blocklist.js';
import { JwtTokenSigner } from './infra/auth/jwt-token-signer.js';
import { loadOrCreateSecretKey } from './infra/auth/secret-key-file.js';
import type { Logger } from './infra/logging/logger.js';
import { systemClock, uuidGenerator } from './infra/system/system-clock.js';
import { VERSION } from './version.js';
import { buildDocumentPorts, type JobQueueImpl } from './wiring/document-ports.js';
import { authSettings, buildExternalTokens } from './wiring/identity.js';
import { databaseSystem, openStore, type OpenedStore } from './wiring/database.js';
import { createObservability, startConfiguredTracing, type Observability } from './wiring/observability.js';
import { buildRateLimits, type RateLimits } from './wiring/rate-limits.js';

export interface Services {
  config: Config;
  ports: AppPorts;
  db: OpenedStore;
  queue: JobQueueImpl;
  /** Metrics (served by the API at /metrics) and, when configured, tracing. */
  observability: Observability;
  rateLimits: RateLimits;
  /** Runs one generation job as the system, on behalf of the document's owner. */
  runJob(job: GenerateCardsJob): Promise<unknown>;
  close(): Promise<void>;
}

async function resolveSecretKey(config: Config, logger: Logger): Promise<string> {
  if (config.secretKey) return config.secretKey;
  const { key, file, created } = await loadOrCreateSecretKey(config.dataDir);
  if (created) logger.warn({ file }, 'SECRET_KEY is not set: generated a new signing key and stored it (mode 0600)');
  else logger.info({ file }, 'SECRET_KEY is not set: using the signing key stored in the data directory');
  return key;
}

/** Opens the database (migrating it) and builds every port. Shared by the API server, the worker and the CLI. */
export async function buildServices(config: Config, logger: Logger): Promise<Services> {
  const secretKey = await resolveSecretKey(config, logger);
  const db = await openStore(config);
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ database: db.kind }, 'database ready');

  const observability = createObservability(config, await startConfiguredTracing(config));
  const rateLimits = buildRateLimits(config, logger);
  const repositories = observability.traceRepositories(db.repositories, databaseSystem(db.kind));
  const documentPorts = observability.instrumentDocumentPorts(buildDocumentPorts(config, logger, repositories));
  const ports: AppPorts = {
    ...repositories,
    ...documentPorts,
    hasher: new Argon2PasswordHasher(),
    blocklist: new CommonPasswordBlocklist(),
    tokens: new JwtTokenSigner({ secretKey, issuer: config.jwtIssuer, audience: config.jwtAudience }),
    clock: systemClock,
    ids: uuidGenerator,
    auth: authSettings(config),
    externalTokens: buildExternalTokens(config, logger),
    loginAttempts: rateLimits.loginAccount,
  };
  const queue = documentPorts.queue;
  return {
    config,
    ports,
    db,
    queue,
    observability,
    rateLimits,
    runJob: observability.instrumentJob((job) => processDocument({ userId: job.userId, requestId: `job-${job.documentId}`, ports }, job)),
    close: async () => {
      await queue.close();
      await documentPorts.cpuPool?.close(); // after the queue: its last jobs may still be reading a document
      await db.close();
      await rateLimits.close();
      await observability.close();
    },
  };
}

export interface Runtime extends Services {
  app: ReturnType<typeof createHttpApp>;
  /** Marks the service as draining: /ready answers 503 so load balancers stop sending traffic. */
  beginShutdown(): void;
}

export interface RuntimeOptions {
  /**
   * Re-queue documents left pending or processing at start (default true). The API Lambda turns it off: it
   * would run on every cold start of every instance, and SQS already redelivers unfinished jobs.
   */
  recoverUnfinished?: boolean;
}

/** The API server's runtime. Without Redis it also runs generation jobs in-process. */
export async function buildRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  return runtimeFromServices(await buildServices(config, logger), logger, options);
}

/** The HTTP app (and, for the in-process queue, its job runner) on services already built. */
export async function runtimeFromServices(services: Services, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const { config, ports, queue } = services;
  if ('start' in queue) queue.start((job, run) => services.runJob({ ...job, attempt: run.attempt }));
  if (options.recoverUnfinished ?? true) {
    const recovered = await recoverUnfinishedDocuments(ports);
    if (recovered > 0) logger.info({ documents: recovered }, 're-queued documents left unfinished by the last run');
  }

  let shuttingDown = false;
  const app = createHttpApp({
    ports,
    probe: services.db.probe,
    logger,
    corsOrigins: config.corsOrigins,
    version: VERSION,
    isShuttingDown: () => shuttingDown,
    hsts: config.env === 'production',
    requestTimeoutMs: config.requestTimeoutSeconds * 1000,
    metrics: services.observability.metrics,
    metricsToken: config.observability.metricsToken,
    tracer: services.observability.tracer ?? undefined,
    rateLimits: services.rateLimits.http,
    trustProxy: config.trustProxy,
  });
  return {
    ...services,
    app,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}
