import type { ExtractionWarning, ExtractionWarningCode, PageKind, PageReading } from '../../core/index.js';

/**
 * The per-page facts of an extraction as sentences a student reads in the document's status: which pages
 * were read by OCR (and how sure it was), which had no text at all, which slides were hidden.
 */

const NAMES: Record<PageKind, [string, string]> = { page: ['Page', 'Pages'], slide: ['Slide', 'Slides'] };
/** Longer lists are shortened: the status is a sentence, not a table. */
const LISTED = 8;

/** "Page 3", "Pages 2 and 5", "Slides 1, 4 and 9", "Pages 1, 2, 3, ... (40 pages)". */
export function pagesPhrase(kind: PageKind, pages: readonly number[]): string {
  const [one, many] = NAMES[kind];
  if (pages.length === 1) return `${one} ${pages[0]}`;
  if (pages.length > LISTED) return `${many} ${pages.slice(0, LISTED).join(', ')}, ... (${pages.length} ${many.toLowerCase()})`;
  return `${many} ${pages.slice(0, -1).join(', ')} and ${pages.at(-1)}`;
}

const verb = (pages: readonly number[], singular: string, plural: string) => (pages.length === 1 ? singular : plural);

/** Below this mean confidence, OCR text has enough misread words that a student should check the cards. */
export const LOW_OCR_CONFIDENCE = 0.75;

export function warningsFor(kind: PageKind, readings: readonly PageReading[], hidden: readonly number[] = []): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  const add = (code: ExtractionWarningCode, pages: number[], message: string) =>
    pages.length > 0 && warnings.push({ code, pages, message });
  const ocr = readings.filter((r) => r.method === 'ocr').map((r) => r.page);
  const unsure = readings.filter((r) => r.method === 'ocr' && (r.ocrConfidence ?? 0) < LOW_OCR_CONFIDENCE).map((r) => r.page);
  const empty = readings.filter((r) => r.method === 'none').map((r) => r.page);
  add('ocr', ocr, `${pagesPhrase(kind, ocr)} ${verb(ocr, 'was a picture', 'were pictures')} of text, read by OCR (text recognition).`);
  add(
    'ocr_low_confidence',
    unsure,
    `OCR was unsure of ${verb(unsure, 'the text of', 'the text of')} ${pagesPhrase(kind, unsure).toLowerCase()}: check cards citing ${verb(unsure, 'it', 'them')} against the original.`,
  );
  add('no_text', empty, `${pagesPhrase(kind, empty)} had no text to read, so no card cites ${verb(empty, 'it', 'them')}.`);
  add(
    'hidden_slides',
    [...hidden],
    `${pagesPhrase(kind, hidden)} ${verb(hidden, 'is', 'are')} hidden in the presentation and ${verb(hidden, 'was', 'were')} left out.`,
  );
  return warnings;
}
