/** What follows a generation's end once it is committed: the live event, the notification, the batch. */
import type { NewNotification } from '../ports/notifications.js';
import { announceNotification, notifyBatchIfFinished, publishLive } from '../notifications/announce.js';
import { failedNotice } from '../notifications/document-notices.js';
import type { Document } from './document.js';
import type { Ctx, UseCaseArgs } from '../context.js';
import type { GenerateCardsJob } from '../ports/index.js';

/** The fields of a document's final state that its live event carries. */
export type FinalState = Pick<Document, 'status' | 'progress' | 'deck_id' | 'cards_generated' | 'error_message'>;

/**
 * After the outcome is committed: the live event of the document's final state, its notification, its batch.
 * `final` is what this run wrote (known without a read, so the event leaves at once); null when this run wrote
 * nothing (a duplicate delivery, a deleted deck), and the stored state is read instead.
 */
export async function announceOutcome(
  ctx: Ctx,
  doc: Document,
  final: FinalState | null,
  notification: NewNotification | null,
): Promise<void> {
  const state = final ? { ...doc, ...final } : await ctx.ports.documents.get(doc.user_id, doc.id);
  if (state?.status === 'completed' || state?.status === 'failed') {
    const type = state.status === 'completed' ? 'document.completed' : 'document.failed';
    await publishLive(ctx, doc.user_id, {
      type,
      data: {
        document_id: doc.id,
        status: state.status,
        progress: state.progress,
        deck_id: state.deck_id,
        cards_generated: state.cards_generated,
        error_message: state.error_message,
      },
    });
  }
  // Only a notification this run stored (the repository wrote it with the state change) is announced.
  if (notification) await announceNotification(ctx, notification);
  await finishBatchOf(ctx, state);
}

/** What markFailed wrote. */
export const failedState = (doc: Document, message: string): FinalState => ({
  status: 'failed',
  progress: doc.progress,
  deck_id: doc.deck_id,
  cards_generated: doc.cards_generated,
  error_message: message,
});

export async function finishBatchOf(ctx: Ctx, doc: Document | null): Promise<void> {
  const batch = doc?.generation?.batch;
  if (!doc || !batch || (doc.status !== 'completed' && doc.status !== 'failed')) return;
  await notifyBatchIfFinished(ctx, doc.user_id, batch).catch(() => undefined);
}

/**
 * The queue gave up on a job (it crashed its worker too often): the document is failed, and its owner told, as
 * for any other failure.
 */
export async function failAbandonedDocument({ ctx, input }: UseCaseArgs<{ job: GenerateCardsJob; message: string }>): Promise<void> {
  const { job, message } = input;
  const doc = await ctx.ports.documents.get(job.userId, job.documentId);
  if (!doc) return;
  const notification = doc.generation?.batch ? null : failedNotice(ctx, doc, message);
  const ended = await ctx.ports.documents.markFailed(doc.user_id, doc.id, message, ctx.ports.clock.now(), notification);
  await announceOutcome(ctx, doc, ended ? failedState(doc, message) : null, ended ? notification : null);
}
