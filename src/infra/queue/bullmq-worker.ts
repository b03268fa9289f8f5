import { Worker, type Job } from 'bullmq';
import type { GenerateCardsJob } from '../../core/index.js';
import { DEFAULT_WORKER_TIMING, GENERATE_CARDS_QUEUE, openRedis, type BullMqLocation, type WorkerTiming } from './bullmq-settings.js';
import { silentLogger, type JobHandler, type QueueLogger } from './queue-types.js';

export interface BullMqWorkerOptions extends BullMqLocation {
  handler: JobHandler;
  /** Jobs this process runs at once (default 1). Scale out with more worker processes rather than high values. */
  concurrency?: number;
  logger?: QueueLogger;
  /** Lock and stall-check settings; the defaults are explained in bullmq-settings.ts. */
  timing?: Partial<WorkerTiming>;
  /**
   * Called once a job has failed for good: its retries are spent, or it stalled (crashed its worker) too
   * often. processDocument marks its own failures, but a job that never got that far (database down,
   * worker killed each time) would leave its document `processing`; this is where the caller can mark it
   * failed. Errors thrown here are logged and swallowed.
   */
  onGiveUp?: (job: GenerateCardsJob, reason: string) => Promise<void>;
}

export interface BullMqWorkerHandle {
  /** Stops taking jobs and waits for running ones to finish (BullMQ's worker.close()), then disconnects. */
  close(): Promise<void>;
  /**
   * For a process about to exit after close() took too long: drops the Redis connection without waiting.
   * Lock renewals stop, so the running jobs' locks lapse and another worker reruns them. (worker.close(true)
   * cannot do this once a graceful close is under way: it returns that same pending close.)
   */
  abandon(): void;
}

function jobOf(job: Job): GenerateCardsJob {
  const data = job.data as Partial<GenerateCardsJob>;
  if (typeof data.documentId !== 'string' || typeof data.userId !== 'string') {
    throw new Error(`job ${job.id} has no documentId/userId`);
  }
  return { documentId: data.documentId, userId: data.userId };
}

/** Starts processing generation jobs from Redis; resolves once connected so a bad URL fails at boot. */
export async function startBullMqWorker(options: BullMqWorkerOptions): Promise<BullMqWorkerHandle> {
  const logger = options.logger ?? silentLogger;
  const timing = { ...DEFAULT_WORKER_TIMING, ...options.timing };
  const connection = openRedis(options.redisUrl, 'worker');
  const worker = new Worker(
    options.queueName ?? GENERATE_CARDS_QUEUE,
    // attemptsStarted counts stalled restarts too, so a rerun after a crash reports attempt 2.
    async (job: Job) => options.handler(jobOf(job), { attempt: Math.max(1, job.attemptsStarted) }),
    {
      connection,
      prefix: options.prefix,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      lockDuration: timing.lockDurationMs,
      stalledInterval: timing.stalledIntervalMs,
      maxStalledCount: timing.maxStalledCount,
      autorun: false,
    },
  );
  // An unhandled 'error' event would crash the process; connection errors are retried by ioredis.
  worker.on('error', (error) => logger.warn({ error: error.message }, 'job worker error'));
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'job stalled (its worker died or was blocked); it will run again'));
  worker.on('failed', (job, error) => {
    // finishedOn is set only when BullMQ gives up; a failure that will be retried leaves it unset.
    if (!job || typeof job.finishedOn !== 'number') return;
    let data: GenerateCardsJob;
    try {
      data = jobOf(job);
    } catch {
      return;
    }
    logger.error(
      { documentId: data.documentId, jobId: job.id, attempts: job.attemptsStarted, reason: error.message.slice(0, 300) },
      'job given up',
    );
    options.onGiveUp?.(data, error.message).catch((e: unknown) => {
      logger.error({ documentId: data.documentId, error: (e as Error).message }, 'onGiveUp failed');
    });
  });

  await worker.waitUntilReady();
  void worker.run().catch((error: unknown) => logger.error({ error: (error as Error).message }, 'job worker stopped'));

  const disconnect = () =>
    connection.quit().then(
      () => undefined,
      () => connection.disconnect(),
    );
  return {
    close: async () => {
      await worker.close();
      await disconnect();
    },
    abandon: () => connection.disconnect(),
  };
}
