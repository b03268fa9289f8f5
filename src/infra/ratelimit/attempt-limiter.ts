/**
 * AttemptLimiter on rate-limiter-flexible: fixed windows that open with a key's first attempt, counted in
 * Redis when one is given (so every instance sees the same counts) and in this process's memory otherwise.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AttemptLimiter } from '../../core/index.js';

export interface LimitSpec {
  /** Attempts allowed per window. */
  points: number;
  windowSeconds: number;
}

export interface LimiterStore {
  /** Shared counts; without it each process counts on its own. */
  redis?: Redis;
  /** Prefix of the Redis keys (tests use one of their own). */
  prefix?: string;
  /** A cluster worker without Redis: counts are kept by the primary process, shared by every worker. */
  cluster?: boolean;
}

// Keys are emails and IP addresses: hashed, so neither ends up readable in Redis, and their length is bounded.
const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);

export class FlexibleAttemptLimiter implements AttemptLimiter {
  constructor(private readonly limiter: RateLimiterAbstract) {}

  async take(key: string): Promise<number | null> {
    try {
      await this.limiter.consume(hashKey(key), 1);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }

  async giveBack(key: string): Promise<void> {
    // Best effort: a lost refund only makes the limit a little stricter.
    await this.limiter.reward(hashKey(key), 1).catch(() => undefined);
  }
}

/** One named limit (e.g. "login_ip"), its keys kept apart from every other limit's. */
export function createAttemptLimiter(name: string, spec: LimitSpec, store: LimiterStore = {}): AttemptLimiter {
  const keyPrefix = `${store.prefix ?? 'opendeck:rl'}:${name}`;
  const options = { keyPrefix, points: spec.points, duration: spec.windowSeconds };
  if (!store.redis && store.cluster) return new FlexibleAttemptLimiter(new RateLimiterCluster({ ...options, timeoutMs: 3_000 }));
  if (!store.redis) return new FlexibleAttemptLimiter(new RateLimiterMemory(options));
  return new FlexibleAttemptLimiter(
    new RateLimiterRedis({
      ...options,
      storeClient: store.redis,
      // Redis down: answer from this process's memory at once instead of failing the sign-in or waiting on
      // ioredis's offline queue; the limit then holds per instance until Redis is back.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    }),
  );
}
