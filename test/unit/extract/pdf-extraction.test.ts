import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../../src/core/index.js';
import { CoreError } from '../../../src/core/index.js';
import { DocumentTextExtractor } from '../../../src/infra/extract/index.js';
import * as fx from '../../fixtures/index.js';

const extractor = new DocumentTextExtractor();

/** The segment holding `text`, so a test can say where the fixture put it. */
function where(doc: ExtractedDocument, text: string) {
  const segment = doc.segments.find((s) => s.text.includes(text));
  if (!segment) throw new Error(`"${text}" was not extracted`);
  return { page: segment.page, section: segment.section };
}

async function refusal(bytes: Uint8Array): Promise<CoreError> {
  const error = await extractor.extract(bytes, 'pdf').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
}

describe('PDF with a nested outline', async () => {
  const doc = await extractor.extract(await fx.pdfWithOutline(), 'pdf');

  it('reads every page and the metadata title', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.pageCount).toBe(fx.OUTLINE_PDF_PAGES.length);
    expect(new Set(doc.segments.map((s) => s.page))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(doc.title).toBe('Biology 101 handbook');
    expect(doc.language).toBe('en');
  });

  it.each([
    ['Cells are the basic unit of life.', 1, '1 Cells'],
    ['Membranes are lipid bilayers.', 2, '1 Cells > 1.1 Membranes'],
    // Page 3: "1.2 Organelles" starts halfway down; the line above it still belongs to 1.1.
    ['Membrane proteins act as channels.', 3, '1 Cells > 1.1 Membranes'],
    ['Organelles are compartments inside the cell.', 3, '1 Cells > 1.2 Organelles'],
    ['Mitochondria make ATP.', 3, '1 Cells > 1.2 Organelles'],
    ['Genetics studies heredity.', 4, '2 Genetics'],
    ['DNA is a double helix.', 5, '2 Genetics > 2.1 DNA'],
    ['Replication copies DNA before division.', 5, '2 Genetics > 2.1 DNA > 2.1.1 Replication'],
    // A named destination, resolved through getDestination.
    ['Appendix: a glossary of terms.', 6, 'Appendix'],
    // No entry points at page 7: it stays in the section that began before it.
    ['Zygote: a fertilised egg cell.', 7, 'Appendix'],
  ])('puts "%s" on page %i in "%s"', (text, page, section) => {
    expect(where(doc, text)).toEqual({ page, section });
  });

  it('keeps every line the fixture drew, verbatim', () => {
    const all = doc.segments.map((s) => s.text).join('\n');
    for (const line of fx.OUTLINE_PDF_PAGES.flat()) expect(all).toContain(line);
  });
});

describe('PDF without an outline: headings by font size', async () => {
  const doc = await extractor.extract(await fx.pdfWithFontHeadings(), 'pdf');

  it('takes the single largest line on page 1 as the title, not as a section', () => {
    expect(doc.title).toBe('Introduction to Ecology');
    expect(doc.segments.every((s) => !s.section?.includes('Introduction to Ecology'))).toBe(true);
  });

  it.each([
    ['An ecosystem is a community', 1, 'Chapter 1 Ecosystems'],
    ['A food web links the food chains', 1, 'Chapter 1 Ecosystems > 1.1 Food webs'],
    ['Decomposers return nutrients to the soil.', 2, 'Chapter 1 Ecosystems > 1.1 Food webs'],
    ['A population is a group of one species', 2, 'Chapter 2 Populations'],
    ['Population density is the number', 3, 'Chapter 2 Populations'],
  ])('puts "%s" on page %i in "%s"', (text, page, section) => {
    expect(where(doc, text)).toEqual({ page, section });
  });

  it('does not turn the small running header into a heading', () => {
    expect(doc.segments.some((s) => s.section?.includes('ECOLOGY COURSE NOTES'))).toBe(false);
  });
});

describe('multi-page PDF', () => {
  it('reads every page, reports progress per page, and attributes each page', async () => {
    const progress: [number, number][] = [];
    const doc = await extractor.extract(await fx.multiPagePdf(12), 'pdf', { onProgress: (d, t) => progress.push([d, t]) });
    expect(doc.pageCount).toBe(12);
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, 12]));
    for (let k = 1; k <= 12; k++) expect(where(doc, `This is page ${k} of the handbook.`)).toEqual({ page: k, section: null });
  });

  it('joins words split at a line end, but keeps hyphens the document itself uses', async () => {
    const doc = await extractor.extract(await fx.multiPagePdf(2), 'pdf');
    const page2 = doc.segments
      .filter((s) => s.page === 2)
      .map((s) => s.text)
      .join('\n');
    expect(page2).toContain('Plants make sugar by photosynthesis, which needs light.');
    expect(page2).toContain('in its own self-interest when it takes up nutrients.');
  });

  it('stops when the job is cancelled', async () => {
    const controller = new AbortController();
    const pending = extractor.extract(await fx.multiPagePdf(12), 'pdf', {
      signal: controller.signal,
      onProgress: (done) => done === 3 && controller.abort(),
    });
    await expect(pending).rejects.toThrow(/abort/i);
  });
});

describe('PDFs that must be refused with a sentence a person understands', () => {
  it('password-protected', async () => {
    const error = await refusal(fx.encryptedPdf());
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/^This PDF is password-protected/);
  });

  it('no text at all (scanned pages)', async () => {
    const error = await refusal(await fx.pdfWithoutText());
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/^This PDF has no extractable text: it may be scanned images/);
  });

  it('fonts without a Unicode mapping (gibberish)', async () => {
    const error = await refusal(fx.unmappedFontPdf());
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/^This PDF has no extractable text: its fonts do not say which letters/);
  });

  it.each([
    ['corrupt', fx.corruptPdf()],
    ['truncated', fx.truncatedPdf()],
  ])('%s', async (_label, bytes) => {
    const error = await refusal(bytes);
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/^This PDF is damaged/);
  });

  it('too many pages: refused whole, never truncated', async () => {
    const small = new DocumentTextExtractor({ maxPdfPages: 5 });
    const error = await small.extract(await fx.multiPagePdf(6), 'pdf').catch((e: CoreError) => e);
    expect(error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/6 pages; at most 5/) });
  });

  it('bytes that are not a PDF at all', async () => {
    const error = await refusal(fx.pngImage());
    expect(error.code).toBe('unsupported_media_type');
  });
});

describe('PDF fixtures are what they claim to be', () => {
  it('the encrypted PDF is really encrypted: pdf.js opens it with the password and reads the text', async () => {
    await expect(getDocumentProxy(fx.encryptedPdf(), { verbosity: 0 })).rejects.toMatchObject({ name: 'PasswordException' });
    const doc = await getDocumentProxy(fx.encryptedPdf(), { password: fx.ENCRYPTED_PDF_PASSWORD, verbosity: 0 });
    const content = await (await doc.getPage(1)).getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe(fx.ENCRYPTED_PDF_TEXT);
    await doc.destroy();
  });

  it("the extractor leaves the caller's bytes intact", async () => {
    const bytes = await fx.multiPagePdf(2);
    const copy = bytes.slice();
    await extractor.extract(bytes, 'pdf');
    expect(bytes).toEqual(copy);
  });
});
