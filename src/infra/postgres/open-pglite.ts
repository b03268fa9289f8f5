import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { lockDataDir } from './data-dir-lock.js';
import type { Connection } from './database.js';

/** The embedded database in `${dataDir}/pgdata`, opened only under the data directory lock. */
export async function openPglite(dataDir: string): Promise<Connection> {
  const lock = await lockDataDir(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(path.join(dataDir, 'pgdata'));
  } catch (error) {
    await lock.release();
    throw error;
  }
  const db = drizzle({ client });
  return {
    db,
    // PGlite is one connection in this process and the lock keeps other processes out: no race to guard.
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    async close() {
      try {
        await client.close();
      } finally {
        await lock.release();
      }
    },
  };
}
