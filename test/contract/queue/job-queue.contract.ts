/**
 * The JobQueue port's contract, run on every queue the composition root can pick: in-process, BullMQ (Redis)
 * and SQS (fauxqs, through the same consumer as the Lambda). A queue is tested with what delivers its jobs in
 * production (the in-process runner, a BullMQ worker, the SQS event source), so "delivered" means the handler
 * ran. Delivery is at-least-once everywhere (the handler, processDocument, is idempotent); what a queue adds
 * on top (one run per document at a time, merging, request dedupe, redelivery) is declared in `promises` and
 * checked only where promised. What one queue alone does (backoff timing, message fields) stays in its file.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerateCardsJob, JobHandler, JobRunInfo } from '../../../src/core/index.js';
import { isCoreError } from '../../../src/core/index.js';
import type { ObservableJobQueue } from '../../../src/infra/queue/queue-types.js';

/** A generation job as the BullMQ and SQS queues take it: `requestId` names one request. */
export type QueuedJob = GenerateCardsJob & { requestId?: string };

export interface QueueHarness {
  queue: ObservableJobQueue & { enqueue(job: QueuedJob): Promise<void> };
  /** Starts delivering jobs to the handler, as the runtime does. */
  start(handler: JobHandler): Promise<void>;
  /** Stops delivery and releases what the harness opened. */
  stop(): Promise<void>;
}

export interface JobQueuePromises {
  /** Two runs of one document never overlap; a job queued while its document runs comes after that run. */
  onePerDocumentAtATime: boolean;
  /** Jobs for a document that is still waiting are merged into one run. */
  mergesWaiting: boolean;
  /** The same request sent again (a retried HTTP call, recovery at boot) starts no second run. */
  dropsRepeatedRequest: boolean;
  /** A job whose handler throws is delivered again, with `attempt` counting up. */
  redeliversFailures: boolean;
}

