/**
 * Embedded mode start (issue 17): `opendeck serve` on a new DATA_DIR (first start) and again on the same one
 * (restart), time from spawn to the first 200 from GET /health, and RSS then. With BENCH_BEFORE_CLI (another
 * build, e.g. main's) both builds run in the same command, alternating, so the machine's load hits both alike.
 *
 *   npm run build && node scripts/pglite-template.mjs && npx tsx bench/embedded-start.ts
 *
 * Env: BENCH_RUNS (default 3), BENCH_CLI (default dist/bin/cli.js), BENCH_BEFORE_CLI (optional).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rssMbOf } from '../test/support/spawn-server.js';

/** CPU time the process used so far (utime + stime; 100 ticks a second): unlike wall time, load barely moves it. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
const builds: [string, string][] = [['this build', path.resolve(process.env.BENCH_CLI ?? 'dist/bin/cli.js')]];
if (process.env.BENCH_BEFORE_CLI) builds.unshift(['before', path.resolve(process.env.BENCH_BEFORE_CLI)]);

interface Start {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

/** Spawns the server on `dataDir`, polls /health every 25 ms, stops it once it answers. */
async function start(cli: string, dataDir: string, port: number): Promise<Start> {
  const began = Date.now();
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (Date.now() - began > 120_000) throw new Error('no /health within 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { ms: Date.now() - began, cpuMs: cpuMsOf(child.pid!), rssMb: rssMbOf(child.pid!) };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results = new Map(builds.map(([name]) => [name, { first: [] as Start[], restart: [] as Start[] }]));
let port = 18_700 + (process.pid % 500);
for (let run = 0; run < runs; run++) {
  for (const [name, cli] of builds) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'od-start-'));
    try {
      results.get(name)!.first.push(await start(cli, dataDir, ++port));
      results.get(name)!.restart.push(await start(cli, dataDir, ++port));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
console.log(`\nembedded start, ${runs} runs (medians; every run shown as wall ms / CPU ms / MB)\n`);
console.table(
  builds.flatMap(([name]) =>
    (['first', 'restart'] as const).map((kind) => {
      const rows = results.get(name)![kind];
      return {
        build: name,
        start: kind,
        'to /health ms': median(rows.map((r) => r.ms)),
        'CPU ms': median(rows.map((r) => r.cpuMs)),
        'RSS MB': median(rows.map((r) => r.rssMb)),
        runs: rows.map((r) => `${r.ms}/${r.cpuMs}/${r.rssMb}`).join(' '),
      };
    }),
  ),
);
