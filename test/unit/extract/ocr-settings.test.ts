/** Issue 14: the OCR settings, the language data lookup (no download), and the sentences of the status. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { pageFacts, warningsDetail } from '../../../src/core/documents/page-citation.js';
import { formatSource } from '../../../src/core/index.js';
import { imageHeightOf } from '../../../src/infra/extract/ocr/ocr-engine.js';
import { assertLanguagesInstalled, dataFolderOf, languageFolder } from '../../../src/infra/extract/ocr/ocr-languages.js';
import { renderScale } from '../../../src/infra/extract/ocr/render-pdf-page.js';
import { pagesPhrase, warningsFor } from '../../../src/infra/extract/page-warnings.js';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pageJpeg, pagePng } from '../../fixtures/index.js';

describe('OCR configuration', () => {
  it('is on with English by default; OCR=off turns it off; languages are tesseract codes', () => {
    expect(loadConfig({}, {}).ocr).toEqual({ languages: ['eng'] });
    expect(loadConfig({}, { OCR: 'off' }).ocr).toBeNull();
    expect(loadConfig({}, { OCR_LANGUAGES: 'eng+deu, fra' }).ocr).toEqual({ languages: ['eng', 'deu', 'fra'] });
    expect(() => loadConfig({}, { OCR_LANGUAGES: 'english' })).toThrow(/OCR_LANGUAGES: must be tesseract language codes/);
    expect(() => loadConfig({}, { OCR: 'maybe' })).toThrow(/OCR/);
  });

  it('finds English data in its package and names the package of a language that is not installed', () => {
    expect(existsSync(path.join(dataFolderOf('eng'), 'eng.traineddata.gz'))).toBe(true);
    expect(() => assertLanguagesInstalled(['eng'])).not.toThrow();
    expect(() => assertLanguagesInstalled(['eng', 'deu'])).toThrow(/npm install @tesseract\.js-data\/deu/);
    expect(() => dataFolderOf('../etc')).toThrow(/not a tesseract language code/);
  });

  it('one language reads straight from its package folder: nothing is copied or fetched', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'od-ocr-'));
    expect(await languageFolder(['eng'], cache)).toBe(dataFolderOf('eng'));
  });
});

describe('OCR helpers', () => {
  it('reads image heights from PNG and JPEG headers', () => {
    expect(imageHeightOf(pagePng(['x'], { dpi: 50 }))).toBe(550);
    expect(imageHeightOf(pageJpeg(['x'], { dpi: 50 }))).toBe(550);
    expect(imageHeightOf(new Uint8Array([1, 2, 3]))).toBe(0);
  });

  it('renders at 200 dpi, and huge pages smaller', () => {
    expect(renderScale({ width: 612, height: 792 })).toBeCloseTo(200 / 72);
    const poster = renderScale({ width: 72 * 48, height: 72 * 36 });
    expect(72 * 48 * poster * 72 * 36 * poster).toBeLessThanOrEqual(16_000_000 + 1);
  });
});

describe('page warnings and citations', () => {
  it('phrases page lists for a sentence', () => {
    expect(pagesPhrase('page', [3])).toBe('Page 3');
    expect(pagesPhrase('slide', [2, 5])).toBe('Slides 2 and 5');
    expect(pagesPhrase('page', [1, 4, 9])).toBe('Pages 1, 4 and 9');
    expect(
      pagesPhrase(
        'page',
        Array.from({ length: 12 }, (_, i) => i + 1),
      ),
    ).toBe('Pages 1, 2, 3, 4, 5, 6, 7, 8, ... (12 pages)');
  });

  it('warns of OCR, of unsure OCR and of pages without text', () => {
    const warnings = warningsFor('page', [
      { page: 1, method: 'text', ocrConfidence: null },
      { page: 2, method: 'ocr', ocrConfidence: 0.91 },
      { page: 3, method: 'ocr', ocrConfidence: 0.42 },
      { page: 4, method: 'none', ocrConfidence: null },
    ]);
    expect(warnings.map((w) => [w.code, w.pages])).toEqual([
      ['ocr', [2, 3]],
      ['ocr_low_confidence', [3]],
      ['no_text', [4]],
    ]);
    expect(warningsDetail({ warnings })).toBe(
      'Pages 2 and 3 were pictures of text, read by OCR (text recognition). OCR was unsure of the text of page 3: check cards citing it against the original. Page 4 had no text to read, so no card cites it.',
    );
    expect(warningsDetail({ warnings: [] })).toBeNull();
  });

  it('cites slides as "Slide N" and leaves pages, headings and file names alone', () => {
    expect(formatSource('Lecture3.pptx', 7, 'Cells', 'Slide')).toBe('Lecture3.pptx - Slide 7, Section Cells');
    expect(formatSource('Lecture3.pptx', 2, null, 'Slide')).toBe('Lecture3.pptx - Slide 2');
    expect(formatSource('Page 2 - Page 2.pptx', 2, 'Page 2', 'Slide')).toBe('Page 2 - Page 2.pptx - Slide 2, Section Page 2');
    expect(formatSource('a.pptx', null, null, 'Slide')).toBe('a.pptx');
    expect(formatSource('a.pdf', 3, null)).toBe('a.pdf - Page 3');
    const long = formatSource('a.pptx', 9, 'x '.repeat(400), 'Slide');
    expect(long.length).toBeLessThanOrEqual(500);
  });

  it('says what a cited page is and how sure OCR was of it', () => {
    const doc = {
      pages: [
        { page: 1, method: 'text' as const, ocrConfidence: null },
        { page: 2, method: 'ocr' as const, ocrConfidence: 0.93 },
      ],
    };
    expect(pageFacts(doc, 1)).toEqual({ kind: 'page' });
    expect(pageFacts(doc, 2)).toEqual({ kind: 'page', ocr_confidence: 0.93 });
    expect(pageFacts({ pageKind: 'slide' }, 4)).toEqual({ kind: 'slide' });
    expect(pageFacts(doc, null)).toEqual({});
  });
});
