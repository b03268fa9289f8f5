import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { isUuid, type DeckListQuery, type DeckPatch, type DeckRepository } from '../../core/index.js';
import { containsPattern, definedFields, type Database } from './database.js';
import { decks } from './schema.js';

const DECK_PATCH_KEYS: (keyof DeckPatch)[] = ['title', 'description', 'category', 'difficulty'];

/** The WHERE of a deck list: always the owner, then each filter that was given. */
function listFilter(userId: string, query: DeckListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(decks.user_id, userId)];
  if (query.category !== undefined) conditions.push(sql`lower(${decks.category}) = lower(${query.category})`);
  if (query.difficulty !== undefined) conditions.push(eq(decks.difficulty, query.difficulty));
  if (query.q !== undefined) {
    const pattern = containsPattern(query.q);
    conditions.push(or(sql`${decks.title} ilike ${pattern} escape '\\'`, sql`${decks.description} ilike ${pattern} escape '\\'`));
  }
  return and(...conditions);
}

/** Titles sort ignoring case (people expect "apple" before "Banana"); the id makes the order total. */
function listOrder(query: DeckListQuery): SQL[] {
  const direction = query.order === 'asc' ? asc : desc;
  const key = query.sort === 'title' ? sql`lower(${decks.title})` : decks[query.sort];
  return [direction(key), direction(decks.id)];
}

export function createPostgresDeckRepository(db: Database): DeckRepository {
  const owned = (userId: string, deckId: string) => and(eq(decks.id, deckId), eq(decks.user_id, userId));
  const validIds = (...ids: string[]) => ids.every(isUuid);

  // The most frequent reads: prepared once so neither drizzle nor Postgres re-plans them on each request.
  const ownedDeck = db
    .select()
    .from(decks)
    .where(and(eq(decks.id, sql.placeholder('deckId')), eq(decks.user_id, sql.placeholder('userId'))))
    .prepare('opendeck_deck_get');

  return {
    async create(deck) {
      const [row] = await db
        .insert(decks)
        .values({ ...deck, card_count: 0, updated_at: deck.created_at })
        .returning();
      return row!;
    },
    async get(userId, deckId) {
      if (!validIds(userId, deckId)) return null;
      const [row] = await ownedDeck.execute({ deckId, userId });
      return row ?? null;
    },
    async list(userId, query) {
      const page = { limit: query.limit, offset: query.offset };
      if (!validIds(userId)) return { items: [], total: 0, ...page };
      const where = listFilter(userId, query);
      // One round trip: the total rides along as a window count. Only a page past the end (no rows to carry it)
      // needs a separate count.
      const rows = await db
        .select({ deck: decks, total: sql<number>`count(*) over ()`.mapWith(Number) })
        .from(decks)
        .where(where)
        .orderBy(...listOrder(query))
        .limit(query.limit)
        .offset(query.offset);
      if (rows.length > 0) return { items: rows.map((r) => r.deck), total: rows[0]!.total, ...page };
      if (query.offset === 0) return { items: [], total: 0, ...page };
      const [counted] = await db.select({ total: count() }).from(decks).where(where);
      return { items: [], total: counted?.total ?? 0, ...page };
    },
    async update(userId, deckId, patch, now) {
      if (!validIds(userId, deckId)) return null;
      const [row] = await db
        .update(decks)
        .set({ ...definedFields(patch, DECK_PATCH_KEYS), updated_at: now })
        .where(owned(userId, deckId))
        .returning();
      return row ?? null;
    },
    async delete(userId, deckId) {
      if (!validIds(userId, deckId)) return false;
      // Cards go with it through ON DELETE CASCADE, in the same statement.
      const deleted = await db.delete(decks).where(owned(userId, deckId)).returning({ id: decks.id });
      return deleted.length > 0;
    },
  };
}
