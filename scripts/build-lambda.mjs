#!/usr/bin/env node
/**
 * `npm run build:lambda`: bundles the two Lambda entry points with esbuild into dist-lambda/, the folder
 * that is zipped for the functions (infra/terraform, lambda.tf: a zip, not a container image).
 *
 *   http.mjs, sqs.mjs   ESM for node20, minified, source maps beside them (.map, not inlined: smaller bundles;
 *                       set NODE_OPTIONS=--enable-source-maps to use them)
 *   chunks/             code shared by both, and the PDF library (pdf.js via unpdf), which is loaded by a
 *                       dynamic import only when a PDF is read: it stays out of the API's cold start
 *   node_modules/       what cannot be bundled, copied as is: @node-rs/argon2 (a native addon; the
 *                       linux-x64-gnu build, so the functions run on x86_64), the common-password list
 *                       (loaded with require at run time), the Swagger UI assets /docs serves and sql.js's
 *                       WebAssembly (Anki packages, loaded on the first export or import)
 *                       OCR, loaded only when a scanned page or photo is read (so only in the SQS function,
 *                       which runs generation; the API function never imports it): tesseract.js (it starts its
 *                       own worker thread from its files, so it cannot be bundled) with its dependencies, the
 *                       LSTM WebAssembly builds of tesseract.js-core, the English data (@tesseract.js-data/eng,
 *                       read from the bundle, never downloaded; unpacked to /tmp, the one writable folder) and
 *                       @napi-rs/canvas's linux-x64-gnu build to draw PDF pages
 *   migrations/         for DATABASE_URL (PostgreSQL) deployments; DynamoDB needs none
 *
 * Left out on purpose, replaced by stubs that fail with a message saying so: the embedded PGlite database (a
 * Lambda's disk is per instance, so it can never be the store there) and Redis (BullMQ, shared rate limits).
 * Trimmed to what is used: rate-limiter-flexible's index, and the AWS SDK's default credential chain (the
 * environment provider first; the rest is a chunk loaded only without keys in the environment).
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist-lambda');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

/** Modules swapped at build time for what the Lambda needs instead. */
const replacements = {
  name: 'lambda-replacements',
  setup(b) {
    // version.ts reads ../package.json at run time; the bundle has the version built in.
    b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({
      contents: `export const VERSION = ${JSON.stringify(pkg.version)};`,
      loader: 'ts',
    }));
    b.onLoad({ filter: /[\\/]src[\\/]infra[\\/]postgres[\\/]open-pglite\.ts$/ }, () => ({
      contents:
        'export async function openPglite() { throw new Error("The embedded database (PGlite) is not part of the Lambda bundle: ' +
        'a Lambda\'s disk is its own, so set DATABASE_URL or the DynamoDB backend."); }',
      loader: 'ts',
    }));
    // Lambda runs extraction inline (lambda-runtime.ts sets cpuWorkers 0), so piscina and its worker stay out.
    b.onLoad({ filter: /[\\/]src[\\/]infra[\\/]workers[\\/]cpu-pool\.ts$/ }, () => ({
      contents:
        'export class CpuPool { constructor() { throw new Error("The CPU worker pool is not part of the Lambda bundle: set CPU_WORKERS=0."); } }',
      loader: 'ts',
    }));
    // zod builds its messages with the English locale only (it calls config(en()) itself); its index of ~40
    // locales is reachable through the `z` namespace, so it is bundled unless cut here (~250 KB).
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      loader: 'js',
    }));
    // rate-limiter-flexible's index requires its ~25 limiters (Mongo, MySQL, etcd, ...); we use three
    // (src/infra/ratelimit/attempt-limiter.ts). ~60 KB less to load. Fails the build if that file imports more.
    b.onLoad({ filter: /[\\/]rate-limiter-flexible[\\/]index\.js$/ }, async () => {
      const used = ['RateLimiterMemory', 'RateLimiterRedis', 'RateLimiterRes'];
      const source = await readFile(path.join(root, 'src/infra/ratelimit/attempt-limiter.ts'), 'utf8');
      const imported = source.match(/import \{([^}]*)\} from 'rate-limiter-flexible'/);
      if (!imported) throw new Error('build-lambda: attempt-limiter.ts no longer imports rate-limiter-flexible as expected');
      const values = imported[1]
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '));
      const missing = values.filter((n) => !used.includes(n));
      if (missing.length) throw new Error(`build-lambda: add ${missing.join(', ')} to the rate-limiter-flexible replacement`);
      return { contents: used.map((n) => `exports.${n} = require('./lib/${n}');`).join('\n'), loader: 'js' };
    });
    // The AWS clients' default credential chain (SSO, ini files, STS web identity, IMDS, ... with their
    // nested STS/SSO clients, ~100 KB) is bundled inline, though a Lambda's credentials are always in its
    // environment. In front of it: the environment provider, as the chain itself would try first (unless a
    // profile is named); the full chain loads only when the environment has no keys.
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: 'credential-provider-node',
      namespace: 'env-credentials-first',
    }));
    b.onLoad({ filter: /.*/, namespace: 'env-credentials-first' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: `import { fromEnv, ENV_KEY, ENV_SECRET } from '@aws-sdk/credential-provider-env';
export const defaultProvider = (init = {}) => {
  const fromEnvOnly = !(init.profile ?? process.env.AWS_PROFILE) && process.env[ENV_KEY] && process.env[ENV_SECRET];
  if (fromEnvOnly) return fromEnv(init);
  let full;
  return async (props) => {
    full ??= import(${JSON.stringify(createRequire(path.join(root, 'package.json')).resolve('@aws-sdk/credential-provider-node'))}).then((m) => (m.default ?? m).defaultProvider(init)); // a CommonJS chunk: its exports are the default
    return (await full)(props);
  };
};
`,
    }));
    // Redis (BullMQ queue, shared rate-limit counters) is not for Lambda: jobs go to SQS (src/config/aws.ts
    // refuses SQS_QUEUE_URL with REDIS_URL) and rate limits count per instance. ~1.3 MB less to load.
    b.onResolve({ filter: /^(bullmq|ioredis)$/ }, (args) => ({ path: args.path, namespace: 'no-redis' }));
    b.onLoad({ filter: /.*/, namespace: 'no-redis' }, () => ({
      contents:
        'const refuse = () => { throw new Error("Redis (REDIS_URL) is not part of the Lambda bundle: jobs go to SQS_QUEUE_URL."); };\n' +
        'export class Redis { constructor() { refuse(); } }\nexport class Queue { constructor() { refuse(); } }\n' +
        'export class Worker { constructor() { refuse(); } }\nexport default Redis;\n',
      loader: 'js',
    }));
  },
};

