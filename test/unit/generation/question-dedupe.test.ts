import { describe, expect, it } from 'vitest';
import { isNearDuplicate, QuestionDeduper } from '../../../src/core/index.js';

describe('isNearDuplicate', () => {
  it('treats wording variants of one question as duplicates', () => {
    expect(isNearDuplicate('What is the function of the mitochondria?', 'what is the function of mitochondria')).toBe(true);
    expect(isNearDuplicate('What are cells?', 'What are the cells?')).toBe(true);
    expect(isNearDuplicate('¿Qué es la fotosíntesis?', '¿Que es la FOTOSINTESIS?')).toBe(true);
    expect(isNearDuplicate('¿Cuál es la función de las células?', '¿Cuál es la función de la célula?')).toBe(true);
  });

  it('keeps different questions apart', () => {
    expect(isNearDuplicate('What is DNA?', 'What is RNA?')).toBe(false);
    expect(isNearDuplicate('What is the role of DNA?', 'What is the role of RNA?')).toBe(false);
    expect(isNearDuplicate('What is mitosis?', 'What is mitosis used for in plants?')).toBe(false);
  });
});

describe('QuestionDeduper', () => {
  it('stores near-identical questions once, including against existing deck questions', () => {
    const deduper = new QuestionDeduper(['What is osmosis?']);
    expect(deduper.add('What is Osmosis')).toBe(false);
    expect(deduper.add('What is diffusion?')).toBe(true);
    expect(deduper.add('What is  diffusion ?')).toBe(false);
    expect(deduper.has('what is diffusion')).toBe(true);
    expect(deduper.size).toBe(2);
  });
});

describe('contrasting questions', () => {
  it('keeps questions that differ by a meaningful word on each side', () => {
    expect(isNearDuplicate('What are the functions of smooth ER?', 'What are the functions of rough ER?')).toBe(false);
    expect(isNearDuplicate('¿Qué hace el retículo endoplasmático liso?', '¿Qué hace el retículo endoplasmático rugoso?')).toBe(false);
  });

  it('still merges rewordings that only add or drop small words', () => {
    expect(isNearDuplicate('What is the function of the mitochondria?', 'What is the function of mitochondria?')).toBe(true);
    expect(isNearDuplicate('What are the main functions of the nucleus?', 'What are the functions of the nucleus?')).toBe(true);
  });
});
