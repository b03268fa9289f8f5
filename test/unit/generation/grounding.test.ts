import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../../src/core/index.js';
import type { CardDraft } from '../../../src/core/index.js';
import { groundDraft } from '../../../src/core/index.js';

const pdf: ExtractedDocument = {
  format: 'pdf',
  pageCount: 3,
  language: 'en',
  title: 'Biology',
  segments: [
    { page: 1, section: '1 Cells', text: 'Cells are the basic unit of life.\nEvery organism is made of cells.' },
    { page: 2, section: '1 Cells > 1.1 Organelles', text: 'The mitochondrion produces most of the chemical energy of the cell.' },
    {
      page: 3,
      section: '2 Plants',
      text: 'Plants capture light through photo-\nsynthesis in  their   chloroplasts.\nThe “Calvin cycle” fixes carbon — slowly.',
    },
  ],
};

const draft = (over: Partial<CardDraft>): CardDraft => ({ question: 'Q?', answer: 'A.', page: null, section: null, quote: '', ...over });

describe('groundDraft', () => {
  it('verifies a quote found on the cited page and returns the original text', () => {
    const r = groundDraft(draft({ page: 2, quote: 'the mitochondrion produces most of the chemical energy' }), pdf);
    expect(r).toEqual({
      status: 'verified',
      page: 2,
      section: '1 Cells > 1.1 Organelles',
      quote: 'The mitochondrion produces most of the chemical energy',
    });
  });

  it('corrects a wrong page and takes the section from where the quote is', () => {
    const r = groundDraft(draft({ page: 3, section: '2 Plants', quote: 'Cells are the basic unit of life.' }), pdf);
    expect(r).toMatchObject({ status: 'corrected', page: 1, section: '1 Cells', citedPage: 3, quote: 'Cells are the basic unit of life.' });
  });

  it('rejects an invented quote', () => {
    const r = groundDraft(draft({ page: 1, quote: 'Cells are powered by tiny nuclear reactors.' }), pdf);
    expect(r).toMatchObject({ status: 'rejected', reason: 'quote_not_found' });
  });

  it('matches across line-end hyphenation, whitespace runs and case', () => {
    const r = groundDraft(draft({ page: 3, quote: 'PLANTS CAPTURE LIGHT THROUGH PHOTOSYNTHESIS IN THEIR CHLOROPLASTS' }), pdf);
    expect(r).toEqual({
      status: 'verified',
      page: 3,
      section: '2 Plants',
      quote: 'Plants capture light through photo-\nsynthesis in  their   chloroplasts',
    });
  });

  it('matches straight quotes and hyphens against typographic ones', () => {
    const r = groundDraft(draft({ page: 3, quote: 'The "Calvin cycle" fixes carbon - slowly' }), pdf);
    expect(r).toMatchObject({ status: 'verified', quote: 'The “Calvin cycle” fixes carbon — slowly' });
  });

  it('matches across a line break inside the quote and strips decoration the model added', () => {
    const r = groundDraft(draft({ page: 1, quote: '"...unit of life. Every organism is made of cells…"' }), pdf);
    expect(r).toMatchObject({ status: 'verified', page: 1, quote: 'unit of life.\nEvery organism is made of cells' });
  });

  it('matches a quote that stops at a word cut by a page break', () => {
    const book: ExtractedDocument = {
      format: 'pdf',
      pageCount: 2,
      language: 'en',
      title: null,
      segments: [
        { page: 1, section: 'A', text: 'Congress acted to recognize some of the legiti-' },
        { page: 2, section: 'A', text: 'mate interests of the new technology.' },
      ],
    };
    expect(groundDraft(draft({ page: 1, quote: 'Congress acted to recognize some of the legiti-' }), book)).toMatchObject({
      status: 'verified',
      page: 1,
      quote: 'Congress acted to recognize some of the legiti',
    });
  });

  it('rejects quotes that are too short or too long', () => {
    expect(groundDraft(draft({ page: 1, quote: 'Cells' }), pdf)).toMatchObject({ status: 'rejected', reason: 'quote_too_short' });
    expect(groundDraft(draft({ page: 1, quote: 'x'.repeat(301) }), pdf)).toMatchObject({ status: 'rejected', reason: 'quote_too_long' });
  });

  it('folds Spanish accents, NFD forms and ligatures', () => {
    const es: ExtractedDocument = {
      format: 'txt',
      pageCount: null,
      language: 'es',
      title: null,
      segments: [
        { page: null, section: 'Capítulo 1', text: 'La célula es la unidad básica de la vida.' },
        { page: null, section: 'Capítulo 2 > La fotosíntesis', text: 'La ﬁjación del carbono ocurre en el estroma.' },
      ],
    };
    const nfd = 'LA CE\u0301LULA ES LA UNIDAD BASICA DE LA VIDA';
    expect(groundDraft(draft({ quote: nfd }), es)).toEqual({
      status: 'verified',
      page: null,
      section: 'Capítulo 1',
      quote: 'La célula es la unidad básica de la vida',
    });
    expect(groundDraft(draft({ quote: 'la fijacion del carbono ocurre' }), es)).toMatchObject({
      status: 'verified',
      section: 'Capítulo 2 > La fotosíntesis',
      quote: 'La ﬁjación del carbono ocurre',
    });
  });

  it('in a document without pages, a cited page is corrected to null', () => {
    const txt: ExtractedDocument = {
      format: 'txt',
      pageCount: null,
      language: 'en',
      title: null,
      segments: [{ page: null, section: null, text: 'Entropy always increases in an isolated system.' }],
    };
    expect(groundDraft(draft({ page: 4, quote: 'Entropy always increases' }), txt)).toMatchObject({
      status: 'corrected',
      page: null,
      citedPage: 4,
    });
  });

  it('prefers the occurrence on the cited page, then the nearest page', () => {
    const repeated: ExtractedDocument = {
      format: 'pdf',
      pageCount: 9,
      language: 'en',
      title: null,
      segments: [1, 5, 9].map((page) => ({ page, section: `S${page}`, text: 'Energy is conserved in every reaction.' })),
    };
    expect(groundDraft(draft({ page: 5, quote: 'Energy is conserved' }), repeated)).toMatchObject({
      status: 'verified',
      page: 5,
      section: 'S5',
    });
    expect(groundDraft(draft({ page: 8, quote: 'Energy is conserved' }), repeated)).toMatchObject({ status: 'corrected', page: 9 });
  });
});
