/**
 * Grounding: a card's quote must really be in the document. This is what makes a card's source trustworthy,
 * whatever the generator claimed. The page and section a card ends up with always come from where the quote
 * was found, never from the generator.
 */
import type { ExtractedDocument, TextSegment } from '../ports/extraction.js';
import type { CardDraft } from '../ports/generation.js';
import { normalizeForMatch, originalSlice, type NormalizedText } from './match-normalization.js';

/** Quote length bounds, in normalised characters: long enough to be specific, short enough to be a quote. */
export const QUOTE_MIN_CHARS = 8;
export const QUOTE_MAX_CHARS = 300;

export type GroundingRejection = 'quote_too_short' | 'quote_too_long' | 'quote_not_found';

export interface GroundedSource {
  page: number | null;
  section: string | null;
  /** The quote exactly as it stands in the document (not as the generator wrote it). */
  quote: string;
}

export type GroundingResult =
  | ({ status: 'verified' } & GroundedSource)
  | ({ status: 'corrected'; citedPage: number | null } & GroundedSource)
  | { status: 'rejected'; reason: GroundingRejection; detail: string };

interface DocumentIndex {
  original: string;
  normalized: NormalizedText;
  /** Offset of each segment in `original`, ascending. */
  offsets: number[];
  segments: TextSegment[];
}

const SEGMENT_SEPARATOR = '\n\n';
/** Bounds the work on a phrase that repeats all over a book. */
const MAX_OCCURRENCES = 500;
const indexes = new WeakMap<ExtractedDocument, DocumentIndex>();

/** Built once per document: grounding a whole book's cards normalises its text only once. */
function indexOf(doc: ExtractedDocument): DocumentIndex {
  let index = indexes.get(doc);
  if (!index) {
    const offsets: number[] = [];
    let length = 0;
    for (const segment of doc.segments) {
      offsets.push(length);
      length += segment.text.length + SEGMENT_SEPARATOR.length;
    }
    const original = doc.segments.map((s) => s.text).join(SEGMENT_SEPARATOR);
    index = { original, normalized: normalizeForMatch(original), offsets, segments: doc.segments };
    indexes.set(doc, index);
  }
  return index;
}

function segmentAt(index: DocumentIndex, originalOffset: number): TextSegment {
  let lo = 0;
  let hi = index.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.offsets[mid]! <= originalOffset) lo = mid;
    else hi = mid - 1;
  }
  return index.segments[lo]!;
}

const QUOTE_MARK = `["'\u201C\u201D\u2018\u2019\u00AB\u00BB]`;
const WRAPPED = new RegExp(`^${QUOTE_MARK}([\\s\\S]*)${QUOTE_MARK}$`, 'u');

/**
 * Models like to wrap quotes in quotation marks and mark cuts with ellipses; those are not part of the text.
 * A quote mark at only one end is kept: it may be the document's own ('...called the "building blocks."').
 */
function stripQuoteDecoration(quote: string): string {
  let text = quote.trim();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text
      .replace(WRAPPED, '$1')
      .replace(/^(?:\.{3}|\u2026)\s*/u, '')
      .replace(/\s*(?:\.{3}|\u2026)$/u, '')
      .trim();
  }
  return text;
}

interface Occurrence {
  from: number;
  segment: TextSegment;
}

function findOccurrences(index: DocumentIndex, needle: string): Occurrence[] {
  const found: Occurrence[] = [];
  let at = index.normalized.text.indexOf(needle);
  while (at !== -1 && found.length < MAX_OCCURRENCES) {
    found.push({ from: at, segment: segmentAt(index, index.normalized.start[at]!) });
    at = index.normalized.text.indexOf(needle, at + 1);
  }
  return found;
}

/** Prefer the cited page (and section), else the nearest page: the generator saw that part of the document. */
function bestOccurrence(occurrences: Occurrence[], draft: CardDraft): Occurrence {
  const onPage = occurrences.filter((o) => o.segment.page === draft.page);
  if (onPage.length > 0) return onPage.find((o) => o.segment.section === draft.section) ?? onPage[0]!;
  if (draft.page === null) return occurrences[0]!;
  const distance = (o: Occurrence) => (o.segment.page === null ? Infinity : Math.abs(o.segment.page - draft.page!));
  return occurrences.reduce((best, o) => (distance(o) < distance(best) ? o : best));
}

export function groundDraft(draft: CardDraft, doc: ExtractedDocument): GroundingResult {
  const needle = normalizeForMatch(stripQuoteDecoration(draft.quote)).text;
  if (needle.length < QUOTE_MIN_CHARS) {
    return {
      status: 'rejected',
      reason: 'quote_too_short',
      detail: `The quote has ${needle.length} characters; at least ${QUOTE_MIN_CHARS} are needed.`,
    };
  }
  if (needle.length > QUOTE_MAX_CHARS) {
    return {
      status: 'rejected',
      reason: 'quote_too_long',
      detail: `The quote has ${needle.length} characters; at most ${QUOTE_MAX_CHARS} are allowed.`,
    };
  }
  const index = indexOf(doc);
  const occurrences = findOccurrences(index, needle);
  if (occurrences.length === 0) {
    return { status: 'rejected', reason: 'quote_not_found', detail: 'The quote does not appear anywhere in the document.' };
  }
  const best = bestOccurrence(occurrences, draft);
  const source: GroundedSource = {
    page: best.segment.page,
    section: best.segment.section,
    quote: originalSlice(index.original, index.normalized, best.from, best.from + needle.length),
  };
  return best.segment.page === draft.page ? { status: 'verified', ...source } : { status: 'corrected', citedPage: draft.page, ...source };
}
