import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeckPatch, DeckRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { deleteDeck } from './deck-delete.js';
import { LIVE_DECK, deckItem, getLiveDeck, toDeck } from './deck-items.js';
import { listDecks } from './deck-list.js';
import { deckKey, iso, validIds } from './keys.js';
import { isConditionFailed, retryConflicts } from './transact.js';
import { setClause } from './update-expression.js';

const DECK_PATCH_KEYS: (keyof DeckPatch)[] = ['title', 'description', 'category', 'difficulty'];

export function createDynamoDeckRepository(dynamo: Dynamo): DeckRepository {
  return {
    async create(deck) {
      const item = deckItem(deck);
      await dynamo.doc.send(
        new PutCommand({ TableName: dynamo.tables.decks, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return toDeck(item);
    },
    async get(userId, deckId) {
      if (!validIds(userId, deckId)) return null;
      const item = await getLiveDeck(dynamo, userId, deckId);
      return item ? toDeck(item) : null;
    },
    async list(userId, query) {
      if (!validIds(userId)) return { items: [], total: 0, limit: query.limit, offset: query.offset };
      return listDecks(dynamo, userId, query);
    },
    async update(userId, deckId, patch, now) {
      if (!validIds(userId, deckId)) return null;
      const set = setClause(patch, DECK_PATCH_KEYS, { updated_at: iso(now) });
      try {
        const { Attributes } = await retryConflicts(() =>
          dynamo.doc.send(
            new UpdateCommand({
              TableName: dynamo.tables.decks,
              Key: deckKey(userId, deckId),
              ...set,
              ConditionExpression: LIVE_DECK,
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        return toDeck(Attributes!);
      } catch (error) {
        if (isConditionFailed(error)) return null;
        throw error;
      }
    },
    async delete(userId, deckId) {
      if (!validIds(userId, deckId)) return false;
      return deleteDeck(dynamo, userId, deckId);
    },
  };
}
