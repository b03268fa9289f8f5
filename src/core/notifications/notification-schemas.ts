import { z } from 'zod';
import { LIMITS } from '../schemas.js';

export const NOTIFICATION_PAGE_DEFAULT = 50;

/** GET /notifications: limit 1..100 (default 50, as the original web client expects), offset, unread_only. */
export const notificationListQuery = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(LIMITS.pageLimitMax, `must be at most ${LIMITS.pageLimitMax}`)
    .default(NOTIFICATION_PAGE_DEFAULT),
  offset: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(100_000, 'must be at most 100000').default(0),
  // A string, not a coerced boolean: z.coerce.boolean() would read "false" as true.
  unread_only: z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
});

export type NotificationListInput = z.input<typeof notificationListQuery>;
