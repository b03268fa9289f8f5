import { and, asc, count, desc, eq, gte, inArray, lt, ne, notInArray, sql } from 'drizzle-orm';
import { isUuid, type DocumentRepository, type DocumentStatus } from '../../core/index.js';
import { completeDocument } from './complete-document.js';
import type { Database } from './database.js';
import { cards, decks, documents, tokenUsage } from './schema.js';

/** Statuses of a generation that is queued or running: markPending refuses them, recovery requeues them. */
const UNFINISHED: DocumentStatus[] = ['pending', 'processing'];

/** A whole percentage in 0..100, whatever a caller passes: the column is an integer with a range check. */
const percent = (value: number): number => Math.max(0, Math.min(100, Math.floor(value)));

export function createDocumentRepository(db: Database): DocumentRepository {
  const owned = (userId: string, documentId: string) => and(eq(documents.id, documentId), eq(documents.user_id, userId));
  const validIds = (...ids: string[]) => ids.every(isUuid);

  return {
    async create(doc) {
      // Only the caller's own fields: everything about generation starts from the column defaults.
      const { id, user_id, filename, content_type, format, size_bytes, sha256, storage_key, created_at } = doc;
      const [row] = await db
        .insert(documents)
        .values({ id, user_id, filename, content_type, format, size_bytes, sha256, storage_key, created_at, updated_at: created_at })
        .returning();
      return row!;
    },
    async get(userId, documentId) {
      if (!validIds(userId, documentId)) return null;
      const [row] = await db.select().from(documents).where(owned(userId, documentId));
      return row ?? null;
    },
    async getMany(userId, documentIds) {
      const ids = documentIds.filter(isUuid);
      if (!isUuid(userId) || ids.length === 0) return [];
      return db
        .select()
        .from(documents)
        .where(and(eq(documents.user_id, userId), inArray(documents.id, ids)))
        .orderBy(desc(documents.created_at), desc(documents.id));
    },
    async list(userId, page) {
      if (!isUuid(userId)) return { items: [], total: 0, ...page };
      const mine = eq(documents.user_id, userId);
      // A separate count, not count(*) over (): a window count is lost when the page is past the end.
      const [items, [counted]] = await Promise.all([
        db
          .select()
          .from(documents)
          .where(mine)
          .orderBy(desc(documents.created_at), desc(documents.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ total: count() }).from(documents).where(mine),
      ]);
      return { items, total: counted?.total ?? 0, limit: page.limit, offset: page.offset };
    },
    async markPending(userId, documentId, options, now) {
      if (!validIds(userId, documentId)) return null;
      return db.transaction(async (tx) => {
        // The deck first, as complete() and a deck delete take it, so racing a delete waits instead of
        // deadlocking on the foreign key check. Only a deck of the user's own counts: any other id leaves
        // deck_id null, and the job then fails as for a deleted deck instead of writing into it.
        const [deck] = isUuid(options.deck_id)
          ? await tx
              .select({ id: decks.id })
              .from(decks)
              .where(and(eq(decks.id, options.deck_id), eq(decks.user_id, userId)))
              .for('key share')
          : [];
        const [row] = await tx
          .update(documents)
          .set({ status: 'pending', progress: 0, generation: options, error_message: null, deck_id: deck?.id ?? null, updated_at: now })
          .where(and(owned(userId, documentId), notInArray(documents.status, UNFINISHED)))
          .returning();
        return row ?? null;
      });
    },
    async markProcessing(userId, documentId, now) {
      if (!validIds(userId, documentId)) return null;
      // From processing too: a redelivered job after a crash picks the work up again.
      const [row] = await db
        .update(documents)
        .set({ status: 'processing', updated_at: now })
        .where(and(owned(userId, documentId), inArray(documents.status, UNFINISHED)))
        .returning();
      return row ?? null;
    },
    async setProgress(userId, documentId, progress, now) {
      if (!validIds(userId, documentId)) return;
      const value = percent(progress);
      // Only forward: a late write from a slower chunk must not move the bar back.
      await db
        .update(documents)
        .set({ progress: value, updated_at: now })
        .where(and(owned(userId, documentId), eq(documents.status, 'processing'), lt(documents.progress, value)));
    },
    async markFailed(userId, documentId, message, now) {
      if (!validIds(userId, documentId)) return;
      // A failure reported after a successful completion (e.g. by a duplicate delivery) must not hide the cards.
      await db
        .update(documents)
        .set({ status: 'failed', error_message: message, processed_at: now, updated_at: now })
        .where(and(owned(userId, documentId), ne(documents.status, 'completed')));
    },
    complete: completeDocument(db),
    async delete(userId, documentId) {
      if (!validIds(userId, documentId)) return null;
      const [row] = await db.delete(documents).where(owned(userId, documentId)).returning();
      return row ?? null;
    },
    async listUnfinished(limit) {
      return (
        db
          .select()
          .from(documents)
          // Spelled exactly as the partial index's predicate, so the planner can always match it.
          .where(sql`${documents.status} in ('pending', 'processing')`)
          .orderBy(asc(documents.created_at), asc(documents.id))
          .limit(Math.max(0, Math.floor(limit)))
      );
    },
    async tokensUsedSince(userId, since) {
      if (!isUuid(userId)) return 0;
      // sum() of bigint is numeric, which drivers hand over as a string.
      const [row] = await db
        .select({ used: sql<string>`coalesce(sum(${tokenUsage.input_tokens} + ${tokenUsage.output_tokens}), 0)` })
        .from(tokenUsage)
        .where(and(eq(tokenUsage.user_id, userId), gte(tokenUsage.recorded_at, since)));
      return Number(row?.used ?? 0);
    },
    async deckQuestions(userId, deckId) {
      if (!validIds(userId, deckId)) return [];
      const rows = await db
        .select({ question: cards.question })
        .from(cards)
        .where(and(eq(cards.deck_id, deckId), eq(cards.user_id, userId)))
        .orderBy(asc(cards.created_at), asc(cards.id));
      return rows.map((r) => r.question);
    },
  };
}
