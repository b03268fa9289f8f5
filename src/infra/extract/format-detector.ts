import type { DocumentFormat, FormatDetector } from '../../core/index.js';
import { IMAGE_FORMATS, isStagedFile, type FileContent } from '../../core/index.js';
import { ocrIsOff } from './ocr/ocr-refusals.js';
import { detectDocumentFormat } from './detect-format.js';
import { detectStagedFormat } from './detect-staged.js';
import { zipLimitsFrom, type DocxLimitOptions, type ZipLimits } from './zip-limits.js';

export interface FormatDetectorOptions extends DocxLimitOptions {
  /** Whether photos of pages (PNG, JPEG) are accepted: only when OCR can read them. Default true. */
  images?: boolean;
}

/** The FormatDetector port, with the same DOCX limits as the extractor that will read the file later. */
export class DocumentFormatDetector implements FormatDetector {
  private readonly limits: ZipLimits;
  private readonly images: boolean;

  constructor(options: FormatDetectorOptions = {}) {
    this.limits = zipLimitsFrom(options);
    this.images = options.images ?? true;
  }

  detect(content: FileContent, filename: string): DocumentFormat | Promise<DocumentFormat> {
    if (isStagedFile(content)) return detectStagedFormat(content, filename, this.limits).then((f) => this.accepted(f));
    return this.accepted(detectDocumentFormat(content, filename, this.limits));
  }

  private accepted(format: DocumentFormat): DocumentFormat {
    if (!this.images && IMAGE_FORMATS.includes(format)) throw ocrIsOff();
    return format;
  }
}
