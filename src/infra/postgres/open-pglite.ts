import { existsSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { lockDataDir } from './data-dir-lock.js';
import type { Connection } from './database.js';
import { analyzeChangedTables } from './pglite-analyze.js';
import { pgliteTemplate } from './pglite-template.js';

/**
 * PostgreSQL's 128 MB of shared buffers are WASM memory PGlite never gives back: 16 MB cut the server's RSS by
 * ~60 MB. Pages not in them are still read from the OS page cache (the data directory is ordinary files).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** How often tables changed enough since their last ANALYZE are analysed again (PGlite has no autovacuum). */
const ANALYZE_EVERY_MS = 5 * 60_000;

/**
 * The embedded database in `${dataDir}/pgdata`, opened only under the data directory lock. A new data
 * directory is unpacked from the pre-initialised template (pglite-template.ts) instead of running initdb.
 */
export async function openPglite(dataDir: string, migrationsFolder: string): Promise<Connection> {
  const lock = await lockDataDir(dataDir);
  const pgdata = path.join(dataDir, 'pgdata');
  let client: PGlite;
  try {
    const fresh = !existsSync(path.join(pgdata, 'PG_VERSION'));
    const loadDataDir = fresh ? (await pgliteTemplate(migrationsFolder)).data : undefined;
    client = await PGlite.create(pgdata, { loadDataDir, startParams: START_PARAMS });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const db = drizzle({ client });
  // Nothing else gathers planner statistics here: without them the study queue was ~10x slower.
  const analyze = setInterval(() => void analyzeChangedTables(client).catch(() => {}), ANALYZE_EVERY_MS);
  analyze.unref();
  return {
    db,
    // PGlite is one connection in this process and the lock keeps other processes out: no race to guard.
    async migrate(folder) {
      await migrate(db, { migrationsFolder: folder });
      await analyzeChangedTables(client);
    },
    async close() {
      clearInterval(analyze);
      try {
        await client.close();
      } finally {
        await lock.release();
      }
    },
  };
}
