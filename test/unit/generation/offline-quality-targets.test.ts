/**
 * The offline generator meets the card-quality targets (issue 15) on two documents built here: course notes in
 * Markdown (headings, emphasis, lists, a definition per section) and a narrative book (pages of prose with
 * causes, numbers and people). Also: French text gets French question templates.
 */
import { describe, expect, it } from 'vitest';
import { generateGroundedDrafts, type ExtractedDocument, type TextSegment } from '../../../src/core/index.js';
import { OfflineCardGenerator } from '../../../src/infra/llm/offline/offline-card-generator.js';
import { deckQuality } from '../../support/card-quality-targets.js';

const TOPICS = [
  ['Mitochondria', 'mitochondrion', 'an organelle that produces most of the chemical energy of the cell', 'ATP', '2 membranes'],
  ['Ribosomes', 'ribosome', 'a molecular machine that builds proteins from amino acids', 'proteins', '80 subunits'],
  ['Nucleus', 'nucleus', 'the compartment that holds the genetic material of a eukaryotic cell', 'DNA', '46 chromosomes'],
  ['Chloroplasts', 'chloroplast', 'an organelle that captures light energy in plant cells', 'glucose', '3 membranes'],
  ['Lysosomes', 'lysosome', 'a vesicle that digests worn-out parts of the cell with enzymes', 'enzymes', '50 enzymes'],
  ['Golgi Apparatus', 'Golgi apparatus', 'a stack of membranes that sorts and ships proteins', 'vesicles', '6 cisternae'],
  ['Cytoskeleton', 'cytoskeleton', 'a network of protein fibres that gives the cell its shape', 'tubulin', '25 nm'],
  ['Cell Membrane', 'cell membrane', 'a lipid bilayer that controls what enters and leaves the cell', 'phospholipids', '7 nm'],
] as const;

/** Course notes: one Markdown section per organelle, no pages. */
const courseNotes: ExtractedDocument = {
  format: 'markdown',
  pageCount: null,
  language: 'en',
  title: 'Cell biology',
  segments: TOPICS.map(
    ([heading, term, definition, product, measure]): TextSegment => ({
      page: null,
      section: `Cell Biology > ${heading}`,
      text:
        `## ${heading}\n\nThe ${term} is ${definition}. **Key fact:** the ${term} works with ${product} in every living cell of the body. ` +
        `Researchers measured about ${measure} in a typical ${term} of a human liver cell.\n\n` +
        `- It is found in animal cells\n- It is found in plant cells\n- It is found in fungi`,
    }),
  ),
};

const PEOPLE = [
  'Ada Brown',
  'Carlos Ruiz',
  'Mei Chen',
  'Omar Haddad',
  'Lena Vogel',
  'Tom Ellis',
  'Rosa Diaz',
  'Ivan Petrov',
  'Nora Quinn',
  'Sam Okafor',
];
const PLACES = ['Lisbon', 'Quito', 'Osaka', 'Tunis', 'Bremen', 'Leeds', 'Cusco', 'Kazan', 'Galway', 'Lagos'];

/** A narrative book: ten pages of prose, each with a cause, a number with its unit and a person. */
const narrative: ExtractedDocument = {
  format: 'pdf',
  pageCount: 10,
  language: 'en',
  title: 'Harbour towns',
  segments: PEOPLE.map(
    (person, i): TextSegment => ({
      page: i + 1,
      section: `Chapter ${i + 1}: ${PLACES[i]}`,
      text:
        `The harbour of ${PLACES[i]} closed in winter because the northern ice blocked the channel for weeks. ` +
        `${person} was the engineer who designed the new breakwater of ${PLACES[i]}. ` +
        `The breakwater cost ${120 + i * 15} thousand pounds and took ${3 + i} years to build. ` +
        `Trade in the town doubled after the fishing fleet moved to the sheltered basin.`,
    }),
  ),
};

const run = (doc: ExtractedDocument, maxCards = 30) =>
  generateGroundedDrafts({ doc, documentName: 'doc', generator: new OfflineCardGenerator(), maxCards });

describe('offline generator quality targets', () => {
  it('course notes in Markdown: targets met, no Markdown in any card, definitions asked', async () => {
    const report = await run(courseNotes);
    const quality = deckQuality(courseNotes, report, 30);
    expect(quality).toMatchObject({ meetsTargets: true, splitNumbers: 0 });
    expect(quality.share).toBeGreaterThanOrEqual(0.95);
    expect(quality.covered).toBeGreaterThanOrEqual(Math.ceil(TOPICS.length * 0.8));
    expect(report.cards.filter((c) => /\*\*|##|^- /mu.test(c.question + c.answer))).toEqual([]);
    expect(report.cards.map((c) => c.question)).toContain('What is the mitochondrion?');
  });

  it('a narrative book: targets met, with cause/effect cards and no trivia cloze on names', async () => {
    const report = await run(narrative);
    const quality = deckQuality(narrative, report, 30);
    expect(quality).toMatchObject({ meetsTargets: true, splitNumbers: 0 });
    expect(quality.covered).toBeGreaterThanOrEqual(8);
    const questions = report.cards.map((c) => c.question);
    expect(questions).toContain('Why is it that the harbour of Lisbon closed in winter?');
    expect(report.cards.find((c) => c.question === 'Why is it that the harbour of Lisbon closed in winter?')?.answer).toBe(
      'Because the northern ice blocked the channel for weeks.',
    );
    expect(report.cards.filter((c) => c.question.includes('____') && PEOPLE.some((p) => p.includes(c.answer)))).toEqual([]);
    // Deterministic.
    expect((await run(narrative)).cards).toEqual(report.cards);
  });

  it('spreads a small budget over the book: 5 cards from 5 different pages', async () => {
    const report = await run(narrative, 5);
    expect(report.cards).toHaveLength(5);
    expect(new Set(report.cards.map((c) => c.page)).size).toBe(5);
  });

  it('writes French cards for French text, Spanish for Spanish', async () => {
    const french: ExtractedDocument = {
      ...narrative,
      language: 'fr',
      segments: [
        {
          page: 1,
          section: null,
          text:
            'Le port de Brest est resté fermé pendant des semaines parce que la glace bloquait le chenal du nord. ' +
            'La ville a construit une digue de 300 mètres pour protéger les bateaux de pêche.',
        },
      ],
    };
    const questions = (await run(french)).cards.map((c) => c.question);
    expect(questions).toContain('Pourquoi le port de Brest est resté fermé pendant des semaines ?');
    const spanish: ExtractedDocument = {
      ...narrative,
      language: 'es',
      segments: [
        {
          page: 1,
          section: null,
          text: 'El puerto de Valparaíso cerró durante el invierno porque el hielo del norte bloqueaba el canal. Los pescadores del puerto vendían sus peces en el mercado central.',
        },
      ],
    };
    expect((await run(spanish)).cards.map((c) => c.question)).toContain('¿Por qué el puerto de Valparaíso cerró durante el invierno?');
  });
});
