import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGroundedDrafts, REJECTION_REASONS } from '../../../src/core/index.js';
import { startFakeOpenAi, type FakeCard, type FakeLlmServer } from '../../support/fake-llm/index.js';
import { honestCard, openAiAt, sampleDocument } from './llm-test-kit.js';

const at2 = { page: 2, section: '1 Cells > 1.1 Organelles', quote: honestCard.quote };
const at1 = { page: 1, section: '1 Cells', quote: 'They were first observed by Robert Hooke.' };

/** One card breaking each hard rule, one per soft rule, a clean one with Markdown to render, and a clean one. */
const cards: FakeCard[] = [
  honestCard,
  { ...at1, question: 'Who first observed cells?', answer: 'The moon.', quote: 'Cells were first seen on the moon by everybody.' },
  { ...at2, question: 'What does the mitochondrion produce?', answer: '<b>Energy</b> and **more** <i>energy</i> `x`' },
  { ...at2, question: 'Mitochondrion energy', answer: 'Chemical energy.' },
  { ...at2, question: 'According to the text, what produces energy?', answer: 'The mitochondrion.' },
  { ...at1, question: 'Complete: Cells were first observed by Robert ____.', answer: 'Hooke' },
  { ...at1, question: 'Complete: Cells were first observed ____ Robert Hooke.', answer: 'by' },
  { ...at2, question: 'What does the mitochondrion, which has its own DNA, contain?', answer: 'Its own DNA.' },
  { ...at2, question: 'What does the mitochondrion need?', answer: Array.from({ length: 70 }, (_, i) => `w${i}`).join(' ') },
  { ...at2, question: 'Which molecules does a mitochondrion hold?', answer: 'a, b, c, d, e, f, g, h, i and j' },
  { ...at2, question: 'What produces most of the chemical energy of a cell?', answer: 'The mitochondrion.' },
  { ...at2, question: 'What does it have of its own?', answer: 'DNA.' },
  { ...at1, question: 'Who first observed the cells of living organisms?', answer: '**Robert Hooke**, an English scientist.' },
];

describe('the quality rules in the generation pipeline', () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeOpenAi({ fallback: { kind: 'cards', cards } });
  });
  afterAll(() => server.close());

  it('drops one card per hard rule and counts it by reason, flags soft-rule breakers, renders markup', async () => {
    const generator = openAiAt(server.url);
    const report = await generateGroundedDrafts({ doc: sampleDocument, documentName: 'Biology101.pdf', generator, maxCards: 30 });
    expect(report.rejections).toEqual({
      ungrounded: 1,
      not_a_question: 1,
      refers_to_document: 1,
      cloze_splits_word: 1,
      cloze_blank_meaningless: 1,
      answer_in_question: 1,
      answer_too_long: 1,
      too_many_items: 1,
      near_duplicate: 1,
    });
    // Markup is rendered to plain text before the rules run, so no card is dropped for it (the rule is a guard).
    expect(Object.keys(report.rejections).sort()).toEqual(REJECTION_REASONS.filter((r) => r !== 'markup').sort());
    expect(report.rejected).toBe(9);
    expect(report.duplicates).toBe(1);
    const byQuestion = Object.fromEntries(report.cards.map((c) => [c.question, c]));
    expect(Object.keys(byQuestion)).toEqual([
      honestCard.question,
      'What does the mitochondrion produce?',
      'What does it have of its own?',
      'Who first observed the cells of living organisms?',
    ]);
    // Rendered to plain text; the stored quote stays the document's own text.
    expect(byQuestion['What does the mitochondrion produce?']).toMatchObject({ answer: 'Energy and more energy x', quote: at2.quote });
    expect(byQuestion['Who first observed the cells of living organisms?']).toMatchObject({
      answer: 'Robert Hooke, an English scientist.',
      quality_flags: [],
    });
    expect(byQuestion['What does it have of its own?']!.quality_flags).toEqual(['dangling_pronoun']);
    expect(byQuestion[honestCard.question]!.quality_flags).toEqual([]);
  });
});
