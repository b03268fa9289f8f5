/**
 * Ports of deck export and import. The core decides which cards go out and what an incoming note does to the
 * cards here (create, update, leave alone); the file formats (Anki packages, CSV, JSON) live behind these ports.
 */
import type { Card, Deck } from '../domain.js';

export const EXPORT_FORMATS = ['apkg', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One deck and its cards, read page by page so a 10,000-card deck is never held whole by the core. */
export interface DeckToExport {
  deck: Deck;
  cards: () => AsyncIterable<Card[]>;
}

export interface ExportedFile {
  filename: string;
  content_type: string;
  /** Bytes as they are produced; the HTTP response and the CLI's file both consume them as a stream. */
  body: AsyncIterable<Uint8Array>;
}

/** A note (Anki) or row (CSV, JSON) read from an imported file, already turned into card fields (plain text). */
export interface IncomingNote {
  /** 1-based position in the file, for the result's reasons. */
  row: number;
  /** Anki's note GUID (or the GUID column of a CSV, or one derived from an OpenDeck card id); null when the file has none. */
  guid: string | null;
  /** The note's modification time; null when the format carries none (CSV). */
  modified: Date | null;
  question: string;
  answer: string;
  source: string | null;
  source_url: string | null;
  page: number | null;
  section: string | null;
  quote: string | null;
  document_name: string | null;
}

/** A note the reader could not turn into a card, with the reason. */
export interface UnreadableNote {
  row: number;
  guid: string | null;
  reason: string;
}

export interface ParsedImport {
  format: 'apkg' | 'colpkg' | 'csv' | 'json';
  /** The deck name the file gives (Anki deck, CSV #deck header, JSON deck title), used for a new deck. */
  deck_title: string | null;
  deck_category: string | null;
  notes: IncomingNote[];
  unreadable: UnreadableNote[];
  /** Media files in the package; they are not imported. */
  media_ignored: number;
}

export interface ImportFile {
  /** As the client sent it: used only to guess the format and to name the source, never to open a path. */
  filename: string;
  bytes: Uint8Array;
}

export interface DeckExchangeLimits {
  /** Largest file POST /decks/import accepts. */
  maxImportBytes: number;
  /** Most notes one import may carry. */
  maxImportNotes: number;
}

export interface DeckExchange {
  limits: DeckExchangeLimits;
  /** Writes one or more decks in a format. Throws nothing for an empty deck: it exports as an empty file of that format. */
  write(format: ExportFormat, decks: DeckToExport[], now: Date): ExportedFile;
  /**
   * Reads an uploaded file. Throws CoreError: unsupported_media_type for a format it does not know,
   * unprocessable for a damaged or hostile file (zip bomb, not an Anki collection), payload_too_large past the limits.
   */
  read(file: ImportFile): Promise<ParsedImport>;
}
