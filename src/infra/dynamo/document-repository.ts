/**
 * Documents live under their user (USER#<id> / DOC#<id>), so every read and write names the owner. The list
 * walks the by_created local index (strongly consistent, newest first) and takes its total from a per-user
 * counter changed in the same transaction as every create and delete.
 */
import { BatchGetCommand, GetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { isUuid, type DocumentRepository } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { createDocumentQueries } from './document-queries.js';
import { completeDocument } from './document-completion.js';
import { documentItem, toDocument } from './document-items.js';
import { createDocumentStatusMethods } from './document-status.js';
import { deckDocumentKey, documentCounterKey, documentKey, documentPartition, norm, validIds } from './keys.js';
import { skipThenPage, type Item } from './query.js';
import { TransactionCancelled, transact } from './transact.js';

const createdOf = (item: Item): string => item.created_key as string;
const newestFirst = (a: Item, b: Item): number => (createdOf(a) < createdOf(b) ? 1 : createdOf(a) > createdOf(b) ? -1 : 0);

export function createDynamoDocumentRepository(dynamo: Dynamo): DocumentRepository {
  const table = dynamo.tables.documents;
  const counter = (userId: string, delta: number) => ({
    Update: {
      TableName: table,
      Key: documentCounterKey(userId),
      UpdateExpression: 'ADD documents :delta',
      ExpressionAttributeValues: { ':delta': delta },
    },
  });
  const read = async (userId: string, documentId: string) =>
    (await dynamo.doc.send(new GetCommand({ TableName: table, Key: documentKey(userId, documentId), ConsistentRead: true }))).Item ?? null;

  return {
    async create(doc) {
      const item = documentItem(doc);
      await transact(dynamo, [
        { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
        counter(doc.user_id, 1),
      ]);
      return toDocument(item);
    },
    async get(userId, documentId) {
      if (!validIds(userId, documentId)) return null;
      const item = await read(userId, documentId);
      return item ? toDocument(item) : null;
    },
    async getMany(userId, documentIds) {
      const ids = [...new Set(documentIds.filter(isUuid).map(norm))];
      if (!isUuid(userId) || ids.length === 0) return [];
      const found: Item[] = [];
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((id) => documentKey(userId, id));
        while (keys?.length) {
          const result: BatchGetCommandOutput = await dynamo.doc.send(
            new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
          );
          found.push(...((result.Responses?.[table] ?? []) as Item[]));
          keys = result.UnprocessedKeys?.[table]?.Keys;
        }
      }
      return found.sort(newestFirst).map(toDocument);
    },
    async list(userId, page) {
      if (!isUuid(userId)) return { items: [], total: 0, ...page };
      const query = {
        TableName: table,
        IndexName: 'by_created',
        KeyConditionExpression: 'PK = :PK',
        ExpressionAttributeValues: { ':PK': documentPartition(userId) },
        ScanIndexForward: false,
        ConsistentRead: true,
      };
      const [items, count] = await Promise.all([
        skipThenPage(dynamo, query, page.offset, page.limit),
        dynamo.doc.send(new GetCommand({ TableName: table, Key: documentCounterKey(userId), ConsistentRead: true })),
      ]);
      return {
        items: items.map(toDocument),
        total: (count.Item?.documents as number | undefined) ?? 0,
        limit: page.limit,
        offset: page.offset,
      };
    },
    ...createDocumentStatusMethods(dynamo),
    complete: completeDocument(dynamo),
    async delete(userId, documentId) {
      if (!validIds(userId, documentId)) return null;
      // Read, then delete only if unchanged since (updated_at), so the row returned is the row deleted.
      for (let attempt = 0; attempt < 5; attempt++) {
        const item = await read(userId, documentId);
        if (!item) return null;
        try {
          await transact(dynamo, [
            {
              Delete: {
                TableName: table,
                Key: documentKey(userId, documentId),
                ConditionExpression: 'updated_at = :seen AND #status = :status AND #progress = :progress',
                ExpressionAttributeNames: { '#status': 'status', '#progress': 'progress' },
                ExpressionAttributeValues: { ':seen': item.updated_at, ':status': item.status, ':progress': item.progress },
              },
            },
            counter(userId, -1),
            ...(item.deck_id ? [{ Delete: { TableName: table, Key: deckDocumentKey(item.deck_id as string, documentId) } }] : []),
          ]);
          return toDocument(item);
        } catch (error) {
          if (!(error instanceof TransactionCancelled) || !error.failed(0)) throw error;
        }
      }
      return null;
    },
    ...createDocumentQueries(dynamo),
  };
}
