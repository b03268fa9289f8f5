/**
 * A Redis logical database of our own for a test that runs `opendeck worker` processes. The worker takes
 * its queue name and key prefix from code, not config, so the only way to keep a test's queue apart from
 * every other user of the machine's Redis is a database number nobody else is using: claimed atomically
 * (only while empty), flushed when done.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const CLAIM_KEY = 'opendeck-e2e:claimed-by';
// Claim only an empty database, in one step, so two test runs never pick the same one.
const CLAIM = `if redis.call('dbsize') == 0 then redis.call('set', KEYS[1], ARGV[1], 'EX', 900) return 1 end return 0`;

export interface ClaimedRedisDb {
  /** redis://host:port/<n> */
  url: string;
  db: number;
  redis: Redis;
  /** Flushes the database (only if the claim is still ours) and disconnects. */
  release(): Promise<void>;
}

function urlFor(base: string, db: number): string {
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

/** Null when every database from 1 to 15 is in use. */
export async function claimRedisDb(baseUrl: string): Promise<ClaimedRedisDb | null> {
  const token = randomBytes(8).toString('hex');
  const order = Array.from({ length: 15 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
  for (const db of order) {
    const url = urlFor(baseUrl, db);
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      if ((await redis.eval(CLAIM, 1, CLAIM_KEY, token)) === 1) {
        return {
          url,
          db,
          redis,
          async release() {
            try {
              if ((await redis.get(CLAIM_KEY)) === token) await redis.flushdb();
            } finally {
              redis.disconnect();
            }
          },
        };
      }
    } catch {
      // e.g. "ERR DB index is out of range" on a server configured with fewer databases: try the next.
    }
    redis.disconnect();
  }
  return null;
}
