/**
 * The session check of every authenticated request, cached (infra/sessions/session-validity-cache.ts).
 * The rule it keeps: a logged-out or revoked token is refused by every instance within 1 s.
 * - PostgreSQL (server): revocations reach every process at once through LISTEN/NOTIFY, so "active" is
 *   believed for 30 s; the only thing noticed up to 30 s late is a session's natural expiry (days long).
 * - PGlite: one process (the data directory is locked), revocations are applied in place; same 30 s.
 * - DynamoDB (and stores that relay nothing): no feed reaches the other instances (Lambdas), so "active" is
 *   believed for 1 s only, which is the rule's bound; on a busy instance it still saves most session reads.
 */
import type { SessionRepository } from '../core/index.js';
import { processRevocationFeed } from '../infra/sessions/revocation-feed.js';
import { cacheSessionValidity } from '../infra/sessions/session-validity-cache.js';
import type { OpenedStore } from './database.js';

export const RELAYED_SESSION_TTL_MS = 30_000;
export const UNRELAYED_SESSION_TTL_MS = 1_000;

export function cachedSessions(sessions: SessionRepository, db: Pick<OpenedStore, 'revocations'>): SessionRepository {
  if (db.revocations) return cacheSessionValidity(sessions, { feed: db.revocations, ttlMs: RELAYED_SESSION_TTL_MS });
  return cacheSessionValidity(sessions, { feed: processRevocationFeed(), ttlMs: UNRELAYED_SESSION_TTL_MS });
}
