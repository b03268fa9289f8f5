/**
 * Study items, all in the flashcards table (see tables.ts for the indexes):
 *   STUDY#<user>#DECK#<deck> / CARD#<card>        a card's FSRS state. While not new it carries due_scope
 *                                                 (USER#<u>#DECK#<d>), user_scope (USER#<u>) and due_key
 *                                                 (<L|R>#<due>#<card>): indexes by_due and by_user_due give
 *                                                 "due cards of a user (in a deck)" as one range query.
 *   REVLOG#<user>#CARD#<card> / V#<version>       a review log entry; log_user / log_deck + log_key
 *                                                 (<created_at>#<id>) index it by user and by deck in time order.
 *   IDEM#<user>#<idempotency key> / IDEM          makes a key usable once per user (conditional put).
 *   STUDYSETTINGS#<user> / SETTINGS               the user's study settings.
 *   STUDYSESSIONS#<user> / SESSION#<id>           an original-client study session; OPEN#<deck> points at
 *                                                 the open one of a deck.
 */
import type { CardSchedule, CardStudyState, ReviewLogEntry, StudySession, StudyStateName } from '../../core/index.js';
import { iso, norm, type Key } from './keys.js';
import type { Item } from './query.js';

export const statePartition = (userId: string, deckId: string) => `STUDY#${norm(userId)}#DECK#${norm(deckId)}`;
export const stateKey = (userId: string, deckId: string, cardId: string): Key => ({
  PK: statePartition(userId, deckId),
  SK: `CARD#${norm(cardId)}`,
});
export const dueScope = (userId: string, deckId: string) => `USER#${norm(userId)}#DECK#${norm(deckId)}`;
export const userScope = (userId: string) => `USER#${norm(userId)}`;
export const logPartition = (userId: string, cardId: string) => `REVLOG#${norm(userId)}#CARD#${norm(cardId)}`;
export const logKey = (userId: string, cardId: string, version: number): Key => ({
  PK: logPartition(userId, cardId),
  SK: `V#${String(version).padStart(10, '0')}`,
});
export const idemKey = (userId: string, key: string): Key => ({ PK: `IDEM#${norm(userId)}#${key}`, SK: 'IDEM' });
export const settingsKey = (userId: string): Key => ({ PK: `STUDYSETTINGS#${norm(userId)}`, SK: 'SETTINGS' });
export const sessionPartition = (userId: string) => `STUDYSESSIONS#${norm(userId)}`;
export const sessionKey = (userId: string, sessionId: string): Key => ({ PK: sessionPartition(userId), SK: `SESSION#${norm(sessionId)}` });
export const openSessionKey = (userId: string, deckId: string): Key => ({ PK: sessionPartition(userId), SK: `OPEN#${norm(deckId)}` });

/** Learning and relearning cards sort apart from review cards, so each class is one key range. */
export const dueClass = (state: StudyStateName): 'L' | 'R' | null => (state === 'review' ? 'R' : state === 'new' ? null : 'L');
export const dueKey = (state: StudyStateName, due: Date, cardId: string) => `${dueClass(state)}#${iso(due)}#${norm(cardId)}`;

const scheduleItem = (s: CardSchedule): Item => ({
  due: iso(s.due),
  stability: s.stability,
  difficulty: s.difficulty,
  elapsed_days: s.elapsed_days,
  scheduled_days: s.scheduled_days,
  learning_steps: s.learning_steps,
  reps: s.reps,
  lapses: s.lapses,
  state: s.state,
  last_review: s.last_review ? iso(s.last_review) : null,
});

const toSchedule = (i: Item): CardSchedule => ({
  due: new Date(i.due as string),
  stability: i.stability as number,
  difficulty: i.difficulty as number,
  elapsed_days: i.elapsed_days as number,
  scheduled_days: i.scheduled_days as number,
  learning_steps: i.learning_steps as number,
  reps: i.reps as number,
  lapses: i.lapses as number,
  state: i.state as StudyStateName,
  last_review: i.last_review ? new Date(i.last_review as string) : null,
});

