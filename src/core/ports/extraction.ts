import type { FileContent } from './uploads.js';

/**
 * What text extraction yields, whatever the format: the document's text as segments that each know their
 * page and section, so every generated card can cite where it came from.
 */

export const DOCUMENT_FORMATS = ['pdf', 'docx', 'pptx', 'txt', 'markdown', 'png', 'jpeg'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Formats whose only text is what OCR reads from a picture: one image is one page. */
export const IMAGE_FORMATS: readonly DocumentFormat[] = ['png', 'jpeg'];

/** A run of text with one page and one section. Consecutive segments may share a page or a section. */
export interface TextSegment {
  /** 1-based real page number; null where the format has no pages (text, DOCX without page breaks). */
  page: number | null;
  /** Section path, outer to inner, joined with " > " (e.g. "Chapter 2 > 2.1 Mitosis"); null before any heading. */
  section: string | null;
  text: string;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  /** Number of real pages; null where the format has none. */
  pageCount: number | null;
  segments: TextSegment[];
  /** ISO 639-1 code of the main language (e.g. "en", "es"), or null when it cannot be told. */
  language: string | null;
  title: string | null;
  /** What a page number means to a reader: "Slide 7" in a presentation, "Page 7" elsewhere. Absent: 'page'. */
  pageKind?: PageKind;
  /** How each page's text was obtained, for formats with pages; absent where the format has none. */
  pages?: PageReading[];
  /** Things the reader should know about the text (pages read by OCR, pages with no text, hidden slides skipped). */
  warnings?: ExtractionWarning[];
}

export type PageKind = 'page' | 'slide';

/** text: the file's own text layer (or slide XML); ocr: recognised from the page's picture; none: no text found. */
export type TextMethod = 'text' | 'ocr' | 'none';

export interface PageReading {
  page: number;
  method: TextMethod;
  /** OCR's mean word confidence, 0 to 1; null unless method is 'ocr'. */
  ocrConfidence: number | null;
}

export type ExtractionWarningCode = 'ocr' | 'ocr_low_confidence' | 'no_text' | 'hidden_slides';

export interface ExtractionWarning {
  code: ExtractionWarningCode;
  /** The pages (or slides) it is about, ascending. */
  pages: number[];
  /** A sentence for the student, e.g. "Pages 2 and 3 were scanned images; their text was read by OCR." */
  message: string;
}

export interface ExtractOptions {
  /** Called as pages are read, so a job can report progress on long documents. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Port: reads a document's text. Implementations throw CoreError('unprocessable') with a sentence a student
 * understands for encrypted, corrupt or image-only files, never returning garbage text.
 */
export interface TextExtractor {
  extract(bytes: Uint8Array, format: DocumentFormat, options?: ExtractOptions): Promise<ExtractedDocument>;
}

/**
 * Port: tells a file's format from its bytes and name together (the client's content type is never trusted).
 * Throws CoreError('unsupported_media_type') for anything else, and CoreError('payload_too_large') or
 * CoreError('unprocessable') for archives that would inflate too far (zip bombs), before inflating them.
 */
export interface FormatDetector {
  /** A staged file is judged from the ranges that tell its type (and, for text, a streamed pass), not read whole. */
  detect(content: FileContent, filename: string): Promise<DocumentFormat> | DocumentFormat;
}
