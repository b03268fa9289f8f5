import { describe, expect, it } from 'vitest';
import {
  answerInQuestion,
  brokenRules,
  checkCard,
  clozeBlankMeaningless,
  clozeSplitsWord,
  danglingPronoun,
  hasMarkup,
  listItems,
  longAnswer,
  answerTooLong,
  notAQuestion,
  refersToDocument,
  renderPlainText,
  ruleLanguages,
  tooManyItems,
  longList,
} from '../../../src/core/index.js';

const en = ruleLanguages('en');
const es = ruleLanguages('es');

describe('answer_in_question', () => {
  it('catches answers the question already states (en, es)', () => {
    expect(answerInQuestion('What is the capital of France, Paris?', 'Paris', en)).toBe(true);
    expect(answerInQuestion('Complete: Mitochondria make ____ (ATP) for the cell.', 'ATP', en)).toBe(true);
    expect(answerInQuestion('¿Qué orgánulo, la mitocondria, produce energía?', 'La mitocondria', es)).toBe(true);
    expect(answerInQuestion('Completa: Las células vegetales tienen ____ y cloroplastos.', 'cloroplastos', es)).toBe(true);
  });

  it('passes answers that add what was asked (en, es)', () => {
    expect(answerInQuestion('What is the capital of France?', 'Paris', en)).toBe(false);
    expect(answerInQuestion('What is photosynthesis?', 'Photosynthesis is how plants make sugar from light.', en)).toBe(false);
    expect(answerInQuestion('¿Qué orgánulo produce la energía de la célula?', 'La mitocondria', es)).toBe(false);
    expect(answerInQuestion('Completa: Las células vegetales tienen pared celular y ____.', 'cloroplastos', es)).toBe(false);
  });
});

describe('refers_to_document', () => {
  it('catches cards pointing at the document (en, es)', () => {
    expect(refersToDocument('What does the section "Nuclear Structure" explain?', en)).toBe(true);
    expect(refersToDocument('According to the passage, why did the radio stations fail?', en)).toBe(true);
    expect(refersToDocument('What is mentioned above about mitosis?', en)).toBe(true);
    expect(refersToDocument('¿Qué explica la sección «La Célula: Unidad de Vida»?', es)).toBe(true);
    expect(refersToDocument('Según el texto, ¿qué produce la mitocondria?', es)).toBe(true);
    expect(refersToDocument('¿Qué enumera este capítulo?', es)).toBe(true);
  });

  it('passes questions that stand alone (en, es, and the text of a law)', () => {
    expect(refersToDocument('What does the nucleus contain?', en)).toBe(false);
    expect(refersToDocument('What is the text of the First Amendment?', en)).toBe(false);
    expect(refersToDocument('¿Qué contiene el núcleo de la célula?', es)).toBe(false);
    expect(refersToDocument('¿Qué es un texto argumentativo?', es)).toBe(false);
    expect(refersToDocument('Según la teoría celular, ¿de qué están formados los seres vivos?', es)).toBe(false);
    expect(refersToDocument('According to the cell theory, what are all living things made of?', en)).toBe(false);
    expect(refersToDocument('Why is it that the radio stations went silent?', en)).toBe(false);
  });

  it('knows French, German, Portuguese and Italian phrasing', () => {
    expect(refersToDocument('Selon le texte, que produit la cellule ?', ruleLanguages('fr'))).toBe(true);
    expect(refersToDocument('Was beschreibt der Abschnitt über Zellen?', ruleLanguages('de'))).toBe(true);
    expect(refersToDocument('O que explica a seção sobre células?', ruleLanguages('pt'))).toBe(true);
    expect(refersToDocument('Che cosa spiega la sezione sulle cellule?', ruleLanguages('it'))).toBe(true);
  });
});

