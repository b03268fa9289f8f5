import { OpenAPIHono } from '@hono/zod-openapi';
import {
  deleteNotification,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadNotificationCount,
  type Notification,
} from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import {
  deleteNotificationRoute,
  listNotificationsRoute,
  markAllReadRoute,
  markReadRoute,
  unreadCountRoute,
} from './notifications.routes.js';
import { validationHook } from './problem.js';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** snake_case, plus the camelCase aliases the original web client reads (same values). */
export function renderNotification(n: Notification) {
  const sent_at = n.sent_at.toISOString();
  const created_at = n.created_at.toISOString();
  const read_at = isoOrNull(n.read_at);
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    message: n.message,
    action_url: n.action_url,
    metadata: n.metadata,
    image_url: n.image_url,
    read: n.read,
    sent_at,
    read_at,
    created_at,
    sentAt: sent_at,
    actionUrl: n.action_url,
    createdAt: created_at,
    readAt: read_at,
    imageUrl: n.image_url,
  };
}

export function notificationRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(unreadCountRoute, async (c) => {
      return c.json({ count: await unreadNotificationCount({ ctx: useCaseCtx(c), input: {} }) }, 200);
    })
    .openapi(listNotificationsRoute, async (c) => {
      const list = await listNotifications({ ctx: useCaseCtx(c), input: c.req.valid('query') });
      return c.json(list.map(renderNotification), 200);
    })
    .openapi(markAllReadRoute, async (c) => {
      await markAllNotificationsRead({ ctx: useCaseCtx(c), input: {} });
      return c.body(null, 204);
    })
    .openapi(markReadRoute, async (c) => {
      await markNotificationRead({ ctx: useCaseCtx(c), input: { notificationId: c.req.valid('param').notification_id } });
      return c.body(null, 204);
    })
    .openapi(deleteNotificationRoute, async (c) => {
      await deleteNotification({ ctx: useCaseCtx(c), input: { notificationId: c.req.valid('param').notification_id } });
      return c.body(null, 204);
    });
}
