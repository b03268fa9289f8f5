import type { DocumentFormat, ExtractedDocument, ExtractOptions, TextExtractor } from '../../core/index.js';
import { assertContentIs } from './detect-format.js';
import { extractDocx } from './docx-extractor.js';
import { extractImage } from './ocr/image-extractor.js';
import type { OcrSettings } from './ocr/ocr-engine.js';
import { extractPdf } from './pdf-extractor.js';
import { extractPptx } from './pptx-extractor.js';
import { extractPlainText } from './text-extractor.js';
import { zipLimitsFrom, type DocxLimitOptions, type ZipLimits } from './zip-limits.js';

export interface DocumentTextExtractorOptions extends DocxLimitOptions {
  /** PDF: most pages; longer documents are refused, never truncated. Default 5000. */
  maxPdfPages?: number;
  /** Scanned PDF pages and images are read by OCR with these settings; null or absent: OCR is off. */
  ocr?: OcrSettings | null;
}

/**
 * The TextExtractor port for PDF, DOCX, PPTX, TXT, Markdown and images (PNG, JPEG, by OCR): checks the bytes really are the stated format
 * (the format usually comes from detectDocumentFormat at upload, but stored files are re-read later), then
 * hands them to the reader for that format.
 */
export class DocumentTextExtractor implements TextExtractor {
  private readonly zipLimits: ZipLimits;
  private readonly maxPdfPages: number;
  private readonly ocr: OcrSettings | null;

  constructor(options: DocumentTextExtractorOptions = {}) {
    this.zipLimits = zipLimitsFrom(options);
    this.maxPdfPages = options.maxPdfPages ?? 5000;
    this.ocr = options.ocr ?? null;
  }

  async extract(bytes: Uint8Array, format: DocumentFormat, options: ExtractOptions = {}): Promise<ExtractedDocument> {
    assertContentIs(bytes, format);
    switch (format) {
      case 'pdf':
        return extractPdf(bytes, { maxPages: this.maxPdfPages, ocr: this.ocr }, options);
      case 'docx':
        return extractDocx(bytes, this.zipLimits, options);
      case 'pptx':
        return extractPptx(bytes, this.zipLimits, options);
      case 'txt':
      case 'markdown':
        return extractPlainText(bytes, format, options);
      case 'png':
      case 'jpeg':
        return extractImage(bytes, format, this.ocr, options);
    }
  }
}
