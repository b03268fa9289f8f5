import { describe, expect, it } from 'vitest';
import type { ExtractedDocument, TextSegment } from '../../../src/core/index.js';
import { chunkChars, chunkDocument } from '../../../src/core/index.js';
import { splitText } from '../../../src/core/index.js';

const doc = (segments: TextSegment[]): ExtractedDocument => ({
  format: 'pdf',
  pageCount: segments.length,
  language: 'en',
  title: null,
  segments,
});
const sentence = (i: number) => `Sentence number ${i} explains one idea about the topic. `;
const page = (n: number, section: string, sentences: number): TextSegment => ({
  page: n,
  section,
  text: Array.from({ length: sentences }, (_, i) => sentence(n * 100 + i)).join(''),
});
const allText = (segments: TextSegment[]) => segments.map((s) => s.text).join('');

describe('chunkDocument', () => {
  const book = doc(Array.from({ length: 40 }, (_, i) => page(i + 1, `Chapter ${Math.floor(i / 7) + 1}`, 5 + (i % 9))));

  it('covers all the text in order and respects the limit', () => {
    const chunks = chunkDocument(book, 2000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => chunkChars(c) <= 2000)).toBe(true);
    expect(allText(chunks.flatMap((c) => c.segments))).toBe(allText(book.segments));
    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
  });

  it('cuts only between pages when pages fit, preferring section boundaries', () => {
    const chunks = chunkDocument(book, 2000);
    const pageCuts = chunks.slice(1).map((c) => c.segments[0]!);
    // Every chunk starts at the start of a page: no page was split.
    for (const first of pageCuts) expect(book.segments.find((s) => s.page === first.page)!.text.startsWith(first.text)).toBe(true);
  });

  it('ends a chunk at a section boundary rather than after the first page of the next section', () => {
    // Sections of three 500-char pages; a 2000-char chunk could take a section plus one page of the next.
    const pages = Array.from({ length: 12 }, (_, i) => ({ page: i + 1, section: `S${Math.floor(i / 3)}`, text: `${'x'.repeat(499)} ` }));
    const chunks = chunkDocument(doc(pages), 2000);
    expect(chunks.map((c) => c.segments.map((s) => s.page))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
    ]);
  });

  it('splits a page larger than the limit at sentence boundaries, keeping page and section', () => {
    const big = doc([{ page: 7, section: 'Long', text: Array.from({ length: 60 }, (_, i) => sentence(i)).join('') }]);
    const chunks = chunkDocument(big, 500);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(chunkChars(c)).toBeLessThanOrEqual(500);
      for (const s of c.segments) {
        expect(s).toMatchObject({ page: 7, section: 'Long' });
        expect(s.text).toMatch(/\. $/); // ends at a sentence end
      }
    }
    expect(allText(chunks.flatMap((c) => c.segments))).toBe(big.segments[0]!.text);
  });

  it('skips blank segments and returns nothing for a blank document', () => {
    expect(chunkDocument(doc([{ page: 1, section: null, text: '  \n ' }]), 100)).toEqual([]);
    const chunks = chunkDocument(
      doc([
        { page: 1, section: null, text: ' ' },
        { page: 2, section: null, text: 'Real text here.' },
      ]),
      100,
    );
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.segments).toEqual([{ page: 2, section: null, text: 'Real text here.' }]);
  });
});

describe('splitText', () => {
  it('prefers paragraphs, then sentences, then words, and loses nothing', () => {
    const text = 'First paragraph is short.\n\nSecond paragraph has two sentences. This is the second one.\n\nThird.';
    const pieces = splitText(text, 40);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 40)).toBe(true);
    expect(pieces[0]).toBe('First paragraph is short.\n\n');
    expect(pieces).toContain('Second paragraph has two sentences. ');
  });

  it('falls back to word and then hard cuts', () => {
    const words = splitText('alpha beta gamma delta epsilon', 12);
    expect(words.join('')).toBe('alpha beta gamma delta epsilon');
    expect(words.every((p) => p.length <= 12)).toBe(true);
    const hard = splitText('x'.repeat(25), 10);
    expect(hard).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
