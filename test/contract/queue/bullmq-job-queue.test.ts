import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreError, retryLater, type GenerateCardsJob } from '../../../src/core/index.js';
import { BullMqJobQueue, jobIdFor } from '../../../src/infra/queue/bullmq-job-queue.js';
import { startBullMqWorker, type BullMqWorkerHandle } from '../../../src/infra/queue/bullmq-worker.js';
import type { JobHandler } from '../../../src/infra/queue/queue-types.js';
import { describeJobQueueContract } from './job-queue.contract.js';
import { deleteKeys, REDIS_URL, redisIsUp, uniquePrefix, waitFor } from '../../support/redis.js';

const up = await redisIsUp();
const prefix = uniquePrefix('bullmq');
const FAST = { lockDurationMs: 2_000, stalledIntervalMs: 1_000, maxStalledCount: 1 };
const doc = (n: number): GenerateCardsJob => ({ documentId: `00000000-0000-4000-8000-00000000000${n}`, userId: 'user-1' });

// File level, so it runs after every describe below: all keys of this file share one prefix.
afterAll(async () => {
  if (!up) return;
  const redis = new Redis(REDIS_URL);
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe.skipIf(!up)('BullMQ', () => {
  let n = 0;
  describeJobQueueContract('BullMQ on Redis', {
    create: async () => {
      n += 1;
      const location = { redisUrl: REDIS_URL, prefix, queueName: `contract${n}` };
      const contractQueue = new BullMqJobQueue({ ...location, retry: { attempts: 3, backoffMs: 100 } });
      let worker: BullMqWorkerHandle | undefined;
      return {
        queue: contractQueue,
        start: async (handler) => {
          worker = await startBullMqWorker({ ...location, handler, timing: FAST });
        },
        stop: async () => {
          await worker?.close();
          await contractQueue.close();
        },
      };
    },
    promises: { onePerDocumentAtATime: true, mergesWaiting: true, dropsRepeatedRequest: true, redeliversFailures: true },
    openUnreachable: () => new BullMqJobQueue({ redisUrl: 'redis://127.0.0.1:1', prefix, queueName: 'never' }),
  });
});

/** What only the BullMQ queue does: what it keeps in Redis, and its retry policy with backoff and give-up. */
describe.skipIf(!up)('BullMQ job queue on Redis', () => {
  let redis: Redis;
  let queue: BullMqJobQueue;
  let workers: BullMqWorkerHandle[] = [];
  let n = 0;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(() => redis.quit());
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.close()));
    workers = [];
    await queue?.close();
  });

  /** A fresh queue name per test: no test sees another's jobs, and one prefix cleans them all up. */
  function setup(retry = { attempts: 3, backoffMs: 100 }) {
    n += 1;
    const location = { redisUrl: REDIS_URL, prefix, queueName: `q${n}` };
    queue = new BullMqJobQueue({ ...location, retry });
    const start = async (handler: JobHandler, extra: { onGiveUp?: (j: GenerateCardsJob, r: string) => Promise<void> } = {}) => {
      const worker = await startBullMqWorker({ ...location, handler, timing: FAST, ...extra });
      workers.push(worker);
      return worker;
    };
    return { start };
  }

  it('stores only the ids in Redis, under a job id that names the request', async () => {
    setup();
    await queue.enqueue(doc(1));
    const [job] = await queue.bullQueue.getJobs(['waiting']);
    expect(job?.data).toEqual(doc(1));
    expect(job?.id).toMatch(/^gen-00000000-0000-4000-8000-000000000001-[0-9a-f-]{36}$/);
    expect(jobIdFor({ ...doc(3), requestId: 'req-1' })).toBe(`gen-${doc(3).documentId}-req-1`);
  });

  it('retries a failing job with exponential backoff, then fails it and reports the give-up once', async () => {
    const { start } = setup({ attempts: 3, backoffMs: 150 });
    const times: number[] = [];
    const gaveUp: string[] = [];
    await queue.enqueue(doc(2));
    await start(
      async () => {
        times.push(Date.now());
        throw new Error('database unreachable');
      },
      { onGiveUp: async (j, reason) => void gaveUp.push(`${j.documentId}: ${reason}`) },
    );
    await waitFor('final failure', async () => (await queue.counts()).failed === 1);
    await waitFor('give-up callback', async () => gaveUp.length === 1);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140); // 150 ms, then 300 ms
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(290);
    expect(gaveUp).toEqual([`${doc(2).documentId}: database unreachable`]);
    const [failed] = await queue.bullQueue.getJobs(['failed']);
    expect(failed?.attemptsMade).toBe(3);
  });

  it('runs a job that found the AI provider down again after the delay it asked for, as its next attempt (issue 12)', async () => {
    const { start } = setup({ attempts: 1, backoffMs: 100 });
    const runs: { attempt: number; at: number }[] = [];
    const gaveUp: string[] = [];
    await queue.enqueue(doc(7));
    await start(
      async (_j, run) => {
        runs.push({ attempt: run.attempt, at: Date.now() });
        // The schedule asks for seconds; a fraction keeps the test short.
        if (runs.length < 3) throw retryLater(new CoreError('upstream_unavailable', 'The AI provider is not answering.'), 0.3);
        return 'completed';
      },
      { onGiveUp: async (j) => void gaveUp.push(j.documentId) },
    );
    await waitFor('completion after two waits', async () => (await queue.bullQueue.getJobCounts('completed')).completed === 1);
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    // Not retried at once, and not given up although the job allows a single attempt for unexpected errors.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(250);
    expect(gaveUp).toEqual([]);
  });
});

describe.skipIf(!up)('runWorker', () => {
  it('gives up waiting for a hung job after its shutdown timeout, reporting an unclean stop', async () => {
    const { runWorker } = await import('../../../src/bin/run-worker.js');
    const location = { redisUrl: REDIS_URL, prefix, queueName: 'hung' };
    const queue = new BullMqJobQueue(location);
    let started = false;
    let release!: () => void;
    const lines: string[] = [];
    const log = (obj: object, msg?: string) => void lines.push(`${msg} ${JSON.stringify(obj)}`);
    const worker = await runWorker({
      ...location,
      handleSignals: false,
      shutdownTimeoutMs: 300,
      timing: FAST,
      logger: { info: log, warn: log, error: log },
      handler: () => {
        started = true;
        return new Promise<void>((r) => (release = r));
      },
    });
    await queue.enqueue(doc(6));
    await waitFor('the job to start', async () => started);
    const before = Date.now();
    expect(await worker.stop('test')).toBe(false);
    expect(Date.now() - before).toBeLessThan(3_000);
    expect(lines.some((l) => l.startsWith('worker stop timed out'))).toBe(true);
    expect(lines.some((l) => l.startsWith('job started') && l.includes(doc(6).documentId))).toBe(true);
    release(); // let the abandoned run end so nothing lingers in this test process
    await queue.close();
  });
});
