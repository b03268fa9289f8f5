import { requireUser, type UseCaseArgs } from '../context.js';
import type { Card, Page } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { pageQuery } from '../schemas.js';
import { parseInput } from '../validate.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';

export async function listCards({ ctx, input }: UseCaseArgs<{ deckId: string; page: unknown }>): Promise<Page<Card>> {
  const userId = requireUser(ctx);
  if (!isUuid(input.deckId)) throw notFound(DECK_NOT_FOUND);
  const page = parseInput(pageQuery, input.page ?? {});
  const result = await ctx.ports.cards.listByDeck(userId, input.deckId, page);
  if (!result) throw notFound(DECK_NOT_FOUND);
  return result;
}
