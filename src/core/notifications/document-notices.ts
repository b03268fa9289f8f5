/**
 * What a user is told when generation ends: one notification per document, or one for a whole upload batch of
 * several files (instead of one per file). Wording and links follow the original web client, which opens
 * `action_url` as one of its own routes.
 */
import type { Ctx } from '../context.js';
import type { Document, DocumentBatch } from '../documents/document.js';
import type { NewNotification, NotificationType } from '../ports/notifications.js';
import { timeOrderedId } from './notification-id.js';

/** The web client's deck viewer. */
export const deckViewerRoute = (deckId: string): string => `/pages/flashcards/viewer/${deckId}`;

const flashcards = (n: number) => `${n} flashcard${n === 1 ? '' : 's'}`;

interface NoticeFields {
  type: NotificationType;
  title: string;
  message: string;
  action_url: string | null;
  metadata: Record<string, unknown> | null;
  dedupe_key?: string;
}

export function newNotification(ctx: Ctx, userId: string, fields: NoticeFields): NewNotification {
  const now = ctx.ports.clock.now();
  return {
    id: timeOrderedId(now, ctx.ports.ids.next()),
    user_id: userId,
    image_url: null,
    created_at: now,
    ...fields,
    dedupe_key: fields.dedupe_key ?? null,
  };
}

export function completedNotice(ctx: Ctx, doc: Document, deckId: string, cards: number): NewNotification {
  return newNotification(ctx, doc.user_id, {
    type: 'success',
    title: 'Document processed',
    message: `Generated ${flashcards(cards)} from "${doc.filename}"`,
    action_url: deckViewerRoute(deckId),
    metadata: { document_id: doc.id, deck_id: deckId, cards_generated: cards },
  });
}

export function failedNotice(ctx: Ctx, doc: Document, reason: string): NewNotification {
  return newNotification(ctx, doc.user_id, {
    type: 'error',
    title: 'Processing failed',
    message: `Failed to process "${doc.filename}": ${reason}`,
    action_url: null,
    metadata: { error: { document_id: doc.id, filename: doc.filename, error: reason }, deck_id: doc.generation?.deck_id ?? null },
  });
}

/** The one notification of a finished batch: success, a warning when some files failed, an error when all did. */
export function batchNotice(ctx: Ctx, userId: string, batch: DocumentBatch, docs: Document[]): NewNotification {
  const done = docs.filter((d) => d.status === 'completed');
  const failed = docs.filter((d) => d.status === 'failed');
  const cards = done.reduce((n, d) => n + d.cards_generated, 0);
  const deckId = done[0]?.deck_id ?? docs[0]?.generation?.deck_id ?? null;
  const failures = failed.map((d) => `"${d.filename}": ${d.error_message ?? 'unknown error'}`).join('; ');
  const metadata = {
    batch_id: batch.id,
    deck_id: deckId,
    document_ids: docs.map((d) => d.id),
    cards_generated: cards,
    ...(failed.length > 0 ? { errors: failed.map((d) => ({ document_id: d.id, filename: d.filename, error: d.error_message })) } : {}),
  };
  const common = { metadata, dedupe_key: `batch:${batch.id}`, action_url: done.length > 0 && deckId ? deckViewerRoute(deckId) : null };
  if (failed.length === 0) {
    return newNotification(ctx, userId, {
      ...common,
      type: 'success',
      title: 'Documents processed',
      message: `Generated ${flashcards(cards)} from ${docs.length} documents`,
    });
  }
  if (done.length === 0) {
    return newNotification(ctx, userId, {
      ...common,
      type: 'error',
      title: 'Processing failed',
      message: `Failed to process all ${docs.length} documents. ${failures}`,
    });
  }
  return newNotification(ctx, userId, {
    ...common,
    type: 'warning',
    title: 'Documents processed with errors',
    message: `Generated ${flashcards(cards)} from ${done.length} of ${docs.length} documents. Failed: ${failures}`,
  });
}

/**
 * The AI provider is failing and the document waits on retries: a warning, once per document (the key), however
 * many calls are retried and however often the job is delivered.
 */
export function modelDelayNotice(ctx: Ctx, doc: Document): NewNotification {
  return newNotification(ctx, doc.user_id, {
    type: 'warning',
    title: 'Processing delayed',
    message: `The AI model is not answering right now, so "${doc.filename}" is taking longer. It keeps trying; you will be told when it is done.`,
    action_url: null,
    metadata: { document_id: doc.id, deck_id: doc.generation?.deck_id ?? null },
    dedupe_key: `model-delay:${doc.id}`,
  });
}
