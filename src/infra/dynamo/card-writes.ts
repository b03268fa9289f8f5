/**
 * Adding cards to a deck with card_count raised in the SAME transaction as the puts, so the count is exact at
 * every moment. A batch beyond one transaction (about 99 cards, or 3.5 MB) goes in several; if one of them
 * fails, the chunks already written are removed again (count lowered with them), so the port's "a failed batch
 * writes nothing" holds in the end, although a reader may glimpse the partial batch meanwhile.
 */
import type { Dynamo } from './client.js';
import { chunkCards } from './card-items.js';
import { countChange } from './deck-items.js';
import { deleteKeys } from './batch-delete.js';
import type { Key } from './keys.js';
import type { Item } from './query.js';
import { TransactionCancelled, transact, type TransactItem } from './transact.js';

export type CardWriteResult = 'written' | 'deck_missing' | 'guard_failed';

const keyOf = (item: Item): Key => ({ PK: item.PK as string, SK: item.SK as string });

/**
 * Writes the card items chunk by chunk. `guard` (optional) is one more transaction item that must hold for
 * every chunk (a chunked completion's claim on its document). On a failed condition the chunks written so
 * far are removed and the reason returned; any other error is thrown after the same clean-up.
 */
export async function writeCards(
  dynamo: Dynamo,
  userId: string,
  deckId: string,
  items: Item[],
  guard?: TransactItem,
): Promise<CardWriteResult> {
  const written: Item[] = [];
  try {
    for (const chunk of chunkCards(items, guard ? 2 : 1)) {
      const puts = chunk.map((Item) => ({
        Put: { TableName: dynamo.tables.flashcards, Item, ConditionExpression: 'attribute_not_exists(PK)' },
      }));
      await transact(dynamo, [countChange(dynamo, userId, deckId, chunk.length), ...(guard ? [guard] : []), ...puts]);
      written.push(...chunk);
    }
    return 'written';
  } catch (error) {
    await removeCards(dynamo, userId, deckId, written);
    if (error instanceof TransactionCancelled && error.failed(0)) return 'deck_missing';
    if (error instanceof TransactionCancelled && guard && error.failed(1)) return 'guard_failed';
    throw error;
  }
}

/**
 * Removes cards that a failed or abandoned write left, lowering card_count with them. When the deck is gone
 * (being deleted) its deletion removes the cards anyway; they are deleted here all the same.
 */
export async function removeCards(dynamo: Dynamo, userId: string, deckId: string, items: Item[]): Promise<void> {
  for (const chunk of chunkCards(items, 1)) {
    const deletes = chunk.map((item) => ({
      Delete: { TableName: dynamo.tables.flashcards, Key: keyOf(item), ConditionExpression: 'attribute_exists(PK)' },
    }));
    try {
      await transact(dynamo, [countChange(dynamo, userId, deckId, -chunk.length), ...deletes]);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(0)) await deleteKeys(dynamo, dynamo.tables.flashcards, chunk.map(keyOf));
      // Some card was deleted meanwhile (its delete lowered the count itself): one card at a time instead.
      else if (chunk.length > 1) for (const item of chunk) await removeCards(dynamo, userId, deckId, [item]);
    }
  }
}
