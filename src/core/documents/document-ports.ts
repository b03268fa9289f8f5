import type { Card, Page, PageRequest } from '../domain.js';
import type { NewCard } from '../ports.js';
import type { CardGenerator, TokenUsage } from '../generation/card-generator.js';
import type { GroundedCard } from '../generation/generate-grounded-drafts.js';
import type { Document, DocumentStatus, GenerationOptions } from './document.js';
import type { FileContent } from '../ports/uploads.js';

export type NewDocument = Omit<
  Document,
  | 'status'
  | 'progress'
  | 'page_count'
  | 'cards_generated'
  | 'cards_rejected'
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
  page_count: number | null;
  language: string | null;
  input_tokens: number;
  output_tokens: number;
  estimated_cost_usd: number | null;
  /** Stored as the document's status_detail (e.g. every card was already in the deck); null for none. */
  detail?: string | null;
}

/** What a failed run had learnt before it failed, recorded like a completion records it. */
export interface FailureFacts {
  cards_rejected?: number;
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
  /** Ends the run as failed (unless completed meanwhile), with what it had learnt; clears status_detail. */
  markFailed(userId: string, documentId: string, message: string, now: Date, facts?: FailureFacts): Promise<void>;
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

export interface GenerateCardsJob {
  documentId: string;
  userId: string;
  /** Which run of this job it is (1 first); queues set it, and the outage retries count on it. */
  attempt?: number;
}

/** Background jobs. Delivery is at-least-once everywhere, so handlers must be idempotent. */
export interface JobQueue {
  enqueue(job: GenerateCardsJob): Promise<void>;
}

/** Grounded drafts of an earlier run, keyed by the file's hash, the options and the model. */
export interface CachedGeneration {
  drafts: GroundedCard[];
  cards_rejected: number;
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

export type { Card, DocumentStatus };
