/**
 * The embedded mode's crash promise: a server killed with SIGKILL in the middle of a generation (no
 * handler runs, the data directory lock is not released, the in-process queue is simply gone) is started
 * again on the same DATA_DIR, picks the unfinished document up at start, and finishes it with each card
 * stored once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startFakeOpenAi, type FakeLlmServer } from '../support/fake-llm/index.js';
import { ApiClient } from './support/api-client.js';
import { honestCourseCards } from './support/course-cards.js';
import { coursePages, coursePdf, quoteIsOnPage } from './support/course-pdf.js';
import { startServer, type OpendeckProcess } from './support/processes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'od-e2e-restart-'));
let fake: FakeLlmServer | undefined;
const servers: OpendeckProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.kill();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('a server SIGKILLed mid-generation finishes the document after a restart on the same DATA_DIR, each card stored once', async () => {
  // A slow model: 2 s per call, two calls at a time, four pages: about 4 s of generation per run.
  fake = await startFakeOpenAi({ fallback: { kind: 'cards', cards: honestCourseCards, delayMs: 2_000 } });
  const env = {
    DATA_DIR: dataDir,
    AI_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-e2e-dummy',
    OPENAI_BASE_URL: `${fake.url}/v1`,
    AI_MAX_CHUNK_CHARS: '1000',
    AI_CONCURRENCY: '2',
    AI_TIMEOUT: '20s',
  };
  const first = await startServer(env);
  servers.push(first);
  const api = await ApiClient.signUp(first.url);
  const pages = coursePages(4, 'restart');
  const { documentId, deckId } = await api.uploadForCards('restart.pdf', await coursePdf(pages));

  // Mid-job: processing, with model calls in flight and no reply yet.
  await api.pollStatus(documentId, (s) => s.status === 'processing' && fake!.requests.length > 0, 30_000);
  expect(fake.requests.length).toBeLessThan(4);
  await first.kill();
  const killedAt = Date.now();
  const callsBeforeCrash = fake.requests.length;
  const before = await fetch(`${first.url}/health`).then(
    () => 'answered',
    () => 'refused',
  );
  expect(before).toBe('refused');

  const second = await startServer(env, 120_000);
  servers.push(second);
  const restartMs = Date.now() - killedAt;
  const dbReadyMs = Date.parse(String(second.logs.find((e) => e.msg === 'database ready')?.time ?? NaN)) - killedAt;
  const again = api.at(second.url);
  const { final: doc } = await again.waitUntilFinished(documentId, 60_000);
  console.info(
    `restart on the same DATA_DIR took ${restartMs} ms (database open ${dbReadyMs} ms after the kill: the data-dir lock must go stale); ` +
      `document completed ${Date.now() - killedAt} ms after the kill; calls before/after crash: ${callsBeforeCrash}/${fake.requests.length - callsBeforeCrash}`,
  );

  expect(second.logs.some((e) => e.msg === 're-queued documents left unfinished by the last run' && e.documents === 1)).toBe(true);
  expect(doc, doc.error_message ?? '').toMatchObject({
    status: 'completed',
    progress: 100,
    cards_generated: 4,
    cards_rejected: 0,
    page_count: 4,
  });
  // The rerun started over: every page was asked for again after the crash.
  expect(fake.requests.length - callsBeforeCrash).toBe(4);

  const cards = await again.cards(deckId);
  expect(cards).toHaveLength(4);
  expect(new Set(cards.map((c) => c.question)).size).toBe(4);
  expect(new Set(cards.map((c) => c.id)).size).toBe(4);
  expect(cards.map((c) => c.source_ref.page).sort()).toEqual([1, 2, 3, 4]);
  for (const c of cards) expect(quoteIsOnPage(pages, c.source_ref.page, c.source_ref.quote)).toBe(true);
  expect((await again.deck(deckId)).card_count).toBe(cards.length);
}, 150_000);
