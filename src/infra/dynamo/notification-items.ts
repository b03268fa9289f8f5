/**
 * Notifications live in the users table, in the user's partition:
 *   USER#<id>/NOTIF#<notification id>         the notification (ids are time-ordered: newest first = key order)
 *   USER#<id>/COUNT#UNREAD_NOTIFICATIONS      `unread`: the bell's count, kept by the same transactions
 *   USER#<id>/NOTIFKEY#<dedupe key>           makes a keyed notification (an upload batch's) exist once
 * A read notification carries `expires_ttl` (its purge time), so DynamoDB's TTL removes it; unread ones never
 * expire, which keeps the counter right.
 */
import type { NewNotification, Notification, NotificationType } from '../../core/index.js';
import type { Dynamo } from './client.js';
import { iso, norm, type Key } from './keys.js';
import type { Item } from './query.js';
import type { TransactItem } from './transact.js';

export const NOTIFICATION_PREFIX = 'NOTIF#';
export const notificationKey = (userId: string, id: string): Key => ({
  PK: `USER#${norm(userId)}`,
  SK: `${NOTIFICATION_PREFIX}${norm(id)}`,
});
export const unreadCounterKey = (userId: string): Key => ({ PK: `USER#${norm(userId)}`, SK: 'COUNT#UNREAD_NOTIFICATIONS' });
export const dedupeKey = (userId: string, key: string): Key => ({ PK: `USER#${norm(userId)}`, SK: `NOTIFKEY#${key}` });

/** Raises or lowers the unread counter (created on first use). */
export const unreadChange = (dynamo: Dynamo, userId: string, by: number): TransactItem => ({
  Update: {
    TableName: dynamo.tables.users,
    Key: unreadCounterKey(userId),
    UpdateExpression: 'ADD unread :by',
    ExpressionAttributeValues: { ':by': by },
  },
});

/**
 * The writes that store a new notification: the item, the counter and, for a keyed one, the key's marker (whose
 * condition fails when the user already has it; it is the LAST item, so callers can tell that failure apart).
 */
export function notificationWrites(dynamo: Dynamo, n: NewNotification): TransactItem[] {
  const item = {
    ...notificationKey(n.user_id, n.id),
    id: norm(n.id),
    user_id: norm(n.user_id),
    type: n.type,
    title: n.title,
    message: n.message,
    action_url: n.action_url,
    metadata: n.metadata,
    image_url: n.image_url,
    read: false,
    sent_at: iso(n.created_at),
    read_at: null,
    created_at: iso(n.created_at),
    dedupe_key: n.dedupe_key,
  };
  const writes: TransactItem[] = [
    { Put: { TableName: dynamo.tables.users, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
    unreadChange(dynamo, n.user_id, 1),
  ];
  if (n.dedupe_key !== null) {
    writes.push({
      Put: {
        TableName: dynamo.tables.users,
        Item: { ...dedupeKey(n.user_id, n.dedupe_key), notification_id: norm(n.id) },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  return writes;
}

export const toNotification = (item: Item): Notification => ({
  id: item.id as string,
  user_id: item.user_id as string,
  type: item.type as NotificationType,
  title: item.title as string,
  message: item.message as string,
  action_url: (item.action_url as string | null) ?? null,
  metadata: (item.metadata as Record<string, unknown> | null) ?? null,
  image_url: (item.image_url as string | null) ?? null,
  read: item.read === true,
  sent_at: new Date(item.sent_at as string),
  read_at: typeof item.read_at === 'string' ? new Date(item.read_at) : null,
  created_at: new Date(item.created_at as string),
});
