/** What the web client's bell lists: one row per notification, owned by a user. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { NotificationType } from '../../core/index.js';
import { users } from './schema-accounts.js';
import { timestamptz } from './schema-columns.js';

export const notifications = pgTable(
  'notifications',
  {
    // UUID version 7: time-ordered, so "newest first" is the primary key's order within a user.
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<NotificationType>().notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    action_url: text('action_url'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    image_url: text('image_url'),
    read: boolean('read').notNull().default(false),
    sent_at: timestamptz('sent_at').notNull(),
    read_at: timestamptz('read_at'),
    created_at: timestamptz('created_at').notNull(),
    // At most one row per (user, key): "the batch finished" may be seen by two jobs at once.
    dedupe_key: text('dedupe_key'),
    // Set when read: the retention sweep removes the row after this instant.
    purge_after: timestamptz('purge_after'),
  },
  (t) => [
    check('notifications_type_known', sql`${t.type} in ('info', 'success', 'warning', 'error')`),
    // The list, newest first; NULLS FIRST is what a plain ORDER BY ... DESC means.
    index('notifications_user_id_idx').on(t.user_id, t.id.desc().nullsFirst()),
    // The bell's unread count on every page: only unread rows are in it.
    index('notifications_unread_idx').on(t.user_id).where(sql`${t.read} = false`),
    // NULL keys are distinct, so only keyed notifications are limited to one.
    uniqueIndex('notifications_dedupe_idx').on(t.user_id, t.dedupe_key),
    index('notifications_purge_idx').on(t.purge_after).where(sql`${t.purge_after} is not null`),
  ],
);
