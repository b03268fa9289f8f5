import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardGenerator, GenerationRequest } from '../../../src/core/index.js';
import { generateGroundedDrafts } from '../../../src/core/index.js';
import { CoreError } from '../../../src/core/index.js';
import { lyingCards, startFakeOpenAi, type FakeLlmServer } from '../../support/fake-llm/index.js';
import { openAiAt, sampleDocument } from './llm-test-kit.js';

describe('generateGroundedDrafts with a fake that cites wrong pages and invents quotes', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeOpenAi({ fallback: { kind: 'cards', cards: lyingCards } });
  });
  afterAll(() => server.close());

  it('stores no invented card, corrects the misplaced one, and counts the rejection', async () => {
    const generator = openAiAt(server.url);
    const report = await generateGroundedDrafts({ doc: sampleDocument, documentName: 'Biology101.pdf', generator, maxCards: 10 });
    expect(report.rejected).toBe(1);
    expect(report.rejections).toEqual({ ungrounded: 1 });
    expect(report.cards.map((c) => c.question)).not.toContain('What did the author never write?');
    const misplaced = report.cards.find((c) => c.question === 'Which page is this on?')!;
    expect(misplaced).toMatchObject({
      page: 2,
      grounding: 'corrected',
      section: '1 Cells > 1.1 Organelles',
      quality_flags: ['dangling_pronoun'],
    });
    expect(misplaced.source).toBe('Biology101.pdf - Page 2, Section 1.1 Organelles');
    expect(report.cards.find((c) => c.page === 1)).toMatchObject({ grounding: 'verified' });
    expect(report.usage.inputTokens).toBeGreaterThan(0);
  });
});

/** A generator that records concurrency and answers with one card per chunk quoting its first segment. */
function countingGenerator(options: { failAt?: number } = {}) {
  const stats = { inFlight: 0, peak: 0, calls: 0, aborted: 0 };
  const generator: CardGenerator = {
    provider: 'test',
    model: 'test',
    maxChunkChars: 60,
    async generate(request: GenerationRequest, signal?: AbortSignal) {
      stats.calls++;
      stats.inFlight++;
      stats.peak = Math.max(stats.peak, stats.inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        if (signal?.aborted) stats.aborted++;
        if (request.chunk.index === options.failAt) throw new CoreError('upstream_unavailable', 'The AI provider is unavailable.');
        const s = request.chunk.segments[0]!;
        return {
          cards: [
            {
              question: `What does part ${request.chunk.index} say?`,
              answer: 'Something distinct.',
              page: s.page,
              section: s.section,
              quote: s.text.slice(0, 20),
            },
          ],
          usage: { inputTokens: 10, outputTokens: 5 },
        };
      } finally {
        stats.inFlight--;
      }
    },
  };
  return { generator, stats };
}

const longDoc = {
  ...sampleDocument,
  pageCount: 30,
  segments: Array.from({ length: 30 }, (_, i) => ({
    page: i + 1,
    section: `S${i}`,
    text: `Page ${i + 1} says something distinct number ${i}.`,
  })),
};

describe('generateGroundedDrafts', () => {
  it('caps concurrency, covers every chunk and reports progress', async () => {
    const { generator, stats } = countingGenerator();
    const progress: number[] = [];
    const report = await generateGroundedDrafts({
      doc: longDoc,
      documentName: 'd.pdf',
      generator,
      maxCards: 100,
      concurrency: 3,
      onProgress: (p) => progress.push(p.chunksDone),
    });
    expect(stats.peak).toBe(3);
    expect(stats.calls).toBe(report.chunks.length);
    expect(progress).toEqual(report.chunks.map((_, i) => i + 1));
    expect(report.cards).toHaveLength(report.chunks.length);
    expect(report.usage).toEqual({ inputTokens: 10 * stats.calls, outputTokens: 5 * stats.calls });
    const pagesCovered = new Set(report.chunks.flatMap((c) => c.segments.map((s) => s.page)));
    expect(pagesCovered.size).toBe(30);
  });

  it('fails the whole document on a chunk failure and stops starting new chunks', async () => {
    const { generator, stats } = countingGenerator({ failAt: 1 });
    await expect(
      generateGroundedDrafts({ doc: longDoc, documentName: 'd.pdf', generator, maxCards: 100, concurrency: 2 }),
    ).rejects.toMatchObject({ code: 'upstream_unavailable' });
    expect(stats.calls).toBeLessThan(5);
  });

  it('drops near-duplicates, including of questions already in the deck', async () => {
    const { generator } = countingGenerator();
    const report = await generateGroundedDrafts({
      doc: longDoc,
      documentName: 'd.pdf',
      generator,
      maxCards: 100,
      existingQuestions: ['what does part 0 say'],
    });
    expect(report.duplicates).toBe(1);
    expect(report.cards.map((c) => c.question)).not.toContain('What does part 0 say?');
    expect(report.rejections).toEqual({ near_duplicate: 1 });
  });
});
