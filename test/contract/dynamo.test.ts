/**
 * The repository and OpenedStore contracts on DynamoDB Local (AWS's own emulator), started for this file
 * (migrate creates the tables once, also from two instances at once; the probe names a missing table), plus
 * what only the DynamoDB layer has to prove: the non-atomic paths (a completion larger than one transaction,
 * a deck deletion) end exactly as the contract says, and the wiring.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openDynamo, type OpenedDynamo } from '../../src/infra/dynamo/open-dynamo.js';
import { startDynamoDbLocal } from '../support/dynamodb-local.js';
import { describeDynamoKeyShapes } from './dynamo-key-shapes.js';
import { describeDynamoLargeWrites } from './dynamo-large-writes.js';
import { describeDynamoWiring } from './dynamo-wiring.js';
import { describeOpenedStoreContract } from './opened-store.contract.js';
import { describeRepositoryContract } from './repositories.contract.js';

const local = await startDynamoDbLocal();
const tables = { users: 'od-users', decks: 'od-decks', flashcards: 'od-flashcards', documents: 'od-documents' };
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const openAt = (endpoint: string, names = tables) => openDynamo({ region: 'us-east-1', endpoint, tables: names, credentials });

describe.skipIf(!local)('DynamoDB', () => {
  let db: OpenedDynamo | undefined;
  const opened = (): OpenedDynamo => {
    if (!db) throw new Error('DynamoDB Local is not open.');
    return db;
  };

  beforeAll(async () => {
    db = openAt(local!.endpoint);
    await db.migrate();
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await local?.stop();
  });

  describeRepositoryContract('DynamoDB', async () => ({ repositories: opened().repositories, cleanup: async () => {} }));
  describeDynamoLargeWrites(
    () => opened().repositories,
    () => local!.endpoint,
  );
  describeDynamoWiring(() => local!.endpoint);
  describeDynamoKeyShapes(
    () => opened().repositories,
    () => local!.endpoint,
    tables,
  );

  let fresh = 0;
  const freshTables = () => {
    fresh += 1;
    return { users: `od${fresh}-users`, decks: `od${fresh}-decks`, flashcards: `od${fresh}-flashcards`, documents: `od${fresh}-documents` };
  };
  describeOpenedStoreContract('DynamoDB', {
    kind: 'dynamo',
    store: opened,
    openAnother: async () => openAt(local!.endpoint),
    // A table set of its own is DynamoDB's fresh database; the emulator is dropped with the file.
    openTwinsOnFresh: async () => {
      const names = freshTables();
      return { stores: [openAt(local!.endpoint, names), openAt(local!.endpoint, names)], drop: async () => {} };
    },
    openUnreachable: async () => ({
      store: openAt(local!.endpoint, { ...tables, decks: 'od-missing-decks' }),
      reason: /table od-missing-decks: /,
    }),
  });
});
