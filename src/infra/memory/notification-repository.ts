/** Notifications in memory: the same rules as the SQL table, including the per-user dedupe key. */
import type { NewNotification, Notification, NotificationRepository } from '../../core/index.js';
import { compareIds, copyDate, idKey, type MemoryStore, type StoredNotification } from './store.js';

const copy = ({ dedupe_key: _d, purge_after: _p, ...n }: StoredNotification): Notification => ({
  ...n,
  metadata: n.metadata ? structuredClone(n.metadata) : null,
  sent_at: copyDate(n.sent_at),
  read_at: n.read_at ? copyDate(n.read_at) : null,
  created_at: copyDate(n.created_at),
});

/**
 * Stores it unless the user has one with the same dedupe key; never awaits, so callers inside a memory
 * "transaction" (document completion) stay atomic.
 */
export function insertMemoryNotification(store: MemoryStore, n: NewNotification): boolean {
  const user = idKey(n.user_id);
  if (store.notifications.has(idKey(n.id))) throw new Error('notification id already exists');
  if (n.dedupe_key !== null && [...store.notifications.values()].some((x) => idKey(x.user_id) === user && x.dedupe_key === n.dedupe_key))
    return false;
  store.notifications.set(idKey(n.id), {
    id: idKey(n.id),
    user_id: idKey(n.user_id),
    type: n.type,
    title: n.title,
    message: n.message,
    action_url: n.action_url,
    metadata: n.metadata ? structuredClone(n.metadata) : null,
    image_url: n.image_url,
    read: false,
    sent_at: copyDate(n.created_at),
    read_at: null,
    created_at: copyDate(n.created_at),
    dedupe_key: n.dedupe_key,
    purge_after: null,
  });
  return true;
}

export function createMemoryNotificationRepository(store: MemoryStore): NotificationRepository {
  const mine = (userId: string) => [...store.notifications.values()].filter((n) => n.user_id === idKey(userId));
  const owned = (userId: string, id: string) => {
    const n = store.notifications.get(idKey(id));
    return n && n.user_id === idKey(userId) ? n : undefined;
  };
  const read = (n: StoredNotification, now: Date, purgeAfter: Date) => {
    n.read = true;
    n.read_at = copyDate(now);
    n.purge_after = copyDate(purgeAfter);
  };

  return {
    async create(n) {
      return insertMemoryNotification(store, n);
    },
    async list(userId, { limit, offset, unreadOnly }) {
      const rows = mine(userId)
        .filter((n) => !unreadOnly || !n.read)
        .sort((a, b) => compareIds(b.id, a.id));
      return rows.slice(offset, offset + limit).map(copy);
    },
    async unreadCount(userId) {
      return mine(userId).filter((n) => !n.read).length;
    },
    async markRead(userId, id, now, purgeAfter) {
      const n = owned(userId, id);
      if (!n) return false;
      if (!n.read) read(n, now, purgeAfter);
      return true;
    },
    async markAllRead(userId, now, purgeAfter) {
      const unread = mine(userId).filter((n) => !n.read);
      for (const n of unread) read(n, now, purgeAfter);
      return unread.length;
    },
    async delete(userId, id) {
      const n = owned(userId, id);
      if (!n) return false;
      store.notifications.delete(idKey(id));
      return true;
    },
    async sweep(now, limit) {
      const due = [...store.notifications.values()].filter((n) => n.read && n.purge_after && n.purge_after <= now).slice(0, limit);
      for (const n of due) store.notifications.delete(idKey(n.id));
      return due.length;
    },
  };
}
