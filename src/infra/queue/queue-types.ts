import type { JobQueue, Logger } from '../../core/index.js';

/** The job types are ports (core/ports/jobs.ts); the queues log through the core's Logger port. */
export type { JobHandler, JobRunInfo, Logger as QueueLogger } from '../../core/index.js';

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Queue depth for metrics and health checks. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface ObservableJobQueue extends JobQueue {
  /** Deliveries of one job before the queue gives up on it; the last one fails the document for good. */
  readonly maxAttempts: number;
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}

/**
 * Deliveries before SQS moves a job to the dead-letter queue: the redrive policy's maxReceiveCount (Terraform's
 * max_receive_count). Here, not in sqs-job-queue.ts, so that knowing it does not load the SQS SDK.
 */
export const SQS_MAX_RECEIVE_COUNT = 3;
