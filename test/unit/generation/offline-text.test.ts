import { describe, expect, it } from 'vitest';
import { commonWords, makeCloze, type TermIndex } from '../../../src/infra/llm/offline/cloze.js';
import { definitionQuestion, findDefinition } from '../../../src/infra/llm/offline/definitions.js';
import { headingLength, headingMatchers } from '../../../src/infra/llm/offline/section-text.js';
import { displayText, isJunkSentence, splitSentences } from '../../../src/infra/llm/offline/sentences.js';

const terms = (known: string[] = [], common: string[] = []): TermIndex => ({ known: new Set(known), common: new Set(common) });

describe('offline cloze', () => {
  it('blanks the specific word next to one the whole chunk uses, not the everyday one', () => {
    const cloze = makeCloze(
      'Mitochondria are organelles found in the cytoplasm of most eukaryotic cells.',
      'en',
      terms([], ['cell', 'mitochondria']),
    );
    expect(cloze).toMatchObject({
      question: 'Mitochondria are organelles found in the cytoplasm of most ____ cells.',
      answer: 'eukaryotic',
    });
    const es = makeCloze('Las células procariotas carecen de un núcleo definido y de orgánulos.', 'es', terms(['célula'], ['célula']));
    expect(es?.answer).toBe('procariotas');
  });

  it('blanks a defined term of several words whole', () => {
    const cloze = makeCloze(
      'The fluid mosaic model describes the cell membrane as a flexible structure of lipids.',
      'en',
      terms(['cell membrane', 'cell'], ['cell']),
    );
    expect(cloze?.answer).toBe('cell membrane');
  });

  it('never blanks a word the sentence repeats, nor a bare number; a quantity with its unit is fine', () => {
    expect(makeCloze('Total ATP yield from one glucose molecule: approximately 36-38 ATP per cycle.', 'en', terms())?.answer).toBe('36-38');
    expect(makeCloze('As chapter 3 explains in detail, the nucleus stores the genetic material.', 'en', terms())).toBeNull();
    // Names are never blanked (trivia); a year is, as the time of an event.
    expect(makeCloze('The cell theory was stated by Matthias Schleiden and Theodor Schwann in 1839.', 'en', terms())?.answer).toBe('1839');
    expect(makeCloze('If I copied your poem, my act was totally unregulated by the 1790 act.', 'en', terms())).toBeNull();
    expect(makeCloze('The archive was founded by Brewster Kahle, who wanted to keep the web.', 'en', terms())).toBeNull();
  });

  it('blanks a number with its digit groups whole, never a part of it', () => {
    expect(makeCloze('By then there were more than 1,200 radio stations broadcasting across the country.', 'en', terms())?.answer).toBe(
      '1,200',
    );
  });

  it('does not take a capital after "(3)" or an opening quote for a name', () => {
    expect(makeCloze('(3) Keep it alive: a copyright should have to be renewed after some years.', 'en', terms())).toBeNull();
    expect(makeCloze('Everyone said, \u201COh, my gosh, a film has so many copyrights in it.\u201D', 'en', terms())).toBeNull();
  });

  it('makes no card from a sentence about something named earlier', () => {
    expect(makeCloze('It is surrounded by a double membrane called the nuclear envelope.', 'en', terms(['nuclear envelope']))).toBeNull();
    expect(makeCloze('Poseen su propio ADN y se dividen de forma independiente del núcleo.', 'es', terms())).toBeNull();
  });

  it('counts as common the words and defined phrases many sentences use, never stopwords', () => {
    const sentences = [
      'A data structure holds data.',
      'Each data structure has costs.',
      'Pick a data structure with care.',
      'Arrays are fast.',
    ];
    const common = commonWords(sentences, ['data structure']);
    expect(common.has('data structure')).toBe(true);
    expect(common.has('a')).toBe(false);
  });
});

