import { describe, expect, it } from 'vitest';
import { HyphenationDictionary } from '../../../src/infra/extract/dehyphenate.js';
import { findFontHeadings } from '../../../src/infra/extract/pdf-headings.js';
import { itemsToLines, type PdfLine, type PdfTextItem } from '../../../src/infra/extract/pdf-layout.js';
import { OutlineSections, readOutline, type OutlineSource } from '../../../src/infra/extract/pdf-outline.js';
import { TextQuality } from '../../../src/infra/extract/text-quality.js';

const item = (str: string, x: number, y: number, size = 12, width = str.length * size * 0.5, hasEOL = false): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width,
  height: size,
  hasEOL,
});

describe('itemsToLines', () => {
  it('adds a space for a visible gap, none for kerning, and keeps sub/superscripts on their line', () => {
    const lines = itemsToLines([
      item('Hello', 72, 700, 12, 30),
      item('world', 106, 700, 12, 30), // 4pt gap: a space
      item('Wor', 72, 680, 12, 20),
      item('ld', 92.2, 680, 12, 12), // 0.2pt: kerning inside a word
      item('2', 105, 684, 7, 4), // superscript
      item('Next line', 72, 660),
    ]);
    expect(lines.map((l) => l.text)).toEqual(['Hello world', 'World2', 'Next line']);
    expect(lines[1]!.size).toBe(12);
  });

  it('ends a line at hasEOL and when the text jumps back left', () => {
    const lines = itemsToLines([item('one', 72, 700, 12, 20, true), item('two', 72, 700), item('three', 300, 500), item('four', 72, 500)]);
    expect(lines.map((l) => l.text)).toEqual(['one', 'two', 'three', 'four']);
  });
});

describe('HyphenationDictionary', () => {
  it('removes a typesetting hyphen, keeps a real compound, and leaves capitalised continuations alone', () => {
    const words = new HyphenationDictionary();
    words.add('well-known facts about photosynthesis');
    expect(words.joinHyphenated('by photo-', 'synthesis in leaves')).toBe('by photosynthesis in leaves');
    expect(words.joinHyphenated('a well-', 'known fact')).toBe('a well-known fact');
    expect(words.joinHyphenated('the Anglo-', 'Saxon kings')).toBeNull();
    expect(words.joinHyphenated('no hyphen', 'here')).toBeNull();
  });
});

describe('TextQuality', () => {
  const verdict = (text: string, pages = 1) => {
    const quality = new TextQuality();
    quality.add(text);
    try {
      quality.assertReadable(pages);
      return 'ok';
    } catch (e) {
      return (e as Error).message.includes('gibberish') ? 'gibberish' : 'scanned';
    }
  };

  it('accepts prose, including accented text and numbers', () => {
    expect(verdict('La célula es la unidad básica de la vida. En 1665, Robert Hooke observó el corcho al microscopio.')).toBe('ok');
  });

  it('refuses letters that form no words (a font mapped to the wrong letters)', () => {
    expect(verdict('Xkcd brtz qwrt pfft zzkm wrst ghjk lmnp trks bcdf '.repeat(5))).toBe('gibberish');
  });

  it('refuses control and private-use characters', () => {
    expect(verdict(`${'\u0001\u0002\u0003 \ue000\ue001\ue002 '.repeat(40)}some words`)).toBe('gibberish');
  });

  it('refuses a document with almost no letters per page', () => {
    expect(verdict('Page 1 Page 2 Page 3 Figure 1 Figure 2 Figure 3', 40)).toBe('scanned');
  });
});

describe('outline sections', () => {
  const ref = (num: number) => ({ num, gen: 0 });
  const source: OutlineSource = {
    getOutline: async () => [
      { title: 'Part A', dest: [ref(10), { name: 'Fit' }], items: [{ title: ' Child\u0000 one ', dest: 'named-dest', items: [] }] },
      { title: 'Website', dest: null, items: [] }, // a URL: not a place in the file
      { title: 'Broken', dest: [ref(99), { name: 'Fit' }], items: [] }, // dangling reference
      { title: 'Part B', dest: [ref(12), { name: 'XYZ' }, 0, 400, null], items: [] },
    ],
    getDestination: async (id) => (id === 'named-dest' ? [ref(11), { name: 'FitH' }, 500] : null),
    getPageIndex: async ({ num }) => {
      if (num === 99) throw new Error('Invalid page reference');
      return num - 10;
    },
  };

  it('resolves explicit and named destinations, nests titles, and skips what does not resolve', async () => {
    expect(await readOutline(source, 3)).toEqual([
      { pageIndex: 0, top: null, path: 'Part A' },
      { pageIndex: 1, top: 500, path: 'Part A > Child one' },
      { pageIndex: 2, top: 400, path: 'Part B' },
    ]);
  });

  it('splits a page at a destination top and carries sections over pages without entries', async () => {
    const sections = new OutlineSections(await readOutline(source, 3));
    const page0 = sections.forPage(0);
    expect(page0(700, 12)).toBe('Part A');
    const page1 = sections.forPage(1);
    expect([page1(700, 12), page1(490, 12)]).toEqual(['Part A', 'Part A > Child one']);
    const page2 = sections.forPage(2);
    expect([page2(700, 12), page2(390, 12)]).toEqual(['Part A > Child one', 'Part B']);
    expect(sections.forPage(3)(700, 12)).toBe('Part B');
  });
});

describe('findFontHeadings', () => {
  const line = (text: string, size: number, y = 0): PdfLine => ({ text, size, y });
  const body = (n: number) => Array.from({ length: n }, (_, i) => line(`Body text line number ${i} with several words in it.`, 10));

  it('merges a heading wrapped over two lines into one section', () => {
    const pages = [[line('A very long chapter title that wraps', 16), line('onto a second line', 16), ...body(10)]];
    const { sections } = findFontHeadings(pages);
    expect(sections[0]![2]).toBe('A very long chapter title that wraps onto a second line');
  });

  it('finds nothing when large type is everywhere (slides)', () => {
    const pages = Array.from({ length: 5 }, (_, p) => [line(`Slide ${p} title`, 28), line('one point', 20), line('another point', 20)]);
    expect(
      findFontHeadings(pages)
        .sections.flat()
        .every((s) => s === null),
    ).toBe(true);
  });
});
