import type { DocumentFormat, ExtractedDocument, ExtractOptions, TextExtractor } from '../../core/index.js';
import { assertContentIs } from './detect-format.js';
import { extractDocx } from './docx-extractor.js';
import { extractPdf } from './pdf-extractor.js';
import { extractPlainText } from './text-extractor.js';
import { zipLimitsFrom, type DocxLimitOptions, type ZipLimits } from './zip-limits.js';

export interface DocumentTextExtractorOptions extends DocxLimitOptions {
  /** PDF: most pages; longer documents are refused, never truncated. Default 5000. */
  maxPdfPages?: number;
}

/**
 * The TextExtractor port for PDF, DOCX, TXT and Markdown: checks the bytes really are the stated format
 * (the format usually comes from detectDocumentFormat at upload, but stored files are re-read later), then
 * hands them to the reader for that format.
 */
export class DocumentTextExtractor implements TextExtractor {
  private readonly zipLimits: ZipLimits;
  private readonly maxPdfPages: number;

  constructor(options: DocumentTextExtractorOptions = {}) {
    this.zipLimits = zipLimitsFrom(options);
    this.maxPdfPages = options.maxPdfPages ?? 5000;
  }

  async extract(bytes: Uint8Array, format: DocumentFormat, options: ExtractOptions = {}): Promise<ExtractedDocument> {
    assertContentIs(bytes, format);
    switch (format) {
      case 'pdf':
        return extractPdf(bytes, { maxPages: this.maxPdfPages }, options);
      case 'docx':
        return extractDocx(bytes, this.zipLimits, options);
      case 'txt':
      case 'markdown':
        return extractPlainText(bytes, format, options);
    }
  }
}
