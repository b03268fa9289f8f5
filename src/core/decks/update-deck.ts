import { requireUser, type UseCaseArgs } from '../context.js';
import type { Deck } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import type { DeckPatch } from '../ports/index.js';
import { deckUpdateInput } from '../schemas.js';
import { parseInput } from '../validate.js';
import { DECK_NOT_FOUND } from './get-deck.js';

/** Changes only the fields present in the input; an explicit null or "" clears an optional field. */
export async function updateDeck({ ctx, input }: UseCaseArgs<{ deckId: string; changes: unknown }>): Promise<Deck> {
  const userId = requireUser(ctx);
  if (!isUuid(input.deckId)) throw notFound(DECK_NOT_FOUND);
  const data = parseInput(deckUpdateInput, input.changes ?? {});
  const patch: DeckPatch = {};
  if (data.title !== undefined && data.title !== null) patch.title = data.title;
  if (data.description !== undefined) patch.description = data.description || null;
  if (data.category !== undefined) patch.category = data.category || null;
  if (data.difficulty !== undefined) patch.difficulty = data.difficulty ?? null;
  const deck = await ctx.ports.decks.update(userId, input.deckId, patch, ctx.ports.clock.now());
  if (!deck) throw notFound(DECK_NOT_FOUND);
  return deck;
}
