/**
 * Lambda cold start: builds dist-lambda/ (npm run build:lambda) and a bundle of a bare Hono handler with the
 * same esbuild settings, then, for each, starts fresh Node processes that import the bundle and answer one
 * API Gateway v2 event (GET /health). Prints bundle sizes (what a function loads at start, and the PDF chunk
 * apart) and medians of: Node's own start, import, and import-to-first-response.
 *
 *   npx tsx bench/lambda-cold-start.ts [--runs 7]
 *
 * The API bundle runs configured as Terraform configures it (DB_BACKEND=dynamo, S3, SQS; ENV=production) but
 * with SECRET_KEY in the environment: on AWS the cold start also reads the Secrets Manager secret, one HTTPS
 * call not measured here. Clients are created at start but call nothing before the first use, and GET /health
 * touches no table, so no emulator is needed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'od-coldstart-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

execFileSync('node', ['scripts/build-lambda.mjs'], { cwd: root, stdio: 'ignore' });
await build({
  entryPoints: { bare: path.join(root, 'bench/lambda-bare-handler.ts') },
  outdir: path.join(work, 'bare'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  outExtension: { '.js': '.mjs' },
  logLevel: 'error',
});

const dist = path.join(root, 'dist-lambda');
const chunks = readdirSync(path.join(dist, 'chunks'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => path.join(dist, 'chunks', f));
const pdf = chunks.filter((f) => path.basename(f).startsWith('pdfjs'));
const bundles = { http: path.join(dist, 'http.mjs'), sqs: path.join(dist, 'sqs.mjs'), bare: path.join(work, 'bare/bare.mjs') };
const size = (files: Iterable<string>) => [...files].reduce((n, f) => n + statSync(f).size, 0);
const gz = (files: Iterable<string>) => [...files].reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);

function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? dirSize(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size),
    0,
  );
}

const event = JSON.parse(readFileSync(path.join(root, 'test/support/lambda/fixtures/apigw-v2-request.json'), 'utf8'));
Object.assign(event, { rawPath: '/health', rawQueryString: '', body: undefined, queryStringParameters: undefined });
event.requestContext.http = { ...event.requestContext.http, method: 'GET', path: '/health' };
// Records every file the process loads (a module hook), so the sizes below are what a cold start really reads,
// dynamic imports made at start (the DynamoDB chunk) included, and what it leaves for later excluded.
const loadedLog = path.join(work, 'loaded.log');
const hooks = path.join(work, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { if (url.startsWith('file:')) appendFileSync(${JSON.stringify(loadedLog)}, url + '\\\\n'); return next(url, context); }\`));
`,
);
// The SQS function's first event: the fixture's record, whose body is no job (answered without a table read).
const sqsFixture = readFileSync(path.join(root, 'test/support/lambda/fixtures/sqs-fifo-event.json'), 'utf8');
const probe = path.join(work, 'probe.mjs');
writeFileSync(
  probe,
  `const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const t1 = performance.now();
const res = await handler(JSON.parse(process.argv[3]), {});
const t2 = performance.now();
console.log(JSON.stringify({ node: t0, importMs: t1 - t0, firstMs: t2 - t0, status: res.statusCode ?? (res.batchItemFailures ? 'batch reply' : '?') }));
process.exit(0);
`,
);

const env = {
  PATH: process.env.PATH,
  ENV: 'production',
  DB_BACKEND: 'dynamo',
  SECRET_KEY: 'b'.repeat(40),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
  S3_BUCKET: 'opendeck-bench',
  SQS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/opendeck-jobs.fifo',
  AI_PROVIDER: 'offline',
  LOG_LEVEL: 'silent',
  DATA_DIR: path.join(work, 'data'),
};
function coldStart(entry: string, extra: string[] = []) {
  const started = performance.now();
  const payload = entry === bundles.sqs ? sqsFixture : JSON.stringify(event);
  const child = spawnSync('node', [...extra, probe, entry, payload], { env, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (child.status !== 0) throw new Error(`cold start of ${entry} failed: ${child.stderr}`);
  return {
    ...(JSON.parse(child.stdout.trim().split('\n').pop()!) as { node: number; importMs: number; firstMs: number; status: number | string }),
    wall,
  };
}
try {
  coldStart(bundles.http); // warms the file system cache; not measured
  console.log('code a cold start loads to answer its first event (minified; gzip as the zip stores it):');
  for (const [name, entry] of Object.entries(bundles)) {
    rmSync(loadedLog, { force: true });
    coldStart(entry, ['--import', hooks]);
    const files = [...new Set(readFileSync(loadedLog, 'utf8').trim().split('\n'))]
      .map((u) => fileURLToPath(u))
      .filter((f) => f.endsWith('.mjs') && !f.endsWith('probe.mjs'));
    console.log(`  ${name.padEnd(5)} ${kb(size(files)).padStart(8)} (gzip ${kb(gz(files))}) in ${files.length} file(s)`);
  }
  const all = chunks.concat(bundles.http, bundles.sqs).filter((f) => !pdf.includes(f));
  console.log(
    `  all JS in dist-lambda except the PDF chunk ${kb(size(all))}; PDF chunk (loaded on the first PDF) ${kb(size(pdf))}; node_modules/ beside ${kb(dirSize(path.join(dist, 'node_modules')))}`,
  );
  console.log(
    `cold start, median of ${runs} fresh processes each (API: GET /health as an API Gateway v2 event; SQS: the fixture's one-record event):`,
  );
  for (const name of ['bare', 'http', 'sqs'] as const) {
    const samples = Array.from({ length: runs }, () => coldStart(bundles[name]));
    const m = (k: 'node' | 'importMs' | 'firstMs' | 'wall') => `${median(samples.map((s) => s[k])).toFixed(0)} ms`;
    console.log(
      `  ${name.padEnd(5)} node start ${m('node')}, import ${m('importMs')}, import to first response ${m('firstMs')}, process wall ${m('wall')} (status ${samples[0]!.status})`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
