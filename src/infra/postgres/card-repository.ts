import { and, asc, eq, sql } from 'drizzle-orm';
import {
  assertCardsBelong,
  isUuid,
  normaliseSourceRef,
  type Card,
  type CardPatch,
  type CardRepository,
  type NewCard,
} from '../../core/index.js';
import { definedFields, type Database } from './database.js';
import { cards, decks } from './schema.js';

const CARD_PATCH_KEYS: (keyof CardPatch)[] = ['question', 'answer', 'source', 'source_url', 'source_ref', 'quality_flags'];

/** jsonb gives back whatever was stored; callers always get all five keys, missing ones as null. */
// anki_guid and quality_flags are left out when empty: most cards have none, and their objects stay as they were.
export const toCard = ({ anki_guid, quality_flags, ...row }: typeof cards.$inferSelect): Card => ({
  ...row,
  source_ref: normaliseSourceRef(row.source_ref),
  ...(anki_guid ? { anki_guid } : {}),
  ...(quality_flags?.length ? { quality_flags } : {}),
});

/** Rows per INSERT: far below Postgres' 65535 bind parameters at nine per card. */
const INSERT_BATCH = 500;

/**
 * Inserts cards of a deck whose row the caller has locked in its transaction, and leaves card_count to the
 * caller. Shared by createMany and document completion so both store cards the same way.
 */
export async function insertCards(tx: Database, batch: NewCard[]): Promise<Card[]> {
  const stored: Card[] = [];
  for (let i = 0; i < batch.length; i += INSERT_BATCH) {
    const rows = await tx
      .insert(cards)
      .values(batch.slice(i, i + INSERT_BATCH).map((c) => ({ ...c, updated_at: c.created_at })))
      .returning();
    stored.push(...rows.map(toCard));
  }
  return stored;
}

/** Thrown inside a transaction to roll it back when there turned out to be nothing to delete. */
class NothingToDelete extends Error {}

export function createPostgresCardRepository(db: Database): CardRepository {
  const ownedCard = (userId: string, cardId: string) => and(eq(cards.id, cardId), eq(cards.user_id, userId));
  const ownedDeck = (userId: string, deckId: string) => and(eq(decks.id, deckId), eq(decks.user_id, userId));
  const validIds = (...ids: string[]) => ids.every(isUuid);

  return {
    async createMany(userId, deckId, batch) {
      assertCardsBelong(userId, deckId, batch);
      if (!validIds(userId, deckId)) return null;
      return db.transaction(async (tx) => {
        // Raising the count first both proves ownership and locks the deck row, so concurrent batches
        // add up exactly and a concurrent deck delete waits (or makes this find no deck).
        const [deck] = await tx
          .update(decks)
          .set({ card_count: sql`${decks.card_count} + ${batch.length}` })
          .where(ownedDeck(userId, deckId))
          .returning({ id: decks.id });
        if (!deck) return null;
        return insertCards(tx, batch);
      });
    },
    async get(userId, cardId) {
      if (!validIds(userId, cardId)) return null;
      const [row] = await db.select().from(cards).where(ownedCard(userId, cardId));
      return row ? toCard(row) : null;
    },
    async listByDeck(userId, deckId, page) {
      if (!validIds(userId, deckId)) return null;
      // card_count is exact (kept in the same transaction as every insert and delete), so it is the total.
      const [deck] = await db.select({ total: decks.card_count }).from(decks).where(ownedDeck(userId, deckId));
      if (!deck) return null;
      const rows = await db
        .select()
        .from(cards)
        .where(eq(cards.deck_id, deckId))
        .orderBy(asc(cards.created_at), asc(cards.id))
        .limit(page.limit)
        .offset(page.offset);
      return { items: rows.map(toCard), total: deck.total, limit: page.limit, offset: page.offset };
    },
    async update(userId, cardId, patch, now) {
      if (!validIds(userId, cardId)) return null;
      const [row] = await db
        .update(cards)
        .set({ ...definedFields(patch, CARD_PATCH_KEYS), updated_at: now })
        .where(ownedCard(userId, cardId))
        .returning();
      return row ? toCard(row) : null;
    },
    async delete(userId, cardId) {
      if (!validIds(userId, cardId)) return false;
      const [card] = await db.select({ deck_id: cards.deck_id }).from(cards).where(ownedCard(userId, cardId));
      if (!card) return false;
      try {
        await db.transaction(async (tx) => {
          // Deck row first, card second: the same lock order as a deck delete (deck, then its cards by
          // cascade), so a card delete racing its deck's delete waits instead of deadlocking.
          const [deck] = await tx
            .update(decks)
            .set({ card_count: sql`${decks.card_count} - 1` })
            .where(eq(decks.id, card.deck_id))
            .returning({ id: decks.id });
          if (!deck) throw new NothingToDelete();
          const deleted = await tx.delete(cards).where(ownedCard(userId, cardId)).returning({ id: cards.id });
          if (deleted.length === 0) throw new NothingToDelete();
        });
        return true;
      } catch (error) {
        if (error instanceof NothingToDelete) return false;
        throw error;
      }
    },
  };
}
