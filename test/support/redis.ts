import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Whether this file's Redis suites run. Redis missing: one loud line and a skip, unless REQUIRE_SERVICES=1
 * (CI), where a missing service must fail the run instead of passing silently.
 */
export async function redisIsUp(): Promise<boolean> {
  if (await reachable(REDIS_URL)) return true;
  if (process.env.REQUIRE_SERVICES === '1') throw new Error(`Redis at ${REDIS_URL} unreachable and REQUIRE_SERVICES=1`);
  console.warn(`SKIPPED: Redis at ${REDIS_URL} unreachable`);
  return false;
}

/** A key prefix of our own, so test files running in parallel never see each other's queues. */
export const uniquePrefix = (name: string) => `odtest-${name}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under a prefix (BullMQ's and our records). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
