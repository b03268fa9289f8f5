/**
 * Reading partitions. DynamoDB has no OFFSET: skipping n items means reading them. skipThenPage counts them
 * (Select COUNT: the items are read and billed, but not sent) and then fetches the page from that point, so a
 * page costs the read capacity of offset + limit items of ONE partition, never a scan of the table.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Dynamo } from './client.js';

export type Item = Record<string, unknown>;
type StartKey = QueryCommandInput['ExclusiveStartKey'];

/** Every item the query matches, following DynamoDB's 1 MB pages. */
export async function queryAll(dynamo: Dynamo, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: StartKey;
  do {
    const page = await dynamo.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Up to `limit` items after skipping `offset`, in the query's order. */
export async function skipThenPage(dynamo: Dynamo, input: QueryCommandInput, offset: number, limit: number): Promise<Item[]> {
  let start: StartKey;
  for (let skipped = 0; skipped < offset; ) {
    const page = await dynamo.doc.send(new QueryCommand({ ...input, Select: 'COUNT', Limit: offset - skipped, ExclusiveStartKey: start }));
    skipped += page.Count ?? 0;
    start = page.LastEvaluatedKey;
    if (!start) return []; // fewer than offset items: the page is past the end
  }
  const items: Item[] = [];
  while (items.length < limit) {
    const page = await dynamo.doc.send(new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
    if (!start) break;
  }
  return items;
}