export function stateItem(s: CardStudyState): Item {
  const indexed =
    s.state === 'new'
      ? {}
      : { due_scope: dueScope(s.user_id, s.deck_id), user_scope: userScope(s.user_id), due_key: dueKey(s.state, s.due, s.card_id) };
  return {
    ...stateKey(s.user_id, s.deck_id, s.card_id),
    ...scheduleItem(s),
    ...indexed,
    user_id: norm(s.user_id),
    card_id: norm(s.card_id),
    deck_id: norm(s.deck_id),
    card_created_at: iso(s.card_created_at),
    version: s.version,
    updated_at: iso(s.updated_at),
  };
}

export const toState = (i: Item): CardStudyState => ({
  ...toSchedule(i),
  user_id: i.user_id as string,
  card_id: i.card_id as string,
  deck_id: i.deck_id as string,
  card_created_at: new Date(i.card_created_at as string),
  version: i.version as number,
  updated_at: new Date(i.updated_at as string),
});

export const entryItem = (e: ReviewLogEntry): Item => ({
  ...logKey(e.user_id, e.card_id, e.version),
  log_user: userScope(e.user_id),
  log_deck: dueScope(e.user_id, e.deck_id),
  log_key: `${iso(e.created_at)}#${norm(e.id)}`,
  id: norm(e.id),
  user_id: norm(e.user_id),
  card_id: norm(e.card_id),
  deck_id: norm(e.deck_id),
  kind: e.kind,
  rating: e.rating,
  state_before: scheduleItem(e.state_before),
  state_after: scheduleItem(e.state_after),
  version: e.version,
  reviewed_at: iso(e.reviewed_at),
  duration_ms: e.duration_ms,
  idempotency_key: e.idempotency_key,
  created_at: iso(e.created_at),
  undone_at: e.undone_at ? iso(e.undone_at) : null,
});

export const toEntry = (i: Item): ReviewLogEntry => ({
  id: i.id as string,
  user_id: i.user_id as string,
  card_id: i.card_id as string,
  deck_id: i.deck_id as string,
  kind: i.kind as ReviewLogEntry['kind'],
  rating: (i.rating as ReviewLogEntry['rating']) ?? null,
  state_before: toSchedule(i.state_before as Item),
  state_after: toSchedule(i.state_after as Item),
  version: i.version as number,
  reviewed_at: new Date(i.reviewed_at as string),
  duration_ms: (i.duration_ms as number | null) ?? null,
  idempotency_key: (i.idempotency_key as string | null) ?? null,
  created_at: new Date(i.created_at as string),
  undone_at: i.undone_at ? new Date(i.undone_at as string) : null,
});

export const sessionItem = (s: StudySession): Item => ({
  ...sessionKey(s.user_id, s.id),
  id: norm(s.id),
  user_id: norm(s.user_id),
  deck_id: norm(s.deck_id),
  session_type: s.session_type,
  started_at: iso(s.started_at),
  ended_at: s.ended_at ? iso(s.ended_at) : null,
  cards_reviewed: s.cards_reviewed,
  cards_correct: s.cards_correct,
  cards_incorrect: s.cards_incorrect,
  card_ids: s.card_ids.map(norm),
});

export const toSession = (i: Item): StudySession => ({
  id: i.id as string,
  user_id: i.user_id as string,
  deck_id: i.deck_id as string,
  session_type: i.session_type as StudySession['session_type'],
  started_at: new Date(i.started_at as string),
  ended_at: i.ended_at ? new Date(i.ended_at as string) : null,
  cards_reviewed: i.cards_reviewed as number,
  cards_correct: i.cards_correct as number,
  cards_incorrect: i.cards_incorrect as number,
  card_ids: [...((i.card_ids as string[] | undefined) ?? [])],
});
