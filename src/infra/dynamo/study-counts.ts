/** Whole-deck study reads on DynamoDB (statistics, new-card counts): one Query per deck partition, never a scan. */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CardStudyState } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { getLiveDeck } from './deck-items.js';
import { queryAll } from './query.js';
import { statePartition, toState } from './study-items.js';
import { userDeckIds } from './study-reads.js';

const deckIds = async (dynamo: Dynamo, userId: string, deckId: string | null) => (deckId === null ? userDeckIds(dynamo, userId) : [deckId]);

export async function statesOf(dynamo: Dynamo, userId: string, deckId: string | null): Promise<CardStudyState[]> {
  const perDeck = await Promise.all(
    (await deckIds(dynamo, userId, deckId)).map((id) =>
      queryAll(dynamo, {
        TableName: dynamo.tables.flashcards,
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': statePartition(userId, id) },
        ConsistentRead: true,
      }),
    ),
  );
  return perDeck.flat().map(toState);
}

/** Counted, not fetched: Select COUNT still reads (and bills) the items, but sends none back. */
async function countStudied(dynamo: Dynamo, userId: string, deckId: string): Promise<number> {
  let total = 0;
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await dynamo.doc.send(
      new QueryCommand({
        TableName: dynamo.tables.flashcards,
        KeyConditionExpression: 'PK = :PK',
        FilterExpression: '#state <> :new',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':PK': statePartition(userId, deckId), ':new': 'new' },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    total += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return total;
}

/** New = the deck's exact card_count minus the cards with a non-new state. */
export async function countNewCards(dynamo: Dynamo, userId: string, deckId: string | null): Promise<number> {
  const counts = await Promise.all(
    (await deckIds(dynamo, userId, deckId)).map(async (id) => {
      const deck = await getLiveDeck(dynamo, userId, id);
      if (!deck) return 0;
      return Math.max(0, (deck.card_count as number) - (await countStudied(dynamo, userId, id)));
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
