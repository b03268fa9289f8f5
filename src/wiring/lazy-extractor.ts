/**
 * The text extractor, loaded on its first document. Extraction (with franc's language profiles, ~170 KB, and
 * the DOCX reader) only runs in generation jobs, which on AWS run in the SQS function, never in the API one: a
 * static import made every API cold start evaluate it for nothing. The format detector, needed by uploads,
 * is imported directly from its own module so that it does not pull the extractor in.
 */
import type { TextExtractor } from '../core/index.js';
import type { DocumentTextExtractorOptions } from '../infra/extract/document-text-extractor.js';

export function lazyTextExtractor(settings: DocumentTextExtractorOptions = {}): TextExtractor {
  let loading: Promise<TextExtractor> | undefined;
  return {
    async extract(bytes, format, options) {
      // Both keep the default DOCX limits: what upload accepts, extraction can read.
      loading ??= import('../infra/extract/document-text-extractor.js').then((m) => new m.DocumentTextExtractor(settings));
      loading.catch(() => (loading = undefined)); // a failed load is retried by the next document
      return (await loading).extract(bytes, format, options);
    },
  };
}
