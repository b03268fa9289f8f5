/**
 * Notifications: short messages to one user ("your cards are ready"), listed by the web client's bell. The core
 * decides when one is made and what it says; repositories only persist them.
 */

export const NOTIFICATION_TYPES = ['info', 'success', 'warning', 'error'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Notification {
  /** Time-ordered (UUID version 7), so every backend lists newest first by id. */
  id: string;
  user_id: string;
  type: NotificationType;
  title: string;
  message: string;
  /** A route of the web client to open on click, e.g. /pages/flashcards/viewer/<deck id>. */
  action_url: string | null;
  metadata: Record<string, unknown> | null;
  image_url: string | null;
  read: boolean;
  /** When it was delivered; there is no push channel, so the moment it was made. */
  sent_at: Date;
  read_at: Date | null;
  created_at: Date;
}

export interface NewNotification {
  id: string;
  user_id: string;
  type: NotificationType;
  title: string;
  message: string;
  action_url: string | null;
  metadata: Record<string, unknown> | null;
  image_url: string | null;
  created_at: Date;
  /**
   * At most one notification per (user, key): a second create with the same key stores nothing. For events
   * that are not one transaction, such as "the whole upload batch has finished", which two jobs may both see.
   */
  dedupe_key: string | null;
}

export interface NotificationListQuery {
  limit: number;
  offset: number;
  unreadOnly: boolean;
}

export interface NotificationRepository {
  /** False (and nothing stored) when the user already has one with the same dedupe_key. */
  create(notification: NewNotification): Promise<boolean>;
  /** Newest first (by id, which is time-ordered). */
  list(userId: string, query: NotificationListQuery): Promise<Notification[]>;
  unreadCount(userId: string): Promise<number>;
  /**
   * Marks it read (a no-op when it already is) and schedules its removal at `purgeAfter`; false when the user
   * has no such notification.
   */
  markRead(userId: string, notificationId: string, now: Date, purgeAfter: Date): Promise<boolean>;
  /** Marks every unread one read; the number changed. */
  markAllRead(userId: string, now: Date, purgeAfter: Date): Promise<number>;
  /** False when the user has no such notification. */
  delete(userId: string, notificationId: string): Promise<boolean>;
  /**
   * Removes read notifications whose purge time has passed, all users, at most `limit`; the number removed.
   * DynamoDB's TTL does this by itself there, so its sweep removes nothing.
   */
  sweep(now: Date, limit: number): Promise<number>;
}

export interface NotificationSettings {
  /** Read notifications are removed this many days after they were read. */
  retentionDays: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { retentionDays: 90 };
