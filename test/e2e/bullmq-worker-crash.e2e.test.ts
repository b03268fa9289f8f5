import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullMqJobQueue } from '../../src/infra/queue/bullmq-job-queue.js';
import { startBullMqWorker } from '../../src/infra/queue/bullmq-worker.js';
import { completeOnce, countRun, readRecord, CARDS_PER_DOCUMENT } from './support/idempotent-effect.js';
import { deleteKeys, REDIS_URL, redisIsUp, uniquePrefix, waitFor } from '../support/redis.js';

const up = await redisIsUp();
const prefix = uniquePrefix('crash');
const recordKey = `${prefix}:record`;
const CHILD = fileURLToPath(new URL('./support/worker-child.ts', import.meta.url));
// Short locks so the crash is noticed within seconds; production uses 15 s / 5 s (bullmq-settings.ts).
const LOCK_MS = 1_500;
const STALLED_MS = 500;

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnWorker(queueName: string, mode: 'hang-after-effect' | 'slow', extraEnv: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      REDIS_URL,
      PREFIX: prefix,
      QUEUE: queueName,
      RECORD_KEY: recordKey,
      MODE: mode,
      LOCK_MS: `${LOCK_MS}`,
      STALLED_MS: `${STALLED_MS}`,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

describe.skipIf(!up)('a worker process that dies mid-job', () => {
  let redis: Redis;
  const children: Child[] = [];
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('SIGKILL after the effect: the job is rerun once its lock expires, completes, and the effect happened once', async () => {
    const location = { redisUrl: REDIS_URL, prefix, queueName: 'kill' };
    const queue = new BullMqJobQueue(location);
    const documentId = '00000000-0000-4000-8000-0000000000aa';
    await queue.enqueue({ documentId, userId: 'user-1' });

    const doomed = spawnWorker('kill', 'hang-after-effect');
    children.push(doomed);
    await waitFor('the first run to apply its effect', async () => (await readRecord(redis, recordKey, documentId)).effectDone, 20_000);
    doomed.process.kill('SIGKILL');
    expect(await doomed.exited).toBe(null); // killed by the signal, no chance to clean up
    expect(await queue.counts()).toMatchObject({ active: 1 }); // BullMQ still thinks it runs

    const killedAt = Date.now();
    let rerunAttempt = 0;
    const rescuer = await startBullMqWorker({
      ...location,
      timing: { lockDurationMs: LOCK_MS, stalledIntervalMs: STALLED_MS, maxStalledCount: 1 },
      handler: async (job, run) => {
        rerunAttempt = run.attempt;
        await countRun(redis, recordKey, job.documentId);
        return (await completeOnce(redis, recordKey, job.documentId)) ? 'completed' : 'skipped';
      },
    });
    try {
      await waitFor('the rerun to complete', async () => (await queue.bullQueue.getJobCounts('completed')).completed === 1, 20_000);
      const recoveredIn = Date.now() - killedAt;
      const [job] = await queue.bullQueue.getJobs(['completed']);
      expect(job?.returnvalue).toBe('skipped'); // the guard saw the first run's effect
      expect(rerunAttempt).toBe(2);
      expect(await readRecord(redis, recordKey, documentId)).toEqual({ runs: 2, cards: CARDS_PER_DOCUMENT, effectDone: true });
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
      // Not before the dead worker's lock ran out (it was last renewed at most LOCK_MS/2 before the kill)...
      expect(recoveredIn).toBeGreaterThanOrEqual(LOCK_MS / 2 - 100);
      // ...and soon after: lock expiry plus a stalled check or two.
      expect(recoveredIn).toBeLessThan(LOCK_MS + 3 * STALLED_MS + 2_000);
    } finally {
      await rescuer.close();
      await queue.close();
    }
  }, 40_000);

  it('SIGTERM mid-job: the worker finishes the job, logs it, and exits 0', async () => {
    const queue = new BullMqJobQueue({ redisUrl: REDIS_URL, prefix, queueName: 'term' });
    const documentId = '00000000-0000-4000-8000-0000000000bb';
    const worker = spawnWorker('term', 'slow', { SLOW_MS: '1500' });
    children.push(worker);
    try {
      await waitFor('the child worker to start', async () => worker.output().includes('child ready'), 20_000);
      await queue.enqueue({ documentId, userId: 'user-1' });
      await waitFor('the job to start', async () => (await readRecord(redis, recordKey, documentId)).runs === 1);
      worker.process.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(await readRecord(redis, recordKey, documentId)).toEqual({ runs: 1, cards: CARDS_PER_DOCUMENT, effectDone: false });
      expect((await queue.bullQueue.getJobCounts('completed')).completed).toBe(1);
      const logs = worker.output();
      expect(logs).toContain('"msg":"worker stopping: finishing running jobs"');
      expect(logs).toMatch(new RegExp(`"msg":"job finished".*"documentId":"${documentId}".*"outcome":"completed"`));
      expect(logs).toContain('"msg":"worker stopped"');
    } finally {
      await queue.close();
    }
  }, 40_000);
});
