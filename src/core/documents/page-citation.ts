/**
 * What a card says about the page it cites, beyond the number: whether the number counts slides (the `source`
 * line says "Slide 7" through formatSource), and, for a page whose text was read by OCR, how sure OCR was. The grounding
 * rules are the generation's (the quote must be in that page's text, OCR text included); this only labels.
 */
import type { SourceRef } from '../domain.js';
import type { ExtractedDocument } from '../ports/extraction.js';

/** `kind` and `ocr_confidence` of a card citing `page`; nothing for a card without a page. */
export function pageFacts(
  doc: Pick<ExtractedDocument, 'pageKind' | 'pages'>,
  page: number | null,
): Pick<SourceRef, 'kind' | 'ocr_confidence'> {
  if (page === null) return {};
  const reading = doc.pages?.find((p) => p.page === page);
  const facts: Pick<SourceRef, 'kind' | 'ocr_confidence'> = { kind: doc.pageKind ?? 'page' };
  if (reading?.method === 'ocr' && reading.ocrConfidence !== null) facts.ocr_confidence = reading.ocrConfidence;
  return facts;
}

/** The extraction's warnings as the sentence(s) shown in the document's status; null when there are none. */
export function warningsDetail(doc: Pick<ExtractedDocument, 'warnings'>): string | null {
  const sentences = (doc.warnings ?? []).map((w) => w.message);
  return sentences.length > 0 ? sentences.join(' ') : null;
}
