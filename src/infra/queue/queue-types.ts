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
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}
