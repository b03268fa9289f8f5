/** Text extraction and file-type detection: the TextExtractor and FormatDetector ports' implementations. */
export { DocumentTextExtractor, type DocumentTextExtractorOptions } from './document-text-extractor.js';
export { DocumentFormatDetector } from './format-detector.js';
export { detectDocumentFormat, sniffContent, describeContent, type ContentKind } from './detect-format.js';
export { DEFAULT_ZIP_LIMITS, zipLimitsFrom, type ZipLimits, type DocxLimitOptions } from './zip-limits.js';
export { detectLanguage } from './language.js';
