import { requireUser, type UseCaseArgs } from '../context.js';
import type { Deck, Page } from '../domain.js';
import { deckListQuery } from '../schemas.js';
import { parseInput } from '../validate.js';

export async function listDecks({ ctx, input }: UseCaseArgs<unknown>): Promise<Page<Deck>> {
  const userId = requireUser(ctx);
  const query = parseInput(deckListQuery, input ?? {});
  return ctx.ports.decks.list(userId, {
    ...query,
    category: query.category || undefined,
    q: query.q || undefined,
  });
}
