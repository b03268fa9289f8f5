/** Ports for background work: the queue jobs go into, what runs them, and the log they report to. */

export interface GenerateCardsJob {
  documentId: string;
  userId: string;
  /** Which run of this job it is (1 first); queues set it, and the outage retries count on it. */
  attempt?: number;
}

/** Background jobs. Delivery is at-least-once everywhere, so handlers must be idempotent. */
export interface JobQueue {
  enqueue(job: GenerateCardsJob): Promise<void>;
}

/** Which delivery of a job this is; the handler may ignore it (processDocument does). */
export interface JobRunInfo {
  /** 1 on the first run; a rerun after a crash or a retry counts up. */
  attempt: number;
}

/** The work a queue runs. Must be idempotent: delivery is at-least-once. */
export type JobHandler = (job: GenerateCardsJob, run: JobRunInfo) => Promise<unknown>;

/** A running consumer of a queue (a BullMQ worker): stopped gracefully, or abandoned when that takes too long. */
export interface JobConsumer {
  /** Stops taking jobs and resolves when the running ones have finished. */
  close(): Promise<void>;
  /** Gives up on running jobs: their lock expires and another consumer reruns them. */
  abandon(): void;
}

/** The slice of a structured logger (pino) that jobs and queues use. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
