/**
 * Remembers, for a short while, that a sign-in session was active, so an authenticated read makes one database
 * round trip (the read) instead of two. Only "active" is remembered: a revoked or unknown session is asked
 * about every time. Revocations are applied at once: locally on revoke(), and on every other instance through
 * the feed (PostgreSQL LISTEN/NOTIFY). Where no feed reaches the other instances, a short `ttlMs` is the bound.
 */
import type { SessionRepository } from '../../core/index.js';
import type { RevocationFeed } from './revocation-feed.js';

export interface SessionCacheOptions {
  feed: RevocationFeed;
  /** How long "active" is believed; also how late a session's natural expiry may be noticed. */
  ttlMs: number;
  /** Bound on remembered sessions; the oldest is forgotten first. */
  maxEntries?: number;
}

interface Entry {
  userId: string;
  until: number;
}

export function cacheSessionValidity(inner: SessionRepository, options: SessionCacheOptions): SessionRepository {
  const { feed, ttlMs, maxEntries = 10_000 } = options;
  const active = new Map<string, Entry>();
  // Bumped by every revocation and reset: a check that started before one must not cache what it read, since
  // its query may have seen the row before the revocation committed.
  let generation = 0;
  const forget = (sessionId: string) => {
    generation++;
    active.delete(sessionId);
  };
  feed.listen({
    revoked: forget,
    reset: () => {
      generation++;
      active.clear();
    },
  });

  return {
    create: (session) => inner.create(session),
    addRefreshToken: (token) => inner.addRefreshToken(token),
    consumeRefreshToken: (jti, now) => inner.consumeRefreshToken(jti, now),
    async isActive(sessionId, userId, now) {
      const at = now.getTime();
      const entry = feed.live ? active.get(sessionId) : undefined;
      if (entry && entry.userId === userId && entry.until > at) return true;
      const startedAt = generation;
      const result = await inner.isActive(sessionId, userId, now);
      if (result && feed.live && generation === startedAt) {
        active.delete(sessionId); // re-inserted last, so the Map's first key is always the oldest
        if (active.size >= maxEntries) active.delete(active.keys().next().value as string);
        active.set(sessionId, { userId, until: at + ttlMs });
      }
      return result;
    },
    async revoke(sessionId, userId, now) {
      forget(sessionId);
      await inner.revoke(sessionId, userId, now);
      forget(sessionId);
      await feed.publish(sessionId);
    },
  };
}
