import type { PageReading } from '../../../core/index.js';
import type { PdfLine } from '../pdf-layout.js';
import { TextQuality } from '../text-quality.js';
import type { DocumentOcr } from './document-ocr.js';
import { renderPdfPage, type PageSize } from './render-pdf-page.js';

/**
 * Which text a PDF page contributes: its text layer, or what OCR reads from its picture. A page is read by
 * OCR when its text layer is (nearly) empty or gibberish; OCR's text is kept only when it is better, so a
 * title page with three real words keeps them and is not marked as OCR'd.
 */

/** Fewer letters than this on a page and its text layer may be a scan's page number or stray label. */
const MIN_PAGE_LETTERS = 50;
/** OCR must find this many more letters than the text layer to replace it (a slightly different reading is no gain). */
const MIN_LETTERS_GAINED = 20;

type PdfDocument = Parameters<typeof renderPdfPage>[0];

function judge(lines: readonly PdfLine[]): { verdict: ReturnType<TextQuality['verdict']>; letters: number } {
  const quality = new TextQuality();
  for (const line of lines) quality.add(line.text);
  return { verdict: quality.verdict(1, MIN_PAGE_LETTERS), letters: quality.letterCount };
}

export interface PageText {
  lines: PdfLine[];
  reading: PageReading;
}

export async function choosePageText(
  doc: PdfDocument,
  page: number,
  size: PageSize,
  textLayer: PdfLine[],
  ocr: DocumentOcr | null,
): Promise<PageText> {
  const own = judge(textLayer);
  const method = own.letters > 0 ? 'text' : 'none';
  if (own.verdict === 'readable' || !ocr) return { lines: textLayer, reading: { page, method, ocrConfidence: null } };
  const read = await ocr.recognise(await renderPdfPage(doc, page, size, ocr.dpi), `Page ${page} of this PDF`);
  const seen = judge(read.lines);
  const better =
    seen.verdict !== 'garbled' && (own.verdict === 'garbled' ? seen.letters > 0 : seen.letters >= own.letters + MIN_LETTERS_GAINED);
  if (!better) return { lines: textLayer, reading: { page, method, ocrConfidence: null } };
  return { lines: read.lines, reading: { page, method: 'ocr', ocrConfidence: read.confidence } };
}
