/**
 * `opendeck serve` with several processes (node:cluster, PostgreSQL server only): the primary forks the
 * workers, which share the listening port (the primary hands connections out round-robin) and each run the
 * whole API with a pool of DB_POOL_MAX connections. The primary serves no requests; without Redis it holds
 * what workers must share (live events, event-stream tickets, rate-limit counts: infra/cluster).
 *
 * - Start: "OpenDeck is listening" is logged once every worker listens; a worker that fails before
 *   listening (port in use, database unreachable) stops the others, and the primary exits with its code.
 * - SIGTERM/SIGINT: every worker drains as a single server does (/ready 503, SHUTDOWN_DELAY, in-flight
 *   requests and jobs); the primary exits 0 once all exited 0, else 1.
 * - A worker that dies later is replaced (at most MAX_RESTARTS a minute, then everything stops).
 * - Start-up recovery of unfinished documents runs in the first worker only (cluster worker id 1), once, and
 *   the others are forked once it listens (its recovery done): a document uploaded to another worker meanwhile
 *   would otherwise be queued twice. A replacement must not re-queue a document another worker is generating.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config/index.js';
import type { Logger } from '../infra/logging/logger.js';
import { servePrimaryServices } from '../infra/cluster/primary-services.js';

/** Past this after SIGTERM, workers still running are killed: within a supervisor's 30 s. */
const STOP_TIMEOUT_MS = 27_000;
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

export function runClusterPrimary(config: Config, logger: Logger, workers: number): Promise<void> {
  if (!config.redisUrl) servePrimaryServices();
  const poolMax = config.database.backend === 'postgres' ? config.database.poolMax : 0;
  logger.info(
    { workers, db_pool_max_per_worker: poolMax, db_connections_at_most: workers * (poolMax + 1) },
    `starting ${workers} server processes sharing port ${config.port}`,
  );
  const listening = new Set<number>();
  const restarts: number[] = [];
  let stopping = false;
  let announced = false;
  let exitCode = 0;

  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.keys(cluster.workers ?? {}).length;
    logger.info({ signal, workers: alive }, 'stopping every server process');
    if (alive === 0) process.exit(exitCode);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ timeout_ms: STOP_TIMEOUT_MS }, 'server processes did not stop in time; killing them');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
  };

  cluster.on('listening', (worker: Worker, address) => {
    listening.add(worker.id);
    if (worker.id === 1) for (let i = 1; i < workers; i++) cluster.fork();
    if (announced || listening.size < workers) return;
    announced = true;
    const host = config.host;
    logger.info({ url: `http://${host}:${address.port}`, docs: `http://${host}:${address.port}/docs`, workers }, 'OpenDeck is listening');
  });

  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    const everListened = listening.delete(worker.id);
    if (stopping) logger.info({ worker: worker.id, code, signal }, 'server process stopped');
    if (code !== 0) exitCode = code ?? 1;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info({ exit_code: exitCode }, 'stopped');
        process.exit(exitCode);
      }
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'a server process exited');
    const now = Date.now();
    restarts.push(now);
    while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (!everListened || restarts.length > MAX_RESTARTS) {
      logger.error(
        everListened ? { restarts: restarts.length } : { worker: worker.id },
        everListened ? 'server processes keep exiting; stopping' : 'a server process failed to start; stopping',
      );
      exitCode = code || 1;
      stopAll('SIGTERM');
      return;
    }
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS).unref();
  });

  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
  cluster.fork(); // the others once this one listens (see above)
  return new Promise(() => {}); // the process ends through process.exit above
}
