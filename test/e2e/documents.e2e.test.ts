/**
 * Documents end to end: `opendeck serve` in its own process on the embedded database and in-process queue,
 * generating with the real OpenAI SDK against a local fake that speaks the chat completions wire format.
 * Everything a client sees goes over real HTTP: multipart upload, status polling, the deck's cards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishNotesTxt, PROMPT_INJECTION_NOTES, promptInjectionNotes } from '../fixtures/index.js';
import { groundedCards, startFakeOpenAi, type FakeLlmServer, type RecordedRequest } from '../support/fake-llm/index.js';
import { ApiClient } from './support/api-client.js';
import { honestCourseCards, INVENTED_QUOTE, lyingCourseCards, metered, newMeter } from './support/course-cards.js';
import { chapterOf, coursePages, coursePdf, normalised, quoteIsOnPage } from './support/course-pdf.js';
import { runOpendeck, startServer, type OpendeckProcess } from './support/processes.js';

let dataDir: string;
let fake: FakeLlmServer;
let server: OpendeckProcess & { url: string };
let api: ApiClient;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'od-e2e-docs-'));
  fake = await startFakeOpenAi();
  server = await startServer({
    DATA_DIR: dataDir,
    AI_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-e2e-dummy',
    OPENAI_BASE_URL: `${fake.url}/v1`,
    // 1000 characters is about one page of the course PDF: one model call per page, so progress has steps.
    AI_MAX_CHUNK_CHARS: '1000',
    AI_CONCURRENCY: '1',
    AI_MAX_ATTEMPTS: '2',
    AI_TIMEOUT: '20s',
  });
  api = await ApiClient.signUp(server.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts a fresh record of what the fake is asked, and what it answers from now on. */
function fakeAnswers(make: (request: RecordedRequest) => ReturnType<typeof groundedCards>, delayMs = 0) {
  fake.requests.length = 0;
  fake.script([], { kind: 'cards', cards: make, delayMs });
}

