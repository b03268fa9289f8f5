import {
  assertCardsBelong,
  completedDocumentFields,
  deckDeletedFields,
  spentTokens,
  type Card,
  type Document,
  type GenerationOutcome,
} from '../../core/index.js';
import { insertMemoryNotification } from './notification-repository.js';
import { copyDate, idKey, type MemoryStore } from './store.js';

export const copyDocument = (d: Document): Document => ({
  ...d,
  generation: d.generation ? structuredClone(d.generation) : null,
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
    Object.assign(doc, deckDeletedFields(copyDate(now)));
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
  Object.assign(doc, completedDocumentFields(outcome, deck.id, outcome.cards.length, copyDate(now)), { updated_at: copyDate(now) });
  if (outcome.notification) insertMemoryNotification(store, outcome.notification);
  if (spentTokens(outcome)) {
    const { input_tokens, output_tokens } = outcome;
    store.tokenUsage.push({ user_id: doc.user_id, document_id: doc.id, input_tokens, output_tokens, recorded_at: copyDate(now) });
  }
  return true;
}
