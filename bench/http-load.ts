/**
 * HTTP benchmark (issue 2): autocannon against GET /api/v1/decks (authenticated, 20 decks) and
 * GET /api/v1/decks/{id}, on the embedded database (PGlite) and on a PostgreSQL server, with a bare Hono
 * route returning constant JSON measured in the same run as the baseline.
 *
 *   npm run build && npx tsx bench/http-load.ts
 *
 * Env: BENCH_DURATION (seconds per target and round, default 10), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 10),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a scratch database is created in it).
 * Servers run with the default LOG_LEVEL=info, so the JSON access log line of every request is part of the cost.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, type RunningServer } from '../test/support/spawn-server.js';
import { withScratchDatabase } from './scratch-database.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cli = path.resolve('dist/bin/cli.js');

interface Row {
  target: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

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
  const auth = await post('/api/v1/auth/register', {
    email: `bench-${Date.now()}@example.com`,
    name: 'Bench',
    password: 'a long bench password',
  });
  let deckId = '';
  for (let i = 0; i < 20; i++) {
    const deck = await post(
      '/api/v1/decks',
      { title: `Deck ${i}`, description: 'Benchmark deck', category: 'bench', difficulty: 'beginner' },
      auth.access_token,
    );
    deckId = deck.id;
  }
  return { token: auth.access_token, deckId };
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

async function appTargets(label: string, server: RunningServer): Promise<Target[]> {
  const { token, deckId } = await seed(server.url);
  const headers = { authorization: `Bearer ${token}` };
  return [
    { name: `${label} GET /decks`, url: `${server.url}/api/v1/decks`, headers },
    { name: `${label} GET /decks/{id}`, url: `${server.url}/api/v1/decks/${deckId}`, headers },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * All three servers stay up; each round measures every target once, bare route first. The ratio of a
 * target is taken against the bare route of the same round, and the median over rounds is reported, so a
 * neighbour's load on this shared machine skews one round, not the result.
 */
async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'od-bench-'));
  const servers: RunningServer[] = [];
  try {
    await withScratchDatabase('bench', async (databaseUrl) => {
      const bare = await spawnServer(['--import', 'tsx', path.resolve('bench/bare-server.ts')], {}, 60_000, false);
      const embedded = await spawnServer(
        [cli, 'serve'],
        { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
        60_000,
        false,
      );
      const server = await spawnServer(
        [cli, 'serve'],
        { PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'od-bench-')), LOG_LEVEL: 'info', DATABASE_URL: databaseUrl },
        60_000,
        false,
      );
      servers.push(bare, embedded, server);
      const memory = [`embedded server RSS after start: ${embedded.rssMb()} MB`];
      const targets: Target[] = [
        { name: 'bare Hono constant JSON', url: `${bare.url}/constant` },
        ...(await appTargets('embedded PGlite', embedded)),
        ...(await appTargets('PostgreSQL server', server)),
      ];
      const results = new Map<string, Row[]>(targets.map((t) => [t.name, []]));
      for (let round = 0; round < rounds; round++) {
        for (const t of targets) results.get(t.name)!.push(await load(t.name, t.url, t.headers));
      }
      memory.push(`embedded server RSS after run:   ${embedded.rssMb()} MB`);
      const bareRounds = results.get(targets[0]!.name)!;
      console.log(`\nautocannon: ${connections} connections, ${duration} s per target, ${rounds} rounds (medians)\n`);
      console.table(
        targets.map((t) => {
          const rows = results.get(t.name)!;
          return {
            target: t.name,
            'req/s': median(rows.map((r) => r.reqPerSec)),
            'p50 ms': median(rows.map((r) => r.p50)),
            'p99 ms': median(rows.map((r) => r.p99)),
            errors: rows.reduce((n, r) => n + r.errors + r.non2xx, 0),
            'x bare': median(rows.map((r, i) => r.reqPerSec / bareRounds[i]!.reqPerSec)).toFixed(2),
          };
        }),
      );
      for (const line of memory) console.log(line);
      if ([...results.values()].flat().some((r) => r.errors > 0 || r.non2xx > 0)) {
        console.error('some requests failed');
        process.exitCode = 1;
      }
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
