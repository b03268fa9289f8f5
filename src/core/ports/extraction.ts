import type { FileContent } from './uploads.js';

/**
 * What text extraction yields, whatever the format: the document's text as segments that each know their
 * page and section, so every generated card can cite where it came from.
 */

export const DOCUMENT_FORMATS = ['pdf', 'docx', 'txt', 'markdown'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

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
