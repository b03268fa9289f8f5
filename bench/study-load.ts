/**
 * Study benchmark (issue 11): a user with 20 decks x 1,000 cards and about 200,000 review-log rows, on a
 * PostgreSQL server and on the embedded PGlite. Measures GET /api/v1/study/queue?deck_id= (p50/p99 under 50
 * connections) and POST /api/v1/study/reviews throughput with autocannon against the started server, and prints
 * the EXPLAIN of the queue's queries (no sequential scan of cards, states or the log is allowed).
 *
 *   npm run build && npx tsx bench/study-load.ts
 *
 * Env: BENCH_DURATION (seconds per measurement, default 10), BENCH_CONNECTIONS (default 50), BENCH_TARGETS
 * (postgres,pglite), BENCH_REVIEWS_PER_CARD (default 12: 18,000 studied cards x 12 = 216,000 log rows),
 * BENCH_DATABASE_URL (a scratch database is created in it).
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { spawnServer, type RunningServer } from '../test/support/spawn-server.js';
import { openNodePostgres } from '../src/infra/postgres/open-node-postgres.js';
import { openPglite } from '../src/infra/postgres/open-pglite.js';
import { findMigrationsFolder } from '../src/infra/postgres/migrations-folder.js';
import { withScratchDatabase } from './scratch-database.js';
import { BENCH_PASSWORD, seedStudy, type Seeded } from './study-seed.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const targets = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');
const shape = { decks: 20, cardsPerDeck: 1000, reviewsPerCard: Number(process.env.BENCH_REVIEWS_PER_CARD ?? 12) };
const cli = path.resolve('dist/adapters/cli/main.js');

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function measure(label: string, server: RunningServer, seeded: Seeded) {
  const token = await login(server.url, seeded.email);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const queueUrl = `${server.url}/api/v1/study/queue?deck_id=${seeded.deckIds[7]}&limit=20`;
  const sample = (await (await fetch(queueUrl, { headers })).json()) as { counts: unknown; items: unknown[] };
  console.log(`${label}: queue counts ${JSON.stringify(sample.counts)}, ${sample.items.length} items`);
  const queue = await autocannon({ url: queueUrl, connections, duration, headers });
  let next = 0;
  const reviews = await autocannon({
    url: `${server.url}/api/v1/study/reviews`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            card_id: seeded.cardIds[next++ % seeded.cardIds.length],
            rating: 'good',
            idempotency_key: `bench-${process.pid}-${next}`,
          }),
        }),
      },
    ],
  });
  return [
    {
      target: `${label} GET /study/queue`,
      'req/s': Math.round(queue.requests.average),
      'p50 ms': queue.latency.p50,
      'p99 ms': queue.latency.p99,
      non2xx: queue.non2xx,
      errors: queue.errors + queue.timeouts,
    },
    {
      target: `${label} POST /study/reviews`,
      'req/s': Math.round(reviews.requests.average),
      'p50 ms': reviews.latency.p50,
      'p99 ms': reviews.latency.p99,
      non2xx: reviews.non2xx,
      errors: reviews.errors + reviews.timeouts,
    },
  ];
}

/** The queue's queries as the repository issues them (src/infra/postgres/study-repository.ts), explained. */
const EXPLAINED: [string, string][] = [
  [
    'due learning (deck)',
    `select * from card_study_states s join cards c on c.id = s.card_id where s.user_id = $1 and s.deck_id = $2 and s.state <> 'new' and s.state in ('learning','relearning') and s.due <= now() order by s.due, s.card_id limit 20`,
  ],
  [
    'due review (deck)',
    `select * from card_study_states s join cards c on c.id = s.card_id where s.user_id = $1 and s.deck_id = $2 and s.state <> 'new' and s.state in ('review') and s.due <= now() + interval '1 day' order by s.due, s.card_id limit 20`,
  ],
  [
    'count due (deck)',
    `select count(*) from card_study_states s where s.user_id = $1 and s.deck_id = $2 and s.state <> 'new' and s.state in ('review') and s.due <= now() + interval '1 day'`,
  ],
  [
    'new cards (deck)',
    `select * from cards left join card_study_states s on s.user_id = $1 and s.deck_id = $2 and s.card_id = cards.id where cards.deck_id = $2 and cards.user_id = $1 and (s.card_id is null or s.state = 'new') order by cards.created_at, cards.id limit 20`,
  ],
  ['studied count (deck)', `select count(*) from card_study_states s where s.user_id = $1 and s.deck_id = $2 and s.state <> 'new'`],
  [
    'new cards started today (user)',
    `select count(*) from study_reviews r where r.user_id = $1 and r.reviewed_at >= now() - interval '1 day' and r.kind = 'review' and r.undone_at is null and r.state_before->>'state' = 'new'`,
  ],
  [
    'answers in 30 days (deck stats)',
    `select * from study_reviews r where r.user_id = $1 and r.deck_id = $2 and r.undone_at is null and r.reviewed_at >= now() - interval '30 days' order by r.seq`,
  ],
  [
    'last answer (user)',
    `select * from study_reviews r where r.user_id = $1 and r.kind = 'review' and r.undone_at is null order by r.seq desc limit 1`,
  ],
  ['card log (replay)', `select * from study_reviews r where r.user_id = $1 and r.card_id = $2::uuid order by r.version, r.seq`],
];

