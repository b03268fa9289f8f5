/**
 * Answering a card: the one place where a review is scheduled and logged, used by our /study/reviews and by the
 * original client's session reviews alike.
 */
import type { UseCaseArgs } from '../context.js';
import { CoreError, notFound, validationFailed } from '../errors.js';
import type { CardStudyState, ReviewLogEntry, StudyRating } from '../ports/study.js';
import { CARD_NOT_FOUND } from '../cards/get-card.js';
import { loadStudySettings } from './study-settings.js';
import { ownCard, scheduleOf, STALE_MESSAGE, stateRow, studyAccess } from './study-access.js';

export interface AnswerInput {
  cardId: string;
  rating: StudyRating;
  /** When the student answered; defaults to now. Offline clients send it later. */
  reviewedAt?: Date;
  durationMs?: number | null;
  /** Null only for the session routes of the original client, which send none. */
  idempotencyKey: string | null;
  /** The state version the client saw; a different current version is a 409. */
  stateVersion?: number | null;
}

export interface AnswerResult {
  state: CardStudyState;
  entry: ReviewLogEntry;
  /** True when this idempotency key had been used: nothing new was stored. */
  replayed: boolean;
}

/** A clock a little ahead of ours is fine; an answer from the future is not. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export async function answerCard({ ctx, input }: UseCaseArgs<AnswerInput>): Promise<AnswerResult> {
  const { userId, study, scheduler, now } = studyAccess(ctx);
  const card = await ownCard(ctx, userId, input.cardId);
  const replay = async (entry: ReviewLogEntry): Promise<AnswerResult> => {
    if (entry.card_id !== card.id) {
      throw new CoreError(
        'conflict',
        'This idempotency_key was already used for an answer to another card; send a new key for each answer.',
      );
    }
    const state = await study.getState(userId, card.deck_id, card.id);
    return { state: state ?? stateRow(card, userId, entry.state_after, entry.version, entry.created_at), entry, replayed: true };
  };
  if (input.idempotencyKey) {
    const earlier = await study.findByIdempotencyKey(userId, input.idempotencyKey);
    if (earlier) return replay(earlier);
  }

  const reviewedAt = input.reviewedAt ?? now;
  if (reviewedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw validationFailed([{ path: 'reviewed_at', message: 'must not be in the future' }]);
  }
  const current = await study.getState(userId, card.deck_id, card.id);
  const version = current?.version ?? 0;
  if (input.stateVersion != null && input.stateVersion !== version) throw new CoreError('conflict', STALE_MESSAGE);
  if (current?.last_review && reviewedAt < current.last_review) {
    throw validationFailed([
      { path: 'reviewed_at', message: `must not be before the card's last review (${current.last_review.toISOString()})` },
    ]);
  }

  const settings = await loadStudySettings(ctx, userId);
  const before = current ?? scheduler.empty(reviewedAt);
  const after = scheduler.answer(before, input.rating, reviewedAt, card.id, settings);
  const next = stateRow(card, userId, after, version + 1, now);
  const entry: ReviewLogEntry = {
    id: ctx.ports.ids.next(),
    user_id: userId,
    card_id: card.id,
    deck_id: card.deck_id,
    kind: 'review',
    rating: input.rating,
    state_before: scheduleOf(before),
    state_after: after,
    version: version + 1,
    reviewed_at: reviewedAt,
    duration_ms: input.durationMs ?? null,
    idempotency_key: input.idempotencyKey,
    created_at: now,
    undone_at: null,
  };
  const result = await study.write(userId, { card, expected_version: version, entry, next });
  switch (result.status) {
    case 'written':
      return { state: next, entry, replayed: false };
    case 'duplicate':
      return replay(result.entry);
    case 'stale':
      throw new CoreError('conflict', STALE_MESSAGE);
    case 'card_gone':
      throw notFound(CARD_NOT_FOUND);
  }
}
