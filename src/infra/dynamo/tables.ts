/**
 * The four tables, as CreateTable inputs. In AWS, Terraform creates them (infra/terraform must match this file:
 * keys, indexes, TTL); `migrate` creates them only against a local emulator. Every table has a string partition
 * key `PK` and sort key `SK`, and is billed on demand. The specification's items keep its key shapes exactly:
 * USER#<id>/USER#<id>, USER#<id>/DECK#<id>, DECK#<id>/CARD#<id>, USER#<id>/DOC#<id>; what else a table holds
 * sits beside them under other prefixes.
 *
 * users       USER#<id>/USER#<id> (the user), USER#<id>/SESSION#<id>, EMAIL#<email>/EMAIL, REFRESH#<jti>/REFRESH,
 *             IDENTITY#<issuer>/SUBJECT#<sub>, USER#<id>/NOTIF#<id> (notifications, time-ordered ids),
 *             USER#<id>/COUNT#UNREAD_NOTIFICATIONS, USER#<id>/NOTIFKEY#<key> (see notification-items.ts).
 *             TTL attribute `expires_ttl` (sessions, refresh tokens, read notifications).
 * decks       USER#<id>/DECK#<id>.
 * flashcards  DECK#<id>/CARD#<id>. LSI by_created (PK, created_key = <created_at>#<id>; ALL): a deck's cards in
 *             the list's order, strongly consistent. GSI by_card (card_key = CARD#<id>, KEYS_ONLY): a card by id alone.
 *             Study items (study-items.ts): STUDY#<user>#DECK#<deck>/CARD#<card> (FSRS state), REVLOG#<user>#CARD#<card>/
 *             V#<version> (review log), IDEM#<user>#<key>/IDEM, STUDYSETTINGS#<user>/SETTINGS, STUDYSESSIONS#<user>/...
 *             GSIs by_due (due_scope, due_key) and by_user_due (user_scope, due_key): sparse, only non-new states,
 *             so the due queue is one range query. GSIs log_by_deck (log_deck, log_key) and log_by_user (log_user,
 *             log_key): the review log in time order.
 * documents   USER#<id>/DOC#<id>, USER#<id>/COUNT#DOCUMENTS, DECK#<id>/DOC#<id> (deck links),
 *             USAGE#<id>/<recorded_at>#<doc>#<uuid> (token ledger), CACHE#<id>#<sha256>/CACHE (generation cache).
 *             LSI by_created (PK, created_key; ALL): the list, newest first, strongly consistent.
 *             GSI unfinished (unfinished, created_key; KEYS_ONLY): sparse, only pending/processing documents.
 *             Its one partition value takes a few writes per generation run: far below a partition's limits.
 * A card's key is its deck and id, so a card written twice is refused by its key (attribute_not_exists).
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
import { STUDY_INDEX_ATTRIBUTES, STUDY_INDEXES } from './study-indexes.js';

const S = 'S' as const;
const keys = {
  KeySchema: [
    { AttributeName: 'PK', KeyType: 'HASH' as const },
    { AttributeName: 'SK', KeyType: 'RANGE' as const },
  ],
};
const attr = (...names: string[]) => names.map((AttributeName) => ({ AttributeName, AttributeType: S }));
/** A partition's items in time order (cards of a deck, documents of a user), read strongly consistent. */
const byCreated = {
  IndexName: 'by_created',
  KeySchema: [
    { AttributeName: 'PK', KeyType: 'HASH' as const },
    { AttributeName: 'created_key', KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'ALL' as const },
};

export function tableDefinitions(tables: DynamoTables): Record<keyof DynamoTables, CreateTableCommandInput> {
  const base = (TableName: string) => ({ TableName, BillingMode: 'PAY_PER_REQUEST' as const, ...keys });
  return {
    users: { ...base(tables.users), AttributeDefinitions: attr('PK', 'SK') },
    decks: { ...base(tables.decks), AttributeDefinitions: attr('PK', 'SK') },
    flashcards: {
      ...base(tables.flashcards),
      AttributeDefinitions: attr('PK', 'SK', 'card_key', 'created_key', ...STUDY_INDEX_ATTRIBUTES),
      LocalSecondaryIndexes: [byCreated],
      GlobalSecondaryIndexes: [
        { IndexName: 'by_card', KeySchema: [{ AttributeName: 'card_key', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        ...STUDY_INDEXES,
      ],
    },
    documents: {
      ...base(tables.documents),
      AttributeDefinitions: attr('PK', 'SK', 'created_key', 'unfinished'),
      LocalSecondaryIndexes: [byCreated],
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

/** What to do with a table whose keys are not PK/SK (made before the specification's key names were adopted). */
export const OLD_LAYOUT_HINT =
  'Its keys are not PK/SK: it was created by an earlier OpenDeck. Create new tables (other table names, or delete these ones); see the README, "AWS data layer".';

/** Whether the table exists; one keyed otherwise than `expected` is refused rather than used. */
async function exists(dynamo: Dynamo, name: string, expected: CreateTableCommandInput['KeySchema']): Promise<boolean> {
  try {
    const { Table } = await dynamo.raw.send(new DescribeTableCommand({ TableName: name }));
    const keyOf = (schema: typeof expected) => JSON.stringify(schema?.map((k) => [k.AttributeName, k.KeyType]));
    if (keyOf(Table?.KeySchema) !== keyOf(expected)) throw new Error(`DynamoDB table ${name}: ${OLD_LAYOUT_HINT}`);
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
      if (await exists(dynamo, input.TableName!, input.KeySchema)) return;
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
