/**
 * Earlier generation results per user, so the same file with the same options costs no second model call.
 * One item per (user, key): the key is hashed into the partition key (keys are long JSON strings; a key may
 * hold at most 2 KB) and kept verbatim to rule out a collision. The value is gzipped JSON in a binary attribute:
 * a 1000-card result is several hundred KB of text, and an item may hold at most 400 KB. A value still too large
 * after compression is not cached (the next identical run calls the model again) rather than failing the job.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isUuid, type CachedGeneration, type GenerationCache } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { cacheKey } from './keys.js';

const MAX_VALUE_BYTES = 380_000;
const hash = (key: string): string => createHash('sha256').update(key).digest('hex');

export function createDynamoGenerationCache(dynamo: Dynamo): GenerationCache {
  const table = dynamo.tables.documents;
  return {
    async get(userId, key) {
      if (!isUuid(userId)) return null;
      const { Item } = await dynamo.doc.send(new GetCommand({ TableName: table, Key: cacheKey(userId, hash(key)), ConsistentRead: true }));
      if (!Item || Item.key !== key) return null;
      // Parsed afresh on every read, so the caller gets its own copy.
      return JSON.parse(gunzipSync(Item.value as Uint8Array).toString('utf8')) as CachedGeneration;
    },
    async put(userId, key, value) {
      if (!isUuid(userId)) return;
      const packed = gzipSync(JSON.stringify(value));
      if (packed.byteLength > MAX_VALUE_BYTES) return;
      // A plain put: two jobs finishing the same generation at once both succeed, and the later one wins.
      await dynamo.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...cacheKey(userId, hash(key)), key, value: packed, created_at: new Date().toISOString() },
        }),
      );
    },
  };
}
