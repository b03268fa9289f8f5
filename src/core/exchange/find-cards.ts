import type { Card } from '../domain.js';
import { runWithConcurrency } from '../generation/run-with-concurrency.js';
import type { ExchangeCtx } from './exchange-context.js';

/** Lookups in flight at once: enough to hide a network database's latency, few enough to leave it room. */
const LOOKUP_CONCURRENCY = 8;
const PRELOAD_PAGE = 500;

export interface CardCandidates {
  /** The card id the note's GUID encodes (exported from here), if it encodes one. */
  own: string | null;
  /** The id a note of this GUID gets when imported (see importedCardId). */
  derived: string;
}

/**
 * The user's card each note stands for, or null. With a target deck its cards are read first in pages, so
 * re-importing a deck costs a few list calls instead of one lookup per note; the rest are looked up by id.
 */
export async function findCards(ctx: ExchangeCtx, userId: string, deckId: string | null, candidates: CardCandidates[]): Promise<(Card | null)[]> {
  const known = new Map<string, Card>();
  if (deckId) {
    for (let offset = 0; ; offset += PRELOAD_PAGE) {
      const page = await ctx.ports.cards.listByDeck(userId, deckId, { limit: PRELOAD_PAGE, offset });
      for (const card of page?.items ?? []) known.set(card.id.toLowerCase(), card);
      if (!page || page.items.length < PRELOAD_PAGE) break;
    }
  }
  const lookup = async (id: string | null): Promise<Card | null> => {
    if (!id) return null;
    return known.get(id.toLowerCase()) ?? (await ctx.ports.cards.get(userId, id));
  };
  return runWithConcurrency(candidates, LOOKUP_CONCURRENCY, async (c) => (await lookup(c.own)) ?? (await lookup(c.derived)));
}
