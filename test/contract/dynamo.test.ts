/**
 * The repository contract on DynamoDB Local (AWS's own emulator), started for this file, plus what only the
 * DynamoDB layer has to prove: migrate creates the tables once, the probe names a missing table, and the
 * non-atomic paths (a completion larger than one transaction, a deck deletion) end exactly as the contract says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDynamo, type OpenedDynamo } from '../../src/infra/dynamo/open-dynamo.js';
import { startDynamoDbLocal } from '../support/dynamodb-local.js';
import { describeDynamoLargeWrites } from './dynamo-large-writes.js';
import { describeDynamoWiring } from './dynamo-wiring.js';
import { describeRepositoryContract } from './repositories.contract.js';
import { newUser } from './suites/fixtures.js';

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

  describe('openDynamo', () => {
    it('is the dynamo kind and answers the probe', async () => {
      expect(opened().kind).toBe('dynamo');
      await expect(opened().probe.check()).resolves.toBeUndefined();
    });

    it('migrate can run again without error or data loss', async () => {
      const user = newUser();
      await opened().repositories.users.create(user);
      await opened().migrate();
      expect((await opened().repositories.users.findById(user.id))?.email).toBe(user.email);
    });

    it('two instances migrating fresh tables at once both succeed', async () => {
      const fresh = { users: 'od2-users', decks: 'od2-decks', flashcards: 'od2-flashcards', documents: 'od2-documents' };
      const [a, b] = [openAt(local!.endpoint, fresh), openAt(local!.endpoint, fresh)];
      try {
        await Promise.all([a.migrate(), b.migrate()]);
        const user = newUser();
        await a.repositories.users.create(user);
        expect((await b.repositories.users.findById(user.id))?.id).toBe(user.id);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    }, 60_000);

    it('the probe names a table that does not exist, and closing twice is harmless', async () => {
      const missing = openAt(local!.endpoint, { ...tables, decks: 'od-missing-decks' });
      try {
        await expect(missing.probe.check()).rejects.toThrow(/^The dynamo database is unavailable: table od-missing-decks: /);
      } finally {
        await missing.close();
        await missing.close();
      }
    });
  });
});
