/**
 * What a document looks like when its generation completes, or fails because its deck was deleted meanwhile:
 * the same fields on every backend, so the backends only persist them.
 */
import type { Document } from './document.js';
import type { GenerationOutcome } from '../ports/index.js';

export const DECK_DELETED_MESSAGE = 'The deck was deleted while cards were being generated.';

export type CompletedFields = Pick<
  Document,
  | 'status'
  | 'progress'
  | 'deck_id'
  | 'error_message'
  | 'status_detail'
  | 'cards_generated'
  | 'cards_rejected'
  | 'rejections'
  | 'pages_with_cards'
  | 'sections_with_cards'
  | 'page_count'
  | 'language'
  | 'input_tokens'
  | 'output_tokens'
  | 'estimated_cost_usd'
  | 'processed_at'
  | 'updated_at'
>;

/** `stored`: the cards actually written (all of the outcome's, unless a backend skipped some it already had). */
export function completedDocumentFields(outcome: GenerationOutcome, deckId: string, stored: number, now: Date): CompletedFields {
  return {
    status: 'completed',
    progress: 100,
    deck_id: deckId,
    error_message: null,
    status_detail: outcome.detail ?? null,
    cards_generated: stored,
    cards_rejected: outcome.cards_rejected,
    rejections: outcome.rejections,
    pages_with_cards: outcome.pages_with_cards,
    sections_with_cards: outcome.sections_with_cards,
    page_count: outcome.page_count,
    language: outcome.language,
    input_tokens: outcome.input_tokens,
    output_tokens: outcome.output_tokens,
    estimated_cost_usd: outcome.estimated_cost_usd,
    processed_at: now,
    updated_at: now,
  };
}

export type FailedFields = Pick<Document, 'status' | 'error_message' | 'processed_at' | 'updated_at'>;

export const deckDeletedFields = (now: Date): FailedFields => ({
  status: 'failed',
  error_message: DECK_DELETED_MESSAGE,
  processed_at: now,
  updated_at: now,
});

/** Whether a completion records an entry in the token ledger (the monthly budget sums the ledger). */
export const spentTokens = (outcome: GenerationOutcome): boolean => outcome.input_tokens + outcome.output_tokens > 0;
