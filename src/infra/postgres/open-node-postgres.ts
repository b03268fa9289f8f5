import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Connection } from './database.js';

/** Any fixed number: it names the advisory lock that serialises migrations across app instances. */
const MIGRATION_LOCK_KEY = 7_411_302_951;

/** A PostgreSQL server through a pg Pool of at most `poolMax` connections. */
export function openNodePostgres(url: string, poolMax: number): Connection {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // An idle connection the server drops emits 'error' on the pool; unhandled, it would crash the process.
  // The pool discards that connection and the next query opens a new one, and /ready reports outages.
  pool.on('error', () => {});
  const db = drizzle({ client: pool });
  return {
    db,
    async migrate(migrationsFolder) {
      // Several instances may start at once. The lock is held on its own connection, outside the pool,
      // so migrating still works when the pool allows a single connection.
      const lockClient = new pg.Client({ connectionString: url });
      lockClient.on('error', () => {}); // a dropped connection fails the pending query; it must not crash
      await lockClient.connect();
      try {
        await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migrate(db, { migrationsFolder });
      } finally {
        await lockClient.end();
      }
    },
    close: () => pool.end(),
  };
}
