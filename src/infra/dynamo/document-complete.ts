/**
 * complete(): store a generation's cards, raise card_count and mark the document completed, at most once
 * however often an at-least-once job delivers it. Up to about 95 cards this is ONE TransactWriteItems whose
 * condition `status = processing` on the document makes every later or concurrent delivery write nothing,
 * exactly like the SQL transaction. Larger outcomes go through document-complete-chunks.ts.
 */
import { isUuid, type DocumentRepository } from '../../core/index.js';
import { assertCardsBelong, cardItem, fitsOneTransaction } from './card-items.js';
import type { Dynamo } from './client.js';
import { failForMissingDeck, finishingWrites, type CompletionArgs } from './completion-writes.js';
import { countChange, deckCheck } from './deck-items.js';
import { completeInChunks } from './document-complete-chunks.js';
import { validIds } from './keys.js';
import type { Item } from './query.js';
import { TransactionCancelled, transact } from './transact.js';

async function completeAtOnce(dynamo: Dynamo, args: CompletionArgs, cards: Item[]): Promise<boolean> {
  const { userId, deckId } = args;
  const deck = cards.length > 0 ? countChange(dynamo, userId, deckId, cards.length) : deckCheck(dynamo, userId, deckId);
  const puts = cards.map((Item) => ({
    Put: { TableName: dynamo.tables.flashcards, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  }));
  try {
    await transact(dynamo, [deck, ...finishingWrites(dynamo, args, '#status = :processing'), ...puts]);
    return true;
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (error.failed(1)) return false; // completed by another delivery, failed, missing or not the user's
    if (error.failed(0)) {
      await failForMissingDeck(dynamo, args);
      return false;
    }
    throw error;
  }
}

export function completeDocument(dynamo: Dynamo): DocumentRepository['complete'] {
  return async (userId, documentId, deckId, outcome, now) => {
    assertCardsBelong(userId, deckId, outcome.cards);
    if (!validIds(userId, documentId)) return false;
    const args = { userId, documentId, deckId, outcome, now };
    if (!isUuid(deckId)) {
      await failForMissingDeck(dynamo, args);
      return false;
    }
    const cards = outcome.cards.map((card) => cardItem(card));
    // Reserved beside the cards: the deck, the document, the deck link and the ledger entry.
    if (fitsOneTransaction(cards, 4)) return completeAtOnce(dynamo, args, cards);
    return completeInChunks(dynamo, args);
  };
}
