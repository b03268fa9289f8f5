import type { DocumentFormat, FormatDetector } from '../../core/index.js';
import { isStagedFile, type FileContent } from '../../core/index.js';
import { detectDocumentFormat } from './detect-format.js';
import { detectStagedFormat } from './detect-staged.js';
import { zipLimitsFrom, type DocxLimitOptions, type ZipLimits } from './zip-limits.js';

/** The FormatDetector port, with the same DOCX limits as the extractor that will read the file later. */
export class DocumentFormatDetector implements FormatDetector {
  private readonly limits: ZipLimits;

  constructor(options: DocxLimitOptions = {}) {
    this.limits = zipLimitsFrom(options);
  }

  detect(content: FileContent, filename: string): DocumentFormat | Promise<DocumentFormat> {
    if (isStagedFile(content)) return detectStagedFormat(content, filename, this.limits);
    return detectDocumentFormat(content, filename, this.limits);
  }
}
