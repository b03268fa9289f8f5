import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../../src/core/index.js';
import { CoreError } from '../../../src/core/index.js';
import { materialisePageBreaks, stylesWithPageBreak } from '../../../src/infra/extract/docx-page-breaks.js';
import { DocumentTextExtractor } from '../../../src/infra/extract/index.js';
import * as fx from '../../fixtures/index.js';

const extractor = new DocumentTextExtractor();

function where(doc: ExtractedDocument, text: string) {
  const segment = doc.segments.find((s) => s.text.includes(text));
  if (!segment) throw new Error(`"${text}" was not extracted`);
  return { page: segment.page, section: segment.section };
}

describe('DOCX with heading styles and explicit page breaks', async () => {
  const doc = await extractor.extract(await fx.docxWithHeadingsAndPageBreaks(), 'docx');

  it('counts pages from both kinds of explicit break and takes the Title style as the title', () => {
    expect(doc.format).toBe('docx');
    expect(doc.pageCount).toBe(3);
    expect(doc.title).toBe('Cell Biology Notes');
    expect(doc.language).toBe('en');
  });

  it.each([
    ['Notes for the first two weeks.', 1, null],
    ['Cells are the smallest living units.', 1, 'Chapter 1 Cells'],
    // w:br type="page" in the middle of a paragraph: the text before it is on page 1, after it on page 2.
    ['Channels let ions through the membrane.', 1, 'Chapter 1 Cells > 1.1 Membranes'],
    ['Pumps use ATP to move ions.', 2, 'Chapter 1 Cells > 1.1 Membranes'],
    ['Ribosomes build proteins.', 2, 'Chapter 1 Cells > 1.2 Organelles'],
    // w:pageBreakBefore on the heading (mammoth drops it; we restore it).
    ['Chapter 2 Genetics', 3, 'Chapter 2 Genetics'],
    ['DNA replication is semi-conservative.', 3, 'Chapter 2 Genetics > 2.1 DNA > 2.1.1 Replication'],
    ['Meiosis makes four cells.', 3, 'Chapter 2 Genetics > 2.1 DNA > 2.1.1 Replication'], // inside a table
  ])('puts "%s" on page %i in %j', (text, page, section) => {
    expect(where(doc, text)).toEqual({ page, section });
  });
});

describe('DOCX without page breaks', async () => {
  const doc = await extractor.extract(await fx.docxWithoutPageBreaks(), 'docx');

  it('has no pages: page and pageCount are null, and the section locates the text', () => {
    expect(doc.pageCount).toBeNull();
    expect(doc.segments.every((s) => s.page === null)).toBe(true);
    expect(where(doc, 'la crisis económica')).toEqual({ page: null, section: 'Apuntes de Historia > Causas' });
    expect(where(doc, 'El fin del Antiguo Régimen')).toEqual({ page: null, section: 'Apuntes de Historia > Consecuencias' });
  });

  it('detects Spanish', () => {
    expect(doc.language).toBe('es');
  });
});

describe('DOCX page breaks set in a style', () => {
  it('follows basedOn chains, skips the first paragraph, and honours an explicit "off"', async () => {
    const doc = await extractor.extract(fx.docxWithStylePageBreaks(), 'docx');
    expect(doc.pageCount).toBe(2);
    expect(where(doc, 'Text of part one.')).toEqual({ page: 1, section: 'Part one' });
    expect(where(doc, 'Text of part two.')).toEqual({ page: 2, section: 'Part two' });
    expect(where(doc, 'Text of part three')).toEqual({ page: 2, section: 'Part three' });
  });
});

describe('DOCX that must be refused', () => {
  it('a damaged archive', async () => {
    const docx = await fx.docxWithoutPageBreaks();
    const damaged = docx.slice();
    damaged.fill(0x41, 200, 1200); // overwrite compressed data in the middle
    const error = await extractor.extract(damaged, 'docx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ code: 'unprocessable' });
  });

  it('a document with no text', async () => {
    const error = await extractor.extract(fx.minimalDocx('<w:p/>'), 'docx').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/no text/) });
  });
});

describe('materialisePageBreaks', () => {
  const BREAK = '<w:r><w:br w:type="page"/></w:r>';

  it('inserts the break after the whole <w:pPr>, even when a tracked change nests another one inside', () => {
    const xml =
      '<w:p><w:r><w:t>first</w:t></w:r></w:p>' +
      '<w:p w:rsidR="1"><w:pPr><w:pageBreakBefore/><w:pPrChange w:id="1"><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>second</w:t></w:r></w:p>';
    expect(materialisePageBreaks(xml, new Set())).toBe(xml.replace('</w:pPrChange></w:pPr>', `</w:pPrChange></w:pPr>${BREAK}`));
  });

  it('ignores a page break that exists only in the tracked (old) properties', () => {
    const xml =
      '<w:p/><w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:pageBreakBefore/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>x</w:t></w:r></w:p>';
    expect(materialisePageBreaks(xml, new Set())).toBe(xml);
  });

  it('reads style inheritance and survives a basedOn cycle', () => {
    const styles =
      '<w:styles><w:style w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:styleId="B"><w:basedOn w:val="A"/></w:style>' +
      '<w:style w:styleId="C"><w:basedOn w:val="D"/></w:style><w:style w:styleId="D"><w:pPr><w:pageBreakBefore/></w:pPr></w:style></w:styles>';
    expect([...stylesWithPageBreak(styles)].sort()).toEqual(['C', 'D']);
  });
});
