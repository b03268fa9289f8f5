import type { Card } from '../domain.js';
import { runWithConcurrency } from '../generation/run-with-concurrency.js';
import type { ExchangeCtx } from './exchange-context.js';

/** Lookups in flight at once: enough to hide a network database's latency, few enough to leave it room. */
const LOOKUP_CONCURRENCY = 8;
const PAGE = 1000;
/**
 * Up to this many cards in the account, all of them are read (a few list calls per deck) and every note is
 * matched in memory: far cheaper than one lookup per note (10,000 lookups take over a minute on the embedded
 * database). Bigger accounts are looked up note by note, with a few lookups in flight.
 */
export const PRELOAD_MAX_CARDS = 25_000;

export interface CardCandidates {
  /** The card id the note's GUID encodes (exported from here), if it encodes one. */
  own: string | null;
  /** The id a note of this GUID gets when imported (see importedCardId). */
  derived: string;
}

async function allCardsOf(ctx: ExchangeCtx, userId: string): Promise<Map<string, Card> | null> {
  const deckIds: string[] = [];
  let total = 0;
  for (let offset = 0; ; offset += 100) {
    const page = await ctx.ports.decks.list(userId, { limit: 100, offset, sort: 'created_at', order: 'asc' });
    for (const deck of page.items) {
      deckIds.push(deck.id);
      total += deck.card_count;
    }
    if (total > PRELOAD_MAX_CARDS) return null;
    if (page.items.length < 100) break;
  }
  const cards = new Map<string, Card>();
  for (const deckId of deckIds) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await ctx.ports.cards.listByDeck(userId, deckId, { limit: PAGE, offset });
      for (const card of page?.items ?? []) cards.set(card.id.toLowerCase(), card);
      if (!page || page.items.length < PAGE) break;
    }
  }
  return cards;
}

/** The user's card each note stands for, or null. */
export async function findCards(ctx: ExchangeCtx, userId: string, candidates: CardCandidates[]): Promise<(Card | null)[]> {
  const all = await allCardsOf(ctx, userId);
  if (all) {
    const find = (id: string | null) => (id ? (all.get(id.toLowerCase()) ?? null) : null);
    return candidates.map((c) => find(c.own) ?? find(c.derived));
  }
  const lookup = async (id: string | null) => (id ? ctx.ports.cards.get(userId, id) : null);
  return runWithConcurrency(candidates, LOOKUP_CONCURRENCY, async (c) => (await lookup(c.own)) ?? (await lookup(c.derived)));
}