export interface JobQueueUnderTest {
  create(): Promise<QueueHarness>;
  promises: JobQueuePromises;
  /** A queue whose backend cannot be reached, where there is a backend. */
  openUnreachable?: () => ObservableJobQueue;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long "nothing more happens" is watched for; long enough for a worker or poller to have picked a job up. */
const QUIET_MS = 400;

export async function waitFor(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const newJob = (): GenerateCardsJob => ({ documentId: randomUUID(), userId: randomUUID() });

/** A handler that records every run, the peak of parallel runs per document, and can hold runs open. */
function recordingHandler(options: { hold?: (job: GenerateCardsJob, run: JobRunInfo, index: number) => Promise<void> | void } = {}) {
  const runs: Array<{ job: GenerateCardsJob; attempt: number }> = [];
  const active = new Map<string, number>();
  let peakPerDocument = 0;
  const handler: JobHandler = async (job, run) => {
    const index = runs.push({ job, attempt: run.attempt }) - 1;
    active.set(job.documentId, (active.get(job.documentId) ?? 0) + 1);
    peakPerDocument = Math.max(peakPerDocument, active.get(job.documentId)!);
    try {
      await options.hold?.(job, run, index);
    } finally {
      active.set(job.documentId, active.get(job.documentId)! - 1);
    }
    return 'completed';
  };
  const of = (documentId: string) => runs.filter((r) => r.job.documentId === documentId);
  return { handler, runs, of, peak: () => peakPerDocument };
}

export function describeJobQueueContract(name: string, under: JobQueueUnderTest): void {
  describe(`JobQueue contract: ${name}`, () => {
    let harness: QueueHarness | undefined;
    const open = async () => (harness = await under.create());
    afterEach(async () => {
      await harness?.stop();
      harness = undefined;
    });
    const { promises } = under;

    it('delivers every job queued before the consumer starts, with its ids, as attempt 1, and counts it waiting until then', async () => {
      const { queue, start } = await open();
      const jobs = [newJob(), newJob(), newJob()];
      for (const job of jobs) await queue.enqueue(job);
      expect(await queue.counts()).toMatchObject({ waiting: 3, active: 0 });
      const h = recordingHandler();
      await start(h.handler);
      await waitFor('three runs', () => h.runs.length >= 3);
      for (const job of jobs) {
        expect(h.of(job.documentId).length).toBeGreaterThanOrEqual(1);
        expect(h.of(job.documentId)[0]).toEqual({ job: { documentId: job.documentId, userId: job.userId }, attempt: 1 });
      }
      await waitFor('the counts to settle', async () => {
        const counts = await queue.counts();
        return counts.waiting === 0 && counts.active === 0;
      });
      const counts = await queue.counts();
      for (const value of Object.values(counts)) expect(Number.isInteger(value) && value >= 0).toBe(true);
    });

    it('delivers a job queued while the consumer runs, and a later job for the same document again', async () => {
      const { queue, start } = await open();
      const h = recordingHandler();
      await start(h.handler);
      const job = newJob();
      await queue.enqueue(job);
      await waitFor('the run', () => h.of(job.documentId).length >= 1);
      await sleep(QUIET_MS);
      await queue.enqueue(job); // a re-generation: never swallowed by a dedupe of the finished run
      await waitFor('the second run', () => h.of(job.documentId).length >= 2);
    });

    it('keeps a failing handler from the enqueuer and from the other documents', async () => {
      const { queue, start } = await open();
      const [bad, good] = [newJob(), newJob()];
      const h = recordingHandler({
        hold: (job) => {
          if (job.documentId === bad.documentId) throw new Error('model down');
        },
      });
      await start(h.handler);
      await expect(queue.enqueue(bad)).resolves.toBeUndefined();
      await queue.enqueue(good);
      await waitFor('both runs', () => h.of(bad.documentId).length >= 1 && h.of(good.documentId).length >= 1);
    });

    it.runIf(promises.redeliversFailures)('delivers a failed job again, its attempt counting up, until a run succeeds', async () => {
      const { queue, start } = await open();
      const job = newJob();
      const h = recordingHandler({
        hold: (_job, run) => {
          if (run.attempt === 1) throw new Error('database unreachable');
        },
      });
      await start(h.handler);
      await queue.enqueue(job);
      await waitFor('the second attempt', () => h.of(job.documentId).length >= 2);
      await sleep(QUIET_MS);
      expect(h.of(job.documentId).map((r) => r.attempt)).toEqual([1, 2]);
    });

    it.runIf(promises.onePerDocumentAtATime)('runs a job queued while its document runs after that run, never beside it', async () => {
      const { queue, start } = await open();
      const job = newJob();
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const h = recordingHandler({ hold: (_job, _run, index) => (index === 0 ? gate : undefined) });
      await start(h.handler);
      try {
        await queue.enqueue(job);
        await waitFor('the first run', () => h.runs.length === 1);
        await queue.enqueue(job);
        await queue.enqueue(job);
        await sleep(QUIET_MS);
        expect(h.runs).toHaveLength(1); // held back, not started beside the running one
      } finally {
        release(); // also on failure, so stopping the consumer does not wait on the held run
      }
      await waitFor('the follow-up run', () => h.runs.length >= 2);
      await sleep(QUIET_MS);
      expect(h.peak()).toBe(1);
      // The two held jobs: merged into one follow-up where waiting jobs merge, else each delivered.
      if (promises.mergesWaiting) expect(h.runs).toHaveLength(2);
      else await waitFor('both held jobs', () => h.runs.length >= 3);
    });

    it.runIf(promises.mergesWaiting)('merges jobs for a document that is still waiting into one run', async () => {
      const { queue, start } = await open();
      const job = newJob();
      for (let i = 0; i < 3; i++) await queue.enqueue(job);
      expect((await queue.counts()).waiting).toBe(1);
      const h = recordingHandler();
      await start(h.handler);
      await waitFor('the run', () => h.runs.length >= 1);
      await sleep(QUIET_MS);
      expect(h.runs).toHaveLength(1);
    });

    it.runIf(promises.dropsRepeatedRequest)(
      'runs a repeated request once, even after it finished, and a new request for the document again',
      async () => {
        const { queue, start } = await open();
        const job = newJob();
        await queue.enqueue({ ...job, requestId: 'req-1' });
        await queue.enqueue({ ...job, requestId: 'req-1' });
        const h = recordingHandler();
        await start(h.handler);
        await waitFor('the run', () => h.runs.length >= 1);
        await sleep(QUIET_MS);
        await queue.enqueue({ ...job, requestId: 'req-1' });
        await sleep(QUIET_MS);
        expect(h.runs).toHaveLength(1);
        await queue.enqueue({ ...job, requestId: 'req-2' });
        await waitFor('the new request run', () => h.runs.length === 2);
      },
    );

    it('close() resolves, and can be called again', async () => {
      const { queue, start } = await open();
      const h = recordingHandler();
      await start(h.handler);
      const job = newJob();
      await queue.enqueue(job);
      await waitFor('the run', () => h.runs.length >= 1);
      await expect(queue.close()).resolves.toBeUndefined();
      await expect(queue.close()).resolves.toBeUndefined();
    });

    it.runIf(under.openUnreachable)(
      'turns an unreachable backend into an "unavailable" error for the enqueuer',
      async () => {
        const broken = under.openUnreachable!();
        try {
          const error = await broken.enqueue(newJob()).then(
            () => null,
            (e: unknown) => e,
          );
          expect(isCoreError(error) && error.code).toBe('unavailable');
        } finally {
          await broken.close().catch(() => undefined);
        }
      },
      20_000,
    );
  });
}
