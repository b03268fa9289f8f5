import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { GenerateCardsJob } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import {
  DEFAULT_RETRY,
  GENERATE_CARDS_JOB,
  GENERATE_CARDS_QUEUE,
  jobOptions,
  openRedis,
  type BullMqLocation,
  type RetryPolicy,
} from './bullmq-settings.js';
import { silentLogger, type ObservableJobQueue, type QueueCounts, type QueueLogger } from './queue-types.js';

export interface BullMqJobQueueOptions extends BullMqLocation {
  retry?: RetryPolicy;
  logger?: QueueLogger;
}

/**
 * A generation job as the queue sees it. `requestId` names one generation request; the core's job does not
 * carry one yet, so it is optional (see jobIdFor).
 */
export type QueuedGeneration = GenerateCardsJob & { requestId?: string };

/**
 * The BullMQ job id: `gen-<documentId>-<requestId>`. A job id names one generation REQUEST, not the
 * document, because BullMQ ignores an add whose id it still holds (completed jobs included, until the
 * retention removes them): an id per document would silently drop every later re-generation. So:
 * - the same request queued twice (a retry of the HTTP call, recovery at boot) has the same id and is
 *   ignored, even after it finished, for as long as the finished job is retained;
 * - a later request gets a new id and is accepted.
 * Without a requestId a fresh UUID stands in, and the per-document deduplication below is what keeps
 * duplicates from running. (`Date.now()` would be the same thing with collisions.) ':' is avoided
 * because BullMQ refuses custom ids containing it.
 */
export function jobIdFor(job: QueuedGeneration): string {
  const request = job.requestId ?? randomUUID();
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(request)) throw new Error('requestId must be 1-100 letters, digits, "-" or "_"');
  return `gen-${job.documentId}-${request}`;
}

/**
 * Adds generation jobs to Redis for `opendeck worker` processes.
 *
 * Per document, BullMQ's deduplication (simple mode, keepLastIfActive) keeps at most one job waiting and
 * one running: an add while the document's job waits (or sits in retry backoff) is merged into it, and one
 * while it runs is held and started when that run ends, so two runs of one document never race. The
 * merged job loses nothing: the handler reads the document's current state from the database.
 */
export class BullMqJobQueue implements ObservableJobQueue {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly logger: QueueLogger;

  constructor(options: BullMqJobQueueOptions) {
    this.connection = openRedis(options.redisUrl, 'producer');
    this.logger = options.logger ?? silentLogger;
    this.queue = new Queue(options.queueName ?? GENERATE_CARDS_QUEUE, {
      connection: this.connection,
      prefix: options.prefix,
      defaultJobOptions: jobOptions(options.retry ?? DEFAULT_RETRY),
    });
    // Without a listener an 'error' event would crash the process; Redis outages surface on enqueue instead.
    this.queue.on('error', (error) => this.logger.warn({ error: error.message }, 'job queue connection error'));
  }

  async enqueue(job: QueuedGeneration): Promise<void> {
    // Only ids go into Redis: never document text or anything secret.
    const data: GenerateCardsJob = { documentId: job.documentId, userId: job.userId };
    try {
      await this.queue.add(GENERATE_CARDS_JOB, data, {
        jobId: jobIdFor(job),
        deduplication: { id: job.documentId, keepLastIfActive: true },
      });
    } catch (error) {
      this.logger.error({ documentId: job.documentId, error: (error as Error).message }, 'could not queue a job');
      throw new CoreError('unavailable', 'Background processing is unavailable right now. Try again in a minute.');
    }
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
  }

  /** For tests and operators: the underlying BullMQ queue. */
  get bullQueue(): Queue {
    return this.queue;
  }

  async close(): Promise<void> {
    await this.queue.close();
    // The connection was passed in, so BullMQ leaves it open; it is ours to end.
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
