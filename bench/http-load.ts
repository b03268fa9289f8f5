/**
 * HTTP benchmark (issues 2 and 17): autocannon against OpenDeck's authenticated GET /api/v1/decks/{id} and
 * GET /api/v1/decks?limit=100 (20 decks), on the PostgreSQL server with each --workers count in BENCH_WORKERS
 * and on the embedded database (PGlite), with two baselines measured in the same run, interleaved: a bare Hono
 * route returning constant JSON, and `pgbench -S` (PostgreSQL's own select-only ceiling on this machine).
 *
 *   npm run build && npx tsx bench/http-load.ts
 *
 * Env: BENCH_DURATION (seconds per target and round, default 10), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
 * (default 50), BENCH_WORKERS (default "1,2"), BENCH_EMBEDDED (default 1; 0 skips it), BENCH_CLI (default
 * dist/bin/cli.js), BENCH_BEFORE_CLI (another build, e.g. main's, measured as one process in the same rounds,
 * PostgreSQL and embedded), BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test; scratch databases are created in it and dropped).
 * Servers run with the default LOG_LEVEL=info, so the JSON access log line of every request is part of the cost.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, type RunningServer } from '../test/support/spawn-server.js';
import { coresUsed, snapshot } from './cpu-usage.js';
import { initPgbench, pgbenchTps } from './pgbench.js';
import { withScratchDatabase } from './scratch-database.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const workerCounts = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const withEmbedded = process.env.BENCH_EMBEDDED !== '0';
const cli = path.resolve(process.env.BENCH_CLI ?? 'dist/bin/cli.js');
/** Another build (e.g. main's, one process only) measured in the same rounds, for before/after in one run. */
const beforeCli = process.env.BENCH_BEFORE_CLI ? path.resolve(process.env.BENCH_BEFORE_CLI) : undefined;
const dirs: string[] = [];

interface Row {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  serverCores: number;
  postgresCores: number;
  machineCores: number;
}

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  pid?: number;
}

async function load(target: Target): Promise<Row> {
  const before = snapshot(target.pid);
  const result = await autocannon({ url: target.url, connections, duration, headers: target.headers });
  const cpu = coresUsed(before, snapshot(target.pid));
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    serverCores: cpu.server,
    postgresCores: cpu.postgres,
    machineCores: cpu.machine,
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
    email: `bench-${Date.now()}-${Math.random()}@example.com`,
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

async function appTargets(label: string, server: RunningServer): Promise<Target[]> {
  const { token, deckId } = await seed(server.url);
  const headers = { authorization: `Bearer ${token}` };
  const pid = server.child.pid;
  return [
    { name: `${label} GET /decks/{id}`, url: `${server.url}/api/v1/decks/${deckId}`, headers, pid },
    { name: `${label} GET /decks?limit=100`, url: `${server.url}/api/v1/decks?limit=100`, headers, pid },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function startServer(env: Record<string, string>, build = cli): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'od-bench-'));
  dirs.push(dataDir);
  return spawnServer([build, 'serve'], { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }, 120_000, false);
}

/**
 * Every server stays up; each round runs pgbench, then every target once, bare route first. Ratios are taken
 * within a round (to pgbench's TPS / 2: an authenticated read was two round trips before issue 17, and to the
 * bare route), then the median over rounds is reported, so a neighbour's load skews one round, not the result.
 */
async function main() {
  const servers: RunningServer[] = [];
  try {
    await withScratchDatabase('pgbench', async (pgbenchUrl) => {
      await initPgbench(pgbenchUrl);
      await withScratchDatabase('bench', async (databaseUrl) => {
        const bare = await spawnServer(['--import', 'tsx', path.resolve('bench/bare-server.ts')], {}, 60_000, false);
        servers.push(bare);
        const targets: Target[] = [{ name: 'bare Hono constant JSON', url: `${bare.url}/constant`, pid: bare.child.pid }];
        if (beforeCli) {
          const before = await startServer({ DATABASE_URL: databaseUrl }, beforeCli);
          servers.push(before);
          targets.push(...(await appTargets('before: PostgreSQL', before)));
          if (withEmbedded) {
            const beforeEmbedded = await startServer({ DATABASE_URL: '' }, beforeCli);
            servers.push(beforeEmbedded);
            targets.push(...(await appTargets('before: embedded PGlite', beforeEmbedded)));
          }
        }
        for (const workers of workerCounts) {
          const server = await startServer({ DATABASE_URL: databaseUrl, WEB_CONCURRENCY: String(workers) });
          servers.push(server);
          targets.push(...(await appTargets(`PostgreSQL --workers ${workers}`, server)));
        }
        const memory: string[] = [];
        let embedded: RunningServer | undefined;
        if (withEmbedded) {
          embedded = await startServer({ DATABASE_URL: '' });
          servers.push(embedded);
          memory.push(`embedded server RSS after start: ${embedded.rssMb()} MB`);
          targets.push(...(await appTargets('embedded PGlite', embedded)));
        }
        const tps: number[] = [];
        const results = new Map<string, Row[]>(targets.map((t) => [t.name, []]));
        for (let round = 0; round < rounds; round++) {
          tps.push(await pgbenchTps(pgbenchUrl, duration));
          for (const t of targets) results.get(t.name)!.push(await load(t));
        }
        if (embedded) memory.push(`embedded server RSS after run:   ${embedded.rssMb()} MB`);
        const bareRounds = results.get(targets[0]!.name)!;
        console.log(`\nautocannon: ${connections} connections, ${duration} s per target, ${rounds} rounds (medians)`);
        console.log(`pgbench -S -c 16 -j 2: ${tps.join(', ')} TPS; ceiling of a two-round-trip read = TPS / 2\n`);
        console.table(
          targets.map((t) => {
            const rows = results.get(t.name)!;
            return {
              target: t.name,
              'req/s': median(rows.map((r) => r.reqPerSec)),
              'p50 ms': median(rows.map((r) => r.p50)),
              'p99 ms': median(rows.map((r) => r.p99)),
              errors: rows.reduce((n, r) => n + r.errors, 0),
              'x ceiling': median(rows.map((r, i) => r.reqPerSec / (tps[i]! / 2))).toFixed(2),
              'x bare': median(rows.map((r, i) => r.reqPerSec / bareRounds[i]!.reqPerSec)).toFixed(2),
              'server cores': median(rows.map((r) => r.serverCores)),
              // CPU per request hardly depends on how loaded the shared machine is, unlike req/s.
              'server CPU µs/req': median(rows.map((r) => Math.round((r.serverCores * 1e6) / Math.max(1, r.reqPerSec)))),
              'postgres CPU µs/req': median(rows.map((r) => Math.round((r.postgresCores * 1e6) / Math.max(1, r.reqPerSec)))),
              'postgres cores': median(rows.map((r) => r.postgresCores)),
              'machine cores': median(rows.map((r) => r.machineCores)),
            };
          }),
        );
        for (const line of memory) console.log(line);
        if ([...results.values()].flat().some((r) => r.errors > 0)) {
          console.error('some requests failed');
          process.exitCode = 1;
        }
      });
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
