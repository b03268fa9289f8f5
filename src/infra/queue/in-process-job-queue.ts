import { withJobLogging, type GenerateCardsJob } from '../../core/index.js';
import { silentLogger, type JobHandler, type ObservableJobQueue, type QueueCounts, type QueueLogger } from './queue-types.js';

export interface InProcessJobQueueOptions {
  /** Jobs run at once. Default 1: generation is CPU- and memory-heavy and the embedded mode shares one process with the API. */
  concurrency?: number;
  logger?: QueueLogger;
  /** How long close() waits for running jobs. */
  closeTimeoutMs?: number;
  /** Runs of a job whose handler throws, before it is given up (default 3, as BullMQ's and SQS's). */
  maxAttempts?: number;
  /** Wait before the second run; it doubles for each later one (default 5 s, as BullMQ's). */
  backoffMs?: number;
}

/**
 * The embedded mode's queue: jobs run in this process. Nothing survives a crash, and that is fine because
 * documents left pending or processing are re-queued at start (recoverUnfinishedDocuments).
 *
 * Per document, at most one run is active and at most one waits: a job queued while the same document is
 * waiting is merged into it, and one queued while it runs waits for that run to end. That keeps the
 * at-least-once promise (a re-generation asked for mid-run still gets its own run) without two runs of
 * one document racing each other.
 */
export class InProcessJobQueue implements ObservableJobQueue {
  readonly maxAttempts: number;
  private readonly backoffMs: number;
  /** Jobs waiting out their backoff, by document; a new enqueue of the document runs it at once instead. */
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private readonly concurrency: number;
  private readonly logger: QueueLogger;
  private readonly closeTimeoutMs: number;
  private handler: JobHandler | undefined;
  /** Keyed by document; a Map keeps insertion order, so jobs start first in, first out. */
  private readonly waiting = new Map<string, GenerateCardsJob>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly idleWaiters: Array<() => void> = [];
  private failed = 0;
  private closed = false;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.logger = options.logger ?? silentLogger;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 25_000;
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 3));
    this.backoffMs = options.backoffMs ?? 5_000;
  }

  /** Sets the handler and starts running jobs, including any queued before (e.g. by recovery at boot). */
  start(handler: JobHandler): void {
    if (this.handler) throw new Error('InProcessJobQueue already started');
    this.handler = withJobLogging(handler, this.logger);
    this.pump();
  }

  async enqueue(job: GenerateCardsJob): Promise<void> {
    if (this.closed) {
      // The document stays pending in the database and is queued again at the next start.
      this.logger.warn({ documentId: job.documentId }, 'queue is shutting down: job left for recovery at the next start');
      return;
    }
    this.cancelRetry(job.documentId);
    this.attempts.delete(job.documentId);
    this.waiting.set(job.documentId, { documentId: job.documentId, userId: job.userId });
    this.pump();
  }

  /** Resolves once nothing waits and nothing runs (jobs queued before start() keep it waiting). */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking work, drops jobs not yet started (recovery re-queues them) and waits for running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const documentId of [...this.retries.keys()]) this.cancelRetry(documentId);
    if (this.waiting.size > 0) {
      this.logger.info({ dropped: this.waiting.size }, 'queue closing: waiting jobs left for recovery at the next start');
      this.waiting.clear();
    }
    this.notifyIfIdle();
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), this.closeTimeoutMs);
    });
    const finished = Promise.all(this.running.values()).then(() => false);
    if (await Promise.race([finished, timedOut])) {
      this.logger.warn({ running: this.running.size, timeoutMs: this.closeTimeoutMs }, 'queue closed with jobs still running');
    }
    clearTimeout(timer);
  }

  async counts(): Promise<QueueCounts> {
    return { waiting: this.waiting.size, active: this.running.size, delayed: this.retries.size, failed: this.failed };
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    for (const [documentId, job] of this.waiting) {
      if (this.running.size >= this.concurrency) break;
      if (this.running.has(documentId)) continue; // its turn comes when the current run ends
      this.waiting.delete(documentId);
      const attempt = this.attempts.get(documentId) ?? 1;
      // Started on the next microtask, so the run is registered before the handler can enqueue anything.
      const run = Promise.resolve()
        .then(() => handler(job, { attempt }))
        .then(
          () => void this.attempts.delete(documentId),
          () => {
            // Already logged by withJobLogging; the enqueuer never sees it.
            // A new request for the document, queued meanwhile, replaces the retry.
            if (attempt < this.maxAttempts && !this.closed && !this.waiting.has(documentId)) this.retryLater(job, attempt + 1);
            else {
              this.failed += 1;
              this.attempts.delete(documentId);
            }
          },
        )
        .finally(() => {
          this.running.delete(documentId);
          this.pump();
          this.notifyIfIdle();
        });
      this.running.set(documentId, run);
    }
  }

  /** Runs the job again after the backoff; a crash loses the timer, and recovery at start re-queues the document. */
  private retryLater(job: GenerateCardsJob, attempt: number): void {
    const delay = this.backoffMs * 2 ** (attempt - 2);
    this.attempts.set(job.documentId, attempt);
    const timer = setTimeout(() => {
      this.retries.delete(job.documentId);
      if (this.closed || this.waiting.has(job.documentId)) return;
      this.waiting.set(job.documentId, job);
      this.pump();
    }, delay);
    timer.unref();
    this.retries.set(job.documentId, timer);
    this.logger.info({ documentId: job.documentId, attempt, delayMs: delay }, 'job will run again after a backoff');
  }

  private cancelRetry(documentId: string): void {
    clearTimeout(this.retries.get(documentId));
    this.retries.delete(documentId);
  }

  private isIdle(): boolean {
    // A job waiting out its backoff is not work drain() waits for: it may be minutes away.
    return this.waiting.size === 0 && this.running.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
