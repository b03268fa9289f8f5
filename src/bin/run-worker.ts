import type { GenerateCardsJob } from '../core/index.js';
import { DEFAULT_WORKER_TIMING, GENERATE_CARDS_QUEUE, type BullMqLocation, type WorkerTiming } from '../infra/queue/bullmq-settings.js';
import { startBullMqWorker } from '../infra/queue/bullmq-worker.js';
import { withJobLogging } from '../core/index.js';
import type { JobHandler, QueueLogger } from '../infra/queue/queue-types.js';
import { stopOnSignals } from './stop-signals.js';

/**
 * Below the usual 30 s a supervisor (Kubernetes, systemd, ECS) waits between SIGTERM and SIGKILL, so we
 * always get to log and exit on our own terms.
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

export interface RunWorkerOptions extends BullMqLocation {
  /** The composition root passes `(job) => processDocument(ctx, job)`. */
  handler: JobHandler;
  logger: QueueLogger;
  concurrency?: number;
  timing?: Partial<WorkerTiming>;
  /** See BullMqWorkerOptions.onGiveUp: lets the caller mark a document failed when BullMQ gives up on it. */
  onGiveUp?: (job: GenerateCardsJob, reason: string) => Promise<void>;
  /** Close gracefully and exit on SIGTERM/SIGINT (default true; tests that drive stop() turn it off). */
  handleSignals?: boolean;
  shutdownTimeoutMs?: number;
  /** Injected by tests; process.exit otherwise. */
  exit?: (code: number) => void;
}

export interface RunningWorker {
  /** Stops taking jobs and waits for running ones up to the shutdown timeout; true when they all finished. */
  stop(reason?: string): Promise<boolean>;
}

/** The `opendeck worker` process: takes generation jobs from Redis until told to stop. */
export async function runWorker(options: RunWorkerOptions): Promise<RunningWorker> {
  const { logger } = options;
  const concurrency = options.concurrency ?? 1;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const worker = await startBullMqWorker({
    redisUrl: options.redisUrl,
    prefix: options.prefix,
    queueName: options.queueName,
    concurrency,
    timing: options.timing,
    logger,
    onGiveUp: options.onGiveUp,
    handler: withJobLogging(options.handler, logger),
  });
  logger.info(
    { queue: options.queueName ?? GENERATE_CARDS_QUEUE, concurrency, timing: { ...DEFAULT_WORKER_TIMING, ...options.timing } },
    'worker started',
  );

  let stopping: Promise<boolean> | undefined;
  const stop = (reason = 'stop requested'): Promise<boolean> => {
    stopping ??= (async () => {
      logger.info({ reason, timeoutMs: shutdownTimeoutMs }, 'worker stopping: finishing running jobs');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), shutdownTimeoutMs);
      });
      const outcome = await Promise.race([worker.close().then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'closed') {
        logger.info({}, 'worker stopped');
        return true;
      }
      // Still-running jobs keep their lock until it expires; then another worker reruns them (idempotent).
      logger.error({ timeoutMs: shutdownTimeoutMs }, 'worker stop timed out: abandoning running jobs to be rerun elsewhere');
      worker.abandon();
      return false;
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) stopOnSignals({ stop, logger, exit: options.exit });
  return { stop };
}
