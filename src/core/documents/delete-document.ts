import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { DOCUMENT_NOT_FOUND } from './request-generation.js';

/** Removes the document and its file. Cards made from it stay: their source text and quote still cite it. */
export async function deleteDocument({ ctx, input }: UseCaseArgs<{ documentId: string }>): Promise<void> {
  const userId = requireUser(ctx);
  if (!isUuid(input.documentId)) throw notFound(DOCUMENT_NOT_FOUND);
  const current = await ctx.ports.documents.get(userId, input.documentId);
  if (!current) throw notFound(DOCUMENT_NOT_FOUND);
  if (current.status === 'processing') {
    throw new CoreError('conflict', 'Cards are being generated from this document right now. Delete it when that has finished.');
  }
  const deleted = await ctx.ports.documents.delete(userId, input.documentId);
  if (!deleted) throw notFound(DOCUMENT_NOT_FOUND);
  if (deleted.storage_key) await ctx.ports.storage.delete(deleted.storage_key);
}
