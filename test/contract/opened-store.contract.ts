/**
 * What src/wiring/database.ts's OpenedStore promises on every backend (PGlite, a PostgreSQL server, DynamoDB):
 * it is the kind it says, its probe answers, every repository of the port is there, migrate can run again
 * without losing data, and close is idempotent. Each backend's test file calls describeOpenedStoreContract
 * next to the repository contract; what only one backend has (PGlite's data directory lock, a missing
 * DynamoDB table) stays in that file.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryRepositories } from '../../src/infra/memory/index.js';
import type { OpenedStore } from '../../src/wiring/database.js';
import { newUser } from './suites/fixtures.js';

export interface OpenedStoreUnderTest {
  kind: OpenedStore['kind'];
  /** The file's store, opened and migrated by the file (it also runs the repository contract). */
  store: () => OpenedStore;
  /** A second store of the same backend, which the contract closes (twice). */
  openAnother: () => Promise<OpenedStore>;
  /**
   * Two stores on one fresh, empty database, and how to drop it: both migrating at once must succeed (two
   * instances starting together). Left out where a backend allows one process per database (PGlite).
   */
  openTwinsOnFresh?: () => Promise<{ stores: [OpenedStore, OpenedStore]; drop(): Promise<void> }>;
  /** A store whose database cannot be reached; `reason` is what the probe's message must name after the backend. */
  openUnreachable?: () => Promise<{ store: OpenedStore; reason: RegExp }>;
}

/** The method names of a repository object, whether it is a plain object or a class instance. */
function methodNames(repository: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = repository; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name !== 'constructor' && typeof (repository as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

export function describeOpenedStoreContract(name: string, under: OpenedStoreUnderTest): void {
  describe(`OpenedStore contract: ${name}`, () => {
    it(`is the ${under.kind} kind and answers the probe`, async () => {
      expect(under.store().kind).toBe(under.kind);
      await expect(under.store().probe.check()).resolves.toBeUndefined();
    });

    it('has every repository of the port, each with every method the in-memory reference has', () => {
      // The in-memory repositories are the reference: a repository or method added there and forgotten on a
      // backend fails here, naming it, instead of at the first request that needs it.
      const reference = createMemoryRepositories() as unknown as Record<string, object>;
      const actual = under.store().repositories as unknown as Record<string, object | undefined>;
      expect(Object.keys(actual).sort()).toEqual(Object.keys(reference).sort());
      for (const [key, repository] of Object.entries(reference)) {
        const missing = methodNames(repository).filter(
          (method) => typeof (actual[key] as Record<string, unknown>)?.[method] !== 'function',
        );
        expect(missing, `${key} lacks`).toEqual([]);
      }
    });

    it('migrate can run again, twice, without error or data loss', async () => {
      const user = newUser();
      await under.store().repositories.users.create(user);
      await under.store().migrate();
      await under.store().migrate();
      expect((await under.store().repositories.users.findById(user.id))?.email).toBe(user.email);
    });

    it('close can be called twice', async () => {
      const other = await under.openAnother();
      await other.close();
      await expect(other.close()).resolves.toBeUndefined();
    }, 60_000);

    it.runIf(under.openTwinsOnFresh)(
      'two instances migrating a fresh database at once both succeed, and share the data',
      async () => {
        const { stores, drop } = await under.openTwinsOnFresh!();
        const [a, b] = stores;
        try {
          await Promise.all([a.migrate(), b.migrate()]);
          const user = newUser();
          await a.repositories.users.create(user);
          expect((await b.repositories.users.findById(user.id))?.id).toBe(user.id);
        } finally {
          await Promise.all([a.close(), b.close()]);
          await drop();
        }
      },
      60_000,
    );

    it.runIf(under.openUnreachable)(
      'the probe fails, naming the backend and what is missing, when the database cannot be reached',
      async () => {
        const { store, reason } = await under.openUnreachable!();
        try {
          const error = await store.probe.check().then(
            () => null,
            (e: unknown) => e as Error,
          );
          expect(error?.message).toMatch(new RegExp(`^The ${under.kind} database is unavailable: `));
          expect(error?.message).toMatch(reason);
        } finally {
          await store.close();
          await store.close();
        }
      },
    );
  });
}
