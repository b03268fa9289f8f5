/**
 * Soak benchmark (issue 5): a mixed workload (reads, writes, sign-ins) against `opendeck serve` on a scratch
 * PostgreSQL database for SOAK_DURATION seconds, reporting throughput, latency percentiles, the error rate
 * (target 0) and the server's memory at start, every SOAK_SAMPLE seconds and at the end, with a trend check.
 *
 *   npm run build && npx tsx bench/soak.ts
 *
 * Env: SOAK_DURATION (default 300), SOAK_USERS (concurrent virtual users, default 16), SOAK_SAMPLE (default 30),
 * SOAK_MAX_SLOPE (RSS growth in MB/min over the second half that fails the run, default 2),
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; a scratch database is created and dropped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, type RunningServer } from '../test/support/spawn-server.js';
import { VirtualUser, type Kind, type Recorder } from './soak-workload.js';
import { withScratchDatabase } from './scratch-database.js';

const duration = Number(process.env.SOAK_DURATION ?? 300);
const users = Number(process.env.SOAK_USERS ?? 16);
const sampleEvery = Number(process.env.SOAK_SAMPLE ?? 30);
const maxSlope = Number(process.env.SOAK_MAX_SLOPE ?? 2);
const METRICS_TOKEN = 'soak-metrics-token-0123456789';

interface Sample {
  t: number;
  rssMb: number;
  heapMb: number;
  procRssMb: number;
}

class Stats implements Recorder {
  readonly latencies: Record<Kind, number[]> = { read: [], write: [], login: [] };
  errors = 0;
  readonly examples: string[] = [];
  record(kind: Kind, ms: number, ok: boolean, detail?: string): void {
    this.latencies[kind].push(ms);
    if (ok) return;
    this.errors++;
    if (detail && this.examples.length < 5) this.examples.push(detail);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const mb = (bytes: number) => Math.round(bytes / 1048576);

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function sample(server: RunningServer, t: number): Promise<Sample> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const metric = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    t,
    rssMb: mb(metric('process_resident_memory_bytes')),
    heapMb: mb(metric('nodejs_heap_size_used_bytes')),
    procRssMb: server.rssMb(),
  };
}

async function soak(databaseUrl: string): Promise<boolean> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'od-soak-'));
  // TRUST_PROXY=1: each virtual user signs up from an address of its own, as real users would.
  const server = await spawnServer(
    [path.resolve('dist/bin/cli.js'), 'serve'],
    {
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      LOG_LEVEL: 'info',
      TRUST_PROXY: '1',
      METRICS_TOKEN,
    },
    60_000,
    false,
  );
  try {
    const stats = new Stats();
    const vus = Array.from({ length: users }, (_, i) => new VirtualUser(server.url, i, stats));
    for (const vu of vus) await vu.setUp();
    const samples: Sample[] = [await sample(server, 0)];
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    const sampler = setInterval(() => void sample(server, Math.round(elapsed())).then((s) => samples.push(s)), sampleEvery * 1000);
    await Promise.all(vus.map((vu) => vu.run(() => elapsed() >= duration)));
    clearInterval(sampler);
    const seconds = elapsed();
    samples.push(await sample(server, Math.round(seconds)));

    const all = Object.values(stats.latencies)
      .flat()
      .sort((a, b) => a - b);
    console.log(`\nsoak: ${users} virtual users, ${seconds.toFixed(0)} s, PostgreSQL server, LOG_LEVEL=info\n`);
    console.table(
      [
        ...(Object.entries(stats.latencies) as [Kind, number[]][]).map(([kind, xs]) => [kind, [...xs].sort((a, b) => a - b)] as const),
        ['all', all] as const,
      ].map(([kind, xs]) => ({
        kind,
        requests: xs.length,
        'req/s': Math.round(xs.length / seconds),
        'p50 ms': +percentile(xs, 50).toFixed(1),
        'p99 ms': +percentile(xs, 99).toFixed(1),
        'max ms': +percentile(xs, 100).toFixed(1),
      })),
    );
    console.log(`errors: ${stats.errors} of ${all.length} (${((100 * stats.errors) / Math.max(all.length, 1)).toFixed(3)}%)`);
    for (const example of stats.examples) console.log(`  e.g. ${example}`);
    console.table(
      samples.map((s) => ({ 't s': s.t, 'RSS MB (/metrics)': s.rssMb, 'RSS MB (/proc)': s.procRssMb, 'heap used MB': s.heapMb })),
    );
    const secondHalf = samples.filter((s) => s.t >= seconds / 2);
    const rssSlope = slope(secondHalf.map((s) => [s.t / 60, s.rssMb])) || 0;
    const heapSlope = slope(secondHalf.map((s) => [s.t / 60, s.heapMb])) || 0;
    const growing = secondHalf.length >= 3 && rssSlope > maxSlope;
    console.log(
      `trend over the second half (${secondHalf.length} samples): RSS ${rssSlope.toFixed(2)} MB/min, heap ${heapSlope.toFixed(2)} MB/min -> ${growing ? 'GROWING' : secondHalf.length < 3 ? 'too few samples to judge' : 'no growth trend'} (limit ${maxSlope} MB/min)`,
    );
    return stats.errors === 0 && !growing;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (!(await withScratchDatabase('soak', soak))) process.exitCode = 1;
