import type { DocumentFormat } from '../ports/extraction.js';

/** pending = generation is waiting in the queue; uploaded = stored, no generation asked for. */
export const DOCUMENT_STATUSES = ['uploaded', 'pending', 'processing', 'completed', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The files uploaded together: the user gets one notification when all of them have finished. */
export interface DocumentBatch {
  id: string;
  document_ids: string[];
}

/** What a generation run was asked to do; stored with the document so a restart can resume it. */
export interface GenerationOptions {
  deck_id: string;
  max_cards: number;
  /** ISO 639-1; null means "the document's own language". */
  language: string | null;
  provider: string;
  model: string;
  /** Set when the document is one of several uploaded together; absent for a single file or a regeneration. */
  batch?: DocumentBatch;
}

export interface Document {
  id: string;
  user_id: string;
  /** The name the user uploaded, for display and citations only: it never becomes a path. */
  filename: string;
  /** The type detected from the content, not the one the client claimed. */
  content_type: string;
  format: DocumentFormat;
  size_bytes: number;
  sha256: string;
  /** Server-generated key in file storage. */
  storage_key: string | null;
  status: DocumentStatus;
  progress: number;
  page_count: number | null;
  cards_generated: number;
  cards_rejected: number;
  /** cards_rejected by reason ("ungrounded", a hard card-quality rule, "near_duplicate"); {} before a run. */
  rejections: Record<string, number>;
  /** Distinct pages the stored cards cite; null until a run completes. */
  pages_with_cards: number | null;
  /** Distinct sections the stored cards cite; null until a run completes. */
  sections_with_cards: number | null;
  deck_id: string | null;
  language: string | null;
  error_message: string | null;
  /**
   * A sentence about the current state when there is something to say besides the status: a run waiting for
   * the AI provider to come back, or a completion that added no card because every one was already in the deck.
   */
  status_detail: string | null;
  generation: GenerationOptions | null;
  input_tokens: number;
  output_tokens: number;
  estimated_cost_usd: number | null;
  processed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** What every generation field of a newly uploaded document starts as, whichever backend stores it. */
export const UPLOADED_DOCUMENT_STATE = {
  status: 'uploaded',
  progress: 0,
  page_count: null,
  cards_generated: 0,
  cards_rejected: 0,
  rejections: {},
  pages_with_cards: null,
  sections_with_cards: null,
  deck_id: null,
  language: null,
  error_message: null,
  status_detail: null,
  generation: null,
  input_tokens: 0,
  output_tokens: 0,
  estimated_cost_usd: null,
  processed_at: null,
} as const satisfies Partial<Document>;

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpeg: 'image/jpeg',
  txt: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};
