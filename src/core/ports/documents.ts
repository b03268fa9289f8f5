/** Ports for documents: their rows, their files, the job queue, the generation cache and the generators. */
import type { Document, GenerationOptions } from '../documents/document.js';
import type { GroundedCard } from '../generation/generate-grounded-drafts.js';
import type { Page, PageRequest } from '../domain.js';
import type { NewCard } from './decks.js';
import type { NewNotification } from './notifications.js';
import type { CardGenerator, TokenUsage } from './generation.js';
import type { FileContent } from './uploads.js';

export type NewDocument = Omit<
  Document,
  | 'status'
  | 'progress'
  | 'page_count'
  | 'cards_generated'
  | 'cards_rejected'
  | 'rejections'
  | 'pages_with_cards'
  | 'sections_with_cards'
  | 'deck_id'
  | 'language'
  | 'error_message'
  | 'status_detail'
  | 'generation'
  | 'input_tokens'
  | 'output_tokens'
  | 'estimated_cost_usd'
  | 'processed_at'
  | 'updated_at'
>;

export interface GenerationOutcome {
  cards: NewCard[];
  cards_rejected: number;
  rejections: Record<string, number>;
  /** Coverage of the cards given (see core/generation/quality/coverage.ts). */
  pages_with_cards: number;
  sections_with_cards: number;
  page_count: number | null;
  language: string | null;
  input_tokens: number;
  output_tokens: number;
  estimated_cost_usd: number | null;
  /** Stored in the same transaction, only when this call completes the document (so never twice). */
  notification?: NewNotification | null;
  /** Stored as the document's status_detail (e.g. every card was already in the deck); null for none. */
  detail?: string | null;
}

/** What a failed run had learnt before it failed, recorded like a completion records it. */
export interface FailureFacts {
  cards_rejected?: number;
  rejections?: Record<string, number>;
  page_count?: number | null;
  language?: string | null;
}

export interface DocumentRepository {
  create(doc: NewDocument): Promise<Document>;
  get(userId: string, documentId: string): Promise<Document | null>;
  getMany(userId: string, documentIds: string[]): Promise<Document[]>;
  list(userId: string, page: PageRequest): Promise<Page<Document>>;
  /** Queues a generation: status pending, progress 0, the options stored. Null if missing. */
  markPending(userId: string, documentId: string, options: GenerationOptions, now: Date): Promise<Document | null>;
  /** Moves to processing (from pending or processing, for a rerun) unless already completed, clearing status_detail; returns the row. */
  markProcessing(userId: string, documentId: string, now: Date): Promise<Document | null>;
  setProgress(userId: string, documentId: string, progress: number, now: Date): Promise<void>;
  /**
   * Marks it failed unless completed, with what the run had learnt (`facts`); clears status_detail. The
   * notification is stored in the same write, and only when this call ends a pending or processing run: a
   * document already failed (by a duplicate delivery) gets no second one. True when this call ended such a run.
   */
  markFailed(
    userId: string,
    documentId: string,
    message: string,
    now: Date,
    notification?: NewNotification | null,
    facts?: FailureFacts,
  ): Promise<boolean>;
  /** A processing run that will be retried later: stays processing, and says why in status_detail. */
  markWaiting(userId: string, documentId: string, detail: string, now: Date): Promise<void>;
  /**
   * In ONE transaction: unless the document is already completed, insert the cards into the deck, raise
   * card_count, and mark the document completed with the outcome. Running it twice stores the cards once,
   * which is what makes at-least-once jobs safe. Returns false when nothing was written.
   */
  complete(userId: string, documentId: string, deckId: string, outcome: GenerationOutcome, now: Date): Promise<boolean>;
  /** Deletes the row and returns it (so the caller can remove the file); cards keep their source text. */
  delete(userId: string, documentId: string): Promise<Document | null>;
  /** Documents left pending or processing, e.g. by a crash; all users. */
  listUnfinished(limit: number): Promise<Document[]>;
  /** Tokens the user's generations used since the given instant (for the monthly budget). */
  tokensUsedSince(userId: string, since: Date): Promise<number>;
  /** Questions already in the deck, to avoid storing near-duplicates. */
  deckQuestions(userId: string, deckId: string): Promise<string[]>;
}

export interface FileStorage {
  /** A staged file is copied in chunks, never read whole into memory (S3 aside: see S3FileStorage). */
  put(key: string, content: FileContent, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Removing a missing file is not an error. */
  delete(key: string): Promise<void>;
}

/** Grounded drafts of an earlier run, keyed by the file's hash, the options and the model. */
export interface CachedGeneration {
  drafts: GroundedCard[];
  cards_rejected: number;
  /** cards_rejected by reason; absent in entries cached before reasons were recorded. */
  rejections?: Record<string, number>;
  usage: TokenUsage;
}

export interface GenerationCache {
  get(userId: string, key: string): Promise<CachedGeneration | null>;
  put(userId: string, key: string, value: CachedGeneration): Promise<void>;
}

export interface GeneratorRegistry {
  /**
   * The generator for a provider and model; the configured default where either is omitted.
   * Throws CoreError('validation') for a provider that is not configured.
   */
  get(provider?: string, model?: string): CardGenerator;
}

export interface DocumentSettings {
  maxUploadBytes: number;
  maxFilesPerUpload: number;
  /** Tokens a user may spend on generation per calendar month (UTC); null for no limit. */
  monthlyTokenBudget: number | null;
  defaultMaxCards: number;
  /** Model calls in flight at once for one document. */
  generationConcurrency: number;
}

export interface SignedRequest {
  url: string;
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
}

/** Short-lived URLs that let a client move a file to or from storage without the API in between. */
export interface PresignedFiles {
  /** A URL to PUT exactly `sizeBytes` bytes to, stored under `key`. */
  uploadUrl(key: string, sizeBytes: number, expiresInSeconds: number): Promise<SignedRequest>;
  /** A URL to GET the file under `key`, served as an attachment named `filename`. */
  downloadUrl(key: string, file: { filename: string; contentType: string }, expiresInSeconds: number): Promise<SignedRequest>;
}
