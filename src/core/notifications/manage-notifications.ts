/** The bell's use cases: list, count unread, mark read (one or all), delete. Another user's id is not found. */
import { requireUser, type UseCaseArgs } from '../context.js';
import { notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { parseInput } from '../validate.js';
import { DEFAULT_NOTIFICATION_SETTINGS, type Notification } from '../ports/notifications.js';
import type { Ctx } from '../context.js';
import { notificationListQuery } from './notification-schemas.js';

export const NOTIFICATION_NOT_FOUND = 'The notification';
const DAY_MS = 86_400_000;

/** When a notification read now is removed: the retention is a rule of the core, the same on every backend. */
export function purgeTime(ctx: Ctx, now: Date): Date {
  const days = ctx.ports.notificationSettings?.retentionDays ?? DEFAULT_NOTIFICATION_SETTINGS.retentionDays;
  return new Date(now.getTime() + days * DAY_MS);
}

export async function listNotifications({ ctx, input }: UseCaseArgs<unknown>): Promise<Notification[]> {
  const userId = requireUser(ctx);
  const query = parseInput(notificationListQuery, input ?? {});
  return ctx.ports.notifications.list(userId, {
    limit: query.limit,
    offset: query.offset,
    unreadOnly: query.unread_only === 'true' || query.unread_only === '1',
  });
}

export async function unreadNotificationCount({ ctx }: UseCaseArgs<unknown>): Promise<number> {
  return ctx.ports.notifications.unreadCount(requireUser(ctx));
}

/** Marking an already read notification read again is fine (the client may click twice); a missing one is 404. */
export async function markNotificationRead({ ctx, input }: UseCaseArgs<{ notificationId: string }>): Promise<void> {
  const userId = requireUser(ctx);
  const now = ctx.ports.clock.now();
  const found =
    isUuid(input.notificationId) && (await ctx.ports.notifications.markRead(userId, input.notificationId, now, purgeTime(ctx, now)));
  if (!found) throw notFound(NOTIFICATION_NOT_FOUND);
}

export async function markAllNotificationsRead({ ctx }: UseCaseArgs<unknown>): Promise<number> {
  const userId = requireUser(ctx);
  const now = ctx.ports.clock.now();
  return ctx.ports.notifications.markAllRead(userId, now, purgeTime(ctx, now));
}

export async function deleteNotification({ ctx, input }: UseCaseArgs<{ notificationId: string }>): Promise<void> {
  const userId = requireUser(ctx);
  const deleted = isUuid(input.notificationId) && (await ctx.ports.notifications.delete(userId, input.notificationId));
  if (!deleted) throw notFound(NOTIFICATION_NOT_FOUND);
}

/** Removes read notifications past their retention; run periodically by the server. Returns the number removed. */
export async function sweepNotifications(ctx: Pick<Ctx, 'ports'>, batch = 1000): Promise<number> {
  const now = ctx.ports.clock.now();
  let removed = 0;
  // In batches, so one sweep never holds a long transaction; stops when a batch comes back short.
  for (;;) {
    const n = await ctx.ports.notifications.sweep(now, batch);
    removed += n;
    if (n < batch) return removed;
  }
}
