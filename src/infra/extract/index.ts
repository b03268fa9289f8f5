/** Text extraction and file-type detection: the TextExtractor port's implementation. */
export { DocumentTextExtractor, type DocumentTextExtractorOptions } from './document-text-extractor.js';
export { detectDocumentFormat, sniffContent, describeContent, type ContentKind } from './detect-format.js';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './safe-zip.js';
export { detectLanguage } from './language.js';
