/**
 * The database handle the repositories are written against: drizzle's generic Postgres database, which
 * both `drizzle-orm/pglite` and `drizzle-orm/node-postgres` produce. Repositories therefore run
 * unchanged on the embedded PGlite and on a PostgreSQL server.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export type Database = PgDatabase<PgQueryResultHKT>;

/** What each driver's opener gives back; open-database.ts builds repositories and the probe on it. */
export interface Connection {
  db: Database;
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

/** Postgres' SQLSTATE for a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when the error (or the driver error drizzle wrapped in `cause`) is a unique violation, of the
 * named constraint when one is given and the driver reports it.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: violated } = e as { code?: unknown; constraint?: unknown };
    if (code === UNIQUE_VIOLATION) return !constraint || violated === undefined || violated === constraint;
  }
  return false;
}

/**
 * The values of the allowed keys that are defined. A patch carrying extra keys at run time (user_id,
 * card_count, ...) must not reach an UPDATE's SET list, and undefined means "leave as is".
 */
export function definedFields<T extends object, K extends keyof T>(patch: T, allowed: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of allowed) {
    if (patch[key] !== undefined) picked[key] = patch[key];
  }
  return picked;
}

/** Escapes LIKE wildcards so user input matches literally as a substring (used with ESCAPE '\'). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
