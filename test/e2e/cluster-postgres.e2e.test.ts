/**
 * `opendeck serve --workers 2` on a PostgreSQL server: two processes share the port. What must hold: both
 * start and serve, a token logged out on one is refused by both within 1 s, a ticket or a rate-limit count
 * made on one is known to the other (no Redis: the primary keeps them), /ready turns 503 on every worker on
 * SIGTERM, and the whole cluster exits 0.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { SseReader } from '../http/sse-client.js';
import { ApiClient } from './support/api-client.js';
import { startOpendeck, type OpendeckProcess } from './support/processes.js';

let db: TestDatabase | null = null;
let server: OpendeckProcess | undefined;
let base = '';
let dataDir = '';
/** The first registered user's access token. */
let firstToken = '';

interface Answer {
  status: number;
  body: any;
}

/** One request on a connection of its own, so the primary hands each to the next worker in turn. */
function request(method: string, route: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      `${base}${route}`,
      {
        method,
        agent: false,
        headers: {
          connection: 'close',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: text.startsWith('{') ? JSON.parse(text) : text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const statuses = async (n: number, make: () => Promise<Answer>) => {
  const answers: number[] = [];
  for (let i = 0; i < n; i++) answers.push((await make()).status);
  return answers;
};

beforeAll(async () => {
  db = await createTestDatabase();
  if (!db) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-cluster-'));
  server = startOpendeck(['serve', '--port', '0', '--workers', '2'], {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    SHUTDOWN_DELAY: '2',
    RATE_LIMIT_REGISTER_IP: '3/1h',
  });
  const listening = await server.waitForLog('listening', (e) => e.msg === 'OpenDeck is listening', 120_000);
  base = listening.url as string;
}, 150_000);

afterAll(async () => {
  await server?.kill();
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('starts two processes that both serve, each with its own pool', async (ctx) => {
  if (!server) return ctx.skip();
  // The second process starts once the first listens: on a loaded machine it may still be starting here.
  const readyPids = () => new Set(server!.logs.filter((e) => e.msg === 'server process ready').map((e) => e.pid));
  for (let waited = 0; readyPids().size < 2 && waited < 25_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  expect(readyPids().size).toBe(2);
  expect(server.logs.find((e) => e.workers === 2 && e.db_pool_max_per_worker === 10)).toBeDefined();
  expect(await statuses(4, () => request('GET', '/ready'))).toEqual([200, 200, 200, 200]);
});

it('shares rate-limit counts and event tickets between the workers', async (ctx) => {
  if (!server) return ctx.skip();
  // Three registrations per address an hour, whichever worker takes them: the fourth is refused.
  const register = (i: number) =>
    request('POST', '/api/v1/auth/register', { body: { email: `c${i}@example.com`, name: 'C', password: 'a long cluster passphrase' } });
  const first = await register(0);
  expect(first.status).toBe(201);
  expect([(await register(1)).status, (await register(2)).status, (await register(3)).status]).toEqual([201, 201, 429]);
  // Tickets issued on one worker open the stream on either (a connection each, so they alternate).
  const token = first.body.access_token as string;
  firstToken = token;
  for (let i = 0; i < 4; i++) {
    const { body } = await request('POST', '/api/v1/events/ticket', { token });
    const stream = await fetch(`${base}/api/v1/events?ticket=${body.ticket}`, { headers: { connection: 'close' } });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
  }
});

it('delivers the live event of a job to streams held by either worker', async (ctx) => {
  if (!server || !firstToken) return ctx.skip();
  // Two streams opened one after the other: the primary hands consecutive connections to different workers.
  const open = () => fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${firstToken}` } });
  const streams = [new SseReader(await open()), new SseReader(await open())];
  for (const stream of streams) expect(stream.response.status).toBe(200);
  const notes = '# Cells\n\nMitochondria are organelles that produce most of the chemical energy of the cell.\n';
  const { documentId } = await new ApiClient(base, firstToken).uploadForCards('cells.md', new TextEncoder().encode(notes));
  for (const stream of streams) {
    for (;;) {
      const frame = await stream.next(20_000);
      if (frame?.event === 'document.completed') {
        expect(JSON.parse(frame.data!).document_id).toBe(documentId);
        break;
      }
      expect(frame).not.toBeNull();
    }
    await stream.cancel();
  }
}, 60_000);

it('refuses a logged-out token on every worker within 1 s', async (ctx) => {
  if (!server) return ctx.skip();
  const login = await request('POST', '/api/v1/auth/login', { body: { email: 'c0@example.com', password: 'a long cluster passphrase' } });
  const token = login.body.access_token as string;
  // Both workers now hold the session as active in their cache.
  expect(await statuses(6, () => request('GET', '/api/v1/auth/me', { token }))).toEqual([200, 200, 200, 200, 200, 200]);
  const started = Date.now();
  expect((await request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
  for (;;) {
    const seen = await statuses(4, () => request('GET', '/api/v1/auth/me', { token }));
    if (seen.every((s) => s === 401)) break;
    expect(Date.now() - started).toBeLessThan(1_000);
  }
  expect(Date.now() - started).toBeLessThan(1_000);
});

it('on SIGTERM every worker answers /ready 503, then the cluster exits 0', async (ctx) => {
  if (!server) return ctx.skip();
  server.child.kill('SIGTERM');
  await server.waitForLog('draining', (e) => e.msg === 'stopping every server process', 10_000);
  // SHUTDOWN_DELAY=2: still accepting, and saying "not ready" whichever worker answers.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await statuses(4, () => request('GET', '/ready'))).toEqual([503, 503, 503, 503]);
  expect(await server.exited).toBe(0);
  expect(server.logs.filter((e) => e.msg === 'stopped' && e.elapsed_ms !== undefined)).toHaveLength(2);
});
