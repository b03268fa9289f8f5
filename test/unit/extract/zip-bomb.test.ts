import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { DocumentFormatDetector, DocumentTextExtractor, detectDocumentFormat } from '../../../src/infra/extract/index.js';
import * as fx from '../../fixtures/index.js';

const extractor = new DocumentTextExtractor();

async function refusal(bytes: Uint8Array, using = extractor): Promise<CoreError> {
  const error = await using.extract(bytes, 'docx').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
}

describe('zip bombs are refused before they are inflated', () => {
  it('an entry with an absurd compression ratio', async () => {
    const bomb = fx.zipBombDocx(64);
    const before = process.memoryUsage().arrayBuffers;
    const error = await refusal(bomb);
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/expands \d+ times.*zip bomb/);
    // Nothing near 64 MB was allocated: the directory alone decided.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('a declared total above the configured limit', async () => {
    const strict = new DocumentTextExtractor({ maxDocxUncompressedBytes: 8 * 1024 * 1024, maxDocxCompressionRatio: 10_000 });
    const error = await refusal(fx.zipBombDocx(16), strict);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/would expand to more than 8 MB/);
  });

  it('too many entries', async () => {
    const error = await refusal(fx.manyEntriesDocx(5000));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/5003 internal files \(at most 2000/);
  });

  it('the entry limit is configurable', async () => {
    const error = await refusal(fx.manyEntriesDocx(50), new DocumentTextExtractor({ maxDocxEntries: 20 }));
    expect(error.code).toBe('payload_too_large');
  });

  it('headers that lie about sizes are caught while inflating', async () => {
    const error = await refusal(fx.lyingSizeDocx(40));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/bigger than its own index says/);
  });

  it('the lying fixture really lies, and its declared figures pass every check made before inflating', async () => {
    const zip = await yauzl.fromBufferPromise(Buffer.from(fx.lyingSizeDocx(40)), { lazyEntries: true });
    const entries = await new Promise<yauzl.Entry[]>((resolve) => {
      const all: yauzl.Entry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        all.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve(all));
      zip.readEntry();
    });
    const document = entries.find((e) => e.fileName === 'word/document.xml')!;
    expect(document.uncompressedSize).toBe(2048);
    expect(document.compressedSize).toBeGreaterThan(2048 / 100);
    zip.close();
  });

  it('a normal DOCX passes with the default limits', async () => {
    const doc = await extractor.extract(await fx.docxWithHeadingsAndPageBreaks(), 'docx');
    expect(doc.segments.length).toBeGreaterThan(0);
  });
});

describe('zip bombs are refused at detection, from the central directory alone', () => {
  const detectError = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e as CoreError;
    }
    throw new Error('expected a refusal');
  };

  it.each([
    ['an absurd ratio', () => fx.zipBombDocx(64), 'unprocessable'],
    ['too many entries', () => fx.manyEntriesDocx(5000), 'payload_too_large'],
  ] as const)('%s', (_label, build, code) => {
    expect(detectError(() => detectDocumentFormat(build(), 'notes.docx'))).toMatchObject({ code });
  });

  it('uses the limits it is configured with', () => {
    const detector = new DocumentFormatDetector({ maxDocxUncompressedBytes: 8 * 1024 * 1024, maxDocxCompressionRatio: 10_000 });
    expect(detectError(() => detector.detect(fx.zipBombDocx(16), 'notes.docx'))).toMatchObject({ code: 'payload_too_large' });
    expect(new DocumentFormatDetector({ maxDocxEntries: 5000 }).detect(fx.manyEntriesDocx(100), 'notes.docx')).toBe('docx');
  });

  it('lets a normal DOCX through', async () => {
    expect(detectDocumentFormat(await fx.docxWithHeadingsAndPageBreaks(), 'notes.docx')).toBe('docx');
  });
});
