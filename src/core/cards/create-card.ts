import { requireUser, type UseCaseArgs } from '../context.js';
import type { Card } from '../domain.js';
import { normaliseSourceRef } from './card-rules.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { cardCreateInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';

export async function createCard({ ctx, input }: UseCaseArgs<{ deckId: string; card: unknown }>): Promise<Card> {
  const userId = requireUser(ctx);
  if (!isUuid(input.deckId)) throw notFound(DECK_NOT_FOUND);
  const data = parseInput(cardCreateInput, input.card);
  const created = await ctx.ports.cards.createMany(userId, input.deckId, [
    {
      id: ctx.ports.ids.next(),
      deck_id: input.deckId,
      user_id: userId,
      question: data.question,
      answer: data.answer,
      source: data.source,
      source_url: data.source_url || null,
      source_ref: normaliseSourceRef(data.source_ref),
      created_at: ctx.ports.clock.now(),
    },
  ]);
  if (!created) throw notFound(DECK_NOT_FOUND);
  return created[0]!;
}
