/**
 * Session revocations relayed through PostgreSQL's LISTEN/NOTIFY: every instance (process, cluster worker)
 * on the same database hears every other's within milliseconds, with no other server to run. One dedicated
 * connection per process listens; publishing is a `pg_notify` on the pool. While the listening connection is
 * down the feed is not `live` (the cache then asks the database every time), and on reconnecting it resets the
 * cache, since notifications sent in between are lost.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { RevocationFeed, RevocationListener } from '../sessions/revocation-feed.js';
import type { Database } from './database.js';

const CHANNEL = 'opendeck_session_revoked';
/** A connection that died without an error (a silent network drop) is found by this ping. */
const PING_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;
const RECONNECT_MS = 1_000;

export function createPostgresRevocationFeed(url: string, db: Database): RevocationFeed {
  const listeners: RevocationListener[] = [];
  let client: pg.Client | null = null;
  let live = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const reset = () => {
    for (const listener of listeners) listener.reset();
  };
  const drop = (broken: pg.Client) => {
    if (client !== broken) return;
    live = false;
    client = null;
    reset();
    broken.end().catch(() => {});
    if (!closed) schedule(connect, RECONNECT_MS);
  };
  const schedule = (task: () => void, ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(task, ms);
    timer.unref();
  };
  const ping = (current: pg.Client) => {
    const timeout = setTimeout(() => drop(current), PING_TIMEOUT_MS);
    current
      .query('select 1')
      .then(() => schedule(() => ping(current), PING_MS))
      .catch(() => drop(current))
      .finally(() => clearTimeout(timeout));
  };
  const connect = () => {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    client = next;
    next.on('error', () => drop(next));
    next.on('end', () => drop(next));
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      for (const listener of listeners) listener.revoked(message.payload);
    });
    next
      .connect()
      .then(() => next.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (client !== next) return;
        reset();
        live = true;
        schedule(() => ping(next), PING_MS);
      })
      .catch(() => drop(next));
  };

  return {
    get live() {
      return live;
    },
    async publish(sessionId) {
      await db.execute(sql`select pg_notify(${CHANNEL}, ${sessionId})`);
    },
    listen(listener) {
      listeners.push(listener);
      if (!client && !closed) connect();
    },
    async close() {
      closed = true;
      live = false;
      clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
