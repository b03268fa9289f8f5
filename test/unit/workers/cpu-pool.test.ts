/**
 * Issue 12, defect 2: extraction and the offline generator run in a worker-thread pool. They give exactly
 * what they give inline (cards, segments, the refusal sentences), progress flows back while a document is
 * read, and the main thread stays free meanwhile.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { isMainThread } from 'node:worker_threads';
import type { GenerationRequest } from '../../../src/core/ports/generation.js';
import { chunkDocument } from '../../../src/core/generation/chunk-document.js';
import { CoreError } from '../../../src/core/errors.js';
import { DocumentTextExtractor } from '../../../src/infra/extract/index.js';
import { OfflineCardGenerator } from '../../../src/infra/llm/index.js';
import { CpuPool, PooledOfflineGenerator, PooledTextExtractor } from '../../../src/infra/workers/cpu-pool.js';
import * as fx from '../../fixtures/index.js';

const pool = new CpuPool({ threads: 1, idleTimeoutMs: 5_000 });
afterAll(() => pool.close());
const inline = new DocumentTextExtractor();
const pooled = new PooledTextExtractor(pool);

describe('extraction in the pool', () => {
  it('gives the same document as inline, with progress page by page', async () => {
    const bytes = await fx.multiPagePdf(12);
    const progress: number[] = [];
    const fromPool = await pooled.extract(bytes, 'pdf', { onProgress: (done) => progress.push(done) });
    expect(fromPool).toEqual(await inline.extract(bytes, 'pdf'));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the last messages may trail the result
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('keeps a refusal a CoreError with its code and sentence', async () => {
    const expected = await inline.extract(fx.encryptedPdf(), 'pdf').catch((e: unknown) => e);
    const error = await pooled.extract(fx.encryptedPdf(), 'pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe((expected as CoreError).code);
    expect((error as CoreError).message).toBe((expected as CoreError).message);
  });

  it('reads DOCX and text too', async () => {
    const docx = await fx.docxWithHeadingsAndPageBreaks();
    expect(await pooled.extract(docx, 'docx')).toEqual(await inline.extract(docx, 'docx'));
    const text = fx.spanishNotesTxt();
    expect(await pooled.extract(text, 'txt')).toEqual(await inline.extract(text, 'txt'));
  });
});

describe('the offline generator in the pool', () => {
  it('proposes exactly the cards it proposes inline', async () => {
    const doc = await inline.extract(fx.englishNotesTxt(), 'txt');
    const [chunk] = chunkDocument(doc, 12_000);
    const request: GenerationRequest = { documentName: 'cells.pdf', language: 'en', maxCards: 10, chunk: chunk! };
    const fromPool = await new PooledOfflineGenerator(pool).generate(request);
    expect(fromPool).toEqual(await new OfflineCardGenerator().generate(request));
    expect(fromPool.cards.length).toBeGreaterThan(0);
  });
});

describe('the main thread', () => {
  it('is not the one doing the work', () => {
    expect(isMainThread).toBe(true);
  });

  // How long the event loop stalls with and without the pool is a timing, measured by bench/hardening.ts (/health
  // latency and event-loop delay while freeculture.pdf generates), not asserted here on a shared machine.
});
