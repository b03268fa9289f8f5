import { requireUser, type Ctx } from '../context.js';
import type { Card } from '../domain.js';
import { CoreError, notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import type { CardSchedule, CardStudyState, SpacedRepetitionScheduler, StudyRepository, StudySessionRepository } from '../ports/study.js';
import { CARD_NOT_FOUND } from '../cards/get-card.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';
import type { Deck } from '../domain.js';

export interface StudyAccess {
  userId: string;
  study: StudyRepository;
  sessions: StudySessionRepository;
  scheduler: SpacedRepetitionScheduler;
  now: Date;
}

/** The caller and the study ports, or a 503 where this deployment has no scheduler wired. */
export function studyAccess(ctx: Ctx): StudyAccess {
  const userId = requireUser(ctx);
  const { scheduler, study, studySessions } = ctx.ports;
  if (!scheduler) throw new CoreError('unavailable', 'Studying is not available on this server.');
  return { userId, study, sessions: studySessions, scheduler, now: ctx.ports.clock.now() };
}

export async function ownCard(ctx: Ctx, userId: string, cardId: string): Promise<Card> {
  const card = isUuid(cardId) ? await ctx.ports.cards.get(userId, cardId) : null;
  if (!card) throw notFound(CARD_NOT_FOUND);
  return card;
}

export async function ownDeck(ctx: Ctx, userId: string, deckId: string): Promise<Deck> {
  const deck = isUuid(deckId) ? await ctx.ports.decks.get(userId, deckId) : null;
  if (!deck) throw notFound(DECK_NOT_FOUND);
  return deck;
}

export const scheduleOf = (state: CardSchedule): CardSchedule => ({
  due: state.due,
  stability: state.stability,
  difficulty: state.difficulty,
  elapsed_days: state.elapsed_days,
  scheduled_days: state.scheduled_days,
  learning_steps: state.learning_steps,
  reps: state.reps,
  lapses: state.lapses,
  state: state.state,
  last_review: state.last_review,
});

/** Same FSRS fields (instants compared by time). */
export function sameSchedule(a: CardSchedule, b: CardSchedule): boolean {
  const time = (d: Date | null) => (d ? d.getTime() : null);
  return (
    time(a.due) === time(b.due) &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.elapsed_days === b.elapsed_days &&
    a.scheduled_days === b.scheduled_days &&
    a.learning_steps === b.learning_steps &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.state === b.state &&
    time(a.last_review) === time(b.last_review)
  );
}

export type CardKey = Pick<Card, 'id' | 'deck_id' | 'created_at'>;

export function stateRow(card: CardKey, userId: string, schedule: CardSchedule, version: number, now: Date): CardStudyState {
  return {
    ...scheduleOf(schedule),
    user_id: userId,
    card_id: card.id,
    deck_id: card.deck_id,
    card_created_at: card.created_at,
    version,
    updated_at: now,
  };
}

export const STALE_MESSAGE =
  'This card was answered, undone or reset since you loaded it. Load the study queue again and answer the card as it is now.';
