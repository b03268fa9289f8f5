/**
 * The study repository on PostgreSQL/PGlite. The due queue is an index range scan of card_study_states on
 * (user, deck, due) (partial: non-new states); new cards walk the deck's card index and skip studied ones by
 * primary key. A write is one transaction: idempotency key, version check, state, log entry.
 */
import { toCard } from './card-repository.js';
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { isUuid, type DueQuery, type StudyCard, type StudyRepository, type StudyWriteResult } from '../../core/index.js';
import { isUniqueViolation, type Database } from './database.js';
import { cards, cardStudyStates, decks, studyReviews, studySettings } from './schema.js';
import { entryValues, stateValues, toEntry, toState } from './study-rows.js';

/** Thrown inside a transaction to roll it back with a result for the caller. */
class Outcome extends Error {
  constructor(readonly result: StudyWriteResult) {
    super(result.status);
  }
}

const FOREIGN_KEY_VIOLATION = '23503';
const isForeignKeyViolation = (error: unknown): boolean => {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return true;
  }
  return false;
};

export function createPostgresStudyRepository(db: Database): StudyRepository {
  const s = cardStudyStates;
  const r = studyReviews;
  const inScope = (userId: string, deckId: string | null, deckColumn = s.deck_id) =>
    deckId === null ? eq(s.user_id, userId) : and(eq(s.user_id, userId), eq(deckColumn, deckId));
  const dueWhere = (userId: string, q: DueQuery): SQL | undefined =>
    and(inScope(userId, q.deckId), sql`${s.state} <> 'new'`, inArray(s.state, q.states), lte(s.due, q.before));
  const logScope = (userId: string, deckId: string | null) =>
    deckId === null ? eq(r.user_id, userId) : and(eq(r.user_id, userId), eq(r.deck_id, deckId));
  const valid = (...ids: (string | null)[]) => ids.every((id) => id === null || isUuid(id));

  /** Cards of the user (one deck or all) that have no state or a state `new`, in listing order. */
  const newCardsWhere = (userId: string, deckId: string | null) =>
    and(
      deckId === null
        ? inArray(cards.deck_id, db.select({ id: decks.id }).from(decks).where(eq(decks.user_id, userId)))
        : eq(cards.deck_id, deckId),
      eq(cards.user_id, userId),
      or(isNull(s.card_id), eq(s.state, 'new')),
    );
  // The user (and deck) as constants in the join let the planner probe the states by key for each card of the
  // deck's card index, instead of reading all of the user's states (a sequential scan, seen in bench/study-load.ts).
  const newCardsFrom = (userId: string, deckId: string | null) =>
    db
      .select()
      .from(cards)
      .leftJoin(s, and(eq(s.user_id, userId), deckId === null ? undefined : eq(s.deck_id, deckId), eq(s.card_id, cards.id)));

  return {
    async getSettings(userId) {
      if (!valid(userId)) return null;
      const [row] = await db.select().from(studySettings).where(eq(studySettings.user_id, userId));
      return row ? row.settings : null;
    },
    async saveSettings(userId, settings, now) {
      await db
        .insert(studySettings)
        .values({ user_id: userId, settings, updated_at: now })
        .onConflictDoUpdate({ target: studySettings.user_id, set: { settings, updated_at: now } });
    },
    async getState(userId, _deckId, cardId) {
      if (!valid(userId, cardId)) return null;
      const [row] = await db
        .select()
        .from(s)
        .where(and(eq(s.user_id, userId), eq(s.card_id, cardId)));
      return row ? toState(row) : null;
    },
    async listDue(userId, query, limit): Promise<StudyCard[]> {
      if (!valid(userId, query.deckId)) return [];
      const rows = await db
        .select()
        .from(s)
        .innerJoin(cards, eq(cards.id, s.card_id))
        .where(dueWhere(userId, query))
        .orderBy(asc(s.due), asc(s.card_id))
        .limit(limit);
      return rows.map((row) => ({ card: toCard(row.cards), state: toState(row.card_study_states) }));
    },
    async countDue(userId, query) {
      if (!valid(userId, query.deckId)) return 0;
      const [row] = await db.select({ n: count() }).from(s).where(dueWhere(userId, query));
      return row?.n ?? 0;
    },
    async listNew(userId, deckId, limit) {
      if (!valid(userId, deckId)) return [];
      const rows = await newCardsFrom(userId, deckId)
        .where(newCardsWhere(userId, deckId))
        .orderBy(asc(cards.created_at), asc(cards.id))
        .limit(limit);
      return rows.map((row) => ({ card: toCard(row.cards), state: row.card_study_states ? toState(row.card_study_states) : null }));
    },
    async countNew(userId, deckId) {
      if (!valid(userId, deckId)) return 0;
      // card_count is exact, so new = cards - studied, counted on the partial index rather than the cards.
      const deckFilter = deckId === null ? eq(decks.user_id, userId) : and(eq(decks.user_id, userId), eq(decks.id, deckId));
      const [total] = await db
        .select({ n: sql<number>`coalesce(sum(${decks.card_count}), 0)::int` })
        .from(decks)
        .where(deckFilter);
      const [studied] = await db
        .select({ n: count() })
        .from(s)
        .where(and(inScope(userId, deckId), sql`${s.state} <> 'new'`));
      return Math.max(0, (total?.n ?? 0) - (studied?.n ?? 0));
    },
    async listStates(userId, deckId) {
      if (!valid(userId, deckId)) return [];
      return (await db.select().from(s).where(inScope(userId, deckId))).map(toState);
    },
    async write(userId, { card, expected_version, entry, next }) {
      if (!valid(userId, card.id)) return { status: 'card_gone' };
      const byKey = async () =>
        entry.idempotency_key === null
          ? null
          : ((
              await db
                .select()
                .from(r)
                .where(and(eq(r.user_id, userId), eq(r.idempotency_key, entry.idempotency_key)))
            )[0] ?? null);
      const earlier = await byKey();
      if (earlier) return { status: 'duplicate', entry: toEntry(earlier) };
      try {
        await db.transaction(async (tx) => {
          const [owned] = await tx
            .select({ id: cards.id })
            .from(cards)
            .where(and(eq(cards.id, card.id), eq(cards.user_id, userId)));
          if (!owned) throw new Outcome({ status: 'card_gone' });
          // Version 0 means no row yet: a row already there means another answer came first.
          const written =
            expected_version === 0
              ? await tx.insert(s).values(stateValues(next)).onConflictDoNothing().returning({ card_id: s.card_id })
              : await tx
                  .update(s)
                  .set(stateValues(next))
                  .where(and(eq(s.user_id, userId), eq(s.card_id, card.id), eq(s.version, expected_version)))
                  .returning({ card_id: s.card_id });
          if (written.length === 0) throw new Outcome({ status: 'stale' });
          await tx.insert(r).values(entryValues(entry));
        });
        return { status: 'written' };
      } catch (error) {
        if (error instanceof Outcome) return error.result;
        if (isUniqueViolation(error, 'study_reviews_user_key_unique')) {
          const raced = await byKey();
          if (raced) return { status: 'duplicate', entry: toEntry(raced) };
        }
        if (isForeignKeyViolation(error)) return { status: 'card_gone' };
        throw error;
      }
    },
    async findByIdempotencyKey(userId, key) {
      if (!valid(userId)) return null;
      const [row] = await db
        .select()
        .from(r)
        .where(and(eq(r.user_id, userId), eq(r.idempotency_key, key)));
      return row ? toEntry(row) : null;
    },
    async lastReview(userId, deckId) {
      if (!valid(userId, deckId)) return null;
      const [row] = await db
        .select()
        .from(r)
        .where(and(logScope(userId, deckId), eq(r.kind, 'review'), isNull(r.undone_at)))
        .orderBy(desc(r.seq))
        .limit(1);
      return row ? toEntry(row) : null;
    },
    async undo(userId, { entry, expected_version, restored, undone_at }) {
      try {
        await db.transaction(async (tx) => {
          const marked = await tx
            .update(r)
            .set({ undone_at })
            .where(and(eq(r.id, entry.id), eq(r.user_id, userId), isNull(r.undone_at)))
            .returning({ id: r.id });
          const updated = await tx
            .update(s)
            .set(stateValues(restored))
            .where(and(eq(s.user_id, userId), eq(s.card_id, entry.card_id), eq(s.version, expected_version)))
            .returning({ card_id: s.card_id });
          if (marked.length === 0 || updated.length === 0) throw new Outcome({ status: 'stale' });
        });
        return true;
      } catch (error) {
        if (error instanceof Outcome) return false;
        throw error;
      }
    },
    async cardLog(userId, cardId) {
      if (!valid(userId, cardId)) return [];
      const rows = await db
        .select()
        .from(r)
        .where(and(eq(r.user_id, userId), eq(r.card_id, cardId)))
        .orderBy(asc(r.version), asc(r.seq));
      return rows.map(toEntry);
    },
    async countNewStarted(userId, since) {
      if (!valid(userId)) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(r)
        .where(
          and(
            eq(r.user_id, userId),
            gte(r.reviewed_at, since),
            eq(r.kind, 'review'),
            isNull(r.undone_at),
            sql`${r.state_before}->>'state' = 'new'`,
          ),
        );
      return row?.n ?? 0;
    },
    async logSince(userId, deckId, since) {
      if (!valid(userId, deckId)) return [];
      const rows = await db
        .select()
        .from(r)
        .where(and(logScope(userId, deckId), isNull(r.undone_at), gte(r.reviewed_at, since)))
        .orderBy(asc(r.seq));
      return rows.map(toEntry);
    },
  };
}
