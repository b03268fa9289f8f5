/**
 * Lambda cold start: builds dist-lambda/ (npm run build:lambda) and a bundle of a bare Hono handler with the
 * same esbuild settings, then, for each, starts fresh Node processes that import the bundle and answer one
 * API Gateway v2 event (GET /health). Prints bundle sizes (what a function loads at start, and the PDF chunk
 * apart) and medians of: Node's own start, import, and import-to-first-response.
 *
 *   npx tsx bench/lambda-cold-start.ts [--runs 7]
 *
 * The API bundle needs a database at start: the PostgreSQL server of TEST_DATABASE_URL (default
 * 127.0.0.1:5432), in a scratch database migrated by an unmeasured first run. AWS clients are created but make
 * no call before the first S3 or SQS use, so no emulator is needed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createTestDatabase } from '../test/support/postgres.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'od-coldstart-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

execFileSync('node', ['scripts/build-lambda.mjs'], { cwd: root, stdio: 'ignore' });
await build({
  entryPoints: { bare: path.join(root, 'bench/lambda-bare-handler.ts') },
  outdir: path.join(work, 'bare'),
  bundle: true, platform: 'node', target: 'node20', format: 'esm', minify: true, outExtension: { '.js': '.mjs' }, logLevel: 'error',
});

/** The entry and every chunk it imports statically (what loads at a cold start), by following import statements. */
function loadedAtStart(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) loadedAtStart(path.resolve(path.dirname(entry), m[1]!), seen);
  return seen;
}
const size = (files: Iterable<string>) => [...files].reduce((n, f) => n + statSync(f).size, 0);
const gz = (files: Iterable<string>) => [...files].reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);

const dist = path.join(root, 'dist-lambda');
const chunks = readdirSync(path.join(dist, 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => path.join(dist, 'chunks', f));
const pdf = chunks.filter((f) => path.basename(f).startsWith('pdfjs'));
const bundles = { http: path.join(dist, 'http.mjs'), sqs: path.join(dist, 'sqs.mjs'), bare: path.join(work, 'bare/bare.mjs') };
console.log('bundle sizes (minified; gzip as a zip stores them):');
for (const [name, entry] of Object.entries(bundles)) {
  const files = loadedAtStart(entry);
  console.log(`  ${name.padEnd(5)} loaded at start ${kb(size(files)).padStart(8)} (gzip ${kb(gz(files))}) in ${files.size} file(s)`);
}
console.log(`  PDF chunk (loaded on the first PDF only) ${kb(size(pdf))}; beside the bundles: node_modules/ ${kb(dirSize(path.join(dist, 'node_modules')))}`);

function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? dirSize(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
}

const event = JSON.parse(readFileSync(path.join(root, 'test/lambda/fixtures/apigw-v2-request.json'), 'utf8'));
Object.assign(event, { rawPath: '/health', rawQueryString: '', body: undefined, queryStringParameters: undefined });
event.requestContext.http = { ...event.requestContext.http, method: 'GET', path: '/health' };
const probe = path.join(work, 'probe.mjs');
writeFileSync(probe, `const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const t1 = performance.now();
const res = await handler(JSON.parse(process.argv[3]), {});
const t2 = performance.now();
console.log(JSON.stringify({ node: t0, importMs: t1 - t0, firstMs: t2 - t0, status: res.statusCode }));
process.exit(0);
`);

const db = await createTestDatabase();
if (!db) process.exit(0);
const env = {
  PATH: process.env.PATH, DATABASE_URL: db.url, SECRET_KEY: 'b'.repeat(40), AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x',
  S3_BUCKET: 'opendeck-bench', SQS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/opendeck-jobs.fifo', AI_PROVIDER: 'offline', LOG_LEVEL: 'silent',
};
function coldStart(entry: string) {
  const started = performance.now();
  const child = spawnSync('node', [probe, entry, JSON.stringify(event)], { env, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (child.status !== 0) throw new Error(`cold start of ${entry} failed: ${child.stderr}`);
  return { ...(JSON.parse(child.stdout.trim().split('\n').pop()!) as { node: number; importMs: number; firstMs: number; status: number }), wall };
}
try {
  coldStart(bundles.http); // migrates the scratch database; not measured
  console.log(`cold start, median of ${runs} fresh processes each (GET /health as an API Gateway v2 event):`);
  for (const name of ['bare', 'http'] as const) {
    const samples = Array.from({ length: runs }, () => coldStart(bundles[name]));
    const m = (k: 'node' | 'importMs' | 'firstMs' | 'wall') => `${median(samples.map((s) => s[k])).toFixed(0)} ms`;
    console.log(`  ${name.padEnd(5)} node start ${m('node')}, import ${m('importMs')}, import to first response ${m('firstMs')}, process wall ${m('wall')} (status ${samples[0]!.status})`);
  }
} finally {
  await db.drop();
  rmSync(work, { recursive: true, force: true });
}
