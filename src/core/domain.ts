/**
 * Domain types. Field names are snake_case on purpose: they are the data model's names, the same in
 * SQL columns, DynamoDB attributes and JSON bodies, so no layer has to rename them.
 */

export const DIFFICULTIES = ['beginner', 'intermediate', 'advanced'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

export interface UserWithPassword extends User {
  /** Null for users who sign in only at the platform's identity provider. */
  password_hash: string | null;
}

export interface Deck {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  category: string | null;
  difficulty: Difficulty | null;
  /** Exact: changed in the same transaction as every card insert and delete. */
  card_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Where a card came from, precise enough for a student to check it. */
export interface SourceRef {
  document_id: string | null;
  document_name: string | null;
  page: number | null;
  section: string | null;
  quote: string | null;
  /** What `page` counts: a PDF's page or a presentation's slide. Absent on references that do not say. */
  kind?: 'page' | 'slide';
  /** Set when the quoted text was read by OCR from a picture of the page: OCR's confidence in it, 0 to 1. */
  ocr_confidence?: number;
}

export interface Card {
  id: string;
  deck_id: string;
  user_id: string;
  question: string;
  answer: string;
  /** Human-readable citation, e.g. "Biology101.pdf - Page 3, Section 1.2". Always present. */
  source: string;
  source_url: string | null;
  source_ref: SourceRef | null;
  created_at: Date;
  updated_at: Date;
  /**
   * The GUID of the Anki note this card was imported from, when that note was made elsewhere: exports give it
   * back, so Anki keeps seeing one note. Absent for cards made here (their GUID derives from the id).
   */
  anki_guid?: string;
  /**
   * Soft card-quality rules the generated card breaks ("dangling_pronoun", "long_answer", "long_list"; see
   * core/generation/quality), for a client to show. Absent or empty: none. Cleared when the card is edited.
   */
  quality_flags?: string[];
}

/** A sign-in: every access and refresh token minted from one login shares its session id. */
export interface Session {
  id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> extends PageRequest {
  items: T[];
  total: number;
}

export const DECK_SORT_FIELDS = ['created_at', 'updated_at', 'title'] as const;
export type DeckSortField = (typeof DECK_SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

export interface DeckListQuery extends PageRequest {
  category?: string;
  difficulty?: Difficulty;
  /** Case-insensitive substring of title or description. */
  q?: string;
  sort: DeckSortField;
  order: SortOrder;
}
