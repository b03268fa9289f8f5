/**
 * A real `opendeck worker`-style process for the crash tests: runWorker with a stand-in handler that counts
 * its runs in Redis and applies the "complete once" effect. Driven by environment variables:
 *   REDIS_URL, PREFIX, QUEUE, RECORD_KEY
 *   MODE=hang-after-effect  apply the effect, flag it, then hang (the test SIGKILLs us before BullMQ hears
 *                           of the completion: the worst moment, cards stored but the job still active)
 *   MODE=slow               sleep SLOW_MS, then apply the effect (the test sends SIGTERM mid-sleep)
 *   LOCK_MS, STALLED_MS     worker lock settings
 */
import { Redis } from 'ioredis';
import { runWorker } from '../../../src/bin/run-worker.js';
import type { QueueLogger } from '../../../src/infra/queue/queue-types.js';
import { completeOnce, countRun } from './idempotent-effect.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const recordKey = env('RECORD_KEY');
const mode = env('MODE');
const redis = new Redis(env('REDIS_URL'));
const line = (level: string) => (obj: object, msg?: string) => console.log(JSON.stringify({ level, msg, ...obj }));
const logger: QueueLogger = { info: line('info'), warn: line('warn'), error: line('error') };

await runWorker({
  redisUrl: env('REDIS_URL'),
  prefix: env('PREFIX'),
  queueName: env('QUEUE'),
  logger,
  timing: { lockDurationMs: Number(env('LOCK_MS')), stalledIntervalMs: Number(env('STALLED_MS')), maxStalledCount: 1 },
  shutdownTimeoutMs: 10_000,
  exit: (code) => {
    redis.disconnect();
    process.exit(code);
  },
  handler: async (job) => {
    await countRun(redis, recordKey, job.documentId);
    if (mode === 'hang-after-effect') {
      await completeOnce(redis, recordKey, job.documentId);
      await redis.hset(recordKey, `effect:${job.documentId}`, '1');
      await new Promise(() => {}); // never returns: we are about to be killed
    }
    await new Promise((r) => setTimeout(r, Number(process.env.SLOW_MS ?? 0)));
    return (await completeOnce(redis, recordKey, job.documentId)) ? 'completed' : 'skipped';
  },
});
console.log(JSON.stringify({ msg: 'child ready' }));
