import type { Session, SessionRepository } from '../../core/index.js';
import { copyDate, idKey, type MemoryStore } from './memory-store.js';

const isLive = (s: Session | undefined, now: Date): s is Session => !!s && s.revoked_at === null && s.expires_at.getTime() > now.getTime();

export function createMemorySessionRepository(store: MemoryStore): SessionRepository {
  return {
    async create(session) {
      store.sessions.set(idKey(session.id), {
        ...session,
        created_at: copyDate(session.created_at),
        expires_at: copyDate(session.expires_at),
        revoked_at: session.revoked_at ? copyDate(session.revoked_at) : null,
      });
    },
    async isActive(sessionId, userId, now) {
      const s = store.sessions.get(idKey(sessionId));
      return isLive(s, now) && idKey(s.user_id) === idKey(userId);
    },
    async revoke(sessionId, userId, now) {
      const s = store.sessions.get(idKey(sessionId));
      // The first revocation time is kept: it records when the sign-in really ended.
      if (s && idKey(s.user_id) === idKey(userId) && s.revoked_at === null) s.revoked_at = copyDate(now);
    },
    async addRefreshToken(token) {
      store.refreshTokens.set(idKey(token.jti), { ...token, expires_at: copyDate(token.expires_at), used_at: null });
    },
    async consumeRefreshToken(jti, now) {
      // Synchronous from lookup to mark, so of two concurrent calls exactly one sees used_at === null.
      const token = store.refreshTokens.get(idKey(jti));
      if (!token) return { status: 'invalid' };
      if (token.used_at !== null) {
        return { status: 'reused', session_id: token.session_id, user_id: token.user_id };
      }
      const session = store.sessions.get(idKey(token.session_id));
      if (token.expires_at.getTime() <= now.getTime() || !isLive(session, now)) return { status: 'invalid' };
      token.used_at = copyDate(now);
      return { status: 'ok', session_id: token.session_id, user_id: token.user_id };
    },
  };
}
