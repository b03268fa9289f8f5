/**
 * Rate limits counted in Redis: two app instances (two API processes behind a load balancer) share the
 * counts, per account and per IP. Each test uses a key prefix of its own and deletes it afterwards.
 * Without Redis the suite is skipped loudly, unless REQUIRE_SERVICES=1.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttemptLimiter } from '../../../src/infra/ratelimit/attempt-limiter.js';
import { expectProblem, uniqueEmail } from '../support.js';
import { REDIS_URL, deleteKeys, redisIsUp, uniquePrefix } from '../../support/redis.js';
import { limitedApp, login, register, WRONG } from './rate-limit-support.js';

const up = await redisIsUp();
let redis: Redis;
const prefixes: string[] = [];

beforeAll(async () => {
  if (!up) return;
  redis = new Redis(REDIS_URL);
  // The limiter counts in memory while its client is not ready (by design, so sign-ins never wait on Redis):
  // the shared counts are only what this file checks once the client is connected.
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
});
afterAll(async () => {
  if (!up) return;
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  redis.disconnect();
});

/** Two apps over one Redis prefix, as two instances of the service would be. */
function twoInstances(limits: Parameters<typeof limitedApp>[0]) {
  const prefix = uniquePrefix('rl');
  prefixes.push(prefix);
  return [limitedApp(limits, { redis, prefix }).app, limitedApp(limits, { redis, prefix }).app] as const;
}

describe.runIf(up)('rate limits in Redis', () => {
  it('share failed sign-ins per account between instances', async () => {
    const [a, b] = twoInstances({ loginAccount: 4 });
    const email = uniqueEmail('shared');
    await register(a, email, '10.0.0.1');
    for (let i = 0; i < 2; i++) expectProblem(await login(a, email, WRONG, `10.1.0.${i}`), 401, 'unauthorized');
    for (let i = 0; i < 2; i++) expectProblem(await login(b, email, WRONG, `10.2.0.${i}`), 401, 'unauthorized');
    const refused = await login(a, email, WRONG, '10.3.0.1');
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    expectProblem(await login(b, email, WRONG, '10.3.0.2'), 429, 'rate_limited');
  });

  it('share the per-IP limit across accounts and instances, and keep emails and IPs out of the keys', async () => {
    const [a, b] = twoInstances({ loginIp: 3 });
    expectProblem(await login(a, uniqueEmail(), WRONG, '198.51.100.9'), 401, 'unauthorized');
    expectProblem(await login(b, uniqueEmail(), WRONG, '198.51.100.9'), 401, 'unauthorized');
    expectProblem(await login(a, uniqueEmail(), WRONG, '198.51.100.9'), 401, 'unauthorized');
    expectProblem(await login(b, uniqueEmail(), WRONG, '198.51.100.9'), 429, 'rate_limited');
    expectProblem(await login(b, uniqueEmail(), WRONG, '198.51.100.10'), 401, 'unauthorized');
    const keys = await redis.keys(`${prefixes.at(-1)}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/198\.51|@example/);
  });

  it('falls back to counting in memory when Redis is unreachable, instead of failing sign-ins', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on('error', () => undefined);
    const limiter = createAttemptLimiter('login_ip', { points: 2, windowSeconds: 60 }, { redis: dead, prefix: uniquePrefix('dead') });
    expect(await limiter.take('k')).toBeNull();
    expect(await limiter.take('k')).toBeNull();
    expect(await limiter.take('k')).toBeGreaterThan(0);
    dead.disconnect();
  });
});
