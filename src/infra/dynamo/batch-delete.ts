/** Deleting many items: BatchWriteItem, 25 keys a request, resending what DynamoDB left unprocessed. */
import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Dynamo } from './client.js';
import type { Key } from './keys.js';
import type { Item } from './query.js';

export async function deleteKeys(dynamo: Dynamo, table: string, keys: Key[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let request: BatchWriteCommandInput['RequestItems'] = {
      [table]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })),
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const result: BatchWriteCommandOutput = await dynamo.doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = result.UnprocessedItems;
    }
  }
}

/** The key of an item read with at least `PK, SK` projected. */
export const keyOf = (item: Item): Key => ({ PK: item.PK as string, SK: item.SK as string });
