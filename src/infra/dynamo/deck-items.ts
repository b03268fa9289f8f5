/** The deck item, and the conditions every write that needs a live deck repeats. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deck, Difficulty, NewDeck } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { deckKey, iso, norm } from './keys.js';
import type { Item } from './query.js';

/**
 * A deck being deleted carries `deleting` until its cards are gone (deck-delete.ts). It counts as missing
 * for every read and write, so no card can be added to it and no one sees it half-deleted.
 */
export const LIVE_DECK = 'attribute_exists(PK) AND attribute_not_exists(deleting)';

export const deckItem = (deck: NewDeck): Item => ({
  ...deckKey(deck.user_id, deck.id),
  id: norm(deck.id),
  user_id: norm(deck.user_id),
  title: deck.title,
  description: deck.description,
  category: deck.category,
  difficulty: deck.difficulty,
  card_count: 0,
  created_at: iso(deck.created_at),
  updated_at: iso(deck.created_at),
});

export const toDeck = (item: Item): Deck => ({
  id: item.id as string,
  user_id: item.user_id as string,
  title: item.title as string,
  description: (item.description as string | null) ?? null,
  category: (item.category as string | null) ?? null,
  difficulty: (item.difficulty as Difficulty | null) ?? null,
  card_count: item.card_count as number,
  created_at: new Date(item.created_at as string),
  updated_at: new Date(item.updated_at as string),
});

/** The user's live deck item (strongly consistent), or null. */
export async function getLiveDeck(dynamo: Dynamo, userId: string, deckId: string): Promise<Item | null> {
  const { Item } = await dynamo.doc.send(
    new GetCommand({ TableName: dynamo.tables.decks, Key: deckKey(userId, deckId), ConsistentRead: true }),
  );
  return Item && Item.deleting === undefined ? Item : null;
}

/** A transaction item that adds `delta` to the deck's card_count, only while the deck is live. */
export const countChange = (dynamo: Dynamo, userId: string, deckId: string, delta: number) => ({
  Update: {
    TableName: dynamo.tables.decks,
    Key: deckKey(userId, deckId),
    UpdateExpression: 'ADD card_count :delta',
    ConditionExpression: LIVE_DECK,
    ExpressionAttributeValues: { ':delta': delta },
  },
});

/** A transaction item that only requires the deck to be live (a completion with no cards still needs it). */
export const deckCheck = (dynamo: Dynamo, userId: string, deckId: string) => ({
  ConditionCheck: { TableName: dynamo.tables.decks, Key: deckKey(userId, deckId), ConditionExpression: LIVE_DECK },
});
