/** An UpdateItem that only applies when its condition holds; "it did not hold" is an answer, not an error. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Dynamo } from './client.js';
import type { Key } from './keys.js';
import type { Item } from './query.js';
import { isConditionFailed, retryConflicts } from './transact.js';
import { setFields } from './update-expression.js';

export interface ConditionalUpdate {
  table: string;
  key: Key;
  set: Record<string, unknown>;
  /** Attribute names to REMOVE (e.g. the sparse index key of a finished document). */
  remove?: string[];
  condition: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** The updated item, or null when the condition failed. */
export async function updateIf(dynamo: Dynamo, update: ConditionalUpdate): Promise<Item | null> {
  const parts = setFields(update.set);
  const remove = update.remove?.length ? ` REMOVE ${update.remove.join(', ')}` : '';
  try {
    const { Attributes } = await retryConflicts(() =>
      dynamo.doc.send(
        new UpdateCommand({
          TableName: update.table,
          Key: update.key,
          UpdateExpression: parts.UpdateExpression + remove,
          ConditionExpression: update.condition,
          ExpressionAttributeNames: { ...parts.ExpressionAttributeNames, ...update.names },
          ExpressionAttributeValues: { ...parts.ExpressionAttributeValues, ...update.values },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return Attributes ?? null;
  } catch (error) {
    if (isConditionFailed(error)) return null;
    throw error;
  }
}
