import { describe, expect, it } from 'vitest';
import type { SessionRepository } from '../../../src/core/index.js';
import { createMemoryRepositories } from '../../../src/infra/memory/index.js';
import { processRevocationFeed, type RevocationFeed, type RevocationListener } from '../../../src/infra/sessions/revocation-feed.js';
import { cacheSessionValidity } from '../../../src/infra/sessions/session-validity-cache.js';

const USER = '00000000-0000-4000-8000-000000000001';
const SESSION = '00000000-0000-4000-8000-0000000000aa';
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** The memory repository with a session, counting the checks that reach it. */
async function setup() {
  const inner = createMemoryRepositories().sessions;
  await inner.create({ id: SESSION, user_id: USER, created_at: t0, expires_at: at(86_400_000), revoked_at: null });
  const counted = { checks: 0 };
  const counting: SessionRepository = {
    ...inner,
    isActive: (...args) => {
      counted.checks++;
      return inner.isActive(...args);
    },
  };
  return { inner, counting, counted };
}

/** A feed whose deliveries and connection state the test drives, as another instance and a network would. */
function drivenFeed() {
  const listeners: RevocationListener[] = [];
  let live = true;
  const feed: RevocationFeed & { setLive(v: boolean): void; deliver(id: string): void } = {
    get live() {
      return live;
    },
    publish: async () => {},
    listen: (l) => void listeners.push(l),
    close: async () => {},
    setLive(v) {
      live = v;
      if (!v) for (const l of listeners) l.reset();
    },
    deliver: (id) => {
      for (const l of listeners) l.revoked(id);
    },
  };
  return feed;
}

describe('session validity cache', () => {
  it('asks the database once per TTL, and again after it', async () => {
    const { counting, counted } = await setup();
    const sessions = cacheSessionValidity(counting, { feed: processRevocationFeed(), ttlMs: 1_000 });
    expect(await sessions.isActive(SESSION, USER, at(0))).toBe(true);
    expect(await sessions.isActive(SESSION, USER, at(999))).toBe(true);
    expect(counted.checks).toBe(1);
    expect(await sessions.isActive(SESSION, USER, at(1_000))).toBe(true);
    expect(counted.checks).toBe(2);
  });

  it('never answers for another user, and never caches a refusal', async () => {
    const { counting, counted } = await setup();
    const sessions = cacheSessionValidity(counting, { feed: processRevocationFeed(), ttlMs: 60_000 });
    await sessions.isActive(SESSION, USER, at(0));
    expect(await sessions.isActive(SESSION, '00000000-0000-4000-8000-000000000002', at(1))).toBe(false);
    expect(await sessions.isActive(SESSION, '00000000-0000-4000-8000-000000000002', at(2))).toBe(false);
    expect(counted.checks).toBe(3);
  });

  it('refuses at once after revoke on this instance, or a revocation heard from another', async () => {
    const { counting } = await setup();
    const feed = drivenFeed();
    const sessions = cacheSessionValidity(counting, { feed, ttlMs: 60_000 });
    await sessions.isActive(SESSION, USER, at(0));
    await sessions.revoke(SESSION, USER, at(1));
    expect(await sessions.isActive(SESSION, USER, at(2))).toBe(false);

    const other = await setup();
    const feed2 = drivenFeed();
    const cached = cacheSessionValidity(other.counting, { feed: feed2, ttlMs: 60_000 });
    await cached.isActive(SESSION, USER, at(0));
    await other.inner.revoke(SESSION, USER, at(1)); // another instance's write
    expect(await cached.isActive(SESSION, USER, at(2))).toBe(true); // cached until announced
    feed2.deliver(SESSION);
    expect(await cached.isActive(SESSION, USER, at(3))).toBe(false);
  });

  it('does not cache a check that raced a revocation, and does not cache while the feed is down', async () => {
    const { inner, counting, counted } = await setup();
    const feed = drivenFeed();
    const sessions = cacheSessionValidity(counting, { feed, ttlMs: 60_000 });
    // The check reads "active", then a revocation is announced before its answer is stored.
    const racing = sessions.isActive(SESSION, USER, at(0));
    feed.deliver(SESSION);
    await inner.revoke(SESSION, USER, at(0));
    expect(await racing).toBe(true);
    expect(await sessions.isActive(SESSION, USER, at(1))).toBe(false);

    const again = await setup();
    const down = drivenFeed();
    const uncached = cacheSessionValidity(again.counting, { feed: down, ttlMs: 60_000 });
    await uncached.isActive(SESSION, USER, at(0));
    down.setLive(false);
    await uncached.isActive(SESSION, USER, at(1));
    await uncached.isActive(SESSION, USER, at(2));
    expect(again.counted.checks).toBe(3);
    down.setLive(true);
    await uncached.isActive(SESSION, USER, at(3));
    await uncached.isActive(SESSION, USER, at(4));
    expect(again.counted.checks).toBe(4);
    expect(counted.checks).toBe(2);
  });
});
