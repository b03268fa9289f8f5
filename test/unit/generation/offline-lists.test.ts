import { describe, expect, it } from 'vitest';
import { isNearDuplicate } from '../../../src/core/index.js';
import { byQuestion, draftsOf, expectUsable } from './offline-kit.js';
import { listNotes, spanishListNotes } from './offline-notes-fixtures.js';

describe('offline cards from course notes with headings and lists', () => {
  it('never answers or quotes a heading, and every card grounds', async () => {
    const cards = await draftsOf(listNotes);
    expectUsable(cards, listNotes);
    const headings = listNotes.segments.flatMap((s) => (s.section ?? '').split(' > '));
    for (const card of cards) {
      expect(card.answer).not.toMatch(/^(Section|Chapter) \d|=====/u);
      expect(card.quote).not.toMatch(/^(Section|Chapter) \d|=====/u);
      expect(headings).not.toContain(card.answer.replace(/\.$/u, ''));
    }
    // The title block before the first heading is no card either.
    expect(cards.some((c) => c.section === null)).toBe(false);
  });

  it('answers a section named after a concept with its body, not its heading', async () => {
    const cards = await draftsOf(listNotes);
    expect(byQuestion(cards, 'What is the smooth endoplasmic reticulum (SER)?')?.answer).toBe(
      'The smooth endoplasmic reticulum lacks ribosomes on its surface and appears smooth under a microscope.',
    );
    // Capitalised only because it starts the section; "-sis" is no plural.
    const meiosis = await draftsOf({
      format: 'markdown',
      pageCount: null,
      language: 'en',
      title: null,
      segments: [
        {
          page: null,
          section: 'Cell Biology > Meiosis',
          text: '## Meiosis\n\nMeiosis produces four haploid gametes from one diploid cell of the parent.',
        },
      ],
    });
    expect(meiosis.map((c) => c.question)).toEqual(['What is meiosis?']);
  });

  it('asks for the list of a section that is only a list, instead of what the section explains', async () => {
    const cards = await draftsOf(listNotes);
    expect(cards.map((c) => c.question)).not.toContain('What does the section "Functions of the Nucleus" explain?');
    expect(byQuestion(cards, 'What are the functions of the nucleus?')?.answer).toBe(
      'Stores genetic information (DNA); Controls cellular activities by regulating gene expression; Site of DNA replication.',
    );
  });

  it('asks about a labelled item in the context of its list, with its sub-items in the answer', async () => {
    const cards = await draftsOf(listNotes);
    expect(cards.some((c) => /what is meant by "modification"/iu.test(c.question))).toBe(false);
    expect(byQuestion(cards, 'Functions of the Golgi apparatus: what does "Modification" do?')?.answer).toBe(
      'Further modifies proteins from the ER: Adds or removes sugar groups; Adds phosphate groups.',
    );
    expect(byQuestion(cards, 'What are the functions of the Golgi apparatus?')).toBeDefined();
    // "What does the section ... explain?" points at the document and asks nothing precise: no such card.
    expect(cards.map((c) => c.question).filter((q) => /the section/u.test(q))).toEqual([]);
  });

  it('asks for the properties of nested items and keeps sibling questions apart for the deck', async () => {
    const cards = await draftsOf(listNotes);
    expect(byQuestion(cards, 'Microfilaments (actin filaments): what is the diameter?')?.answer).toBe('7 nm (smallest).');
    expect(byQuestion(cards, 'Microtubules: what is the composition?')?.answer).toBe('Tubulin protein.');
    const questions = cards.map((c) => c.question);
    for (const [i, q] of questions.entries())
      for (const other of questions.slice(i + 1)) expect(isNearDuplicate(q, other), `${q} / ${other}`).toBe(false);
  });

  it('reads a list of labelled groups under one lead', async () => {
    const cards = await draftsOf(listNotes);
    expect(byQuestion(cards, 'Complete the list: There are two main types of cells: …')?.answer).toBe(
      'Prokaryotic Cells; Eukaryotic Cells.',
    );
    expect(byQuestion(cards, 'What characterizes prokaryotic cells?')?.answer).toBe('Lack a true nucleus; Examples: Bacteria and Archaea.');
    // The examples are in that answer already: no second card on the same fact.
    expect(cards.filter((c) => c.answer.startsWith('Bacteria and Archaea'))).toEqual([]);
  });

  it('writes list questions in natural Spanish for Spanish notes', async () => {
    const cards = await draftsOf(spanishListNotes);
    expectUsable(cards, spanishListNotes);
    // Every item is labelled: the list card names them, each item's card says what it does.
    expect(byQuestion(cards, 'Funciones de las mitocondrias: ¿cuáles son?')?.answer).toBe('Producción de energía; Apoptosis.');
    expect(byQuestion(cards, 'Funciones de las mitocondrias: ¿qué hace «Apoptosis»?')?.answer).toBe(
      'Liberan señales que inician la muerte celular programada.',
    );
    expect(byQuestion(cards, 'Células procariotas: ¿cuáles son sus características?')?.answer).toBe(
      'Carecen de un núcleo verdadero; Ejemplos: bacterias y arqueas.',
    );
    expect(cards.map((c) => c.question)).toContain('Completa la lista: Según la teoría celular: …');
    for (const card of cards) expect(card.question).not.toMatch(/\b(What|Complete|Which)\b/u);
    // The enumerated items are not asked again one by one as cloze cards.
    expect(cards.filter((c) => c.question.startsWith('Completa: ') && c.quote.includes('seres vivos están formados'))).toEqual([]);
  });
});
