import type { Card, Deck } from '../domain.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';
import { EXPORT_FORMATS, type DeckToExport, type ExportedFile, type ExportFormat } from '../ports/exchange.js';
import { parseInput } from '../validate.js';
import { z } from 'zod';
import { requireUser } from '../context.js';
import type { ExchangeCtx } from './exchange-context.js';

/** Cards read per repository call while exporting: big enough to be few calls, small enough to stay light. */
export const EXPORT_PAGE_SIZE = 1000;
/** The most decks `--all` reads (the deck list pages at 100). */
const MAX_DECKS = 10_000;

const formatInput = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `must be one of: ${EXPORT_FORMATS.join(', ')}` }).default('apkg'),
});

/**
 * The cards of a deck page by page. Pages follow (created_at, id), so a card added during the export lands
 * at the end; a card deleted during it can shift the next page by one (an export is a snapshot only as far as
 * the repository's paging is).
 */
function deckCards(ctx: ExchangeCtx, userId: string, deckId: string): () => AsyncIterable<Card[]> {
  return async function* pages() {
    for (let offset = 0; ; offset += EXPORT_PAGE_SIZE) {
      const page = await ctx.ports.cards.listByDeck(userId, deckId, { limit: EXPORT_PAGE_SIZE, offset });
      if (!page || page.items.length === 0) return;
      yield page.items;
      if (page.items.length < EXPORT_PAGE_SIZE) return;
    }
  };
}

const toExport = (ctx: ExchangeCtx, userId: string, deck: Deck): DeckToExport => ({ deck, cards: deckCards(ctx, userId, deck.id) });

/** One deck as apkg, csv or json. Another user's deck is "not found" before a byte is written. */
export async function exportDeck({ ctx, input }: { ctx: ExchangeCtx; input: { deckId: string; format?: unknown } }): Promise<ExportedFile> {
  const userId = requireUser(ctx);
  const { format } = parseInput(formatInput, { format: input.format });
  if (!isUuid(input.deckId)) throw notFound(DECK_NOT_FOUND);
  const deck = await ctx.ports.decks.get(userId, input.deckId);
  if (!deck) throw notFound(DECK_NOT_FOUND);
  return ctx.ports.exchange.write(format, [toExport(ctx, userId, deck)], ctx.ports.clock.now());
}

/** Every deck of the user in one file (the CLI's --all). */
export async function exportAllDecks({ ctx, input }: { ctx: ExchangeCtx; input: { format?: unknown } }): Promise<ExportedFile> {
  const userId = requireUser(ctx);
  const { format } = parseInput(formatInput, { format: input.format });
  const decks: Deck[] = [];
  for (let offset = 0; offset < MAX_DECKS; offset += 100) {
    const page = await ctx.ports.decks.list(userId, { limit: 100, offset, sort: 'created_at', order: 'asc' });
    decks.push(...page.items);
    if (page.items.length < 100) break;
  }
  return ctx.ports.exchange.write(
    format as ExportFormat,
    decks.map((deck) => toExport(ctx, userId, deck)),
    ctx.ports.clock.now(),
  );
}
