import { requireUser, type UseCaseArgs } from '../context.js';
import { validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import type { Document } from './document.js';
import type { Ctx } from '../context.js';
import { MAX_BATCH_STATUS_IDS } from './document-schemas.js';

export type DocumentStatusView = Pick<
  Document,
  | 'id'
  | 'status'
  | 'progress'
  | 'page_count'
  | 'cards_generated'
  | 'cards_rejected'
  | 'deck_id'
  | 'error_message'
  | 'processed_at'
  | 'updated_at'
>;

export const toStatusView = (d: Document): DocumentStatusView => ({
  id: d.id,
  status: d.status,
  progress: d.progress,
  page_count: d.page_count,
  cards_generated: d.cards_generated,
  cards_rejected: d.cards_rejected,
  deck_id: d.deck_id,
  error_message: d.error_message,
  processed_at: d.processed_at,
  updated_at: d.updated_at,
});

/**
 * Status of several documents in one call, for clients polling a batch upload. Ids that are not the
 * user's come back in `not_found`, exactly like ids that do not exist.
 */
export async function documentStatuses({
  ctx,
  input,
}: UseCaseArgs<{ documentIds: string[] }>): Promise<{ items: DocumentStatusView[]; not_found: string[] }> {
  const userId = requireUser(ctx);
  const ids = [...new Set(input.documentIds.map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) throw validationFailed([{ path: 'document_ids', message: 'is required: a comma-separated list of ids' }]);
  if (ids.length > MAX_BATCH_STATUS_IDS) {
    throw validationFailed([{ path: 'document_ids', message: `at most ${MAX_BATCH_STATUS_IDS} ids per request` }]);
  }
  const found = await ctx.ports.documents.getMany(userId, ids.filter(isUuid));
  const byId = new Map(found.map((d) => [d.id, d]));
  return {
    items: ids.flatMap((id) => (byId.has(id) ? [toStatusView(byId.get(id)!)] : [])),
    not_found: ids.filter((id) => !byId.has(id)),
  };
}
