import { requireUser, type UseCaseArgs } from '../context.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { CARD_NOT_FOUND } from './get-card.js';

export async function deleteCard({ ctx, input }: UseCaseArgs<{ cardId: string }>): Promise<void> {
  const userId = requireUser(ctx);
  const deleted = isUuid(input.cardId) && (await ctx.ports.cards.delete(userId, input.cardId));
  if (!deleted) throw notFound(CARD_NOT_FOUND);
}
