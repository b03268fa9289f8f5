/**
 * The rate limiters, from config: in Redis when REDIS_URL is set (shared by every instance), else in memory (in a
 * cluster, the primary's memory, shared by its workers).
 */
import { Redis } from 'ioredis';
import type { Config, RateLimit } from '../config/index.js';
import type { AttemptLimiter } from '../core/index.js';
import type { HttpRateLimits } from '../adapters/http/rate-limits.js';
import type { Logger } from '../infra/logging/logger.js';
import { createAttemptLimiter, type LimiterStore } from '../infra/ratelimit/attempt-limiter.js';

export interface RateLimits {
  /** Failed sign-ins per account: the login use case's port. */
  loginAccount: AttemptLimiter;
  /** Per-IP and per-user limits the HTTP routes enforce. */
  http: HttpRateLimits;
  close(): Promise<void>;
}

export function buildRateLimits(
  config: Pick<Config, 'redisUrl' | 'rateLimits'>,
  logger: Logger,
  options: { prefix?: string; clustered?: boolean } = {},
): RateLimits {
  // Not lazy: the limiter answers from memory while this client is not ready, and a lazy client would never
  // connect because no command is ever sent to it. Commands are not queued while disconnected, for the same reason.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5_000 })
    : undefined;
  let warned = false;
  redis?.on('error', (error: Error) => {
    if (!warned) logger.warn({ error: error.message }, 'rate limits: Redis unreachable, counting in this process until it is back');
    warned = true;
  });
  redis?.on('ready', () => (warned = false));
  const store: LimiterStore = { redis, prefix: options.prefix, cluster: options.clustered };
  const limiter = (name: string, spec: RateLimit) => (spec ? createAttemptLimiter(name, spec, store) : undefined);
  const { rateLimits } = config;
  return {
    loginAccount: createAttemptLimiter('login_account', rateLimits.loginAccount, store),
    http: {
      login_ip: limiter('login_ip', rateLimits.loginIp),
      register_ip: limiter('register_ip', rateLimits.registerIp),
      upload_user: limiter('upload_user', rateLimits.uploadUser),
      generate_user: limiter('generate_user', rateLimits.generateUser),
    },
    close: async () => {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
