/**
 * Live events across instances through Redis: an event published by one process (a worker) reaches the
 * connection another process (an API instance) holds, and a reconnect to a third resumes from the stream.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/core/index.js';
import { RedisEventTickets } from '../../src/infra/live/redis-event-tickets.js';
import { RedisLiveEvents } from '../../src/infra/live/redis-live-events.js';
import { REDIS_URL, deleteKeys, redisIsUp, uniquePrefix } from '../support/redis.js';

const up = await redisIsUp();
const prefix = uniquePrefix('live');
const made: { close(): Promise<void> }[] = [];
const instance = () => {
  const live = new RedisLiveEvents({ url: REDIS_URL, prefix });
  made.push(live);
  return live;
};
const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

afterAll(async () => {
  for (const m of made) await m.close();
  if (up) {
    const redis = new Redis(REDIS_URL);
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
});

describe.skipIf(!up)('Redis live events', () => {
  it('reach the instance holding the connection, for that user only; a reconnect elsewhere resumes without a gap', async () => {
    const [worker, api, other] = [instance(), instance(), instance()];
    const got: LiveEvent[] = [];
    const sub = await api.subscribe('user-a', (e) => got.push(e));
    await worker.publish('user-b', { type: 'document.progress', data: { n: 0 } });
    for (let n = 1; n <= 3; n++) await worker.publish('user-a', { type: 'document.progress', data: { n } });
    await until(() => got.length === 3);
    sub.close();
    await worker.publish('user-a', { type: 'document.completed', data: { n: 4 } });
    await worker.publish('user-a', { type: 'notification.created', data: { n: 5 } });

    const resumed: LiveEvent[] = [];
    const again = await other.subscribe('user-a', (e) => resumed.push(e), got.at(-1)!.id);
    await worker.publish('user-a', { type: 'document.progress', data: { n: 6 } });
    await until(() => resumed.length === 3);
    expect([...got, ...resumed].map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.map((e) => e.type)).toEqual(['document.completed', 'notification.created', 'document.progress']);
    again.close();
  });

  it('tickets: one instance issues, another redeems once; expired tickets are refused', async () => {
    const [a, b] = [new RedisEventTickets(REDIS_URL, `${prefix}:ticket`), new RedisEventTickets(REDIS_URL, `${prefix}:ticket`)];
    made.push(a, b);
    const ticket = await a.issue('user-a', 30);
    expect(await Promise.all([b.redeem(ticket), a.redeem(ticket)])).toEqual(expect.arrayContaining(['user-a', null]));
    const short = await a.issue('user-a', 1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await b.redeem(short)).toBeNull();
  });
});
