/**
 * The original web client's study sessions (contract section 1): a session is a run through a deck's due cards
 * that counts answers. Answers go through the same answerCard verb as /study/reviews.
 */
import { z } from 'zod';
import type { UseCaseArgs } from '../context.js';
import type { Page, PageRequest } from '../domain.js';
import { CoreError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import { SESSION_TYPES, type StudyRating, type StudySession, type StudySessionType } from '../ports/study.js';
import { answerCard } from './answer-card.js';
import { ownCard, ownDeck, studyAccess } from './study-access.js';
import { studyQueue } from './study-queue.js';

/** At most this many due cards are handed to one session (the original's limit). */
export const SESSION_MAX_CARDS = 100;
export const SESSION_NOT_FOUND = 'The study session';

export const startSessionInput = z.object({
  deck_id: z.string(),
  session_type: z.enum(SESSION_TYPES, { message: `must be one of: ${SESSION_TYPES.join(', ')}` }).default('review'),
  /** Accepted and ignored, as by the original backend. */
  max_cards: z.number().int().min(1).max(1000).nullish(),
});

export const sessionReviewInput = z.object({
  card_id: z.string(),
  quality: z.number().int('must be a whole number from 0 to 5').min(0, 'must be from 0 to 5').max(5, 'must be from 0 to 5'),
  time_taken_seconds: z.number().min(0).max(86_400).nullish(),
});

/** 0-2 again, 3 hard, 4 good, 5 easy; quality 3 and above counts as correct, as in the original. */
export const qualityToRating = (quality: number): StudyRating =>
  quality <= 2 ? 'again' : quality === 3 ? 'hard' : quality === 4 ? 'good' : 'easy';

export async function startStudySession({
  ctx,
  input,
}: UseCaseArgs<{ deckId: string; sessionType: StudySessionType }>): Promise<StudySession> {
  const { userId, sessions, now } = studyAccess(ctx);
  const deck = await ownDeck(ctx, userId, input.deckId);
  const queue = await studyQueue({ ctx, input: { deckId: deck.id, limit: SESSION_MAX_CARDS } });
  // The portal keeps only the due cards among the deck's first N listed ones, so hand them out in listing order.
  const cards = queue.items.map((i) => i.card);
  cards.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sessions.start({
    id: ctx.ports.ids.next(),
    user_id: userId,
    deck_id: deck.id,
    session_type: input.sessionType,
    started_at: now,
    ended_at: null,
    cards_reviewed: 0,
    cards_correct: 0,
    cards_incorrect: 0,
    card_ids: cards.map((c) => c.id),
  });
}

async function ownSession(ctx: UseCaseArgs<unknown>['ctx'], userId: string, sessionId: string): Promise<StudySession> {
  const session = isUuid(sessionId) ? await ctx.ports.studySessions.get(userId, sessionId) : null;
  if (!session) throw notFound(SESSION_NOT_FOUND);
  return session;
}

export async function getStudySession({ ctx, input }: UseCaseArgs<{ sessionId: string }>): Promise<StudySession> {
  const { userId } = studyAccess(ctx);
  return ownSession(ctx, userId, input.sessionId);
}

/** The open session on the deck, or null (the deck itself must be the caller's). */
export async function activeStudySession({ ctx, input }: UseCaseArgs<{ deckId: string }>): Promise<StudySession | null> {
  const { userId, sessions } = studyAccess(ctx);
  await ownDeck(ctx, userId, input.deckId);
  return sessions.active(userId, input.deckId);
}

export async function listStudySessions({ ctx, input }: UseCaseArgs<PageRequest>): Promise<Page<StudySession>> {
  const { userId, sessions } = studyAccess(ctx);
  return sessions.list(userId, input);
}

const ENDED = 'This study session has already ended; start a new one.';

export async function answerInStudySession({
  ctx,
  input,
}: UseCaseArgs<{ sessionId: string; cardId: string; quality: number; seconds?: number | null }>): Promise<StudySession> {
  const { userId, sessions } = studyAccess(ctx);
  const session = await ownSession(ctx, userId, input.sessionId);
  if (session.ended_at) throw new CoreError('bad_request', ENDED);
  const card = await ownCard(ctx, userId, input.cardId);
  if (card.deck_id !== session.deck_id) throw new CoreError('bad_request', "This card is not in the session's deck.");
  if (!Number.isInteger(input.quality) || input.quality < 0 || input.quality > 5) {
    throw validationFailed([{ path: 'quality', message: 'must be a whole number from 0 to 5' }]);
  }
  await answerCard({
    ctx,
    input: {
      cardId: card.id,
      rating: qualityToRating(input.quality),
      durationMs: input.seconds != null ? Math.round(input.seconds * 1000) : null,
      idempotencyKey: null,
    },
  });
  const counted = await sessions.countAnswer(userId, session.id, input.quality >= 3);
  if (counted === null) throw notFound(SESSION_NOT_FOUND);
  if (counted === 'ended') throw new CoreError('bad_request', ENDED);
  return counted;
}

export interface CompletedSession {
  session: StudySession;
  accuracy: number;
  cards_remaining: number;
}

export async function completeStudySession({ ctx, input }: UseCaseArgs<{ sessionId: string }>): Promise<CompletedSession> {
  const { userId, sessions, now } = studyAccess(ctx);
  const done = isUuid(input.sessionId) ? await sessions.complete(userId, input.sessionId, now) : null;
  if (done === null) throw notFound(SESSION_NOT_FOUND);
  if (done === 'ended') throw new CoreError('bad_request', 'This study session has already ended.');
  const accuracy = done.cards_reviewed > 0 ? Math.round((10000 * done.cards_correct) / done.cards_reviewed) / 100 : 0;
  return { session: done, accuracy, cards_remaining: Math.max(0, done.card_ids.length - done.cards_reviewed) };
}
