/**
 * A PostgreSQL database of its own for a test file. The server comes from TEST_DATABASE_URL or the
 * machine default; each file gets a freshly created database, so files can run in parallel and leave
 * nothing behind. When the server is missing the suite is skipped with one loud line, unless
 * REQUIRE_SERVICES=1 (CI), where a missing service is a failure.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** The URL with its password hidden, fit for logs. */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * Skips (one `SKIPPED: ...` line on the console) or, with REQUIRE_SERVICES=1, throws. `missing` names
 * what is missing and how to provide it.
 */
export function requireOrSkip(missing: string): void {
  if (process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`Required service missing: ${missing}. REQUIRE_SERVICES=1 makes this a failure.`);
  }
  console.warn(`SKIPPED: ${missing}`);
}

async function connectAdmin(serverUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {}); // a server going away mid-test must fail the query, not crash the runner
  await client.connect();
  return client;
}

/** Null (after requireOrSkip) when the server cannot be reached. */
export async function createTestDatabase(serverUrl: string = TEST_SERVER_URL): Promise<TestDatabase | null> {
  let admin: pg.Client;
  try {
    admin = await connectAdmin(serverUrl);
  } catch (error) {
    requireOrSkip(`PostgreSQL at ${redactUrl(serverUrl)} unreachable: ${(error as Error).message} (set TEST_DATABASE_URL)`);
    return null;
  }
  const name = `od_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = await connectAdmin(serverUrl);
      try {
        // WITH (FORCE) (PostgreSQL 13+) ends connections a failed test may have left open.
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
