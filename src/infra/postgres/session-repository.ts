import { and, eq, exists, gt, isNull, sql } from 'drizzle-orm';
import { isUuid, type SessionRepository } from '../../core/index.js';
import type { Database } from './database.js';
import { refreshTokens, sessions } from './schema.js';

export function createPostgresSessionRepository(db: Database): SessionRepository {
  const liveSession = (now: Date) => and(isNull(sessions.revoked_at), gt(sessions.expires_at, now));

  // Checked on every authenticated request: prepared once so neither drizzle nor Postgres re-plans it each time.
  const activeSession = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.user_id, sql.placeholder('userId')),
        isNull(sessions.revoked_at),
        gt(sessions.expires_at, sql.placeholder('now')),
      ),
    )
    .prepare('opendeck_session_is_active');

  return {
    async create(session) {
      await db.insert(sessions).values(session);
    },
    async isActive(sessionId, userId, now) {
      if (!isUuid(sessionId) || !isUuid(userId)) return false;
      const rows = await activeSession.execute({ sessionId, userId, now: now.toISOString() });
      return rows.length > 0;
    },
    async revoke(sessionId, userId, now) {
      if (!isUuid(sessionId) || !isUuid(userId)) return;
      // Only the first revocation counts: it records when the sign-in really ended.
      await db
        .update(sessions)
        .set({ revoked_at: now })
        .where(and(eq(sessions.id, sessionId), eq(sessions.user_id, userId), isNull(sessions.revoked_at)));
    },
    async addRefreshToken(token) {
      await db.insert(refreshTokens).values(token);
    },
    async consumeRefreshToken(jti, now) {
      if (!isUuid(jti)) return { status: 'invalid' };
      // One conditional UPDATE is the whole decision: of two concurrent calls, the second waits for the
      // first's row lock, then sees used_at set and updates nothing. No read-then-write race.
      const [consumed] = await db
        .update(refreshTokens)
        .set({ used_at: now })
        .where(
          and(
            eq(refreshTokens.jti, jti),
            isNull(refreshTokens.used_at),
            gt(refreshTokens.expires_at, now),
            exists(
              db
                .select({ id: sessions.id })
                .from(sessions)
                .where(and(eq(sessions.id, refreshTokens.session_id), eq(sessions.user_id, refreshTokens.user_id), liveSession(now))),
            ),
          ),
        )
        .returning({ session_id: refreshTokens.session_id, user_id: refreshTokens.user_id });
      if (consumed) return { status: 'ok', ...consumed };

      // Nothing updated: tell a replayed token (theft: the caller revokes the session) from a dead one.
      const [token] = await db
        .select({ session_id: refreshTokens.session_id, user_id: refreshTokens.user_id, used_at: refreshTokens.used_at })
        .from(refreshTokens)
        .where(eq(refreshTokens.jti, jti));
      if (token?.used_at) return { status: 'reused', session_id: token.session_id, user_id: token.user_id };
      return { status: 'invalid' };
    },
  };
}
