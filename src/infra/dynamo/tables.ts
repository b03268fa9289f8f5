/**
 * The four tables, as CreateTable inputs. In AWS, Terraform creates them (infra/terraform must match this file:
 * keys, indexes, TTL); `migrate` creates them only against a local emulator. Every table has a string partition
 * key `pk` and sort key `sk`, and is billed on demand.
 *
 * users       USER#<id>/PROFILE, USER#<id>/SESSION#<id>, EMAIL#<email>/EMAIL, REFRESH#<jti>/REFRESH,
 *             IDENTITY#<issuer>/SUBJECT#<sub>. TTL attribute `expires_ttl` (sessions, refresh tokens).
 * decks       USER#<id>/DECK#<id>.
 * flashcards  DECK#<id>/CARD#<created_at>#<id>. GSI by_card (card_key = CARD#<id>, KEYS_ONLY): a card by id alone.
 * documents   USER#<id>/DOC#<id>, USER#<id>/COUNT#DOCUMENTS, DECK#<id>/DOC#<id> (deck links),
 *             USAGE#<id>/<recorded_at>#<doc>#<uuid> (token ledger), CACHE#<id>#<sha256>/CACHE (generation cache).
 *             LSI by_created (pk, created_key; ALL): the list, newest first, strongly consistent.
 *             GSI unfinished (unfinished, created_key; KEYS_ONLY): sparse, only pending/processing documents.
 *             Its one partition value takes a few writes per generation run: far below a partition's limits.
 * Card ids are unique by their UUIDs, not by a key: the table key holds created_at too, so only a repeated
 * (created_at, id) pair is refused.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Dynamo, DynamoTables } from './client.js';

const S = 'S' as const;
const keys = {
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ],
};
const attr = (...names: string[]) => names.map((AttributeName) => ({ AttributeName, AttributeType: S }));

export function tableDefinitions(tables: DynamoTables): Record<keyof DynamoTables, CreateTableCommandInput> {
  const base = (TableName: string) => ({ TableName, BillingMode: 'PAY_PER_REQUEST' as const, ...keys });
  return {
    users: { ...base(tables.users), AttributeDefinitions: attr('pk', 'sk') },
    decks: { ...base(tables.decks), AttributeDefinitions: attr('pk', 'sk') },
    flashcards: {
      ...base(tables.flashcards),
      AttributeDefinitions: attr('pk', 'sk', 'card_key'),
      GlobalSecondaryIndexes: [
        { IndexName: 'by_card', KeySchema: [{ AttributeName: 'card_key', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
    },
    documents: {
      ...base(tables.documents),
      AttributeDefinitions: attr('pk', 'sk', 'created_key', 'unfinished'),
      LocalSecondaryIndexes: [
        {
          IndexName: 'by_created',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'created_key', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'unfinished',
          KeySchema: [
            { AttributeName: 'unfinished', KeyType: 'HASH' },
            { AttributeName: 'created_key', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    },
  };
}

/** The users table's TTL attribute: expired sessions and refresh tokens are deleted by DynamoDB. */
export const TTL_ATTRIBUTE = 'expires_ttl';

async function exists(dynamo: Dynamo, name: string): Promise<boolean> {
  try {
    await dynamo.raw.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return false;
    throw error;
  }
}

async function enableTtl(dynamo: Dynamo, table: string): Promise<void> {
  try {
    await dynamo.raw.send(
      new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: TTL_ATTRIBUTE } }),
    );
  } catch (error) {
    // The process that raced us to create the table enabled it first.
    if (!/already enabled/i.test((error as Error).message)) throw error;
  }
}

/** Creates each missing table (and the users table's TTL) and waits until it is active; existing ones are left alone. */
export async function ensureTables(dynamo: Dynamo): Promise<void> {
  const definitions = tableDefinitions(dynamo.tables);
  await Promise.all(
    Object.entries(definitions).map(async ([kind, input]) => {
      if (await exists(dynamo, input.TableName!)) return;
      try {
        await dynamo.raw.send(new CreateTableCommand(input));
      } catch (error) {
        // Another process created it first (two test workers, two instances starting).
        if ((error as Error).name !== 'ResourceInUseException') throw error;
      }
      await waitUntilTableExists({ client: dynamo.raw, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: input.TableName! });
      if (kind === 'users') await enableTtl(dynamo, input.TableName!);
    }),
  );
}
