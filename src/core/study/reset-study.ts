/**
 * Resetting makes a card new again. It is logged as a `reset` entry (the log stays append-only and replay
 * starts over from an empty card there), never by deleting history.
 */
import type { UseCaseArgs } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import type { Card } from '../domain.js';
import { CARD_NOT_FOUND } from '../cards/get-card.js';
import type { StudyAccess } from './study-access.js';
import { ownCard, ownDeck, scheduleOf, stateRow, studyAccess } from './study-access.js';

/** A reset has no client version to check: it retries a few times when an answer lands at the same moment. */
const ATTEMPTS = 3;

async function resetOne(
  ctx: UseCaseArgs<unknown>['ctx'],
  access: StudyAccess,
  card: Pick<Card, 'id' | 'deck_id' | 'created_at'>,
): Promise<void> {
  const { userId, study, scheduler, now } = access;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await study.getState(userId, card.deck_id, card.id);
    if (!current || current.state === 'new') return;
    const after = scheduler.empty(now);
    const version = current.version + 1;
    const result = await study.write(userId, {
      card,
      expected_version: current.version,
      next: stateRow(card, userId, after, version, now),
      entry: {
        id: ctx.ports.ids.next(),
        user_id: userId,
        card_id: card.id,
        deck_id: card.deck_id,
        kind: 'reset',
        rating: null,
        state_before: scheduleOf(current),
        state_after: after,
        version,
        reviewed_at: now,
        duration_ms: null,
        idempotency_key: null,
        created_at: now,
        undone_at: null,
      },
    });
    if (result.status === 'written') return;
    if (result.status === 'card_gone') throw notFound(CARD_NOT_FOUND);
  }
  throw new CoreError('conflict', 'The card kept changing while it was being reset; try again.');
}

export async function resetCard({ ctx, input }: UseCaseArgs<{ cardId: string }>): Promise<void> {
  const access = studyAccess(ctx);
  const card = await ownCard(ctx, access.userId, input.cardId);
  await resetOne(ctx, access, card);
}

/** Every studied card of the deck becomes new. Not one transaction: each card is reset on its own. */
export async function resetDeck({ ctx, input }: UseCaseArgs<{ deckId: string }>): Promise<number> {
  const access = studyAccess(ctx);
  await ownDeck(ctx, access.userId, input.deckId);
  const studied = (await access.study.listStates(access.userId, input.deckId)).filter((s) => s.state !== 'new');
  for (const state of studied) {
    try {
      await resetOne(ctx, access, { id: state.card_id, deck_id: state.deck_id, created_at: state.card_created_at });
    } catch (error) {
      // A card deleted meanwhile has nothing left to reset.
      if (!(error instanceof CoreError && error.code === 'not_found')) throw error;
    }
  }
  return studied.length;
}
