import { requireUser, type UseCaseArgs } from '../context.js';
import type { Deck } from '../domain.js';
import { deckCreateInput } from '../schemas.js';
import { parseInput } from '../validate.js';

export async function createDeck({ ctx, input }: UseCaseArgs<unknown>): Promise<Deck> {
  const userId = requireUser(ctx);
  const data = parseInput(deckCreateInput, input);
  return ctx.ports.decks.create({
    id: ctx.ports.ids.next(),
    user_id: userId,
    title: data.title,
    description: data.description || null,
    category: data.category || null,
    difficulty: data.difficulty ?? null,
    created_at: ctx.ports.clock.now(),
  });
}
