/**
 * The contract on a PostgreSQL server, in a database created for this file, plus what openDatabase
 * promises there: idempotent migrations, safe concurrent migrations, and the probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/infra/postgres/open-database.js';
import { createTestDatabase } from '../support/postgres.js';
import { describeRepositoryContract } from './repositories.contract.js';
import { newUser } from './suites/fixtures.js';

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

  describe('openDatabase with a server', () => {
    it('is the postgres kind and answers the probe', async () => {
      expect(opened().kind).toBe('postgres');
      await expect(opened().probe.check()).resolves.toBeUndefined();
    });

    it('migrate can run again without error or data loss', async () => {
      const user = newUser();
      await opened().repositories.users.create(user);
      await opened().migrate();
      expect((await opened().repositories.users.findById(user.id))?.email).toBe(user.email);
    });

    it('two instances migrating a fresh database at once both succeed', async () => {
      const fresh = (await createTestDatabase())!;
      const [a, b] = [await openAt(fresh.url), await openAt(fresh.url)];
      try {
        await Promise.all([a.migrate(), b.migrate()]);
        const user = newUser();
        await a.repositories.users.create(user);
        expect((await b.repositories.users.findById(user.id))?.id).toBe(user.id);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await fresh.drop();
      }
    });

    it('the probe fails once the database is unreachable', async () => {
      const gone = await openAt(testDatabase!.url.replace(/\/od_test_\w+/, '/od_test_does_not_exist'));
      try {
        await expect(gone.probe.check()).rejects.toThrow(/^The postgres database is unavailable: .*od_test_does_not_exist/);
      } finally {
        await gone.close();
        await gone.close(); // closing twice is harmless
      }
    });
  });
});
