import type { UseCaseArgs } from '../context.js';

/**
 * Re-queues documents left pending or processing, e.g. when the process died with jobs in an in-process
 * queue. Jobs are idempotent, so re-queuing one that is still running elsewhere is harmless.
 */
export async function recoverUnfinishedDocuments({ ctx, input }: UseCaseArgs<{ limit?: number }>): Promise<number> {
  const { ports } = ctx;
  const limit = input.limit ?? 1000;
  const unfinished = await ports.documents.listUnfinished(limit);
  for (const doc of unfinished) await ports.queue.enqueue({ documentId: doc.id, userId: doc.user_id });
  return unfinished.length;
}
