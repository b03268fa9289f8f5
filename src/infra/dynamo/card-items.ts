/** The card item, and how a batch of cards is cut into transactions DynamoDB accepts. */
import { normaliseSourceRef, type Card, type NewCard, type SourceRef } from '../../core/index.js';
import { cardIndexKey, cardKey, createdKey, iso, norm } from './keys.js';
import type { Item } from './query.js';

/** The flashcards table's local index on created_key: a deck's cards in (created_at, id) order, as lists promise. */
export const CARDS_IN_LISTING_ORDER = 'by_created';

/** `run` tags the cards of one chunked completion, so a takeover can find and remove them (document-complete). */
export const cardItem = (card: NewCard, run?: string): Item => ({
  ...cardKey(card.deck_id, card.id),
  card_key: cardIndexKey(card.id),
  created_key: createdKey(card.created_at, card.id),
  id: norm(card.id),
  deck_id: norm(card.deck_id),
  user_id: norm(card.user_id),
  question: card.question,
  answer: card.answer,
  source: card.source,
  source_url: card.source_url,
  source_ref: normaliseSourceRef(card.source_ref),
  created_at: iso(card.created_at),
  updated_at: iso(card.created_at),
  ...(card.anki_guid ? { anki_guid: card.anki_guid } : {}),
  ...(card.quality_flags?.length ? { quality_flags: card.quality_flags } : {}),
  ...(run ? { run } : {}),
});

export const toCard = (item: Item): Card => ({
  id: item.id as string,
  deck_id: item.deck_id as string,
  user_id: item.user_id as string,
  question: item.question as string,
  answer: item.answer as string,
  source: item.source as string,
  source_url: (item.source_url as string | null) ?? null,
  source_ref: normaliseSourceRef(item.source_ref as SourceRef | null),
  created_at: new Date(item.created_at as string),
  updated_at: new Date(item.updated_at as string),
  ...(item.anki_guid ? { anki_guid: item.anki_guid as string } : {}),
  ...((item.quality_flags as string[] | undefined)?.length ? { quality_flags: item.quality_flags as string[] } : {}),
});

/** A transaction holds at most 100 items and 4 MB; stay clearly below the size (attribute names count too). */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_TRANSACTION_BYTES = 3_500_000;
const approximateSize = (item: Item): number => Buffer.byteLength(JSON.stringify(item)) + 100;

/** Card items cut into chunks that fit one transaction next to `reserved` other items. */
export function chunkCards(items: Item[], reserved: number): Item[][] {
  const chunks: Item[][] = [];
  let chunk: Item[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = approximateSize(item);
    if (chunk.length > 0 && (chunk.length + reserved >= MAX_TRANSACTION_ITEMS || bytes + size > MAX_TRANSACTION_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** True when the whole batch fits one transaction beside `reserved` other items. */
export const fitsOneTransaction = (items: Item[], reserved: number): boolean => chunkCards(items, reserved).length <= 1;
