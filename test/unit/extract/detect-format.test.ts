import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { detectDocumentFormat, sniffContent } from '../../../src/infra/extract/index.js';
import * as fx from '../../fixtures/index.js';

const refusal = (fn: () => unknown): CoreError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    return e as CoreError;
  }
  throw new Error('expected a refusal');
};

describe('detectDocumentFormat: content and extension must agree', async () => {
  const samples = {
    pdf: await fx.multiPagePdf(2),
    docx: await fx.docxWithoutPageBreaks(),
    txt: fx.englishNotesTxt(),
    png: fx.pngImage(),
    jpeg: fx.jpegImage(),
    doc: fx.legacyWordDoc(),
    zip: fx.plainZip(),
    binary: fx.unknownBinary(),
  };

  it.each([
    ['notes.pdf', samples.pdf, 'pdf'],
    ['NOTES.PDF', samples.pdf, 'pdf'],
    ['apuntes.docx', samples.docx, 'docx'],
    ['notes.txt', samples.txt, 'txt'],
    ['notes.md', samples.txt, 'markdown'],
    ['notes.markdown', samples.txt, 'markdown'],
    ['utf16.txt', fx.utf16leText(), 'txt'],
    ['latin1.txt', fx.latin1Text(), 'txt'],
    ['bom-crlf.txt', fx.spanishNotesTxt(), 'txt'],
    ['Lecture3.pptx', fx.lecturePptx(), 'pptx'],
    ['page.png', samples.png, 'png'],
    ['photo.jpg', samples.jpeg, 'jpeg'],
    ['photo.JPEG', samples.jpeg, 'jpeg'],
  ] as const)('accepts %s as %s', (name, bytes, format) => {
    expect(detectDocumentFormat(bytes, name)).toBe(format);
  });

  it.each([
    ['PNG bytes named .pdf', 'scan.pdf', samples.png, /named \.pdf.*should contain a PDF.*contains a PNG image/],
    ['JPEG bytes named .docx', 'photo.docx', samples.jpeg, /should contain a Word \(\.docx\) document.*contains a JPEG image/],
    ['a PDF named .docx', 'notes.docx', samples.pdf, /contains a PDF/],
    ['a DOCX named .pdf', 'notes.pdf', samples.docx, /should contain a PDF.*contains a Word \(\.docx\) document/],
    ['a PDF named .txt', 'notes.txt', samples.pdf, /should contain plain text.*contains a PDF/],
    ['a DOCX named .md', 'notes.md', samples.docx, /should contain Markdown.*contains a Word/],
    ['a plain ZIP named .docx', 'notes.docx', samples.zip, /ZIP archive that is not a Word document/],
    ['an old .doc renamed .docx', 'notes.docx', samples.doc, /old-style Office file.*Save it as \.docx/],
    ['binary named .txt', 'notes.txt', samples.binary, /binary data/],
    ['a DOCX named .pptx', 'slides.pptx', samples.docx, /should contain a PowerPoint \(\.pptx\) presentation.*contains a Word/],
    ['a PPTX named .docx', 'notes.docx', fx.lecturePptx(), /should contain a Word.*contains a PowerPoint \(\.pptx\) presentation/],
    ['JPEG bytes named .png', 'page.png', samples.jpeg, /should contain a PNG image.*contains a JPEG image/],
    ['an old .ppt renamed .pptx', 'slides.pptx', samples.doc, /old-style Office file.*Save it as \.pptx/],
    ['UTF-16 without a BOM named .txt', 'notes.txt', new Uint8Array(Buffer.from('hello world', 'utf16le')), /binary data/],
  ])('refuses %s with unsupported_media_type', (_label, name, bytes, message) => {
    const error = refusal(() => detectDocumentFormat(bytes, name));
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['image.gif', samples.png, /"\.gif" files are not accepted/],
    ['old.ppt', samples.doc, /Old PowerPoint \(\.ppt\) files must be saved as \.pptx/],
    ['old.doc', samples.doc, /Old Word \(\.doc\) files must be saved as \.docx/],
    ['README', samples.txt, /without a known extension/],
    ['.pdf', samples.pdf, /without a known extension/],
  ])('refuses the extension of %s whatever the content', (name, bytes, message) => {
    const error = refusal(() => detectDocumentFormat(bytes, name));
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toMatch(message);
  });

  it('refuses an empty file as unprocessable', () => {
    expect(refusal(() => detectDocumentFormat(new Uint8Array(), 'notes.txt')).code).toBe('unprocessable');
  });

  it('finds a PDF header behind junk in the first kilobyte, as PDF readers do', () => {
    const pdf = samples.pdf;
    const prefixed = new Uint8Array(100 + pdf.length);
    prefixed.set(pdf, 100);
    expect(sniffContent(prefixed)).toBe('pdf');
  });

  it('recognises a DOCX by its parts, not by the ZIP signature alone', () => {
    expect(sniffContent(samples.docx)).toBe('docx');
    expect(sniffContent(samples.zip)).toBe('zip');
    expect(sniffContent(fx.writeZip([{ name: 'word/document.xml', data: '<x/>' }]))).toBe('zip'); // no [Content_Types].xml
  });
});
