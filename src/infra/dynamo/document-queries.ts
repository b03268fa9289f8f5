/** The reads around generation: recovery at start, the token budget, the near-duplicate check. */
import { BatchGetCommand, QueryCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { DocumentRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { getLiveDeck } from './deck-items.js';
import { toDocument, UNFINISHED_STATUSES } from './document-items.js';
import { CARDS_IN_LISTING_ORDER } from './card-items.js';
import { UNFINISHED, cardPartition, iso, usagePartition, validIds, type Key } from './keys.js';
import { queryAll, type Item } from './query.js';

type QueryMethods = Pick<DocumentRepository, 'listUnfinished' | 'tokensUsedSince' | 'deckQuestions'>;

export function createDocumentQueries(dynamo: Dynamo): QueryMethods {
  const table = dynamo.tables.documents;

  /** The items behind index keys, strongly consistent, in the keys' order. */
  async function fetchInOrder(keys: Key[]): Promise<Item[]> {
    const byKey = new Map<string, Item>();
    let pending: Record<string, unknown>[] | undefined = keys;
    while (pending?.length) {
      const result: BatchGetCommandOutput = await dynamo.doc.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of (result.Responses?.[table] ?? []) as Item[]) byKey.set(`${item.PK as string}|${item.SK as string}`, item);
      pending = result.UnprocessedKeys?.[table]?.Keys;
    }
    return keys.map((k) => byKey.get(`${k.PK}|${k.SK}`)).filter((i): i is Item => i !== undefined);
  }

  return {
    async listUnfinished(limit) {
      const wanted = Math.max(0, Math.floor(limit));
      const found: Item[] = [];
      // The sparse `unfinished` index holds only pending and processing documents, oldest first: recovery never
      // scans the table. Index reads lag writes slightly, so each document is re-read and re-checked.
      let start: Record<string, unknown> | undefined;
      while (found.length < wanted) {
        const page = await dynamo.doc.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'unfinished',
            KeyConditionExpression: 'unfinished = :u',
            ExpressionAttributeValues: { ':u': UNFINISHED },
            Limit: Math.min(100, wanted - found.length),
            ExclusiveStartKey: start,
          }),
        );
        const keys = (page.Items ?? []).map((i) => ({ PK: i.PK as string, SK: i.SK as string }));
        const items = await fetchInOrder(keys);
        found.push(...items.filter((i) => UNFINISHED_STATUSES.includes(i.status as never)));
        start = page.LastEvaluatedKey;
        if (!start) break;
      }
      return found.slice(0, wanted).map(toDocument);
    },
    async tokensUsedSince(userId, since) {
      if (!validIds(userId)) return 0;
      // The ledger's sort key starts with the instant, so "since" is a key range of this user's entries only.
      const entries = await queryAll(dynamo, {
        TableName: table,
        KeyConditionExpression: 'PK = :PK AND SK >= :since',
        ExpressionAttributeValues: { ':PK': usagePartition(userId), ':since': iso(since) },
        ProjectionExpression: 'input_tokens, output_tokens',
        ConsistentRead: true,
      });
      return entries.reduce((sum, e) => sum + (e.input_tokens as number) + (e.output_tokens as number), 0);
    },
    async deckQuestions(userId, deckId) {
      if (!validIds(userId, deckId)) return [];
      if (!(await getLiveDeck(dynamo, userId, deckId))) return [];
      const cards = await queryAll(dynamo, {
        TableName: dynamo.tables.flashcards,
        IndexName: CARDS_IN_LISTING_ORDER,
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': cardPartition(deckId) },
        ProjectionExpression: 'question',
        ConsistentRead: true,
      });
      return cards.map((c) => c.question as string);
    },
  };
}
