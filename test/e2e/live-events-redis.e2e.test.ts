/**
 * Live events in the on-prem mode across real processes: two `opendeck serve` instances and one `opendeck worker`
 * on the machine's PostgreSQL and Redis. The client's stream is held by API instance A, its ticket issued by
 * instance B, and the generation runs in the worker: its events must reach the stream through Redis. Then the
 * client reconnects to B with its Last-Event-ID and gets what it missed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishNotesMarkdown } from '../fixtures/index.js';
import { SseReader } from '../http/sse-client.js';
import { createTestDatabase, requireOrSkip, type TestDatabase } from '../support/postgres.js';
import { REDIS_URL, redisIsUp } from '../support/redis.js';
import { CLEAN_ENV, startServer, startWorker, type OpendeckProcess } from './support/processes.js';
import { claimRedisDb, type ClaimedRedisDb } from './support/redis-db.js';

let database: TestDatabase | null = null;
let redisDb: ClaimedRedisDb | null = null;
const dataDir = mkdtempSync(path.join(tmpdir(), 'od-e2e-live-'));
const processes: OpendeckProcess[] = [];

beforeAll(async () => {
  if (!(await redisIsUp())) return;
  database = await createTestDatabase();
  if (!database) return;
  redisDb = await claimRedisDb(REDIS_URL);
  if (!redisDb) requireOrSkip(`a free Redis database (1-15) at ${REDIS_URL}: every one holds keys`);
}, 30_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await redisDb?.release();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('live events through Redis: two API instances and a worker', () => {
  it("the worker's events reach the stream another instance holds; a reconnect elsewhere resumes", async (ctx) => {
    if (!database || !redisDb) return ctx.skip();
    const env = {
      ...CLEAN_ENV,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: redisDb.url,
      QUEUE_PREFIX: 'od-e2e-live',
      WORKER_CONCURRENCY: '1',
    };
    const a = await startServer(env);
    processes.push(a);
    const b = await startServer(env);
    processes.push(b);
    processes.push(await startWorker(env));

    const registered = await fetch(`${a.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `live-${process.pid}@example.com`, name: 'Live user', password: 'a long enough passphrase' }),
    });
    const token = ((await registered.json()) as { access_token: string }).access_token;
    const auth = { authorization: `Bearer ${token}` };

    const ticket = ((await (await fetch(`${b.url}/api/v1/events/ticket`, { method: 'POST', headers: auth })).json()) as { ticket: string })
      .ticket;
    const first = new SseReader(await fetch(`${a.url}/api/v1/events?ticket=${ticket}`));
    expect(first.response.status).toBe(200);
    await first.next();

    const form = new FormData();
    form.append('file', new File([englishNotesMarkdown() as Uint8Array<ArrayBuffer>], 'redis.md'));
    form.append('metadata', JSON.stringify({ title: 'Through Redis' }));
    const upload = (await (await fetch(`${b.url}/api/v1/documents/upload`, { method: 'POST', headers: auth, body: form })).json()) as {
      document_ids: string[];
    };
    const documentId = upload.document_ids[0]!;

    const progress = await first.until((f) => f.event === 'document.progress', 30_000);
    await first.cancel(); // dropped mid-generation (or just after): the rest must come on the reconnect
    const lastId = progress.at(-1)!.id!;

    const second = new SseReader(await fetch(`${b.url}/api/v1/events`, { headers: { ...auth, 'Last-Event-ID': lastId } }));
    const rest = await second.until((f) => f.event === 'notification.created', 30_000);
    await second.cancel();
    const events = [...progress, ...rest].filter((f) => f.event);
    const ids = events.map((f) => f.id!);
    expect(new Set(ids).size).toBe(ids.length);
    const completed = events.find((f) => f.event === 'document.completed');
    expect(JSON.parse(completed!.data!)).toMatchObject({ document_id: documentId, status: 'completed' });
    expect(JSON.parse(events.at(-1)!.data!)).toMatchObject({ type: 'success', title: 'Document processed' });
  }, 120_000);
});