describe('offline definitions', () => {
  it('accepts real definitions, including plural nouns qualified by a participle and "consists of"', () => {
    const plural = findDefinition('Mitochondria are membrane-bound organelles found in most eukaryotic cells.', 'en')!;
    expect(definitionQuestion(plural, 'en')).toBe('What are mitochondria?');
    const golgi = findDefinition(
      'The Golgi apparatus (also called the Golgi complex or Golgi body) consists of a series of flattened sacs called cisternae.',
      'en',
    )!;
    expect([definitionQuestion(golgi, 'en'), golgi.definition]).toEqual([
      'What does the Golgi apparatus consist of?',
      'A series of flattened sacs called cisternae.',
    ]);
    const es = findDefinition('El aparato de Golgi consiste en un conjunto de cisternas aplanadas que modifican proteínas.', 'es')!;
    expect(definitionQuestion(es, 'es')).toBe('¿En qué consiste el aparato de Golgi?');
  });

  it('rejects statements that only look like definitions', () => {
    for (const sentence of [
      'The last element added is the first one to be removed.',
      'The source of this confusion is a distinction that the law no longer draws.',
      'The point is the same, even if the interests affecting culture are more fundamental.',
      'The latter are the target of category A: users who download instead of purchasing.',
      'Changes in scope are the easier ones to describe, and the harder ones to defend.',
      'The law is changing; that change is altering the way our culture gets made.',
      'The pattern with Murdoch is the pattern of modern media ownership in America.',
      'CHAPTER ONE: Creators In 1928, a cartoon character was born in a silent flop.',
      'The bottom line: The owner cannot easily be located by anyone who looks.',
    ])
      expect(findDefinition(sentence, 'en'), sentence).toBeNull();
  });
});

describe('offline sentences and headings', () => {
  it('keeps numbered items, initials and "v." whole, does not take "p2p." for an abbreviation, splits after footnote numbers', () => {
    const text =
      '1. All cells arise from cells\nZero tolerance means zero p2p. The ruling went further.\nThere are stores in America today.16 These stores buy books. ' +
      'The D.C. Circuit ruled in Donaldson v. Beckett.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      '1. All cells arise from cells',
      'Zero tolerance means zero p2p.',
      'The ruling went further.',
      'There are stores in America today.16',
      'These stores buy books.',
      'The D.C. Circuit ruled in Donaldson v. Beckett.',
    ]);
    expect(displayText('There are stores in America today.16')).toBe('There are stores in America today.');
  });

  it('finds the heading a sentence starts with, however the extractor kept it', () => {
    const cut = (section: string, sentence: string) => sentence.slice(headingLength(sentence, headingMatchers(section)));
    expect(cut('Chapter 1: Introduction to Cells', '===== Chapter 1: Introduction to Cells =====')).toBe('');
    expect(cut('"PIRACY" > Chapter 1: Creators', 'CHAPTER ONE: Creators In 1928, a cartoon character was born.')).toBe(
      'In 1928, a cartoon character was born.',
    );
    expect(cut('Capítulo 1: La célula > Sección 1.1: Teoría celular', 'Sección 1.1: Teoría celular')).toBe('');
    expect(cut('CONCLUSION', 'CONCLUSION There are more than 35 million people with the virus.')).toBe(
      'There are more than 35 million people with the virus.',
    );
    // A sentence that starts with the heading's word is a sentence about it.
    expect(cut('Arrays', 'Arrays store elements in contiguous memory locations.')).toBe(
      'Arrays store elements in contiguous memory locations.',
    );
  });

  it('treats title lines, copyright lines and tables of contents as junk', () => {
    expect(isJunkSentence('Biology 101 - Cell Structure and Function')).toBe(true);
    expect(isJunkSentence('Copyright © Lawrence Lessig, 2004. All rights reserved by the author.')).toBe(true);
    expect(isJunkSentence('CHAPTER ONE: Creators 21 CHAPTER TWO: Mere Copyists 31 CHAPTER THREE: Catalogs 48')).toBe(true);
    expect(isJunkSentence('Copyright law grants authors exclusive rights for a limited time.')).toBe(false);
  });
});
