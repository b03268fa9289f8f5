/** Ports for documents: their rows, their files, the job queue, the generation cache and the generators. */
import type { Document, GenerationOptions } from '../documents/document.js';
import type { GroundedCard } from '../generation/generate-grounded-drafts.js';
import type { Page, PageRequest } from '../domain.js';
import type { NewCard } from './decks.js';
import type { CardGenerator, TokenUsage } from './generation.js';

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
}

export interface DocumentRepository {
  create(doc: NewDocument): Promise<Document>;
  get(userId: string, documentId: string): Promise<Document | null>;
  getMany(userId: string, documentIds: string[]): Promise<Document[]>;
  list(userId: string, page: PageRequest): Promise<Page<Document>>;
  /** Queues a generation: status pending, progress 0, the options stored. Null if missing. */
  markPending(userId: string, documentId: string, options: GenerationOptions, now: Date): Promise<Document | null>;
  /** Moves to processing (from pending or processing, for a rerun) unless already completed; returns the row. */
  markProcessing(userId: string, documentId: string, now: Date): Promise<Document | null>;
  setProgress(userId: string, documentId: string, progress: number, now: Date): Promise<void>;
  markFailed(userId: string, documentId: string, message: string, now: Date): Promise<void>;
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
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Removing a missing file is not an error. */
  delete(key: string): Promise<void>;
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