describe('dangling_pronoun (soft)', () => {
  it('flags a pronoun subject whose noun was left behind (en, es)', () => {
    expect(danglingPronoun('What does it produce?', en)).toBe(true);
    expect(danglingPronoun('Complete: They ____ the cell from its surroundings.', en)).toBe(true);
    expect(danglingPronoun('¿Qué producen ellos en la célula?', es)).toBe(true);
    expect(danglingPronoun('Completa: Esto ____ la energía de la célula.', es)).toBe(true);
  });

  it('passes questions naming their subject (en, es)', () => {
    expect(danglingPronoun('What does the mitochondrion produce?', en)).toBe(false);
    expect(danglingPronoun('Why did Congress extend copyright in 1998?', en)).toBe(false);
    expect(danglingPronoun('Why is it that federal law overrides state law?', en)).toBe(false);
    expect(danglingPronoun('¿Qué produce la mitocondria?', es)).toBe(false);
    expect(danglingPronoun('¿Es el ADN una doble hélice?', es)).toBe(false);
  });
});

describe('one fact per card', () => {
  const words = (n: number, w = 'word') => Array.from({ length: n }, () => w).join(' ');

  it('drops answers that are paragraphs and flags long ones (en, es)', () => {
    expect(answerTooLong(words(61))).toBe(true);
    expect(answerTooLong(words(61, 'palabra'))).toBe(true);
    expect(answerTooLong(words(40))).toBe(false);
    expect(longAnswer(words(40))).toBe(true);
    expect(longAnswer('The mitochondrion, which makes ATP.')).toBe(false);
    expect(longAnswer('La mitocondria, que produce ATP.')).toBe(false);
  });

  it('counts list items and limits long enumerations (en, es)', () => {
    expect(listItems('Nucleus, mitochondria, ribosomes and the Golgi apparatus')).toBe(4);
    expect(listItems('Norte, Centro, Sur, Austral, Insular, Antártica, Pacífico, Andes y Patagonia')).toBe(9);
    expect(tooManyItems('Norte, Centro, Sur, Austral, Insular, Antártica, Pacífico, Andes y Patagonia')).toBe(true);
    expect(longList('red, orange, yellow, green, blue and violet')).toBe(true);
    expect(tooManyItems('red, orange, yellow, green, blue and violet')).toBe(false);
    expect(listItems('Plants, which live on land, make sugar from light, water and carbon dioxide in their leaves every day')).toBe(1);
    expect(longList('Núcleo, mitocondria y ribosomas')).toBe(false);
  });
});

describe('cloze_splits_word', () => {
  it('catches blanks cutting a number, a word or a name apart (en, es)', () => {
    expect(clozeSplitsWord('Complete: There were more than 1,____ stations.', '200')).toBe(true);
    expect(clozeSplitsWord('Complete: Plants carry out photo____ in their leaves.', 'synthesis')).toBe(true);
    expect(clozeSplitsWord('Complete: The archive was founded by Brewster ____ in 1996.', 'Kahle')).toBe(true);
    expect(clozeSplitsWord('Completa: Chile tiene 4.____ km de largo.', '300')).toBe(true);
    expect(clozeSplitsWord('Completa: La ____ Darwin propuso la selección natural.', 'Charles')).toBe(true);
  });

  it('passes blanks on whole words and numbers (en, es)', () => {
    expect(clozeSplitsWord('Complete: There were more than ____ radio stations.', '1,200')).toBe(false);
    expect(clozeSplitsWord('Complete: In 1998, ____ extended the copyright term.', 'Congress')).toBe(false);
    expect(clozeSplitsWord('Completa: La ____ produce la energía de la célula.', 'mitocondria')).toBe(false);
    expect(clozeSplitsWord('Completa: Chile tiene ____ km de largo.', '4.300')).toBe(false);
    expect(clozeSplitsWord('What is the capital of France?', 'Paris')).toBe(false);
  });
});

