/**
 * Issue 12 benchmark: memory during large uploads and /health latency while a book is generated, each against a
 * baseline measured in the same command (the same server idle), and, for latency, the inline run (CPU_WORKERS=0,
 * how it worked before the pool) against the pool in the same command.
 *
 *   npm run build && npx tsx bench/hardening.ts
 *
 * Env: BENCH_UPLOADS (default 20), BENCH_UPLOAD_MB (default 20), BENCH_PDF (default ../shared/corpus/freeculture.pdf),
 * BENCH_HEALTH_RPS (default 20), BENCH_DATABASE_URL (a scratch database is created in it and dropped),
 * BENCH_PARTS (default uploads,health), BENCH_BEFORE_CLI: the cli of another build (e.g. a checkout of the commit before) to run the upload part on too.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rssMbOf, spawnServer, type RunningServer } from '../test/support/spawn-server.js';
import { withScratchDatabase } from './scratch-database.js';

const uploads = Number(process.env.BENCH_UPLOADS ?? 20);
const uploadMb = Number(process.env.BENCH_UPLOAD_MB ?? 20);
const pdfPath = path.resolve(process.env.BENCH_PDF ?? '../shared/corpus/freeculture.pdf');
const healthRps = Number(process.env.BENCH_HEALTH_RPS ?? 20);
const cli = path.resolve('dist/adapters/cli/main.js');
const parts = (process.env.BENCH_PARTS ?? 'uploads,health').split(',');
const METRICS_TOKEN = 'bench-metrics-token-0123456789';

/**
 * The server's own event-loop delay since the previous scrape (prom-client resets its histogram on each
 * collection): what the server did, apart from the client and the machine's other load.
 */
async function eventLoopDelay(base: string): Promise<{ p99: number; max: number }> {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99: value('nodejs_eventloop_lag_p99_seconds'), max: value('nodejs_eventloop_lag_max_seconds') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(databaseUrl: string, env: Record<string, string>, cliPath = cli): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'opendeck-bench-'));
  const server = await spawnServer(
    [cliPath, 'serve', '--port', '0', '--host', '127.0.0.1'],
    { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, AI_PROVIDER: 'offline', LOG_LEVEL: 'info', ENV: 'development', METRICS_TOKEN, ...env },
    60_000,
    false,
  );
  return { ...server, dataDir };
}