async function explain(url: string, seeded: Seeded): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let clean = true;
  try {
    await client.query('analyze');
    for (const [name, text] of EXPLAINED) {
      const used = Math.max(...[...text.matchAll(/\$(\d)/g)].map((m) => Number(m[1])));
      const params = [seeded.userId, name.startsWith('card log') ? seeded.cardIds[7000] : seeded.deckIds[7]].slice(0, used);
      const { rows } = await client.query(`explain ${text}`, params);
      const plan = rows.map((r) => r['QUERY PLAN'] as string);
      const seq = plan.filter((l) => /Seq Scan on (cards|card_study_states|study_reviews)/.test(l));
      if (seq.length > 0) clean = false;
      console.log(`\nEXPLAIN ${name}${seq.length ? '  <-- SEQUENTIAL SCAN' : ''}\n${plan.map((l) => `  ${l}`).join('\n')}`);
    }
  } finally {
    await client.end();
  }
  return clean;
}

async function main() {
  const table: Record<string, unknown>[] = [];
  const dirs: string[] = [];
  let ok = true;
  try {
    if (targets.includes('postgres')) {
      await withScratchDatabase('study', async (url) => {
        const connection = openNodePostgres(url, 4);
        await connection.migrate(findMigrationsFolder());
        const started = Date.now();
        const seeded = await seedStudy(connection.db, shape);
        await connection.close();
        console.log(
          `PostgreSQL: seeded ${seeded.cardIds.length} cards, ${seeded.logRows} log rows in ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
        ok = (await explain(url, seeded)) && ok;
        const dataDir = mkdtempSync(path.join(tmpdir(), 'od-study-bench-'));
        dirs.push(dataDir);
        const server = await spawnServer(
          [cli, 'serve'],
          { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: url, DB_POOL_MAX: '20' },
          60_000,
          false,
        );
        try {
          table.push(...(await measure('PostgreSQL server', server, seeded)));
        } finally {
          await server.stop();
        }
      });
    }
    if (targets.includes('pglite')) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'od-study-bench-'));
      dirs.push(dataDir);
      const connection = await openPglite(dataDir, findMigrationsFolder());
      await connection.migrate(findMigrationsFolder());
      const started = Date.now();
      const seeded = await seedStudy(connection.db, shape);
      // PGlite has no autovacuum, so nothing gathers planner statistics unless asked (BENCH_PGLITE_ANALYZE=0 skips).
      if (process.env.BENCH_PGLITE_ANALYZE !== '0') await connection.db.execute(sql`analyze`);
      await connection.close();
      console.log(
        `PGlite: seeded ${seeded.cardIds.length} cards, ${seeded.logRows} log rows in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      const server = await spawnServer(
        [cli, 'serve'],
        { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
        120_000,
        false,
      );
      try {
        table.push(...(await measure('embedded PGlite', server, seeded)));
      } finally {
        await server.stop();
      }
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nautocannon: ${connections} connections, ${duration} s per measurement`);
  console.table(table);
  if (!ok) {
    console.error('a query plan has a sequential scan');
    process.exitCode = 1;
  }
}

await main();
