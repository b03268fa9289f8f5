/**
 * OpenAPI-driven fuzz and contract run against the STARTED server (`opendeck serve`, embedded database,
 * real HTTP): about 1,600 requests drawn from /openapi.json for every operation, seeded (FUZZ_SEED) so a
 * failure replays exactly. It fails on any 5xx and on any response that breaks the published contract.
 * TRUST_PROXY=1 lets each request claim its own client IP, so per-IP limits do not turn the run into 429s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnServer, type RunningServer } from '../support/spawn-server.js';
import { requestsFor, type Fixtures, type FuzzRequest } from './fuzz-requests.js';
import { ResponseContract } from './response-contract.js';
import type { OpenApiDoc } from './schema-arbitrary.js';
import { createFixtures } from './fuzz-fixtures.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const CLI = ['--import', 'tsx', path.resolve('src/bin/cli.ts')];
const METRICS_TOKEN = 'fuzz-metrics-token-0123456789';
// Argon2 makes sign-ups and sign-ins the slow requests; uploads start generation jobs.
const COUNTS: Record<string, number> = {
  'post /api/v1/auth/register': 40,
  'post /api/v1/auth/login': 50,
  'post /api/v1/documents/upload': 40,
  'get /metrics': 20,
  'post /api/v1/decks/import': 150,
};
const DEFAULT_COUNT = 60;
// The study routes are many and cheap; fewer requests each keep the whole run inside its time box.
const STUDY_COUNT = 30;
const LANES = 4;
const TRACE = process.env.FUZZ_TRACE;

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-fuzz-'));
  server = await spawnServer(
    [...CLI, 'serve', '--port', '0'],
    {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SECRET_KEY: '',
      LOG_LEVEL: 'info',
      TRUST_PROXY: '1',
      METRICS_TOKEN,
      // Uploads and deck imports share the per-user limit; room for both runs, so imports reach their parsers.
      RATE_LIMIT_UPLOAD_USER: '1000/1h',
    },
    90_000,
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Deletes and sign-out last, so they do not pull the fixtures out from under the other operations. */
function orderOf(method: string, template: string): number {
  if (template.endsWith('/auth/logout')) return 2;
  return method === 'delete' ? 1 : 0;
}

/** Routes that read their body as a stream and may answer (and close) before the client has sent all of it. */
const STREAMED_BODY = /\/api\/v1\/(documents\/upload|decks\/import)$/;
const SOCKET_ERRORS = new Set(['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET']);

async function send(request: FuzzRequest) {
  let res: Response;
  try {
    res = await fetch(`${server.url}${request.url}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    // A streamed body refused early (413, or a bad part before the rest arrived) is answered and the socket closed
    // (close-after-refusal.ts); a client still writing then sees the socket go. That is by design, as long as the
    // server is alive and well afterwards, which is what is checked here. Anything else is a finding.
    const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
    if (!(STREAMED_BODY.test(request.url.split('?')[0]!) && SOCKET_ERRORS.has(code))) {
      throw new Error(`${request.method} ${request.url}: ${(error as Error).message} (${code})`, { cause: error });
    }
    const health = await fetch(`${server.url}/health`);
    if (!health.ok) throw new Error(`the server is unwell after ${request.method} ${request.url} closed early: ${health.status}`);
    return { status: 0, headers: new Headers(), text: '' };
  }
  // An event stream never ends: its first frame is enough to check, then the connection is dropped.
  if (/^text\/event-stream/.test(res.headers.get('content-type') ?? '')) {
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    return { status: res.status, headers: res.headers, text: new TextDecoder().decode(first.value ?? new Uint8Array()) };
  }
  return { status: res.status, headers: res.headers, text: await res.text() };
}

it('answers every generated request without a 5xx and within the published contract', async () => {
  const started = Date.now();
  const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenApiDoc;
  const contract = new ResponseContract(doc);
  contract.compileAll();
  const fixtures: Fixtures = await createFixtures(server.url, METRICS_TOKEN);

  const operations = Object.entries(doc.paths)
    .flatMap(([template, item]) => Object.keys(item).map((method) => ({ template, method })))
    .sort((a, b) => orderOf(a.method, a.template) - orderOf(b.method, b.template));
  expect(operations.length).toBeGreaterThan(20);
  const failures = new Map<string, { count: number; example: string }>();
  const statuses = new Map<string, Map<number, number>>();
  let sent = 0;

  for (const [index, { template, method }] of operations.entries()) {
    const key = `${method} ${template}`;
    const requests = requestsFor(
      doc,
      template,
      method,
      fixtures,
      COUNTS[key] ?? (template.startsWith('/api/v1/study/') ? STUDY_COUNT : DEFAULT_COUNT),
      SEED + index,
    );
    const seen = new Map<number, number>();
    statuses.set(key, seen);
    let next = 0;
    const lane = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const res = await send(request);
        sent++;
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        // FUZZ_TRACE=<part of "method template"> prints that operation's exchanges, to replay a finding.
        if (TRACE && key.includes(TRACE))
          console.log(
            `${request.method} ${request.url} ${typeof request.body === 'string' ? request.body.slice(0, 300) : ''}\n  -> ${res.status} ${res.text.slice(0, 300)}`,
          );
        // A "..", "%2e%2e" id is resolved by the URL parser to another route (/study/decks/../stats is /study/stats):
        // that answer follows the other route's contract, so only "no 5xx" is checked for it.
        if (res.status === 0) continue; // closed early on a refused streamed body (see send)
        const rerouted = new URL(request.url, server.url).pathname !== request.url.split('?')[0];
        const problems = rerouted
          ? res.status >= 500
            ? [`${res.status} for a rerouted path`]
            : []
          : contract.check(request.method, template, res);
        for (const problem of problems) {
          const id = `${request.method} ${template}: ${problem}`;
          const entry = failures.get(id) ?? {
            count: 0,
            example: `${request.method} ${request.url} ${typeof request.body === 'string' ? request.body.slice(0, 200) : request.body ? '[multipart]' : ''} -> ${res.status} ${res.text.slice(0, 300)}`,
          };
          entry.count++;
          failures.set(id, entry);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
  }

  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: seed ${SEED}, ${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s`);
  for (const [key, seen] of statuses)
    console.log(
      `  ${key}: ${[...seen]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}x${n}`)
        .join(' ')}`,
    );
  const serverErrors = server.lines.filter((line) => /"level":(50|60)/.test(line)).slice(0, 5);
  const report = [...failures].map(([id, { count, example }]) => `${id} (${count}x)\n    e.g. ${example}`);
  expect(report, `server error log:\n${serverErrors.join('\n')}`).toEqual([]);
  // The run must reach success paths too, not only refusals.
  const succeeded = [...statuses.values()].reduce((n, seen) => n + [...seen].filter(([s]) => s < 300).reduce((m, [, c]) => m + c, 0), 0);
  expect(succeeded / sent).toBeGreaterThan(0.15);
  expect(sent).toBeGreaterThanOrEqual(1400);
}, 120_000);
