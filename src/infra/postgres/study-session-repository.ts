/** The original client's study sessions on PostgreSQL/PGlite. A partial unique index keeps one open session per deck. */
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { isUuid, type StudySession, type StudySessionRepository } from '../../core/index.js';
import { isUniqueViolation, type Database } from './database.js';
import { studySessions } from './schema.js';

const toSession = (row: typeof studySessions.$inferSelect): StudySession => ({ ...row, card_ids: [...row.card_ids] });

export function createPostgresStudySessionRepository(db: Database): StudySessionRepository {
  const t = studySessions;
  const owned = (userId: string, id: string) => and(eq(t.id, id), eq(t.user_id, userId));
  const valid = (...ids: string[]) => ids.every(isUuid);

  /** Applies a change to an open session; null when missing, 'ended' when closed. */
  async function changeOpen(userId: string, id: string, set: Partial<typeof t.$inferInsert> | Record<string, unknown>) {
    if (!valid(userId, id)) return null;
    const [row] = await db
      .update(t)
      .set(set)
      .where(and(owned(userId, id), isNull(t.ended_at)))
      .returning();
    if (row) return toSession(row);
    const [exists] = await db.select({ id: t.id }).from(t).where(owned(userId, id));
    return exists ? ('ended' as const) : null;
  }

  return {
    async start(session) {
      // Two starts at once: the loser's insert meets the one-open index and simply runs again.
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction(async (tx) => {
            await tx
              .update(t)
              .set({ ended_at: session.started_at })
              .where(and(eq(t.user_id, session.user_id), eq(t.deck_id, session.deck_id), isNull(t.ended_at)));
            const [row] = await tx.insert(t).values(session).returning();
            return toSession(row!);
          });
        } catch (error) {
          if (attempt >= 3 || !isUniqueViolation(error, 'study_sessions_one_open_idx')) throw error;
        }
      }
    },
    async get(userId, id) {
      if (!valid(userId, id)) return null;
      const [row] = await db.select().from(t).where(owned(userId, id));
      return row ? toSession(row) : null;
    },
    async active(userId, deckId) {
      if (!valid(userId, deckId)) return null;
      const [row] = await db
        .select()
        .from(t)
        .where(and(eq(t.user_id, userId), eq(t.deck_id, deckId), isNull(t.ended_at)))
        .orderBy(desc(t.started_at))
        .limit(1);
      return row ? toSession(row) : null;
    },
    async list(userId, page) {
      if (!valid(userId)) return { items: [], total: 0, ...page };
      const [rows, [total]] = await Promise.all([
        db.select().from(t).where(eq(t.user_id, userId)).orderBy(desc(t.started_at), desc(t.id)).limit(page.limit).offset(page.offset),
        db.select({ n: count() }).from(t).where(eq(t.user_id, userId)),
      ]);
      return { items: rows.map(toSession), total: total?.n ?? 0, limit: page.limit, offset: page.offset };
    },
    async countAnswer(userId, id, correct) {
      return changeOpen(userId, id, {
        cards_reviewed: sql`${t.cards_reviewed} + 1`,
        ...(correct ? { cards_correct: sql`${t.cards_correct} + 1` } : { cards_incorrect: sql`${t.cards_incorrect} + 1` }),
      });
    },
    async complete(userId, id, now) {
      return changeOpen(userId, id, { ended_at: now });
    },
  };
}
