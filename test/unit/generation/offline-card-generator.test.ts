import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../../src/core/index.js';
import { chunkDocument } from '../../../src/core/index.js';
import { generateGroundedDrafts } from '../../../src/core/index.js';
import { groundDraft } from '../../../src/core/index.js';
import { OfflineCardGenerator } from '../../../src/infra/llm/offline/offline-card-generator.js';
import { splitSentences } from '../../../src/infra/llm/offline/sentences.js';
import { englishNotes, spanishNotes } from './offline-fixtures.js';

async function draftsOf(doc: ExtractedDocument, maxCards = 20) {
  const generator = new OfflineCardGenerator();
  const [chunk] = chunkDocument(doc, generator.maxChunkChars);
  return (await generator.generate({ documentName: 'notes', language: doc.language ?? 'en', maxCards, chunk: chunk! })).cards;
}

describe('OfflineCardGenerator', () => {
  it('makes English definition and cloze cards that all ground on their page and section', async () => {
    const cards = await draftsOf(englishNotes);
    const questions = cards.map((c) => c.question);
    expect(questions).toEqual(
      expect.arrayContaining([
        'What is an ecosystem?',
        'What is photosynthesis?',
        'What are producers?',
        'What is meant by "trophic level"?',
      ]),
    );
    // "Food Webs" opens with two sentences that are definition cards already: a section card would repeat them.
    expect(questions).not.toContain('What does the section "Food Webs" explain?');
    expect(cards.find((c) => c.question === 'What is photosynthesis?')).toMatchObject({
      answer: 'The process by which green plants convert light energy into chemical energy stored in glucose.',
      page: 2,
      section: 'Chapter 1: Ecosystems > 1.1 Photosynthesis',
    });
    // The defined term is blanked whole, not one of its words.
    const cloze = cards.find((c) => c.question.startsWith('Complete: Only about 10 percent'));
    expect(cloze?.answer).toBe('trophic level');
    for (const card of cards) {
      expect(groundDraft(card, englishNotes)).toMatchObject({ status: 'verified', page: card.page, section: card.section });
      expect(card.section).not.toBeNull();
    }
  });

  it('makes Spanish cards with Spanish templates, all grounded', async () => {
    const cards = await draftsOf(spanishNotes);
    const questions = cards.map((c) => c.question);
    expect(questions).toEqual(
      expect.arrayContaining(['¿Qué es la célula?', '¿Qué son las mitocondrias?', '¿Qué es ósmosis?', '¿Qué es el transporte activo?']),
    );
    expect(questions.some((q) => q.startsWith('Completa: '))).toBe(true);
    expect(cards.find((c) => c.question === '¿Qué es ósmosis?')?.answer).toBe(
      'Paso de agua a través de una membrana semipermeable desde la zona de menor concentración de soluto.',
    );
    for (const card of cards) expect(groundDraft(card, spanishNotes)).toMatchObject({ status: 'verified', section: card.section });
  });

  it('skips reference sections and numeric junk', async () => {
    const cards = [...(await draftsOf(englishNotes)), ...(await draftsOf(spanishNotes))];
    expect(cards.some((c) => /References|Bibliografía/.test(c.section ?? ''))).toBe(false);
    const table: ExtractedDocument = {
      format: 'txt',
      pageCount: null,
      language: 'en',
      title: null,
      segments: [{ page: null, section: 'Data', text: '2019 12.4 55 1.02\n2020 13.1 57 1.10\n2021 13.9 61 1.21\nSee p. 4.' }],
    };
    expect(await draftsOf(table)).toEqual([]);
  });

  it('makes no card from a sentence cut by a page break', async () => {
    const book: ExtractedDocument = {
      format: 'pdf',
      pageCount: 2,
      language: 'en',
      title: null,
      segments: [
        {
          page: 1,
          section: 'Law',
          text: 'Copyright is a kind of property. In every case, Congress acted to recognize some of the legiti-',
        },
        {
          page: 2,
          section: 'Law',
          text: 'mate interests of the new technology, and Congress is a body that writes laws for the whole country.',
        },
      ],
    };
    const quotes = (await draftsOf(book)).map((c) => c.quote);
    expect(quotes).not.toContainEqual(expect.stringMatching(/legiti|^mate/));
  });

  it('is deterministic, respects maxCards and spreads cards over segments', async () => {
    expect(await draftsOf(englishNotes)).toEqual(await draftsOf(englishNotes));
    const three = await draftsOf(englishNotes, 3);
    expect(three).toHaveLength(3);
    expect(new Set(three.map((c) => c.page)).size).toBe(3);
  });

  it('runs through the whole pipeline with nothing rejected', async () => {
    const report = await generateGroundedDrafts({
      doc: spanishNotes,
      documentName: 'Biologia.txt',
      generator: new OfflineCardGenerator(),
      maxCards: 50,
    });
    expect(report.rejected).toBe(0);
    expect(report.language).toBe('es');
    expect(report.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(report.cards[0]!.source).toBe('Biologia.txt - Tema 1. La célula');
  });
});

describe('splitSentences', () => {
  it('keeps abbreviations and initials inside sentences and offsets exact', () => {
    const text = 'Enzymes, e.g. amylase, speed up reactions. It was shown by J. Smith in 1990! Next line';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'Enzymes, e.g. amylase, speed up reactions.',
      'It was shown by J. Smith in 1990!',
      'Next line',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });
});
