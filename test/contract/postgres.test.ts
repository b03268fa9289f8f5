/**
 * The repository and OpenedStore contracts on a PostgreSQL server, in a database created for this file
 * (the OpenedStore contract's concurrent migrations get a fresh one of their own).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/infra/postgres/open-database.js';
import { createTestDatabase } from '../support/postgres.js';
import { describeOpenedStoreContract } from './opened-store.contract.js';
import { describeRepositoryContract } from './repositories.contract.js';

const testDatabase = await createTestDatabase();
const openAt = (url: string) => openDatabase({ backend: 'postgres', url, poolMax: 4 });

describe.skipIf(!testDatabase)('PostgreSQL', () => {
  let db: OpenedDatabase | undefined;
  const opened = (): OpenedDatabase => {
    if (!db) throw new Error('The PostgreSQL database is not open.');
    return db;
  };

  beforeAll(async () => {
    db = await openAt(testDatabase!.url);
    await db.migrate();
  });

  afterAll(async () => {
    await db?.close();
    await testDatabase?.drop();
  });

  describeRepositoryContract('PostgreSQL', async () => ({ repositories: opened().repositories, cleanup: async () => {} }));

  describeOpenedStoreContract('PostgreSQL', {
    kind: 'postgres',
    store: opened,
    openAnother: () => openAt(testDatabase!.url),
    openTwinsOnFresh: async () => {
      const fresh = (await createTestDatabase())!;
      return { stores: [await openAt(fresh.url), await openAt(fresh.url)], drop: () => fresh.drop() };
    },
    openUnreachable: async () => ({
      store: await openAt(testDatabase!.url.replace(/\/od_test_\w+/, '/od_test_does_not_exist')),
      reason: /od_test_does_not_exist/,
    }),
  });
});
