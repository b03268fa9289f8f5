import { Redis } from 'ioredis';
import type { DefaultJobOptions } from 'bullmq';

/** One queue for card generation; the API adds to it, `opendeck worker` processes take from it. */
export const GENERATE_CARDS_QUEUE = 'opendeck-generate-cards';
export const GENERATE_CARDS_JOB = 'generate-cards';

/** Where the queue lives. `prefix` namespaces every Redis key (tests use one per file so they never collide). */
export interface BullMqLocation {
  redisUrl: string;
  /** Redis key prefix; BullMQ's default is 'bull'. */
  prefix?: string;
  queueName?: string;
}

export interface RetryPolicy {
  /** Runs in all, including the first. */
  attempts: number;
  /** First retry delay; doubles each time (exponential). */
  backoffMs: number;
}

/**
 * Three runs, 5 s then 10 s apart: long enough to ride out a database failover or a Redis blip, short
 * enough that a person watching the status sees the outcome within a minute. processDocument already
 * turns expected failures (bad file, provider down after its own retries) into a `failed` document and
 * returns normally, so these retries only cover unexpected errors such as the database being unreachable.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 5_000 };

/**
 * Finished jobs are kept for a while so operators can inspect them and so a job id (document + request)
 * that was already processed is recognised if it is queued again. Failed ones stay longer: they are the
 * ones someone will want to look at. Counts cap memory if a flood of jobs finishes within the window.
 */
export function jobOptions(retry: RetryPolicy): DefaultJobOptions {
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}

/**
 * How a crashed worker's job is found again. A live worker renews its lock every lockDuration/2; a worker
 * killed with SIGKILL (OOM killer, node drained, deploy) stops renewing, the lock expires, and the next
 * stalled check (every stalledInterval, on any worker) puts the job back in `wait`. Recovery therefore
 * takes lockDuration + up to 2 x stalledInterval (a job is first marked, then moved on the next check):
 * about 15-25 s with these values, against 30-90 s with BullMQ's defaults (30 s / 30 s).
 *
 * - lockDurationMs 15 s: still 7.5 s of slack between renewals, so a busy event loop (PDF parsing) does not
 *   lose the lock; a lost lock would only cost a duplicate run, which the idempotent handler absorbs.
 * - stalledIntervalMs 5 s: one cheap Lua script per worker every 5 s.
 * - maxStalledCount 2: tolerate two crashes of one job (a deploy plus a node loss) before failing it; a
 *   document that kills the worker every time (e.g. out of memory) still fails after three starts instead
 *   of looping forever and burning model tokens.
 */
export interface WorkerTiming {
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
}

export const DEFAULT_WORKER_TIMING: WorkerTiming = { lockDurationMs: 15_000, stalledIntervalMs: 5_000, maxStalledCount: 2 };

/**
 * A producer connection (the API side) fails a command after a couple of reconnect attempts, so an HTTP
 * request gets a clear "try again" instead of hanging while Redis is down. A worker connection retries
 * forever (maxRetriesPerRequest: null, which BullMQ requires for its blocking reads): a worker should
 * wait out a Redis restart, not crash.
 */
export function openRedis(url: string, role: 'producer' | 'worker'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    connectTimeout: 5_000,
    // Connect on first use, so constructing a queue never throws and boot order does not matter.
    lazyConnect: true,
  });
}
