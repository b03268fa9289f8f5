import type { Card, Document, GenerationOutcome } from '../../core/index.js';
import { assertCardsBelong } from './memory-cards.js';
import { copyDate, idKey, type MemoryStore } from './memory-store.js';

export const DECK_DELETED_MESSAGE = 'The deck was deleted while cards were being generated.';

export const copyDocument = (d: Document): Document => ({
  ...d,
  generation: d.generation ? { ...d.generation } : null,
  processed_at: d.processed_at ? copyDate(d.processed_at) : null,
  created_at: copyDate(d.created_at),
  updated_at: copyDate(d.updated_at),
});

export interface CompleteArgs {
  userId: string;
  documentId: string;
  deckId: string;
  outcome: GenerationOutcome;
  now: Date;
}

/**
 * The in-memory twin of the SQL transaction. It never awaits, so it runs whole before any other call: of
 * two concurrent completions the first finds the document processing and the second finds it completed.
 * Everything that can throw is checked before the first write, so a failure leaves no partial state.
 */
export function completeMemoryDocument(store: MemoryStore, { userId, documentId, deckId, outcome, now }: CompleteArgs): boolean {
  assertCardsBelong(userId, deckId, outcome.cards);
  const doc = store.documents.get(idKey(documentId));
  if (!doc || idKey(doc.user_id) !== idKey(userId) || doc.status !== 'processing') return false;
  const deck = store.decks.get(idKey(deckId));
  if (!deck || idKey(deck.user_id) !== idKey(userId)) {
    const failed: Partial<Document> = {
      status: 'failed',
      error_message: DECK_DELETED_MESSAGE,
      processed_at: copyDate(now),
      updated_at: copyDate(now),
    };
    Object.assign(doc, failed);
    return false;
  }
  const ids = new Set(outcome.cards.map((c) => idKey(c.id)));
  if (ids.size < outcome.cards.length || [...ids].some((id) => store.cards.has(id))) {
    throw new Error('complete: a card with this id already exists.');
  }

  for (const c of outcome.cards) {
    const card: Card = {
      ...c,
      source_ref: c.source_ref ? { ...c.source_ref } : null,
      created_at: copyDate(c.created_at),
      updated_at: copyDate(c.created_at),
    };
    store.cards.set(idKey(card.id), card);
  }
  deck.card_count += outcome.cards.length;
  const completed: Partial<Document> = {
    status: 'completed',
    progress: 100,
    deck_id: deck.id,
    error_message: null,
    cards_generated: outcome.cards.length,
    cards_rejected: outcome.cards_rejected,
    page_count: outcome.page_count,
    language: outcome.language,
    input_tokens: outcome.input_tokens,
    output_tokens: outcome.output_tokens,
    estimated_cost_usd: outcome.estimated_cost_usd,
    processed_at: copyDate(now),
    updated_at: copyDate(now),
  };
  Object.assign(doc, completed);
  if (outcome.input_tokens + outcome.output_tokens > 0) {
    const { input_tokens, output_tokens } = outcome;
    store.tokenUsage.push({ user_id: doc.user_id, document_id: doc.id, input_tokens, output_tokens, recorded_at: copyDate(now) });
  }
  return true;
}
