import type { StudySession, StudySessionRepository } from '../../core/index.js';
import { compareIds, copyDate, idKey, paginate, type MemoryStore } from './store.js';

const copySession = (s: StudySession): StudySession => ({
  ...s,
  card_ids: [...s.card_ids],
  started_at: copyDate(s.started_at),
  ended_at: s.ended_at ? copyDate(s.ended_at) : null,
});

export function createMemoryStudySessionRepository(store: MemoryStore): StudySessionRepository {
  const owned = (userId: string, id: string) => {
    const s = store.studySessions.get(idKey(id));
    return s && idKey(s.user_id) === idKey(userId) ? s : null;
  };
  const newestFirst = (a: StudySession, b: StudySession) => b.started_at.getTime() - a.started_at.getTime() || compareIds(b.id, a.id);

  return {
    async start(session) {
      for (const open of store.studySessions.values()) {
        if (idKey(open.user_id) === idKey(session.user_id) && idKey(open.deck_id) === idKey(session.deck_id) && open.ended_at === null) {
          open.ended_at = copyDate(session.started_at);
        }
      }
      store.studySessions.set(idKey(session.id), copySession(session));
      return copySession(session);
    },
    async get(userId, id) {
      const s = owned(userId, id);
      return s ? copySession(s) : null;
    },
    async active(userId, deckId) {
      const open = [...store.studySessions.values()]
        .filter((s) => idKey(s.user_id) === idKey(userId) && idKey(s.deck_id) === idKey(deckId) && s.ended_at === null)
        .sort(newestFirst);
      return open[0] ? copySession(open[0]) : null;
    },
    async list(userId, page) {
      const mine = [...store.studySessions.values()].filter((s) => idKey(s.user_id) === idKey(userId)).sort(newestFirst);
      const { items, total } = paginate(mine, page.offset, page.limit);
      return { items: items.map(copySession), total, limit: page.limit, offset: page.offset };
    },
    async countAnswer(userId, id, correct) {
      const s = owned(userId, id);
      if (!s) return null;
      if (s.ended_at) return 'ended';
      s.cards_reviewed += 1;
      if (correct) s.cards_correct += 1;
      else s.cards_incorrect += 1;
      return copySession(s);
    },
    async complete(userId, id, now) {
      const s = owned(userId, id);
      if (!s) return null;
      if (s.ended_at) return 'ended';
      s.ended_at = copyDate(now);
      return copySession(s);
    },
  };
}
