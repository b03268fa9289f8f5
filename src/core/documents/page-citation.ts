/**
 * What a card says about the page it cites, beyond the number: whether the number counts slides (cards from a
 * presentation cite "Slide 7"), and, for a page whose text was read by OCR, how sure OCR was. The grounding
 * rules are the generation's (the quote must be in that page's text, OCR text included); this only labels.
 */
import { formatSource, SOURCE_MAX_CHARS } from '../generation/format-source.js';
import type { SourceRef } from '../domain.js';
import type { ExtractedDocument } from '../ports/extraction.js';

/** "Lecture3.pptx - Page 7, Section Cells" -> "Lecture3.pptx - Slide 7, Section Cells" for a presentation. */
export function citeSource(doc: Pick<ExtractedDocument, 'pageKind'>, documentName: string, page: number | null, source: string): string {
  if (doc.pageKind !== 'slide' || page === null) return source;
  // formatSource writes the name and "Page N" first: replacing exactly that prefix leaves a page-like
  // heading ("Page 2 recap") or a file name containing " - Page 7" untouched.
  const pagePrefix = formatSource(documentName, page, null);
  if (!source.startsWith(pagePrefix)) return source;
  const slidePrefix = `${pagePrefix.slice(0, -`Page ${page}`.length)}Slide ${page}`;
  const cited = slidePrefix + source.slice(pagePrefix.length);
  return cited.length <= SOURCE_MAX_CHARS ? cited : `${cited.slice(0, SOURCE_MAX_CHARS - 1).trimEnd()}\u2026`;
}

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
