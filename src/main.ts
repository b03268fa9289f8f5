/**
 * Composition root: the one place that picks implementations from the configuration and wires them into the
 * ports. The entry points (src/bin/) start from here; the capabilities it assembles are built in src/wiring/.
 */
import { createHttpApp, type HttpDeps } from './adapters/http/app.js';
import { LiveStreams } from './adapters/http/live-streams.js';
import type { Config } from './config/index.js';
import { generationJobHandler } from './adapters/worker/job-retry.js';
import { recoverUnfinishedDocuments, sweepNotifications, type JobHandler, type Ports } from './core/index.js';
import { randomBytes } from 'node:crypto';
import type { Logger } from './infra/logging/logger.js';
import { createMemoryRepositories } from './infra/memory/index.js';
import { InProcessJobQueue } from './infra/queue/in-process-job-queue.js';
import { systemClock, uuidGenerator } from './infra/system/system-clock.js';
import { createFsrsScheduler } from './infra/study/fsrs-scheduler.js';
import { VERSION } from './version.js';
import { buildDeckExchange } from './wiring/exchange.js';
import { databaseSystem, openStore, type OpenedStore } from './wiring/database.js';
import { buildDocumentServices, buildQueue, type JobQueueImpl } from './wiring/documents.js';
import { buildIdentityPorts, resolveSecretKey } from './wiring/identity.js';
import { createObservability, startConfiguredTracing, type Observability } from './wiring/observability.js';
import { buildRateLimits, type RateLimits } from './wiring/rate-limits.js';
import { buildLiveEvents, type LiveWiring } from './wiring/live-events.js';
import { cachedSessions } from './wiring/sessions.js';

export interface Services {
  config: Config;
  ports: Ports;
  db: OpenedStore;
  queue: JobQueueImpl;
  /** Metrics (served by the API at /metrics) and, when configured, tracing. */
  observability: Observability;
  rateLimits: RateLimits;
  /** Live events (published by jobs, streamed by the API) and the tickets of GET /events. */
  live: LiveWiring;
  /** Runs one generation job as the system, on behalf of the document's owner. */
  runJob: JobHandler;
  close(): Promise<void>;
}

/** What assembleServices is given instead of opening it from the configuration (the test root uses it). */
export interface Assembly {
  db: OpenedStore;
  secretKey: string;
  /** Whether this call started tracing, so close() stops it. */
  ownsTracing?: boolean;
  /** A worker of `serve --workers N`: without Redis, live events, tickets and rate limits go through the primary. */
  clustered?: boolean;
  /** Implementations to use instead of the configured ones (tests: a memory file store, a stepping clock). */
  overrides?: Partial<Ports>;
  queue?: JobQueueImpl;
}

/** Opens the database (migrating it) and builds every port. Shared by the API server, the worker and the CLI. */
export async function buildServices(config: Config, logger: Logger, options: Pick<Assembly, 'clustered'> = {}): Promise<Services> {
  const secretKey = await resolveSecretKey(config, logger);
  const db = await openStore(config.database);
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ database: db.kind }, 'database ready');
  return assembleServices(config, logger, { db, secretKey, ownsTracing: await startConfiguredTracing(config), ...options });
}

/**
 * Ports with no database to open (`opendeck generate`): in-memory repositories and a throwaway signing key,
 * since nothing is kept and no token is issued; generators, extraction and limits as configured.
 */
export function buildStandaloneServices(config: Config, logger: Logger): Services {
  const db: OpenedStore = {
    kind: 'pglite',
    repositories: createMemoryRepositories(),
    probe: { check: async () => {} },
    migrate: async () => {},
    close: async () => {},
  };
  // Inline, no CPU pool: the command has no other requests to keep answering.
  return assembleServices({ ...config, cpuWorkers: 0 }, logger, {
    db,
    secretKey: randomBytes(32).toString('hex'),
    queue: new InProcessJobQueue({ logger }),
  });
}

