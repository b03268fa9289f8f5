import { requireUser, type UseCaseArgs } from '../context.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { DECK_NOT_FOUND } from './get-deck.js';

/** Removes the deck and, in the same transaction, its cards. */
export async function deleteDeck({ ctx, input }: UseCaseArgs<{ deckId: string }>): Promise<void> {
  const userId = requireUser(ctx);
  const deleted = isUuid(input.deckId) && (await ctx.ports.decks.delete(userId, input.deckId));
  if (!deleted) throw notFound(DECK_NOT_FOUND);
}
