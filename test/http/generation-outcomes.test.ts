/**
 * Issue 12, defects 4, 7 and 8, through the HTTP API with the in-process queue:
 * - a run that fails because every proposed card was rejected records cards_rejected, page_count and language;
 * - a run whose every card is already in the deck completes with 0 cards and a `detail` saying so;
 * - a model outage does not fail the document: it waits (processing, with a `detail`) and resumes, and only a
 *   provider down for the whole retry schedule fails it, with a message that says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_DUPLICATES_DETAIL, CoreError, OUTAGE_RETRY_DELAYS_SECONDS, type CardGenerator } from '../../src/core/index.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { multiPagePdf } from '../fixtures/index.js';
import { buildDocumentTestApp, generatorRegistry, uploadOne } from './documents-support.js';
import { call, signUp, type SignedIn } from './support.js';

const NOTES =
  '# Cells\n\nThe mitochondrion is the organelle that produces most of the energy of the cell, as ATP.\n\n' +
  'The nucleus is the organelle that holds the genetic material of the cell.\n\nRibosomes are the structures that build proteins from amino acids.\n';

/** Proposes cards whose quotes are nowhere in the document. */
const inventing: CardGenerator = {
  provider: 'inventing',
  model: 'inventing-1',
  maxChunkChars: 12_000,
  async generate() {
    const card = (n: number) => ({
      question: `What is X${n}?`,
      answer: 'Y',
      page: 1,
      section: null,
      quote: `a sentence number ${n} that is not in the document`,
    });
    return { cards: [card(1), card(2), card(3)], usage: { inputTokens: 10, outputTokens: 5 } };
  },
};

/** The offline generator behind a provider that is down for its first `failures` calls (or always). */
class FlakyProvider implements CardGenerator {
  readonly model = 'flaky-1';
  readonly maxChunkChars = 12_000;
  calls = 0;
  private readonly inner = new OfflineCardGenerator();
  constructor(
    readonly provider: string,
    private readonly failures: number,
  ) {}
  async generate(request: Parameters<CardGenerator['generate']>[0]) {
    if (this.calls++ < this.failures) throw new CoreError('upstream_unavailable', 'The AI provider is not answering.');
    return this.inner.generate(request);
  }
}

const recovering = new FlakyProvider('recovering', 2);
const down = new FlakyProvider('down', Number.POSITIVE_INFINITY);
const t = buildDocumentTestApp({
  generators: generatorRegistry(new OfflineCardGenerator(), inventing, recovering, down),
  // The schedule's shape with milliseconds for seconds: a 30 s wait takes 30 ms here.
  queue: { retryDelayMs: (seconds) => seconds },
});
let user: SignedIn;
beforeAll(async () => {
  user = await signUp(t.app);
});

const getDoc = async (id: string) => (await call(t.app, 'GET', `/api/v1/documents/${id}`, { token: user.access })).body;
const getStatus = async (id: string) => (await call(t.app, 'GET', `/api/v1/documents/${id}/status`, { token: user.access })).body;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('a run that fails because every card was rejected', () => {
  it('records cards_rejected, page_count and language like a completed run', async () => {
    const bytes = await multiPagePdf(3);
    const [doc] = (
      await uploadOne(t.app, user.access, { name: 'cells.pdf', bytes }, { metadata: { title: 'Deck', provider: 'inventing' } })
    ).documents;
    await t.queue.drain();
    const failed = await getDoc(doc.id);
    expect(failed.status).toBe('failed');
    expect(failed.error_message).toMatch(/all 3 proposed cards quoted text that is not in the document/);
    expect(failed).toMatchObject({ cards_rejected: 3, page_count: 3, cards_generated: 0 });
    expect(failed.language).toBe('en');
  });
});

describe('a run whose every card is already in the deck', () => {
  it('completes with 0 cards and a detail saying why', async () => {
    const bytes = new TextEncoder().encode(NOTES);
    const first = await uploadOne(t.app, user.access, { name: 'notes.md', bytes }, { metadata: { title: 'Cells' } });
    await t.queue.drain();
    expect(await getDoc(first.document_ids[0]!)).toMatchObject({ status: 'completed', detail: null });
    expect((await getDoc(first.document_ids[0]!)).cards_generated).toBeGreaterThan(0);

    const again = await uploadOne(t.app, user.access, { name: 'notes-copy.md', bytes }, { deckId: first.deck_id! });
    await t.queue.drain();
    const second = await getDoc(again.document_ids[0]!);
    expect(second).toMatchObject({ status: 'completed', cards_generated: 0, detail: ALL_DUPLICATES_DETAIL });
    expect((await getStatus(second.id)).detail).toBe(ALL_DUPLICATES_DETAIL);
  });
});

describe('a model outage', () => {
  it('leaves the document processing with a detail while it waits, then resumes and completes', async () => {
    const bytes = new TextEncoder().encode(NOTES);
    const [doc] = (
      await uploadOne(t.app, user.access, { name: 'notes.md', bytes }, { metadata: { title: 'Outage', provider: 'recovering' } })
    ).documents;
    const waiting = await until(
      () => getStatus(doc.id),
      (s) => s.detail !== null || s.status === 'completed',
    );
    expect(waiting.status).toBe('processing');
    expect(waiting.detail).toMatch(/Waiting for the AI provider/);
    const done = await until(
      () => getDoc(doc.id),
      (d) => d.status === 'completed' || d.status === 'failed',
    );
    expect(done).toMatchObject({ status: 'completed', detail: null, error_message: null });
    expect(done.cards_generated).toBeGreaterThan(0);
    expect(recovering.calls).toBe(3);
  });

  it('fails the document, saying so, once the provider stays down through every wait', async () => {
    const bytes = new TextEncoder().encode(NOTES);
    const [doc] = (await uploadOne(t.app, user.access, { name: 'notes.md', bytes }, { metadata: { title: 'Down', provider: 'down' } }))
      .documents;
    const failed = await until(
      () => getDoc(doc.id),
      (d) => d.status === 'failed',
      20_000,
    );
    expect(failed.error_message).toMatch(/AI provider did not answer/);
    expect(failed.detail).toBeNull();
    expect(down.calls).toBe(OUTAGE_RETRY_DELAYS_SECONDS.length + 1);
  });
});
