import { requireUser, type UseCaseArgs } from '../context.js';
import type { Card, SourceRef } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { cardCreateInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';

type SourceRefInput = { [K in keyof SourceRef]?: SourceRef[K] | undefined } | null | undefined;

/** Fills every key so stored source references have one shape, whatever the caller sent. */
export function normaliseSourceRef(ref: SourceRefInput): SourceRef | null {
  if (!ref) return null;
  return {
    document_id: ref.document_id ?? null,
    document_name: ref.document_name || null,
    page: ref.page ?? null,
    section: ref.section || null,
    quote: ref.quote || null,
  };
}

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
