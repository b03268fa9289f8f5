/**
 * The notification body: snake_case like every other body, plus the camelCase names the original web client
 * reads (its model has sentAt, actionUrl, createdAt, readAt, imageUrl). The aliases carry the same values and
 * are marked with `x-alias-of` in the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { NOTIFICATION_TYPES } from '../../../core/index.js';

const timestamp = z.string().openapi({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' });
const VIEWER = '/pages/flashcards/viewer/3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f';

const alias = <T extends z.ZodType>(schema: T, of: string) =>
  schema.openapi({ description: `Alias of ${of}, with the same value, for the original web client.`, 'x-alias-of': of } as never);

const actionUrl = z.string().nullable().openapi({ description: 'A route of the web client to open on click.', example: VIEWER });
const imageUrl = z.string().nullable().openapi({ example: null });
const readAt = timestamp.nullable().openapi({ description: 'When it was marked read; null while unread.', example: null });

export const NotificationSchema = z
  .object({
    id: z.string().openapi({ format: 'uuid', example: '019ae0c4-5b2e-7c3d-9e0f-1a2b3c4d5e6f' }),
    type: z.enum(NOTIFICATION_TYPES).openapi({ description: 'Picks the icon: info, success, warning or error.', example: 'success' }),
    title: z.string().openapi({ example: 'Document processed' }),
    message: z.string().openapi({ example: 'Generated 18 flashcards from "Biology101.pdf"' }),
    action_url: actionUrl,
    metadata: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({
        description: 'Free-form details, e.g. document_id and deck_id.',
        example: { document_id: '5a1e3b7c-9d2f-4e8a-b6c1-0f9e8d7c6b5a', deck_id: '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f' },
      }),
    image_url: imageUrl,
    read: z.boolean().openapi({ example: false }),
    sent_at: timestamp,
    read_at: readAt,
    created_at: timestamp,
    sentAt: alias(timestamp, 'sent_at'),
    actionUrl: alias(actionUrl, 'action_url'),
    createdAt: alias(timestamp, 'created_at'),
    readAt: alias(readAt, 'read_at'),
    imageUrl: alias(imageUrl, 'image_url'),
  })
  .openapi('Notification');

export const NotificationListSchema = z.array(NotificationSchema).openapi('NotificationList', {
  description: 'A bare array, newest first (as the original web client reads it).',
});

export const UnreadCountSchema = z
  .object({ count: z.number().int().openapi({ description: 'Your unread notifications.', example: 3 }) })
  .openapi('UnreadCount');
