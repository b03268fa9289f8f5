import { describe, expect, it } from 'vitest';
import type { GenerateCardsJob } from '../../../src/core/index.js';
import { InProcessJobQueue } from '../../../src/infra/queue/in-process-job-queue.js';
import { describeFailure } from '../../../src/core/index.js';
import type { QueueLogger } from '../../../src/infra/queue/queue-types.js';
import { describeJobQueueContract } from './job-queue.contract.js';

const job = (documentId: string): GenerateCardsJob => ({ documentId, userId: 'u1' });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A handler whose runs stay open until the test releases them, recording what ran and the peak parallelism. */
function gatedHandler() {
  const runs: string[] = [];
  const gates: Array<ReturnType<typeof deferred>> = [];
  let active = 0;
  let peak = 0;
  const perDoc = new Map<string, number>();
  let peakPerDoc = 0;
  const handler = async (j: GenerateCardsJob) => {
    runs.push(j.documentId);
    active += 1;
    peak = Math.max(peak, active);
    perDoc.set(j.documentId, (perDoc.get(j.documentId) ?? 0) + 1);
    peakPerDoc = Math.max(peakPerDoc, perDoc.get(j.documentId)!);
    const gate = deferred();
    gates.push(gate);
    await gate.promise;
    active -= 1;
    perDoc.set(j.documentId, perDoc.get(j.documentId)! - 1);
  };
  const releaseAll = async () => {
    while (gates.length > 0 || active > 0) {
      for (const g of gates.splice(0)) g.resolve();
      await tick();
    }
  };
  return { handler, runs, gates, releaseAll, stats: () => ({ peak, peakPerDoc, active }) };
}

function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger: QueueLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

describeJobQueueContract('in-process', {
  create: async () => {
    const queue = new InProcessJobQueue({ concurrency: 2 });
    return { queue, start: async (handler) => queue.start(handler), stop: () => queue.close() };
  },
  // No retry of its own: a failed document is marked by processDocument, and recovery at the next start
  // queues what a stopped process left unfinished.
  promises: { onePerDocumentAtATime: true, mergesWaiting: true, dropsRepeatedRequest: false, redeliversFailures: false },
});

/** What only the in-process queue does: its concurrency limit, drain(), and how close() treats running work. */
describe('InProcessJobQueue', () => {
  it('runs one job at a time by default', async () => {
    const queue = new InProcessJobQueue();
    const h = gatedHandler();
    queue.start(h.handler);
    for (const id of ['a', 'b', 'c']) await queue.enqueue(job(id));
    await tick();
    expect(h.stats().active).toBe(1);
    expect(await queue.counts()).toEqual({ waiting: 2, active: 1, delayed: 0, failed: 0 });
    await h.releaseAll();
    await queue.drain();
    expect(h.runs).toEqual(['a', 'b', 'c']);
    expect(h.stats().peak).toBe(1);
  });

  it('never runs more jobs at once than its concurrency', async () => {
    const queue = new InProcessJobQueue({ concurrency: 2 });
    const h = gatedHandler();
    queue.start(h.handler);
    for (const id of ['a', 'b', 'c', 'd', 'e']) await queue.enqueue(job(id));
    await tick();
    expect(h.stats().active).toBe(2);
    await h.releaseAll();
    await queue.drain();
    expect(h.runs.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(h.stats().peak).toBe(2);
  });

  it('lets other documents pass a document that waits for its own running job', async () => {
    const queue = new InProcessJobQueue({ concurrency: 2 });
    const h = gatedHandler();
    queue.start(h.handler);
    await queue.enqueue(job('a'));
    await tick();
    await queue.enqueue(job('a'));
    await queue.enqueue(job('b'));
    await tick();
    expect(h.runs).toEqual(['a', 'b']);
    await h.releaseAll();
    await queue.drain();
    expect(h.runs).toEqual(['a', 'b', 'a']);
  });

  it('holds jobs queued before start() and runs them once a handler is set', async () => {
    const queue = new InProcessJobQueue();
    await queue.enqueue(job('early'));
    const runs: string[] = [];
    queue.start(async (j) => void runs.push(j.documentId));
    await queue.drain();
    expect(runs).toEqual(['early']);
    expect(() => queue.start(async () => {})).toThrow(/already started/);
  });

  it('drain() waits for follow-up runs too, and resolves at once when idle', async () => {
    const queue = new InProcessJobQueue();
    const done: string[] = [];
    queue.start(async (j) => {
      await tick();
      if (j.documentId === 'first') await queue.enqueue(job('chained'));
      done.push(j.documentId);
    });
    await queue.drain();
    await queue.enqueue(job('first'));
    await queue.drain();
    expect(done).toEqual(['first', 'chained']);
  });

  it('logs a failing job, keeps it from the enqueuer, counts it, and goes on with the next', async () => {
    const { logger, lines } = recordingLogger();
    const queue = new InProcessJobQueue({ logger });
    const runs: string[] = [];
    queue.start(async (j) => {
      runs.push(j.documentId);
      if (j.documentId === 'bad') throw new Error('boom');
      return 'completed';
    });
    await expect(queue.enqueue(job('bad'))).resolves.toBeUndefined();
    await queue.enqueue(job('good'));
    await queue.drain();
    expect(runs).toEqual(['bad', 'good']);
    expect((await queue.counts()).failed).toBe(1);
    const failure = lines.find((l) => l.level === 'error');
    expect(failure?.obj).toMatchObject({ documentId: 'bad', message: 'boom', outcome: 'error' });
    expect(lines.find((l) => l.msg === 'job finished')?.obj).toMatchObject({ documentId: 'good', outcome: 'completed' });
    // A handler that throws synchronously is contained the same way.
    const sync = new InProcessJobQueue();
    sync.start(((): Promise<unknown> => {
      throw new Error('sync');
    }) as never);
    await sync.enqueue(job('x'));
    await sync.drain();
    expect((await sync.counts()).failed).toBe(1);
  });

  it('close() waits for the running job, drops waiting ones and takes no new work', async () => {
    const { logger } = recordingLogger();
    const queue = new InProcessJobQueue({ logger });
    const h = gatedHandler();
    queue.start(h.handler);
    await queue.enqueue(job('a'));
    await queue.enqueue(job('b'));
    await tick();
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    await queue.enqueue(job('c'));
    await h.releaseAll();
    await closing;
    expect(h.runs).toEqual(['a']);
    await queue.drain();
  });

  it('close() gives up after its timeout when a job hangs', async () => {
    const { logger, lines } = recordingLogger();
    const queue = new InProcessJobQueue({ logger, closeTimeoutMs: 50 });
    queue.start(() => new Promise(() => {}));
    await queue.enqueue(job('stuck'));
    await tick();
    const started = Date.now();
    await queue.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines.some((l) => l.msg === 'queue closed with jobs still running')).toBe(true);
  });
});

describe('describeFailure', () => {
  it('cuts long messages so document text cannot flood the logs', () => {
    const described = describeFailure(new Error(`bad output: ${'x'.repeat(5000)}`));
    expect(String(described.message).length).toBeLessThanOrEqual(301);
    expect(String(described.stack)).not.toContain('xxxx');
  });
});