/** Every port, built from the configuration around an opened database. */
export function assembleServices(config: Config, logger: Logger, assembly: Assembly): Services {
  const { db, overrides = {} } = assembly;
  const observability = createObservability(config, assembly.ownsTracing ?? false, logger);
  const rateLimits = buildRateLimits(config, logger, { clustered: assembly.clustered });
  const queue = assembly.queue ?? buildQueue(config.jobs, config.workerConcurrency, logger);
  const { cpuPool, ...documentServices } = buildDocumentServices(config);
  const documents = observability.instrumentDocumentPorts({ ...documentServices, ...overrides, queue });
  const live = buildLiveEvents(config, assembly.clustered);
  const repositories = observability.traceRepositories(db.repositories, databaseSystem(db.kind));
  const ports: Ports = {
    ...repositories,
    sessions: cachedSessions(repositories.sessions, db),
    ...documents,
    ...buildIdentityPorts(config, logger, assembly.secretKey, rateLimits.loginAccount),
    clock: systemClock,
    ids: uuidGenerator,
    events: live.events,
    notificationSettings: { retentionDays: config.notificationRetentionDays },
    exchange: buildDeckExchange(config),
    scheduler: createFsrsScheduler(),
    ...overrides,
  };
  return {
    config,
    ports,
    db,
    queue,
    observability,
    rateLimits,
    live,
    runJob: observability.instrumentJob(generationJobHandler(ports)),
    close: async () => {
      await queue.close();
      await cpuPool?.close(); // after the queue: its last jobs may still be reading a document
      await db.close();
      await rateLimits.close();
      await live.close();
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
  /** Settings of the HTTP app to use instead of the configured ones (tests). */
  http?: Partial<Omit<HttpDeps, 'ports' | 'logger'>>;
  /** Serve GET /events (default true). The API Lambda turns it off: API Gateway cannot stream; it answers 501. */
  liveEvents?: boolean;
  /** A worker of `serve --workers N` (see Assembly.clustered). */
  clustered?: boolean;
}

/** How often the server removes read notifications past their retention (DynamoDB's TTL does it there). */
const NOTIFICATION_SWEEP_MS = 60 * 60 * 1000;

/** The API server's runtime. Without Redis it also runs generation jobs in-process. */
export async function buildRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  return runtimeFromServices(await buildServices(config, logger, { clustered: options.clustered }), logger, options);
}

/** The HTTP app (and, for the in-process queue, its job runner) on services already built. */
export async function runtimeFromServices(services: Services, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  const runtime = createRuntime(services, logger, options);
  if (options.recoverUnfinished ?? true) {
    const recovered = await recoverUnfinishedDocuments({ ctx: systemCtx(services.ports, 'recover'), input: {} });
    if (recovered > 0) logger.info({ documents: recovered }, 're-queued documents left unfinished by the last run');
  }
  return runtime;
}

/** runtimeFromServices without the start-up recovery: synchronous, for tests that build many apps. */
export function createRuntime(services: Services, logger: Logger, options: Pick<RuntimeOptions, 'http' | 'liveEvents'> = {}): Runtime {
  const { config, ports, queue } = services;
  if ('start' in queue) queue.start(services.runJob);
  let shuttingDown = false;
  const streams = new LiveStreams();
  const sweep = setInterval(() => {
    sweepNotifications({ ports }).catch((error: Error) =>
      logger.warn({ error: error.message }, 'notification sweep failed; retrying at the next one'),
    );
  }, NOTIFICATION_SWEEP_MS);
  sweep.unref();
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
    live: (options.liveEvents ?? true) ? { events: services.live.events, tickets: services.live.tickets, streams } : undefined,
    ...options.http,
  });
  return {
    ...services,
    app,
    beginShutdown: () => {
      shuttingDown = true;
      // Event streams never end by themselves: closing them is part of the drain (clients reconnect elsewhere).
      streams.closeAll();
    },
    close: async () => {
      clearInterval(sweep);
      streams.closeAll();
      await services.close();
    },
  };
}

/** The context of work the system does on no request's behalf (start-up recovery). */
export const systemCtx = (ports: Ports, requestId: string) => ({ userId: null, requestId, ports });
