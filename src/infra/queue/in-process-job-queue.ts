import type { GenerateCardsJob } from '../../core/index.js';
import { retryAfterSecondsOf } from '../../core/index.js';
import { withJobLogging } from '../../core/index.js';
import { silentLogger, type JobHandler, type ObservableJobQueue, type QueueCounts, type QueueLogger } from './queue-types.js';

export interface InProcessJobQueueOptions {
  /** Jobs run at once. Default 1: generation is CPU- and memory-heavy and the embedded mode shares one process with the API. */
  concurrency?: number;
  logger?: QueueLogger;
  /** How long close() waits for running jobs. */
  closeTimeoutMs?: number;
  /** Turns a job's asked-for retry delay into milliseconds; tests shorten it. */
  retryDelayMs?: (seconds: number) => number;
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
  private readonly concurrency: number;
  private readonly logger: QueueLogger;
  private readonly closeTimeoutMs: number;
  private handler: JobHandler | undefined;
  /** Keyed by document; a Map keeps insertion order, so jobs start first in, first out. */
  private readonly waiting = new Map<string, GenerateCardsJob>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly idleWaiters: Array<() => void> = [];
  /** Runs asked for later (the AI provider was down); dropped at close, recovery re-queues their documents. */
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly retryDelayMs: (seconds: number) => number;
  private failed = 0;
  private closed = false;

  constructor(options: InProcessJobQueueOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.logger = options.logger ?? silentLogger;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 25_000;
    this.retryDelayMs = options.retryDelayMs ?? ((seconds) => seconds * 1000);
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
    this.waiting.set(job.documentId, { documentId: job.documentId, userId: job.userId, attempt: job.attempt ?? 1 });
    this.pump();
  }

  /** The same job again after `seconds`, as its next attempt. */
  private retryLater(job: GenerateCardsJob, seconds: number): void {
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      if (!this.waiting.has(job.documentId)) void this.enqueue({ ...job, attempt: (job.attempt ?? 1) + 1 });
    }, this.retryDelayMs(seconds));
    timer.unref();
    this.retries.add(timer);
  }

  /** Resolves once nothing waits and nothing runs (jobs queued before start() keep it waiting). */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking work, drops jobs not yet started (recovery re-queues them) and waits for running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
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
    return { waiting: this.waiting.size, active: this.running.size, delayed: 0, failed: this.failed };
  }

  private pump(): void {
    const handler = this.handler;
    if (!handler) return;
    for (const [documentId, job] of this.waiting) {
      if (this.running.size >= this.concurrency) break;
      if (this.running.has(documentId)) continue; // its turn comes when the current run ends
      this.waiting.delete(documentId);
      // Started on the next microtask, so the run is registered before the handler can enqueue anything.
      const run = Promise.resolve()
        .then(() => handler({ documentId: job.documentId, userId: job.userId }, { attempt: job.attempt ?? 1 }))
        .then(
          () => undefined,
          (error: unknown) => {
            const delay = retryAfterSecondsOf(error);
            if (delay !== null && !this.closed) return this.retryLater(job, delay);
            this.failed += 1; // already logged by withJobLogging; the enqueuer never sees it
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

  private isIdle(): boolean {
    return this.waiting.size === 0 && this.running.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
