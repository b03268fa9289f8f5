/**
 * Telling the user: live events for open connections, and the batch notification once every file of an upload
 * has finished. Both run after the state change is committed, and neither may fail the job that calls them.
 */
import type { Ctx } from '../context.js';
import type { Document, DocumentBatch } from '../documents/document.js';
import type { LiveEventInput } from '../ports/live-events.js';
import type { NewNotification, Notification } from '../ports/notifications.js';
import { batchNotice } from './document-notices.js';

/** Live events are advisory (clients can always poll): a failed publish is swallowed, never the job's failure. */
export async function publishLive(ctx: Ctx, userId: string, event: LiveEventInput): Promise<void> {
  await ctx.ports.events?.publish(userId, event).catch(() => undefined);
}

/** A stored notification as the event `notification.created` carries it (snake_case, ISO times). */
export function notificationEventData(n: NewNotification | Notification): Record<string, unknown> {
  return {
    id: n.id,
    type: n.type,
    title: n.title,
    message: n.message,
    action_url: n.action_url,
    metadata: n.metadata,
    image_url: n.image_url,
    read: false,
    sent_at: n.created_at.toISOString(),
    read_at: null,
    created_at: n.created_at.toISOString(),
  };
}

export const announceNotification = (ctx: Ctx, n: NewNotification) =>
  publishLive(ctx, n.user_id, { type: 'notification.created', data: notificationEventData(n) });

const FINISHED = new Set<Document['status']>(['completed', 'failed']);

/**
 * Once every document of the batch is completed or failed, stores the batch's one notification. Two jobs that
 * finish together may both see the batch done; the dedupe key keeps the second from storing another. A job
 * that crashed after its document finished runs this again on redelivery, so the notification is not lost.
 */
export async function notifyBatchIfFinished(
  ctx: Ctx & { ports: { documents: { getMany(u: string, ids: string[]): Promise<Document[]> } } },
  userId: string,
  batch: DocumentBatch,
): Promise<void> {
  const docs = await ctx.ports.documents.getMany(userId, batch.document_ids);
  // A file deleted meanwhile no longer counts; the ones left decide.
  if (docs.length === 0 || !docs.every((d) => FINISHED.has(d.status))) return;
  const order = new Map(batch.document_ids.map((id, i) => [id.toLowerCase(), i]));
  docs.sort((a, b) => (order.get(a.id.toLowerCase()) ?? 0) - (order.get(b.id.toLowerCase()) ?? 0));
  const notice = batchNotice(ctx, userId, batch, docs);
  if (await ctx.ports.notifications.create(notice)) await announceNotification(ctx, notice);
}