describe('cloze_blank_meaningless', () => {
  it('catches blanks on words that mean nothing alone (en, es)', () => {
    expect(clozeBlankMeaningless('Complete: Disney ____ owns the rights.', 'Inc', en)).toBe(true);
    expect(clozeBlankMeaningless('Complete: The cell is ____ basic unit of life.', 'the', en)).toBe(true);
    expect(clozeBlankMeaningless('Completa: La célula es ____ unidad básica de la vida.', 'la', es)).toBe(true);
    expect(clozeBlankMeaningless('Completa: Los ribosomas fabrican proteínas ____ la célula.', 'en', es)).toBe(true);
  });

  it('passes blanks on words worth recalling (en, es)', () => {
    expect(clozeBlankMeaningless('Complete: Mitochondria produce ____.', 'ATP', en)).toBe(false);
    expect(clozeBlankMeaningless('Complete: A week has ____ days.', '7', en)).toBe(false);
    expect(clozeBlankMeaningless('Completa: La ____ produce energía.', 'mitocondria', es)).toBe(false);
    expect(clozeBlankMeaningless('¿Qué es la?', 'la', es)).toBe(false);
  });
});

describe('not_a_question', () => {
  it('catches headings, statements and ill-formed clozes (en, es)', () => {
    expect(notAQuestion('Cell membrane')).toBe(true);
    expect(notAQuestion('The cell has a nucleus.')).toBe(true);
    expect(notAQuestion('Complete: ____ and ____ make ATP.')).toBe(true);
    expect(notAQuestion('Completa: ____ sí.')).toBe(true);
    expect(notAQuestion('La membrana celular')).toBe(true);
    expect(notAQuestion('¿Fotosíntesis?')).toBe(true);
  });

  it('passes questions, tasks and clozes (en, es)', () => {
    expect(notAQuestion('What is the cell membrane?')).toBe(false);
    expect(notAQuestion('Define osmosis.')).toBe(false);
    expect(notAQuestion('Complete: The ____ controls what enters the cell.')).toBe(false);
    expect(notAQuestion('¿Qué es la membrana celular?')).toBe(false);
    expect(notAQuestion('Nombra las fases de la mitosis.')).toBe(false);
    expect(notAQuestion('Completa: La ____ controla lo que entra en la célula.')).toBe(false);
  });
});

describe('markup', () => {
  it('renders Markdown and HTML to plain text, leaving blanks alone (en, es)', () => {
    expect(renderPlainText('Completa: **Organismos ____**: Tienen muchas células.')).toBe(
      'Completa: Organismos ____: Tienen muchas células.',
    );
    expect(renderPlainText('## The *cell* membrane')).toBe('The cell membrane');
    expect(renderPlainText('- __Núcleo__: contiene el <b>ADN</b> &amp; el ARN')).toBe('Núcleo: contiene el ADN & el ARN');
    expect(renderPlainText('See [the atlas](http://x.test) and `mitosis`')).toBe('See the atlas and mitosis');
    expect(renderPlainText('Complete: The ____ makes snake_case_names.')).toBe('Complete: The ____ makes snake_case_names.');
  });

  it('detects markup left in a card and passes plain text (en, es)', () => {
    expect(hasMarkup('Completa: **Organismos ____**: Tienen muchas células.')).toBe(true);
    expect(hasMarkup('What does <i>DNA</i> encode?')).toBe(true);
    expect(hasMarkup('# Célula')).toBe(true);
    expect(hasMarkup('Complete: The ____ makes ATP.')).toBe(false);
    expect(hasMarkup('¿Qué es 5 * 3?')).toBe(false);
    expect(hasMarkup('What is 2 < 3 in binary?')).toBe(false);
  });
});

describe('checkCard', () => {
  it('names the first hard rule a card breaks and lists soft flags', () => {
    expect(checkCard({ question: 'What does the text say about cells?', answer: 'They divide.' }, en)).toEqual({
      rejection: 'refers_to_document',
      flags: [],
    });
    expect(checkCard({ question: 'What does it produce?', answer: 'ATP' }, en)).toEqual({ rejection: null, flags: ['dangling_pronoun'] });
    expect(checkCard({ question: '¿Qué produce la mitocondria?', answer: 'ATP, la energía de la célula.' }, es)).toEqual({
      rejection: null,
      flags: [],
    });
    expect(brokenRules({ question: 'What does it produce?', answer: 'it' }, en)).toEqual(['answer_in_question', 'dangling_pronoun']);
  });
});
