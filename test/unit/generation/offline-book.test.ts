import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../../src/core/index.js';
import { generateGroundedDrafts } from '../../../src/core/index.js';
import { OfflineCardGenerator } from '../../../src/infra/llm/offline/offline-card-generator.js';
import { draftsOf, expectUsable } from './offline-kit.js';
import { bookPages, listNotes } from './offline-notes-fixtures.js';

describe('offline cards from a book', () => {
  it('skips the cover, the copyright page and the table of contents', async () => {
    const cards = await draftsOf(bookPages);
    expectUsable(cards, bookPages);
    expect(cards.filter((c) => (c.page ?? 0) <= 3)).toEqual([]);
    expect(cards.some((c) => /Future of Ideas|Penguin|CHAPTER/u.test(c.question + c.answer))).toBe(false);
  });

  it('keeps footnote numbers out of questions and blanks no name (trivia: "Mickey Mouse", "America")', async () => {
    const cards = await draftsOf(bookPages);
    expect(cards.filter((c) => /\p{L}[.!?\u201D]\d/u.test(c.question))).toEqual([]);
    const nameClozes = cards.filter((c) => c.question.includes('____') && /^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*$/u.test(c.answer));
    expect(nameClozes).toEqual([]);
    expect(cards.find((c) => c.answer === 'Mickey Mouse' || c.answer === 'America')).toBeUndefined();
  });

  it('makes no section card from an opening that is not about the heading', async () => {
    const questions = (await draftsOf(bookPages)).map((c) => c.question);
    // "Pirates" opens on the history of the MPAA: nothing says what the section is about.
    expect(questions.filter((q) => q.includes('"Pirates"') || q.includes('"Creators"'))).toEqual([]);
    expect(questions).toContain('What is a catalog?');
  });
});

describe('offline card selection', () => {
  it('spreads a small budget over the whole chunk, best kinds first', async () => {
    const four = await draftsOf(listNotes, 4);
    expect(four).toHaveLength(4);
    expect(new Set(four.map((c) => c.section)).size).toBe(4);
    // Not all from the first sections: the last chapter is reached.
    expect(four.some((c) => c.section === 'Chapter 9: Types of Cells' || c.section!.startsWith('Chapter 8'))).toBe(true);
  });

  it('spreads one card per chunk over the pages of a chunk, not its first page', async () => {
    const pages: ExtractedDocument = {
      format: 'pdf',
      pageCount: 5,
      language: 'en',
      title: null,
      segments: [1, 2, 3, 4, 5].map((page) => ({
        page,
        section: 'Ecology',
        text: `A biome number ${page} is a large community of plants and animals that occupies a distinct region of the planet.`,
      })),
    };
    expect((await draftsOf(pages, 1)).map((c) => c.page)).toEqual([3]);
  });

  it('is deterministic and loses nothing to the pipeline: no rejected quote, no dropped near-duplicate', async () => {
    expect(await draftsOf(listNotes)).toEqual(await draftsOf(listNotes));
    const report = await generateGroundedDrafts({
      doc: listNotes,
      documentName: 'Biology101.txt',
      generator: new OfflineCardGenerator(),
      maxCards: 100,
    });
    expect(report.rejected).toBe(0);
    expect(report.duplicates).toBe(0);
    expect(report.cards.length).toBe((await draftsOf(listNotes, 100)).length);
    expect(report.cards.find((c) => c.question === 'What is the smooth endoplasmic reticulum (SER)?')?.source).toBe(
      'Biology101.txt - Section 5.2: Smooth Endoplasmic Reticulum (SER)',
    );
  });
});
