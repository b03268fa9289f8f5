import { requireUser, type UseCaseArgs } from '../context.js';
import type { Deck } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';

export const DECK_NOT_FOUND = 'The deck';

export async function getDeck({ ctx, input }: UseCaseArgs<{ deckId: string }>): Promise<Deck> {
  const userId = requireUser(ctx);
  const deck = isUuid(input.deckId) ? await ctx.ports.decks.get(userId, input.deckId) : null;
  if (!deck) throw notFound(DECK_NOT_FOUND);
  return deck;
}
