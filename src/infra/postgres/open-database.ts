/**
 * Opens a PostgreSQL database: a server, or the embedded PGlite in a data directory. Both run the same repositories and the same SQL migrations.
 */
import { sql } from 'drizzle-orm';
import type { HealthProbe } from '../../core/index.js';
import { findMigrationsFolder } from './migrations-folder.js';
import { openNodePostgres } from './open-node-postgres.js';
import { openPglite } from './open-pglite.js';
import { createPostgresRepositories, type PostgresRepositories } from './repositories.js';
import { processRevocationFeed, type RevocationFeed } from '../sessions/revocation-feed.js';
import { createPostgresRevocationFeed } from './session-revocation-feed.js';

export interface OpenedDatabase {
  kind: 'pglite' | 'postgres';
  /** users, sessions, decks, cards, identities, and the document ports `documents` and `cache`. */
  repositories: PostgresRepositories;
  /** Session revocations from every process on this database (LISTEN/NOTIFY); PGlite: this process only. */
  revocations: RevocationFeed;
  /** Runs `select 1`; /ready uses it. */
  probe: HealthProbe;
  /** Applies pending migrations from migrations/; safe to run on every start. */
  migrate(): Promise<void>;
  /** Closes connections and, for PGlite, releases the data directory lock. */
  close(): Promise<void>;
}

/** The embedded PGlite in a data directory, or a PostgreSQL server. */
export type PostgresLocation = { backend: 'pglite'; dataDir: string } | { backend: 'postgres'; url: string; poolMax: number };

export async function openDatabase(location: PostgresLocation): Promise<OpenedDatabase> {
  const kind = location.backend;
  const connection =
    location.backend === 'postgres'
      ? openNodePostgres(location.url, location.poolMax)
      : await openPglite(location.dataDir, findMigrationsFolder());
  const { db } = connection;
  let closed: Promise<void> | undefined;
  const revocations = location.backend === 'postgres' ? createPostgresRevocationFeed(location.url, db) : processRevocationFeed();
  return {
    kind,
    repositories: createPostgresRepositories(db),
    revocations,
    probe: {
      async check() {
        try {
          await db.execute(sql`select 1`);
        } catch (error) {
          // drizzle wraps driver errors as "Failed query: select 1"; the driver's reason is what helps.
          const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
          throw new Error(`The ${kind} database is unavailable: ${reason instanceof Error ? reason.message : String(reason)}`, {
            cause: error,
          });
        }
      },
    },
    migrate: () => connection.migrate(findMigrationsFolder()),
    // Idempotent: shutdown paths may call it more than once.
    close: () => (closed ??= revocations.close().then(() => connection.close())),
  };
}
