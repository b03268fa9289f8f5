/**
 * The repository and OpenedStore contracts on the embedded database, plus what only PGlite has: the data
 * directory lock against other processes, and data surviving a close and reopen.
 * Creating a PGlite database costs seconds and hundreds of MB, so the whole file shares one (and the
 * OpenedStore contract's second store, which it only opens and closes).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/infra/postgres/open-database.js';
import { describeOpenedStoreContract } from './opened-store.contract.js';
import { describeRepositoryContract } from './repositories.contract.js';
import { runScript } from './helpers/run-script.js';
import { newUser } from './suites/fixtures.js';

let dataDir: string;
let db: OpenedDatabase | undefined;
const open = () => openDatabase({ backend: 'pglite', dataDir });
const opened = (): OpenedDatabase => {
  if (!db) throw new Error('The PGlite database is not open.');
  return db;
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'opendeck-pglite-'));
  db = await open();
  await db.migrate();
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describeRepositoryContract('PGlite', async () => ({ repositories: opened().repositories, cleanup: async () => {} }));

describeOpenedStoreContract('PGlite', {
  kind: 'pglite',
  store: opened,
  openAnother: async () => {
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'opendeck-pglite-other-'));
    const other = await openDatabase({ backend: 'pglite', dataDir: otherDir });
    const close = async () => {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    };
    return { kind: other.kind, repositories: other.repositories, probe: other.probe, migrate: () => other.migrate(), close };
  },
});

describe('openDatabase with PGlite', () => {
  it('refuses a second open of the same data directory in this process', async () => {
    await expect(open()).rejects.toThrow(`The data directory ${dataDir} is already open in this process (pid ${process.pid})`);
  });

  it('refuses a second OpenDeck process on the same data directory, naming this one', async () => {
    const result = await runScript('./try-open-database.ts', [dataDir]);
    expect(result.stdout.trim()).toBe(
      `The data directory ${dataDir} is already in use by another OpenDeck process (pid ${process.pid}). ` +
        'Stop it, or set DATA_DIR to another folder.',
    );
    expect(result.code).toBe(1);
  });

  it('reopens after close with the data kept, and then lets another process in after closing', async () => {
    const user = newUser();
    await opened().repositories.users.create(user);
    await opened().close();
    db = undefined;
    db = await open();
    await db.migrate();
    expect((await db.repositories.users.findById(user.id))?.email).toBe(user.email);
    await db.close();
    db = undefined;
    const other = await runScript('./try-open-database.ts', [dataDir], 60_000);
    expect(other).toMatchObject({ code: 0, stdout: 'opened\n' });
  }, 90_000);
});
