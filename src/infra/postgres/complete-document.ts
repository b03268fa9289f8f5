import { and, eq, sql } from 'drizzle-orm';
import { isUuid, type DocumentRepository } from '../../core/index.js';
import { assertCardsBelong, insertCards } from './card-repository.js';
import type { Database } from './database.js';
import { decks, documents, tokenUsage } from './schema.js';

export const DECK_DELETED_MESSAGE = 'The deck was deleted while cards were being generated.';

/**
 * Stores a generation's cards and completes the document in ONE transaction, at most once per run: the
 * document row is locked and must still be processing, so a second delivery of the same job (or one racing
 * it) finds it completed and writes nothing.
 */
export function completeDocument(db: Database): DocumentRepository['complete'] {
  return async (userId, documentId, deckId, outcome, now) => {
    assertCardsBelong(userId, deckId, outcome.cards);
    if (!isUuid(userId) || !isUuid(documentId)) return false;
    return db.transaction(async (tx) => {
      // Deck first, document second: the order a deck delete takes them (the deck, then its documents
      // through ON DELETE SET NULL) and card writes take them, so racing transactions wait, not deadlock.
      const [deck] = isUuid(deckId)
        ? await tx
            .select({ id: decks.id })
            .from(decks)
            .where(and(eq(decks.id, deckId), eq(decks.user_id, userId)))
            .for('update')
        : [];
      const ownDocument = and(eq(documents.id, documentId), eq(documents.user_id, userId));
      const [doc] = await tx.select({ status: documents.status }).from(documents).where(ownDocument).for('update');
      if (doc?.status !== 'processing') return false;

      if (!deck) {
        await tx
          .update(documents)
          .set({ status: 'failed', error_message: DECK_DELETED_MESSAGE, processed_at: now, updated_at: now })
          .where(ownDocument);
        return false;
      }

      const stored = await insertCards(tx, outcome.cards);
      if (stored.length > 0) {
        await tx
          .update(decks)
          .set({ card_count: sql`${decks.card_count} + ${stored.length}` })
          .where(eq(decks.id, deckId));
      }
      await tx
        .update(documents)
        .set({
          status: 'completed',
          progress: 100,
          deck_id: deckId,
          error_message: null,
          status_detail: outcome.detail ?? null,
          cards_generated: stored.length,
          cards_rejected: outcome.cards_rejected,
          page_count: outcome.page_count,
          language: outcome.language,
          input_tokens: outcome.input_tokens,
          output_tokens: outcome.output_tokens,
          estimated_cost_usd: outcome.estimated_cost_usd,
          processed_at: now,
          updated_at: now,
        })
        .where(ownDocument);
      if (outcome.input_tokens + outcome.output_tokens > 0) {
        await tx.insert(tokenUsage).values({
          user_id: userId,
          document_id: documentId,
          input_tokens: outcome.input_tokens,
          output_tokens: outcome.output_tokens,
          recorded_at: now,
        });
      }
      return true;
    });
  };
}
