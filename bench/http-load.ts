/**
 * HTTP benchmark (issue 2): autocannon against GET /api/v1/decks (authenticated, 20 decks) and
 * GET /api/v1/decks/{id}, on the embedded database (PGlite) and on a PostgreSQL server, with a bare Hono
 * route returning constant JSON measured in the same run as the baseline.
 *
 *   npm run build && npx tsx bench/http-load.ts
 *
 * Env: BENCH_DURATION (seconds per target, default 10), BENCH_CONNECTIONS (default 10),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a scratch database is created in it).
 * Servers run with the default LOG_LEVEL=info, so the JSON access log line of every request is part of the cost.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { spawnServer, type RunningServer } from '../test/support/spawn-server.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const cli = path.resolve('dist/adapters/cli/main.js');

interface Row { target: string; reqPerSec: number; p50: number; p99: number; errors: number; non2xx: number }

async function load(target: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  const result = await autocannon({ url, connections, duration, headers });
  return {
    target,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function seed(base: string): Promise<{ token: string; deckId: string }> {
  const post = (p: string, body: unknown, token?: string) =>
    fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<Record<string, any>>;
    });
  const auth = await post('/api/v1/auth/register', { email: `bench-${Date.now()}@example.com`, name: 'Bench', password: 'a long bench password' });
  let deckId = '';
  for (let i = 0; i < 20; i++) {
    const deck = await post('/api/v1/decks', { title: `Deck ${i}`, description: 'Benchmark deck', category: 'bench', difficulty: 'beginner' }, auth.access_token);
    deckId = deck.id;
  }
  return { token: auth.access_token, deckId };
}

async function measureApp(label: string, server: RunningServer): Promise<Row[]> {
  const { token, deckId } = await seed(server.url);
  const headers = { authorization: `Bearer ${token}` };
  return [
    await load(`${label} GET /decks`, `${server.url}/api/v1/decks`, headers),
    await load(`${label} GET /decks/{id}`, `${server.url}/api/v1/decks/${deckId}`, headers),
  ];
}

async function main() {
  const rows: Row[] = [];
  const memory: string[] = [];

  const bare = await spawnServer(['--import', 'tsx', path.resolve('bench/bare-server.ts')], {}, 60_000, false);
  rows.push(await load('bare Hono constant JSON', `${bare.url}/constant`));
  await bare.stop();

  const dataDir = mkdtempSync(path.join(tmpdir(), 'od-bench-'));
  const embedded = await spawnServer([cli, 'serve'], { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' }, 60_000, false);
  memory.push(`embedded server RSS after start: ${embedded.rssMb()} MB`);
  rows.push(...(await measureApp('embedded PGlite', embedded)));
  memory.push(`embedded server RSS after run:   ${embedded.rssMb()} MB`);
  await embedded.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbName = `od_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const server = await spawnServer([cli, 'serve'], { PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'od-bench-')), LOG_LEVEL: 'info', DATABASE_URL: url.toString() }, 60_000, false);
    rows.push(...(await measureApp('PostgreSQL server', server)));
    await server.stop();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }

  const baseline = rows[0]!.reqPerSec;
  console.log(`\nautocannon: ${connections} connections, ${duration} s per target\n`);
  console.table(rows.map((r) => ({ ...r, 'x bare': (r.reqPerSec / baseline).toFixed(2) })));
  for (const line of memory) console.log(line);
  if (rows.some((r) => r.errors > 0 || r.non2xx > 0)) {
    console.error('some requests failed');
    process.exitCode = 1;
  }
}

await main();
