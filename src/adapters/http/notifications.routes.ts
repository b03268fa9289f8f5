/** Contracts of /notifications: the bell of the original web client (its notification.service.ts). */
import { createRoute, z } from '@hono/zod-openapi';
import { notificationListQuery } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { bearerSecurity, idParam, jsonResponse, problems } from './openapi/common.js';
import { NotificationListSchema, UnreadCountSchema } from './openapi/notification-models.js';

const tags = ['Notifications'];
const auth = { middleware: requireAuth, security: bearerSecurity };

const s = notificationListQuery.shape;
const NotificationListQuery = notificationListQuery.extend({
  limit: s.limit.meta({ description: 'Page size, 1 to 100 (default 50).', example: 20 }),
  offset: s.offset.meta({ description: 'Notifications to skip.', example: 0 }),
  unread_only: s.unread_only.meta({ description: 'true: only the unread ones.', example: 'true' }),
});

const NotificationParams = z.object({ notification_id: idParam('notification_id', '019ae0c4-5b2e-7c3d-9e0f-1a2b3c4d5e6f') });
const noContent = (description: string) => ({ 204: { description } });

export const listNotificationsRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'List your notifications',
  description:
    "Your notifications, newest first, as a bare array (the web client's bell). Made by the server when a " +
    'document finishes or fails, or when a batch of several files has finished.',
  ...auth,
  request: { query: NotificationListQuery },
  responses: { 200: jsonResponse(NotificationListSchema, 'The notifications.'), ...problems(401, 422) },
});

export const unreadCountRoute = createRoute({
  method: 'get',
  path: '/notifications/unread-count',
  tags,
  summary: 'Count your unread notifications',
  description: 'The number on the bell, asked on every page.',
  ...auth,
  responses: { 200: jsonResponse(UnreadCountSchema, 'The count.'), ...problems(401) },
});

export const markReadRoute = createRoute({
  method: 'patch',
  path: '/notifications/{notification_id}/read',
  tags,
  summary: 'Mark a notification read',
  description: 'Idempotent: marking a read notification again changes nothing. Any body (the web client sends {}) is ignored.',
  ...auth,
  request: { params: NotificationParams },
  responses: { ...noContent('Marked read.'), ...problems(401, 404) },
});

export const markAllReadRoute = createRoute({
  method: 'patch',
  path: '/notifications/read-all',
  tags,
  summary: 'Mark all your notifications read',
  description: 'Any body (the web client sends {}) is ignored.',
  ...auth,
  responses: { ...noContent('All marked read.'), ...problems(401) },
});

export const deleteNotificationRoute = createRoute({
  method: 'delete',
  path: '/notifications/{notification_id}',
  tags,
  summary: 'Delete a notification',
  description: "Removes it for good; another user's id is a 404 like an unknown one.",
  ...auth,
  request: { params: NotificationParams },
  responses: { ...noContent('Deleted.'), ...problems(401, 404) },
});
