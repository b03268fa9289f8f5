/** Notifications in PostgreSQL/PGlite: one table, newest first by the time-ordered id. */
import { and, count, desc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { isUuid, type NewNotification, type Notification, type NotificationRepository } from '../../core/index.js';
import type { Database } from './database.js';
import { notifications } from './schema.js';

const columns = {
  id: notifications.id,
  user_id: notifications.user_id,
  type: notifications.type,
  title: notifications.title,
  message: notifications.message,
  action_url: notifications.action_url,
  metadata: notifications.metadata,
  image_url: notifications.image_url,
  read: notifications.read,
  sent_at: notifications.sent_at,
  read_at: notifications.read_at,
  created_at: notifications.created_at,
};

/**
 * Inserts it in the caller's transaction (document completion passes its own), unless the user already has
 * one with the same dedupe key; true when stored.
 */
export async function insertNotification(tx: Database, n: NewNotification): Promise<boolean> {
  const rows = await tx
    .insert(notifications)
    .values({ ...n, read: false, sent_at: n.created_at })
    .onConflictDoNothing({ target: [notifications.user_id, notifications.dedupe_key] })
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export function createPostgresNotificationRepository(db: Database): NotificationRepository {
  const owned = (userId: string, id: string) => and(eq(notifications.id, id), eq(notifications.user_id, userId));
  const unreadOf = (userId: string) => and(eq(notifications.user_id, userId), eq(notifications.read, false));

  return {
    async create(n) {
      return insertNotification(db, n);
    },
    async list(userId, { limit, offset, unreadOnly }) {
      if (!isUuid(userId)) return [];
      const rows: Notification[] = await db
        .select(columns)
        .from(notifications)
        .where(unreadOnly ? unreadOf(userId) : eq(notifications.user_id, userId))
        .orderBy(desc(notifications.id))
        .limit(limit)
        .offset(offset);
      return rows;
    },
    async unreadCount(userId) {
      if (!isUuid(userId)) return 0;
      const [row] = await db.select({ n: count() }).from(notifications).where(unreadOf(userId));
      return row?.n ?? 0;
    },
    async markRead(userId, id, now, purgeAfter) {
      if (!isUuid(userId) || !isUuid(id)) return false;
      // Already read keeps its first read_at; the select tells "read before" from "not yours or missing".
      const changed = await db
        .update(notifications)
        .set({ read: true, read_at: now, purge_after: purgeAfter })
        .where(and(owned(userId, id), eq(notifications.read, false)))
        .returning({ id: notifications.id });
      if (changed.length > 0) return true;
      const [found] = await db.select({ id: notifications.id }).from(notifications).where(owned(userId, id));
      return Boolean(found);
    },
    async markAllRead(userId, now, purgeAfter) {
      if (!isUuid(userId)) return 0;
      const changed = await db
        .update(notifications)
        .set({ read: true, read_at: now, purge_after: purgeAfter })
        .where(unreadOf(userId))
        .returning({ id: notifications.id });
      return changed.length;
    },
    async delete(userId, id) {
      if (!isUuid(userId) || !isUuid(id)) return false;
      const rows = await db.delete(notifications).where(owned(userId, id)).returning({ id: notifications.id });
      return rows.length > 0;
    },
    async sweep(now, limit) {
      // A bounded batch by the partial index, so a large backlog never becomes one long transaction.
      const due = db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(isNotNull(notifications.purge_after), lte(notifications.purge_after, now), eq(notifications.read, true)))
        .limit(Math.max(0, Math.floor(limit)));
      const rows = await db.delete(notifications).where(sql`${notifications.id} in (${due})`).returning({ id: notifications.id });
      return rows.length;
    },
  };
}
