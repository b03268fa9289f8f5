/**
 * Issue 14: OCR with the real tesseract.js and its shipped English data (no download), on pictures of text
 * built in code. In the slow tier: each page takes about a second of recognition.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/index.js';
import { DocumentTextExtractor } from '../../src/infra/extract/document-text-extractor.js';
import { CpuPool } from '../../src/infra/workers/cpu-pool.js';
import * as fx from '../fixtures/index.js';

const ocr = new DocumentTextExtractor({ ocr: { languages: ['eng'] } });
const withoutOcr = new DocumentTextExtractor();
const flat = (lines: readonly string[]) => lines.filter(Boolean).join(' ');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const refusal = (run: Promise<unknown>) =>
  run.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(CoreError);
      return e as CoreError;
    },
  );

describe('OCR of scanned PDFs and photos', () => {
  it('reads every page of a scanned PDF, page by page, with its confidence', async () => {
    const progress: number[][] = [];
    const doc = await ocr.extract(await fx.scannedPdf(fx.SCANNED_PAGES), 'pdf', {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(doc.pageCount).toBe(2);
    for (const [i, lines] of fx.SCANNED_PAGES.entries()) {
      expect(
        norm(
          doc.segments
            .filter((s) => s.page === i + 1)
            .map((s) => s.text)
            .join(' '),
        ),
      ).toBe(flat(lines));
      expect(doc.pages![i]).toMatchObject({ page: i + 1, method: 'ocr', ocrConfidence: expect.any(Number) });
      expect(doc.pages![i]!.ocrConfidence).toBeGreaterThan(0.8);
    }
    expect(doc.warnings).toEqual([
      { code: 'ocr', pages: [1, 2], message: 'Pages 1 and 2 were pictures of text, read by OCR (text recognition).' },
    ]);
  });

  it('a mixed PDF keeps its text layer, reads the scanned page, and reports the blank one', async () => {
    const doc = await ocr.extract(await fx.mixedPdf(), 'pdf');
    expect(doc.pages).toEqual([
      { page: 1, method: 'text', ocrConfidence: null },
      { page: 2, method: 'ocr', ocrConfidence: expect.any(Number) },
      { page: 3, method: 'none', ocrConfidence: null },
    ]);
    expect(norm(doc.segments.find((s) => s.page === 1)!.text)).toBe(flat(fx.MIXED_TEXT_PAGE));
    expect(norm(doc.segments.find((s) => s.page === 2)!.text)).toBe(flat(fx.MIXED_SCANNED_PAGE));
    expect(doc.warnings?.map((w) => [w.code, w.pages])).toEqual([
      ['ocr', [2]],
      ['no_text', [3]],
    ]);
  });

  it('reads a crooked, off-white photo of a page of notes (PNG) and a JPEG scan', async () => {
    const photo = await ocr.extract(fx.photoOfPagePng(), 'png');
    expect(photo).toMatchObject({ format: 'png', pageCount: 1, language: 'en' });
    expect(norm(photo.segments.map((s) => s.text).join(' '))).toBe(flat(fx.PHOTO_LINES));
    const jpeg = await ocr.extract(fx.pageJpeg(fx.MIXED_SCANNED_PAGE), 'jpeg');
    expect(norm(jpeg.segments.map((s) => s.text).join(' '))).toBe(flat(fx.MIXED_SCANNED_PAGE));
  });

  it('says so when even OCR finds no text, and keeps the old refusal when OCR is off', async () => {
    const blank = await refusal(ocr.extract(await fx.pdfWithoutText(2), 'pdf'));
    expect(blank.message).toMatch(/no text that could be read, even by OCR/);
    const off = await refusal(withoutOcr.extract(await fx.scannedPdf(fx.SCANNED_PAGES), 'pdf'));
    expect(off.message).toMatch(/^This PDF has no extractable text: it may be scanned images/);
    expect((await refusal(withoutOcr.extract(fx.photoOfPagePng(), 'png'))).code).toBe('unsupported_media_type');
    expect((await refusal(ocr.extract(fx.pngImage(), 'png'))).message).toMatch(/No text could be read in this image/);
  });

  it('a PNG that is damaged past its header is a clear refusal, not a crash', async () => {
    const png = fx.photoOfPagePng();
    const broken = png.slice(0, 200);
    expect((await refusal(ocr.extract(broken, 'png'))).code).toBe('unprocessable');
  });

  describe('in the worker-thread pool', () => {
    const pool = new CpuPool({ threads: 1, extraction: { ocr: { languages: ['eng'] } } });
    afterAll(() => pool.close());

    it('runs OCR in the thread and reports progress per page', async () => {
      const progress: number[] = [];
      const doc = await pool.extract(await fx.scannedPdf(fx.SCANNED_PAGES), 'pdf', { onProgress: (done) => progress.push(done) });
      expect(progress).toEqual([1, 2]);
      expect(doc.pages?.map((p) => p.method)).toEqual(['ocr', 'ocr']);
    });
  });
});

describe('OCR limits', () => {
  it('refuses a document with more scanned pages than OCR may read, before reading past the limit', async () => {
    const limited = new DocumentTextExtractor({ ocr: { languages: ['eng'], maxPages: 1 } });
    const pages: number[] = [];
    const error = await refusal(limited.extract(await fx.scannedPdf(fx.SCANNED_PAGES), 'pdf', { onProgress: (done) => pages.push(done) }));
    expect(error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/more than 1 scanned pages/) });
    expect(pages.length).toBeLessThanOrEqual(1);
  });
});