async function signUp(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}-${Math.random()}@example.com`, name: 'Bench', password: 'a long bench password' }),
  });
  if (!res.ok) throw new Error(`register: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function upload(base: string, token: string, name: string, bytes: Uint8Array, metadata?: unknown) {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  if (metadata) form.append('metadata', JSON.stringify(metadata));
  const res = await fetch(`${base}/api/v1/documents/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { document_ids: string[] };
}

/** Samples a process's RSS every 20 ms until stopped; returns the highest. */
function rssSampler(pid: number) {
  let peak = rssMbOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMbOf(pid))), 20);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

async function uploadMemory(label: string, server: RunningServer & { dataDir: string }) {
  const token = await signUp(server.url);
  const line = 'The mitochondrion is the powerhouse of the cell and makes ATP.\n';
  const size = uploadMb * 1024 * 1024 - 4096;
  const bytes = new TextEncoder().encode(line.repeat(Math.ceil(size / line.length)).slice(0, size));
  await upload(server.url, token, 'warm-up.txt', bytes.subarray(0, 100_000));
  await sleep(2000);
  const idle = server.rssMb();
  const sampler = rssSampler(server.child.pid!);
  const started = performance.now();
  await Promise.all(Array.from({ length: uploads }, (_, i) => upload(server.url, token, `notes-${i}.txt`, bytes)));
  const seconds = (performance.now() - started) / 1000;
  const peak = sampler.stop();
  await sleep(5000);
  const after = server.rssMb();
  await sleep(10000);
  const later = server.rssMb();
  const sent = (uploads * bytes.byteLength) / 1048576;
  console.log(`\n## Upload memory: ${label}`);
  console.log(
    `${uploads} concurrent uploads of ${(bytes.byteLength / 1048576).toFixed(1)} MB (${sent.toFixed(0)} MB) in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `RSS idle ${idle} MB (baseline), peak ${peak} MB (+${peak - idle} MB = ${((peak - idle) / sent).toFixed(3)} x the bytes uploaded), 5 s after ${after} MB (${after - idle >= 0 ? '+' : ''}${after - idle} MB), 15 s after ${later} MB (${later - idle >= 0 ? '+' : ''}${later - idle} MB)`,
  );
  return { idle, peak, after };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** GET /health at a steady rate until stopped; the latencies in ms. */
function healthProbe(base: string) {
  const latencies: number[] = [];
  const timer = setInterval(() => {
    const t0 = performance.now();
    void fetch(`${base}/health`).then(async (res) => {
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
    });
  }, 1000 / healthRps);
  return {
    stop: async () => {
      clearInterval(timer);
      await sleep(300);
      const sorted = [...latencies].sort((a, b) => a - b);
      return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
    },
  };
}

const fmt = (s: { n: number; p50: number; p99: number; max: number }) =>
  `n=${s.n} p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

async function responsiveness(label: string, server: RunningServer) {
  const token = await signUp(server.url);
  const pdf = new Uint8Array(readFileSync(pdfPath));
  const idleProbe = healthProbe(server.url);
  await sleep(5000);
  const idle = await idleProbe.stop();

  await eventLoopDelay(server.url); // resets the server's histogram
  await sleep(2000);
  const idleLoop = await eventLoopDelay(server.url);
  const during = healthProbe(server.url);
  const started = performance.now();
  const {
    document_ids: [id],
  } = await upload(server.url, token, path.basename(pdfPath), pdf, { title: 'Free Culture' });
  const progress: { at: number; value: number }[] = [];
  let doc: { status: string; progress: number; cards_generated: number; error_message: string | null };
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/documents/${id}/status`, { headers: { authorization: `Bearer ${token}` } });
    doc = (await res.json()) as typeof doc;
    const now = (performance.now() - started) / 1000;
    if (progress.at(-1)?.value !== doc.progress) progress.push({ at: now, value: doc.progress });
    if (doc.status === 'completed' || doc.status === 'failed') break;
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  const busyLoop = await eventLoopDelay(server.url);
  const busy = await during.stop();
  const gaps = progress.slice(1).map((p, i) => p.at - progress[i]!.at);
  console.log(`\n## /health during generation: ${label}`);
  console.log(
    `${path.basename(pdfPath)}: ${doc.status} in ${seconds.toFixed(1)} s, ${doc.cards_generated} cards${doc.error_message ? ` (${doc.error_message})` : ''}`,
  );
  console.log(`idle (baseline): ${fmt(idle)}`);
  console.log(
    `during:          ${fmt(busy)}  -> p99 ${(busy.p99 / idle.p99).toFixed(1)}x, max ${(busy.max / idle.max).toFixed(1)}x the idle figures`,
  );
  console.log(
    `server event-loop delay: idle p99 ${idleLoop.p99.toFixed(1)} ms, max ${idleLoop.max.toFixed(1)} ms; during p99 ${busyLoop.p99.toFixed(1)} ms, max ${busyLoop.max.toFixed(1)} ms`,
  );
  console.log(
    `progress: ${progress.length} distinct values, longest gap between changes ${Math.max(0, ...gaps).toFixed(2)} s; ${progress.map((p) => `${p.value}%@${p.at.toFixed(1)}s`).join(' ')}`,
  );
  return { idle, busy, longestGap: Math.max(0, ...gaps) };
}

await withScratchDatabase('hardening', async (databaseUrl) => {
  const runs: [string, Record<string, string>, string][] = [
    ['this build', {}, cli],
    ...(process.env.BENCH_BEFORE_CLI
      ? [['BENCH_BEFORE_CLI build', {}, path.resolve(process.env.BENCH_BEFORE_CLI)] as [string, Record<string, string>, string]]
      : []),
  ];
  for (const [label, env, cliPath] of parts.includes('uploads') ? runs : []) {
    const server = await startServer(databaseUrl, env, cliPath);
    try {
      await uploadMemory(label, server);
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  }
  for (const [label, env] of parts.includes('health')
    ? ([
        ['inline (CPU_WORKERS=0, as before the pool)', { CPU_WORKERS: '0' }],
        ['worker pool (CPU_WORKERS default)', {}],
      ] as const)
    : []) {
    const server = await startServer(databaseUrl, env);
    try {
      await responsiveness(label, server);
    } finally {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    }
  }
});
