/**
 * The on-prem mode across real processes: `opendeck serve` with DATABASE_URL + REDIS_URL enqueues to BullMQ
 * on the machine's Redis, separate `opendeck worker` processes run the job against the machine's
 * PostgreSQL, and the model is a slow fake. The worker running the job is SIGKILLed mid-job; a second worker
 * started afterwards picks the stalled job up once its lock lapses, and the document ends completed once,
 * with no duplicate cards and an exact card_count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATE_CARDS_QUEUE } from '../../src/infra/queue/bullmq-settings.js';
import { startFakeOpenAi, type FakeLlmServer } from '../support/fake-llm/index.js';
import { createTestDatabase, requireOrSkip, type TestDatabase } from '../support/postgres.js';
import { REDIS_URL, redisIsUp } from '../support/redis.js';
import { ApiClient } from './support/api-client.js';
import { honestCourseCards } from './support/course-cards.js';
import { coursePages, coursePdf, quoteIsOnPage } from './support/course-pdf.js';
import { startServer, startWorker, type LogEntry, type OpendeckProcess } from './support/processes.js';
import { claimRedisDb, type ClaimedRedisDb } from './support/redis-db.js';

let database: TestDatabase | null = null;
let redisDb: ClaimedRedisDb | null = null;
let fake: FakeLlmServer | undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), 'od-e2e-worker-'));
const processes: OpendeckProcess[] = [];

beforeAll(async () => {
  if (!(await redisIsUp())) return;
  database = await createTestDatabase();
  if (!database) return;
  redisDb = await claimRedisDb(REDIS_URL);
  if (!redisDb) requireOrSkip(`a free Redis database (1-15) at ${REDIS_URL}: every one holds keys`);
}, 30_000);

afterAll(async () => {
  // Workers first, gracefully, so they do not hold Redis or PostgreSQL connections while we clean up.
  await Promise.all(processes.map((p) => p.stop()));
  await redisDb?.release();
  await database?.drop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const QUEUE_PREFIX = 'od-e2e';

const jobLogs = (p: OpendeckProcess, msg: string, documentId: string): LogEntry[] =>
  p.logs.filter((e) => e.msg === msg && e.documentId === documentId);

describe('BullMQ on Redis with PostgreSQL: opendeck serve + opendeck worker processes', () => {
  it('a worker SIGKILLed mid-job: a second worker completes the job once, no duplicate cards, card_count exact', async (ctx) => {
    if (!database || !redisDb) return ctx.skip();
    fake = await startFakeOpenAi({ fallback: { kind: 'cards', cards: honestCourseCards, delayMs: 1_500 } });
    const env = {
      DATA_DIR: dataDir, // API and workers share the uploaded files through local storage
      DATABASE_URL: database.url,
      REDIS_URL: redisDb.url,
      AI_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-e2e-dummy',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      AI_MAX_CHUNK_CHARS: '1000',
      AI_CONCURRENCY: '2',
      AI_TIMEOUT: '20s',
      WORKER_CONCURRENCY: '1',
      QUEUE_PREFIX: QUEUE_PREFIX,
      // A crashed worker's job is rerun after about this long (plus a stalled check): keeps the test short.
      WORKER_LOCK_TIMEOUT: '4s',
    };
    // The API migrates the database; the first worker starts after it so both do not race to migrate.
    const api = await startServer(env);
    processes.push(api);
    const firstWorker = await startWorker(env);
    processes.push(firstWorker);
    const client = await ApiClient.signUp(api.url);
    const pages = coursePages(4, 'bullmq');
    const { documentId, deckId } = await client.uploadForCards('worker.pdf', await coursePdf(pages));

    await client.pollStatus(documentId, (s) => s.status === 'processing' && fake!.requests.length > 0, 30_000);
    expect(jobLogs(firstWorker, 'job started', documentId)).toHaveLength(1);
    await firstWorker.kill();
    const killedAt = Date.now();
    const callsBeforeKill = fake.requests.length;
    expect(callsBeforeKill).toBeLessThan(4);
    expect((await client.status(documentId)).status).toBe('processing');

    const secondWorker = await startWorker(env);
    processes.push(secondWorker);
    const { final: doc } = await client.waitUntilFinished(documentId, 90_000);
    const pickedUp = Date.parse(String(jobLogs(secondWorker, 'job started', documentId)[0]?.time)) - killedAt;
    console.info(
      `worker SIGKILLed mid-job: rerun started ${pickedUp} ms after the kill (lock 4 s + stall checks every 1.3 s); ` +
        `document completed ${Date.now() - killedAt} ms after the kill; model calls before/after: ${callsBeforeKill}/${fake.requests.length - callsBeforeKill}`,
    );

    expect(doc, doc.error_message ?? '').toMatchObject({ status: 'completed', progress: 100, cards_generated: 4, cards_rejected: 0 });
    // Ran to the end exactly once: the killed worker never finished it, the second finished it once.
    expect(jobLogs(firstWorker, 'job finished', documentId)).toHaveLength(0);
    expect(jobLogs(secondWorker, 'job started', documentId)).toHaveLength(1);
    expect(jobLogs(secondWorker, 'job finished', documentId).map((e) => e.outcome)).toEqual(['completed']);
    expect(fake.requests.length - callsBeforeKill).toBe(4);

    const queue = new Queue(GENERATE_CARDS_QUEUE, { connection: redisDb.redis, prefix: QUEUE_PREFIX });
    try {
      const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
      expect(counts).toEqual({ completed: 1, failed: 0, active: 0, waiting: 0, delayed: 0 });
      const [job] = await queue.getJobs(['completed']);
      expect(job!.data).toEqual({ documentId, userId: expect.any(String) }); // only ids travel through Redis
      expect(job!.stalledCounter).toBe(1); // recovered from the stall, not retried after a failure
    } finally {
      await queue.close();
    }

    const cards = await client.cards(deckId);
    expect(cards).toHaveLength(4);
    expect(new Set(cards.map((c) => c.question)).size).toBe(4);
    expect(cards.map((c) => c.source_ref.page).sort()).toEqual([1, 2, 3, 4]);
    for (const c of cards) expect(quoteIsOnPage(pages, c.source_ref.page, c.source_ref.quote)).toBe(true);
    expect((await client.deck(deckId)).card_count).toBe(4);
  }, 150_000);
});
