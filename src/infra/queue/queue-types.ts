import type { GenerateCardsJob, JobQueue } from '../../core/documents/document-ports.js';

/** Which delivery of a job this is; the handler may ignore it (processDocument does). */
export interface JobRunInfo {
  /** 1 on the first run; a rerun after a crash or a retry counts up. */
  attempt: number;
}

/** The work a queue runs, e.g. `(job) => processDocument(ctx, job)`. Must be idempotent: delivery is at-least-once. */
export type JobHandler = (job: GenerateCardsJob, run: JobRunInfo) => Promise<unknown>;

/** The slice of pino the queues use, so infra/queue does not depend on the logging setup. */
export interface QueueLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: QueueLogger = { info() {}, warn() {}, error() {} };

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