// sql.js's Emscripten loader uses __dirname, which an ESM bundle lacks: it runs from node_modules as CommonJS.
// tesseract.js and @napi-rs/canvas: OCR's engine starts a worker from its own files, and canvas is a native addon.
export const EXTERNAL = ['@node-rs/argon2', '@zxcvbn-ts/language-common', 'swagger-ui-dist', 'sql.js', 'tesseract.js', '@napi-rs/canvas'];

/** The Lambda zip limits (direct upload, and unpacked with layers); the build fails rather than deploy past them. */
export const LAMBDA_LIMITS = { unzippedBytes: 250 * 1024 * 1024 };

/** tesseract.js's WebAssembly builds that Node on x86_64 can load (LSTM engine only: the one OpenDeck starts). */
const TESSERACT_CORES = ['tesseract-core-relaxedsimd-lstm', 'tesseract-core-simd-lstm', 'tesseract-core-lstm'];

export async function buildLambda({ outdir = out, entryPoints, minify = true } = {}) {
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: entryPoints ?? { http: path.join(root, 'src/bin/lambda-http.ts'), sqs: path.join(root, 'src/bin/lambda-sqs.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    minify,
    sourcemap: 'external',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    external: EXTERNAL,
    // Bundled CommonJS packages (pino, pg, ...) call require(); ESM has none, so give them one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [replacements],
  });
  return result;
}

/** A package and, recursively, its dependencies (npm installs them flat at the root); tesseract.js-core is copied apart. */
async function copyWithDependencies(name, copy, seen = new Set(['tesseract.js-core', 'opencollective-postinstall'])) {
  if (seen.has(name)) return;
  seen.add(name);
  await copy(name);
  const manifest = JSON.parse(await readFile(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) await copyWithDependencies(dependency, copy, seen);
}

/** Bytes of every file under `dir`. */
async function folderBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath ?? entry.path, entry.name))).size;
  }
  return total;
}

async function copyBeside(outdir) {
  const nm = path.join(outdir, 'node_modules');
  const copy = (from, files) =>
    Promise.all(
      (files ?? ['']).map(async (f) => {
        await mkdir(path.dirname(path.join(nm, from, f)), { recursive: true });
        await cp(path.join(root, 'node_modules', from, f), path.join(nm, from, f), { recursive: true });
      }),
    );
  await copy('@node-rs/argon2', ['package.json', 'index.js']);
  await copy('@node-rs/argon2-linux-x64-gnu');
  await copy('@zxcvbn-ts/language-common', [
    'package.json',
    'dist/index.cjs',
    'dist/passwords.json.cjs',
    'dist/diceware.json.cjs',
    'dist/adjacencyGraphs.json.cjs',
  ]);
  await copy('swagger-ui-dist', ['package.json', 'swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']);
  // SQLite for Anki packages (external, see EXTERNAL).
  await copy('sql.js', ['package.json', 'dist/sql-wasm.js', 'dist/sql-wasm.wasm']);
  // OCR (external, see EXTERNAL): tesseract.js with what it requires at run time, one core per CPU feature set,
  // the English data, and the canvas that draws PDF pages.
  await copyWithDependencies('tesseract.js', copy);
  await copy('tesseract.js-core', ['package.json', 'index.js', ...TESSERACT_CORES.flatMap((c) => [`${c}.js`, `${c}.wasm`])]);
  await copy('@tesseract.js-data/eng', ['package.json', 'index.js', '4.0.0/eng.traineddata.gz']);
  await copy('@napi-rs/canvas', ['package.json', 'index.js', 'js-binding.js', 'geometry.js', 'load-image.js']);
  await copy('@napi-rs/canvas-linux-x64-gnu');
  await cp(path.join(root, 'migrations'), path.join(outdir, 'migrations'), { recursive: true });
  // Marks the folder as ESM for any .js file copied in; the bundles themselves are .mjs.
  await writeFile(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'module', version: pkg.version })}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await buildLambda();
  await copyBeside(out);
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.mjs')) console.log(`${path.relative(root, file).padEnd(48)} ${(meta.bytes / 1024).toFixed(0).padStart(6)} KB`);
  }
  const unzipped = await folderBytes(out);
  const ocr = await folderBytes(path.join(out, 'node_modules'));
  console.log(
    `dist-lambda/ ${(unzipped / 1024 / 1024).toFixed(1)} MB unzipped (node_modules/ ${(ocr / 1024 / 1024).toFixed(1)} MB, mostly OCR)`,
  );
  if (unzipped > LAMBDA_LIMITS.unzippedBytes) {
    throw new Error(`dist-lambda/ is ${(unzipped / 1024 / 1024).toFixed(1)} MB: over Lambda's 250 MB unzipped limit`);
  }
}