describe('upload to grounded cards over real HTTP', () => {
  it('progress advances while pages are processed; every card cites a page, section and a quote on that page; usage is recorded', async () => {
    const name = 'Biology handbook.pdf';
    const pages = coursePages(6, 'progress');
    const meter = newMeter();
    fakeAnswers(metered(honestCourseCards, meter), 250);

    const { documentId, deckId } = await api.uploadForCards(name, await coursePdf(pages), 'Biology, the handbook');
    const trace = await api.pollStatus(documentId, (s) => s.status === 'completed' || s.status === 'failed', 45_000);
    const progress = [...new Set(trace.seen.map((s) => s.progress))];
    console.info(
      `progress seen while polling ${name}: ${progress.join(' -> ')} (statuses: ${[...new Set(trace.seen.map((s) => s.status))].join(' -> ')})`,
    );

    const doc = trace.final;
    expect(doc, doc.error_message ?? '').toMatchObject({
      status: 'completed',
      progress: 100,
      page_count: 6,
      cards_generated: 6,
      cards_rejected: 0,
      deck_id: deckId,
    });
    // The bar only moves forward, and a client polling it sees steps in between, not just 0 and 100.
    const values = trace.seen.map((s) => s.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(progress.filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(3);
    expect(trace.seen.some((s) => s.status === 'processing' && s.progress > 0 && s.progress < 100)).toBe(true);

    // One call per page, and the document carries exactly the usage the provider reported for them.
    expect(fake.requests).toHaveLength(6);
    expect(meter.calls).toBe(6);
    expect(doc.input_tokens).toBe(meter.inputTokens);
    expect(doc.output_tokens).toBe(meter.outputTokens);
    expect(doc.input_tokens).toBeGreaterThan(6 * 150);
    expect(doc.estimated_cost_usd).toBeGreaterThan(0);

    const deck = await api.deck(deckId);
    const cards = await api.cards(deckId);
    expect(deck).toMatchObject({ title: 'Biology, the handbook', card_count: 6 });
    expect(cards).toHaveLength(6);
    for (const card of cards) {
      const ref = card.source_ref;
      expect(ref).toMatchObject({ document_id: documentId, document_name: name });
      expect(ref.page).toEqual(expect.any(Number));
      expect(ref.section).toBe(chapterOf(pages, ref.page));
      expect(quoteIsOnPage(pages, ref.page, ref.quote), `"${ref.quote}" is on page ${ref.page}`).toBe(true);
      expect(card.source).toBe(`${name} - Page ${ref.page}, ${ref.section}`);
    }
    expect(cards.map((c) => c.source_ref.page).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a fake that cites wrong pages and invents quotes: wrong pages are corrected, invented cards are not stored and are counted', async () => {
    const pages = coursePages(4, 'lies');
    fakeAnswers(lyingCourseCards);
    const { documentId, deckId } = await api.uploadForCards('liar.pdf', await coursePdf(pages));
    const { final: doc } = await api.waitUntilFinished(documentId, 30_000);

    // Per page the fake gave three cards: honest, misplaced by 40 pages, invented.
    expect(fake.requests).toHaveLength(4);
    expect(doc, doc.error_message ?? '').toMatchObject({ status: 'completed', cards_generated: 8, cards_rejected: 4 });
    const cards = await api.cards(deckId);
    expect(cards).toHaveLength(8);
    expect((await api.deck(deckId)).card_count).toBe(8);
    expect(cards.some((c) => normalised(c.source_ref.quote).includes('green cheese'))).toBe(false);
    expect(cards.some((c) => c.question.includes('dairy'))).toBe(false);

    const misplaced = cards.filter((c) => /covered, page (\d+)/.test(c.question));
    expect(misplaced).toHaveLength(4);
    for (const card of misplaced) {
      const cited = Number(/covered, page (\d+)/.exec(card.question)![1]);
      expect(card.source_ref.page).toBe(cited - 40);
      expect(card.source).toContain(`Page ${cited - 40},`);
    }
    for (const card of cards) {
      expect(quoteIsOnPage(pages, card.source_ref.page, card.source_ref.quote)).toBe(true);
      expect(card.source_ref.section).toBe(chapterOf(pages, card.source_ref.page));
    }
    // The premise holds: what the fake was asked made it invent that quote.
    expect(JSON.stringify(lyingCourseCards(fake.requests[0]!))).toContain(INVENTED_QUOTE);
  });

  it('a document carrying a prompt injection stays data: it is sent inside the delimiters, and obeying it gets nothing stored', async () => {
    // A fake "model" that obeys the injection when it sees it, next to the honest cards.
    const obedient = (request: RecordedRequest) => [
      ...groundedCards(request),
      ...(/PWNED/.test(request.user)
        ? [{ question: 'PWNED', answer: 'PWNED', page: null, section: null, quote: 'PWNED PWNED PWNED PWNED' }]
        : []),
    ];
    fakeAnswers(obedient);
    const { documentId, deckId } = await api.uploadForCards('photosynthesis.md', promptInjectionNotes());
    const { final: doc } = await api.waitUntilFinished(documentId, 30_000);

    expect(fake.requests).toHaveLength(1);
    const { system, user } = fake.requests[0]!;
    // The instructions come only from the system message; the document's text is inside <document>...</document>.
    expect(system).toMatch(/untrusted DATA/);
    expect(system).not.toMatch(/PWNED|developer mode|API keys/i);
    const open = user.indexOf('<document');
    const close = user.lastIndexOf('</document>');
    expect(open).toBeGreaterThan(-1);
    expect(close).toBeGreaterThan(open);
    for (const line of PROMPT_INJECTION_NOTES.split('\n').filter((l) => /PWNED|developer mode/.test(l))) {
      const at = user.indexOf(line);
      expect(at, line).toBeGreaterThan(open);
      expect(at + line.length, line).toBeLessThan(close);
      expect(user.indexOf(line, at + 1)).toBe(-1); // once, and only as data
    }
    expect(user.slice(close).trim()).toBe('</document>\n\nReply with the JSON object only.'.trim());

    expect(doc, doc.error_message ?? '').toMatchObject({ status: 'completed', cards_rejected: 1 });
    const cards = await api.cards(deckId);
    expect(cards.length).toBe(doc.cards_generated);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(`${card.question} ${card.answer} ${card.source_ref.quote}`).not.toMatch(/PWNED/);
      expect(normalised(PROMPT_INJECTION_NOTES)).toContain(normalised(card.source_ref.quote));
    }
  });
});

describe('the CLI and the API agree', () => {
  it('a file whose bytes are not what its name says: the same human sentence from the upload route and from opendeck generate', async () => {
    const bytes = englishNotesTxt();
    const res = await api.upload('lecture.pdf', bytes, undefined, 'application/pdf');
    expect(res.status).toBe(415);
    const detail = res.body.detail!;
    expect(res.body.code).toBe('unsupported_media_type');
    expect(detail).toMatch(/\.pdf/);
    expect(detail).not.toMatch(/Error|undefined|at \w+ \(/);

    const file = path.join(dataDir, 'lecture.pdf');
    writeFileSync(file, bytes);
    const cli = await runOpendeck(['generate', file], { AI_PROVIDER: 'offline' });
    expect(cli.code).not.toBe(0);
    expect(cli.stdout).toBe('');
    expect(cli.stderr.trim()).toBe(`opendeck: ${detail}`);
  });
});
