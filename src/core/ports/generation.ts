/** Port: something that writes flashcards from a chunk of document text (an LLM, or the offline extractor). */
import type { TextSegment } from './extraction.js';

/** A card as a generator proposes it. Nothing here is trusted until grounding has checked the quote. */
export interface CardDraft {
  question: string;
  answer: string;
  /** The page the generator cites; grounding corrects it or drops the card. */
  page: number | null;
  section: string | null;
  /** A short verbatim quote from the document that supports the answer. */
  quote: string;
}

export interface GenerationChunk {
  /** Consecutive segments, cut at section/page boundaries to fit the model's context. */
  segments: TextSegment[];
  /** Index of this chunk in the document, for logs and progress. */
  index: number;
}

export interface GenerationRequest {
  documentName: string;
  /** ISO 639-1 language the cards must be written in. */
  language: string;
  /** Upper bound on cards for this chunk. */
  maxCards: number;
  chunk: GenerationChunk;
  /** Told when a failed model call is retried (delayMs > 0: the provider is failing, e.g. an outage). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface GenerationResult {
  cards: CardDraft[];
  usage: TokenUsage;
}

export interface CardGenerator {
  /** e.g. "openai", "anthropic", "bedrock", "offline". */
  readonly provider: string;
  readonly model: string;
  /** Largest chunk, in characters, this generator should be given. */
  readonly maxChunkChars: number;
  /**
   * Throws CoreError('upstream_unavailable') when the provider still fails after its retries, and
   * CoreError('unprocessable') when its output stays malformed.
   */
  generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationResult>;
  /** Estimated price in USD of the given usage with this model; null when the price is not known. */
  estimateCostUsd?(usage: TokenUsage): number | null;
}
