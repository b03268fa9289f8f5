import { and, eq, sql } from 'drizzle-orm';
import {
  assertCardsBelong,
  completedDocumentFields,
  deckDeletedFields,
  isUuid,
  spentTokens,
  type DocumentRepository,
} from '../../core/index.js';
import { insertCards } from './card-repository.js';
import { insertNotification } from './notification-repository.js';
import type { Database } from './database.js';
import { decks, documents, tokenUsage } from './schema.js';

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
        await tx.update(documents).set(deckDeletedFields(now)).where(ownDocument);
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
        .set(completedDocumentFields(outcome, deckId, stored.length, now))
        .where(ownDocument);
      if (spentTokens(outcome)) {
        await tx.insert(tokenUsage).values({
          user_id: userId,
          document_id: documentId,
          input_tokens: outcome.input_tokens,
          output_tokens: outcome.output_tokens,
          recorded_at: now,
        });
      }
      // In the same transaction: a completion stored is a notification stored, and a repeat stores neither.
      if (outcome.notification) await insertNotification(tx, outcome.notification);
      return true;
    });
  };
}
