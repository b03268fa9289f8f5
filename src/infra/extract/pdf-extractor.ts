import { getDocumentProxy } from 'unpdf';
import type { ExtractedDocument, ExtractOptions, PageReading } from '../../core/index.js';
import { CoreError } from '../../core/index.js';
import { HyphenationDictionary } from './dehyphenate.js';
import { DocumentOcr } from './ocr/document-ocr.js';
import type { OcrSettings } from './ocr/ocr-engine.js';
import { choosePageText, type PageText } from './ocr/pdf-page-ocr.js';
import type { PageSize } from './ocr/render-pdf-page.js';
import { warningsFor } from './page-warnings.js';
import { assemblePdf } from './pdf-assemble.js';
import { itemsToLines, type PdfLine, type PdfTextItem } from './pdf-layout.js';
import { readOutline, type OutlineSource } from './pdf-outline.js';
import { collapseSpaces, finishDocument } from './segments.js';
import { TextQuality } from './text-quality.js';

/**
 * PDF text with unpdf (pdf.js 5, eval disabled). Pages are read one at a time and released at once, so memory
 * stays bounded by one page plus the extracted text; parallel page requests were measured and bought nothing
 * (pdf.js runs on this thread in Node), so there is no concurrency to cap. Every page is read: the page limit
 * refuses a document outright rather than cutting it short.
 */
export interface PdfLimits {
  maxPages: number;
  /** Pages without a usable text layer are read by OCR with these settings; null: OCR is off. */
  ocr?: OcrSettings | null;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

const damaged = (detail = '') =>
  new CoreError(
    'unprocessable',
    `This PDF is damaged and cannot be read${detail}. Open it in a PDF reader, save or print it to a new PDF, and upload that copy.`,
  );

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // A copy: pdf.js may take ownership of (detach) the buffer it is given, and the caller still needs its bytes.
    return await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (e) {
    if ((e as { name?: string } | null)?.name === 'PasswordException') {
      throw new CoreError(
        'unprocessable',
        'This PDF is password-protected, so its text cannot be read. Remove the password (for example by saving an unprotected copy) and upload it again.',
      );
    }
    throw damaged();
  }
}

async function readPage(doc: PdfDocument, pageNumber: number): Promise<{ lines: PdfLine[]; size: PageSize }> {
  let page: Awaited<ReturnType<PdfDocument['getPage']>> | undefined;
  try {
    page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    const { width, height } = page.getViewport({ scale: 1 });
    return {
      lines: itemsToLines(content.items.filter((item): item is typeof item & PdfTextItem => 'str' in item)),
      size: { width, height },
    };
  } catch {
    throw damaged(` (page ${pageNumber} could not be read)`);
  } finally {
    page?.cleanup();
  }
}

// Producers often store a file name or a placeholder where the title belongs.
const usableTitle = (title: unknown) =>
  typeof title === 'string' && collapseSpaces(title) !== '' && !/\.(pdf|docx?|html?|tex|indd|pptx?)$|^untitled/i.test(title.trim())
    ? title
    : null;

export async function extractPdf(bytes: Uint8Array, limits: PdfLimits, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  options.signal?.throwIfAborted();
  const doc = await openPdf(bytes);
  try {
    const pageCount = doc.numPages;
    // Otherwise the text-quality check would blame scanned images for what is an empty page tree.
    if (pageCount === 0) {
      throw new CoreError(
        'unprocessable',
        'This PDF has no pages, so there is nothing to read. Check that the right file was exported, and upload it again.',
      );
    }
    if (pageCount > limits.maxPages) {
      throw new CoreError(
        'payload_too_large',
        `This PDF has ${pageCount} pages; at most ${limits.maxPages} can be processed. Split it into smaller files.`,
      );
    }
    const outline = await readOutline(doc as unknown as OutlineSource, pageCount);
    const ocr = limits.ocr ? new DocumentOcr(limits.ocr) : null;
    const quality = new TextQuality();
    const words = new HyphenationDictionary();
    const pages: PdfLine[][] = [];
    const readings: PageReading[] = [];
    const collect = ({ lines, reading }: PageText) => {
      for (const line of lines) {
        quality.add(line.text);
        words.add(line.text);
      }
      pages.push(lines);
      readings.push(reading);
      options.onProgress?.(reading.page, pageCount);
    };
    // One page ahead: while tesseract (its own thread) reads page n, this thread draws page n + 1. At most
    // two pages are in flight, so memory stays bounded by two pictures.
    let previous: Promise<PageText> | null = null;
    try {
      for (let n = 1; n <= pageCount; n++) {
        options.signal?.throwIfAborted();
        const { lines: textLayer, size } = await readPage(doc, n);
        const current = choosePageText(doc, n, size, textLayer, ocr);
        current.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
        if (previous) collect(await previous);
        previous = current;
      }
      if (previous) collect(await previous);
    } finally {
      await previous?.catch(() => undefined);
      await ocr?.close();
    }
    quality.assertReadable(pageCount, ocr !== null);
    const { segments, headingTitle } = assemblePdf(pages, outline, words);
    const metadata = await doc.getMetadata().catch(() => null);
    const title = usableTitle((metadata?.info as { Title?: unknown } | undefined)?.Title) ?? headingTitle;
    return { ...finishDocument('pdf', pageCount, segments, title), pages: readings, warnings: warningsFor('page', readings) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
