import { requireUser, type UseCaseArgs } from '../context.js';
import { validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import type { Document } from './document.js';
import { MAX_BATCH_STATUS_IDS } from './document-schemas.js';

export type DocumentStatusView = Pick<
  Document,
  | 'id'
  | 'status'
  | 'progress'
  | 'page_count'
  | 'cards_generated'
  | 'cards_rejected'
  | 'rejections'
  | 'pages_with_cards'
  | 'sections_with_cards'
  | 'deck_id'
  | 'error_message'
  | 'status_detail'
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
  rejections: { ...d.rejections },
  pages_with_cards: d.pages_with_cards,
  sections_with_cards: d.sections_with_cards,
  deck_id: d.deck_id,
  error_message: d.error_message,
  status_detail: d.status_detail,
  processed_at: d.processed_at,
  updated_at: d.updated_at,
});

/** One entry of a batch poll: the status view plus the file name the upload page shows. */
export type BatchStatusView = DocumentStatusView & Pick<Document, 'filename'>;

/**
 * Status of several documents in one call, for clients polling a batch upload, in the order asked (each id
 * once). Ids that are not the user's are simply left out, exactly like ids that do not exist or are malformed:
 * the original web client reads a bare array and has no use for a list of misses.
 */
export async function documentStatuses({ ctx, input }: UseCaseArgs<{ documentIds: string[] }>): Promise<BatchStatusView[]> {
  const userId = requireUser(ctx);
  const ids = [...new Set(input.documentIds.map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) throw validationFailed([{ path: 'document_ids', message: 'is required: a comma-separated list of ids' }]);
  if (ids.length > MAX_BATCH_STATUS_IDS) {
    throw validationFailed([{ path: 'document_ids', message: `at most ${MAX_BATCH_STATUS_IDS} ids per request` }]);
  }
  const found = await ctx.ports.documents.getMany(userId, ids.filter(isUuid));
  // Keyed without case, as UUIDs compare: an upper-case id asked for finds its document.
  const byId = new Map(found.map((d) => [d.id.toLowerCase(), d]));
  return ids.flatMap((id) => {
    const doc = byId.get(id.toLowerCase());
    return doc ? [{ ...toStatusView(doc), filename: doc.filename }] : [];
  });
}
