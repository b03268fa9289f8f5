import cluster from 'node:cluster';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config/index.js';
import type { Logger } from '../infra/logging/logger.js';
import { CliError, EX_UNAVAILABLE } from '../adapters/cli/exit-codes.js';
import { buildRuntime } from '../main.js';
import { runClusterPrimary } from './cluster-primary.js';

/**
 * The whole shutdown (SHUTDOWN_DELAY, in-flight requests, in-process jobs, closing the database) must end
 * within this, below the 30 s a supervisor (Docker, Kubernetes, ECS) waits before SIGKILL: past it we exit 1
 * ourselves, and documents still generating are resumed at the next start.
 */
const DRAIN_TIMEOUT_MS = 25_000;

/** How long a socket that carries no request may stay open once the listener is closed. */
const IDLE_SOCKET_GRACE_MS = 1_000;

/** Stops accepting, answers what arrives on open sockets (each response says Connection: close), then resolves. */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    // Sockets idle after the grace are closed; a client that has not sent by then is not about to.
    const idle = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }, IDLE_SOCKET_GRACE_MS);
    // net.Server's close only stops accepting. http.Server's would also drop idle keep-alive sockets at once,
    // losing (ECONNRESET) a request a client is sending on one, or on a socket accepted a moment ago.
    net.Server.prototype.close.call(server as net.Server, () => {
      clearInterval(idle);
      resolve();
    });
  });
}

/**
 * Server processes to run: WEB_CONCURRENCY (or --workers), else one per core, with a PostgreSQL server. The
 * embedded database is one connection inside one process (and its data directory is locked), and DynamoDB's
 * home is Lambda: both serve from one process.
 */
function serverProcesses(config: Config, logger: Logger): number {
  if (config.database.backend === 'postgres') return config.webConcurrency ?? availableParallelism();
  const store = config.database.backend === 'pglite' ? 'the embedded database (PGlite)' : 'DynamoDB';
  logger.info(
    { workers: 1, requested: config.webConcurrency ?? null },
    `serving from one process: ${store} runs in one; --workers and WEB_CONCURRENCY apply with DATABASE_URL`,
  );
  return 1;
}

export async function runServe(config: Config, logger: Logger): Promise<void> {
  if (cluster.isPrimary) {
    const workers = serverProcesses(config, logger);
    if (workers > 1) return runClusterPrimary(config, logger, workers);
  }
  return serveOneProcess(config, logger);
}

async function serveOneProcess(config: Config, logger: Logger): Promise<void> {
  const worker = cluster.worker;
  const runtime = await buildRuntime(config, logger, { clustered: !!worker, recoverUnfinished: !worker || worker.id === 1 });
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await runtime.close();
    if (error.code === 'EADDRINUSE') {
      throw new CliError(`Port ${config.port} on ${config.host} is already in use. Stop the other program or set PORT.`, EX_UNAVAILABLE);
    }
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (worker) logger.info({ worker: worker.id, pid: process.pid, port }, 'server process ready');
  else logger.info({ url: `http://${config.host}:${port}`, docs: `http://${config.host}:${port}/docs` }, 'OpenDeck is listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    // From here /ready answers 503 and every response says Connection: close.
    runtime.beginShutdown();
    logger.info({ signal, delay_seconds: config.shutdownDelaySeconds }, 'shutting down: /ready answers 503, draining in-flight requests');
    const forced = setTimeout(() => {
      logger.error({ timeout_ms: DRAIN_TIMEOUT_MS }, 'drain timed out; exiting');
      process.exit(1);
    }, DRAIN_TIMEOUT_MS);
    forced.unref();
    // Still accepting while a load balancer notices the 503 and stops routing here.
    if (config.shutdownDelaySeconds > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelaySeconds * 1000));
    await closeServer(server);
    logger.info(
      { elapsed_ms: Date.now() - started },
      'listener closed and requests drained: finishing jobs, closing the queue and the database',
    );
    await runtime.close();
    logger.info({ elapsed_ms: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  // `on`, not `once`: a second signal must not kill the drain (Ctrl-C reaches the whole process group, then a
  // cluster's primary sends SIGTERM too); stop() ignores repeats.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
