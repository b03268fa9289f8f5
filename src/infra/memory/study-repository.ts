/** The study repository in memory: the same contract as PostgreSQL and DynamoDB (test/contract/suites/study*). */
import type { CardSchedule, CardStudyState, ReviewLogEntry, StudyCard, StudyRepository, StudyStateName } from '../../core/index.js';
import { copyCard } from './card-repository.js';
import { compareIds, copyDate, idKey, type MemoryStore } from './store.js';

const studyKey = (userId: string, cardId: string) => `${idKey(userId)}/${idKey(cardId)}`;

const copySchedule = (s: CardSchedule): CardSchedule => ({
  ...s,
  due: copyDate(s.due),
  last_review: s.last_review ? copyDate(s.last_review) : null,
});
const copyState = (s: CardStudyState): CardStudyState => ({
  ...s,
  ...copySchedule(s),
  card_created_at: copyDate(s.card_created_at),
  updated_at: copyDate(s.updated_at),
});
const copyEntry = (e: ReviewLogEntry): ReviewLogEntry => ({
  ...e,
  state_before: copySchedule(e.state_before),
  state_after: copySchedule(e.state_after),
  reviewed_at: copyDate(e.reviewed_at),
  created_at: copyDate(e.created_at),
  undone_at: e.undone_at ? copyDate(e.undone_at) : null,
});

export function createMemoryStudyRepository(store: MemoryStore): StudyRepository {
  const mine = (userId: string, deckId: string | null) => (s: { user_id: string; deck_id: string }) =>
    idKey(s.user_id) === idKey(userId) && (deckId === null || idKey(s.deck_id) === idKey(deckId));
  const due = (userId: string, q: { deckId: string | null; states: StudyStateName[]; before: Date }) =>
    [...store.studyStates.values()]
      .filter((s) => mine(userId, q.deckId)(s) && q.states.includes(s.state) && s.state !== 'new' && s.due <= q.before)
      .sort((a, b) => a.due.getTime() - b.due.getTime() || compareIds(a.card_id, b.card_id));
  const newCards = (userId: string, deckId: string | null) =>
    [...store.cards.values()]
      .filter((c) => mine(userId, deckId)(c))
      .filter((c) => (store.studyStates.get(studyKey(userId, c.id))?.state ?? 'new') === 'new')
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || compareIds(a.id, b.id));
  const withState = (userId: string, card: StudyCard['card']): StudyCard => {
    const state = store.studyStates.get(studyKey(userId, card.id));
    return { card: copyCard(card), state: state ? copyState(state) : null };
  };
  const ownLog = (userId: string) => store.reviewLog.filter((e) => idKey(e.user_id) === idKey(userId));

  return {
    async getSettings(userId) {
      const s = store.studySettings.get(idKey(userId));
      return s ? structuredClone(s) : null;
    },
    async saveSettings(userId, settings) {
      store.studySettings.set(idKey(userId), structuredClone(settings));
    },
    async getState(userId, _deckId, cardId) {
      const s = store.studyStates.get(studyKey(userId, cardId));
      return s ? copyState(s) : null;
    },
    async listDue(userId, query, limit) {
      return due(userId, query)
        .slice(0, limit)
        .flatMap((s) => {
          const card = store.cards.get(idKey(s.card_id));
          return card ? [withState(userId, card)] : [];
        });
    },
    async countDue(userId, query) {
      return due(userId, query).length;
    },
    async listNew(userId, deckId, limit) {
      return newCards(userId, deckId)
        .slice(0, limit)
        .map((c) => withState(userId, c));
    },
    async countNew(userId, deckId) {
      return newCards(userId, deckId).length;
    },
    async listStates(userId, deckId) {
      return [...store.studyStates.values()].filter(mine(userId, deckId)).map(copyState);
    },
    async write(userId, { card, expected_version, entry, next }) {
      if (entry.idempotency_key !== null) {
        const earlier = ownLog(userId).find((e) => e.idempotency_key === entry.idempotency_key);
        if (earlier) return { status: 'duplicate', entry: copyEntry(earlier) };
      }
      const stored = store.cards.get(idKey(card.id));
      if (!stored || idKey(stored.user_id) !== idKey(userId)) return { status: 'card_gone' };
      const key = studyKey(userId, card.id);
      if ((store.studyStates.get(key)?.version ?? 0) !== expected_version) return { status: 'stale' };
      store.studyStates.set(key, copyState(next));
      store.reviewLog.push(copyEntry(entry));
      return { status: 'written' };
    },
    async findByIdempotencyKey(userId, key) {
      const found = ownLog(userId).find((e) => e.idempotency_key === key);
      return found ? copyEntry(found) : null;
    },
    async lastReview(userId, deckId) {
      const candidates = ownLog(userId).filter((e) => mine(userId, deckId)(e) && e.kind === 'review' && e.undone_at === null);
      const last = candidates.at(-1);
      return last ? copyEntry(last) : null;
    },
    async undo(userId, { entry, expected_version, restored, undone_at }) {
      const key = studyKey(userId, entry.card_id);
      const logged = ownLog(userId).find((e) => e.id === entry.id);
      if (!logged || logged.undone_at !== null || store.studyStates.get(key)?.version !== expected_version) return false;
      logged.undone_at = copyDate(undone_at);
      store.studyStates.set(key, copyState(restored));
      return true;
    },
    async cardLog(userId, cardId) {
      return ownLog(userId)
        .filter((e) => idKey(e.card_id) === idKey(cardId))
        .sort((a, b) => a.version - b.version)
        .map(copyEntry);
    },
    async countNewStarted(userId, since) {
      return ownLog(userId).filter(
        (e) => e.kind === 'review' && e.undone_at === null && e.state_before.state === 'new' && e.reviewed_at >= since,
      ).length;
    },
    async logSince(userId, deckId, since) {
      return ownLog(userId)
        .filter((e) => mine(userId, deckId)(e) && e.undone_at === null && e.reviewed_at >= since)
        .map(copyEntry);
    },
  };
}
