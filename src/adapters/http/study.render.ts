/** Study domain objects -> JSON bodies (ISO 8601 UTC instants). */
import {
  COMPAT_EASE_FACTOR,
  type Card,
  type CardSchedule,
  type CompletedSession,
  type DeckStudyStats,
  type StudyQueue,
  type StudySession,
} from '../../core/index.js';
import { renderCard } from './render.js';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const renderStudyState = (card: Pick<Card, 'id' | 'deck_id'>, s: CardSchedule, version: number) => ({
  card_id: card.id,
  deck_id: card.deck_id,
  state: s.state,
  due: iso(s.due),
  stability: s.stability,
  difficulty: s.difficulty,
  elapsed_days: s.elapsed_days,
  scheduled_days: s.scheduled_days,
  learning_steps: s.learning_steps,
  reps: s.reps,
  lapses: s.lapses,
  last_review: isoOrNull(s.last_review),
  state_version: version,
});

const renderOutcome = (s: CardSchedule, now: Date) => ({
  state: s.state,
  due: iso(s.due),
  interval_seconds: Math.max(0, Math.round((s.due.getTime() - now.getTime()) / 1000)),
  scheduled_days: s.scheduled_days,
});

export const renderQueue = (q: StudyQueue) => ({
  items: q.items.map((i) => ({
    card: renderCard(i.card),
    study: renderStudyState(i.card, i.schedule, i.state_version),
    preview: {
      again: renderOutcome(i.preview.again, q.now),
      hard: renderOutcome(i.preview.hard, q.now),
      good: renderOutcome(i.preview.good, q.now),
      easy: renderOutcome(i.preview.easy, q.now),
    },
  })),
  counts: q.counts,
  day_ends_at: iso(q.day_ends_at),
});

/** The original client's StudyCard: the card, SM-2-style fields derived from FSRS, and our state. */
export const renderStudyCard = (card: Card, s: CardSchedule, version: number, isDue: boolean) => ({
  ...renderCard(card),
  ease_factor: COMPAT_EASE_FACTOR,
  interval: s.scheduled_days,
  repetitions: s.reps,
  last_review_date: isoOrNull(s.last_review),
  next_review_date: s.state === 'new' ? null : iso(s.due),
  is_new: s.state === 'new',
  is_due: isDue,
  study: renderStudyState(card, s, version),
});

export const renderDeckStats = (s: DeckStudyStats) => ({
  ...s,
  next_review_date: isoOrNull(s.next_review_date),
  day_ends_at: iso(s.day_ends_at),
});

export const renderSession = (s: StudySession) => ({
  id: s.id,
  user_id: s.user_id,
  deck_id: s.deck_id,
  session_type: s.session_type,
  started_at: iso(s.started_at),
  ended_at: isoOrNull(s.ended_at),
  completed_at: isoOrNull(s.ended_at),
  cards_reviewed: s.cards_reviewed,
  cards_correct: s.cards_correct,
  cards_incorrect: s.cards_incorrect,
  total_time_seconds: s.ended_at ? Math.round((s.ended_at.getTime() - s.started_at.getTime()) / 1000) : null,
  card_ids: s.card_ids,
  reviews: [] as unknown[],
  current_card_index: Math.min(s.cards_reviewed, s.card_ids.length),
  is_completed: s.ended_at !== null,
});

export const renderCompleted = (c: CompletedSession) => ({
  session: renderSession(c.session),
  accuracy: c.accuracy,
  cards_remaining: c.cards_remaining,
});
