/**
 * Cards live in their deck's partition (DECK#<deck>/CARD#<card>), listed by created_at then id through the
 * by_created index (local, so strongly consistent reads). The port also reaches a card
 * by its id alone: the by_card index (KEYS_ONLY) names its key, then a strongly consistent GetItem reads it. Index
 * reads are eventually consistent, so a card created a moment ago may be "not found" by id for a fraction of
 * a second on AWS (never on DynamoDB Local); lists and counts are always exact.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CardPatch, CardRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { assertCardsBelong } from '../../core/index.js';
import { CARDS_IN_LISTING_ORDER, cardItem, toCard } from './card-items.js';
import { writeCards } from './card-writes.js';
import { countChange, getLiveDeck } from './deck-items.js';
import { cardIndexKey, cardPartition, iso, norm, validIds, type Key } from './keys.js';
import { skipThenPage } from './query.js';
import { TransactionCancelled, isConditionFailed, retryConflicts, transact } from './transact.js';
import { setClause } from './update-expression.js';
import { removeCardStudy } from './study-cleanup.js';

const CARD_PATCH_KEYS: (keyof CardPatch)[] = ['question', 'answer', 'source', 'source_url', 'source_ref', 'quality_flags'];

/** The card's table key from the by_card index, or null. */
export async function locateCard(dynamo: Dynamo, cardId: string): Promise<Key | null> {
  const { Items } = await dynamo.doc.send(
    new QueryCommand({
      TableName: dynamo.tables.flashcards,
      IndexName: 'by_card',
      KeyConditionExpression: 'card_key = :key',
      ExpressionAttributeValues: { ':key': cardIndexKey(cardId) },
    }),
  );
  const found = Items?.[0];
  return found ? { PK: found.PK as string, SK: found.SK as string } : null;
}

const deckIdOf = (key: Key): string => key.PK.slice('DECK#'.length);

export function createDynamoCardRepository(dynamo: Dynamo): CardRepository {
  const table = dynamo.tables.flashcards;
  const owner = { ConditionExpression: 'attribute_exists(PK) AND user_id = :user' };

  return {
    async createMany(userId, deckId, batch) {
      assertCardsBelong(userId, deckId, batch);
      if (!validIds(userId, deckId)) return null;
      if (batch.length === 0) return (await getLiveDeck(dynamo, userId, deckId)) ? [] : null;
      const items = batch.map((card) => cardItem(card));
      const result = await writeCards(dynamo, userId, deckId, items);
      return result === 'written' ? items.map(toCard) : null;
    },
    async get(userId, cardId) {
      if (!validIds(userId, cardId)) return null;
      const key = await locateCard(dynamo, cardId);
      if (!key) return null;
      const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
      return Item && Item.user_id === norm(userId) ? toCard(Item) : null;
    },
    async listByDeck(userId, deckId, page) {
      if (!validIds(userId, deckId)) return null;
      const deck = await getLiveDeck(dynamo, userId, deckId);
      if (!deck) return null;
      // card_count is exact (changed in the same transaction as every card write), so it is the total.
      const query = {
        TableName: table,
        IndexName: CARDS_IN_LISTING_ORDER,
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': cardPartition(deckId) },
        ConsistentRead: true,
      };
      const items = await skipThenPage(dynamo, query, page.offset, page.limit);
      return { items: items.map(toCard), total: deck.card_count as number, limit: page.limit, offset: page.offset };
    },
    async update(userId, cardId, patch, now) {
      if (!validIds(userId, cardId)) return null;
      const key = await locateCard(dynamo, cardId);
      if (!key) return null;
      const set = setClause(patch, CARD_PATCH_KEYS, { updated_at: iso(now) });
      try {
        const { Attributes } = await retryConflicts(() =>
          dynamo.doc.send(
            new UpdateCommand({
              TableName: table,
              Key: key,
              ...set,
              ...owner,
              ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':user': norm(userId) },
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        return toCard(Attributes!);
      } catch (error) {
        if (isConditionFailed(error)) return null;
        throw error;
      }
    },
    async delete(userId, cardId) {
      if (!validIds(userId, cardId)) return false;
      const key = await locateCard(dynamo, cardId);
      if (!key) return false;
      try {
        // The card and the count in one transaction; of two concurrent deletes only one finds the card.
        await transact(dynamo, [
          { Delete: { TableName: table, Key: key, ...owner, ExpressionAttributeValues: { ':user': norm(userId) } } },
          countChange(dynamo, userId, deckIdOf(key), -1),
        ]);
        await removeCardStudy(dynamo, userId, deckIdOf(key), cardId);
        return true;
      } catch (error) {
        if (error instanceof TransactionCancelled) return false;
        throw error;
      }
    },
  };
}
