import { requireUser, type UseCaseArgs } from '../context.js';
import type { Card } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';

export const CARD_NOT_FOUND = 'The card';

export async function getCard({ ctx, input }: UseCaseArgs<{ cardId: string }>): Promise<Card> {
  const userId = requireUser(ctx);
  const card = isUuid(input.cardId) ? await ctx.ports.cards.get(userId, input.cardId) : null;
  if (!card) throw notFound(CARD_NOT_FOUND);
  return card;
}
