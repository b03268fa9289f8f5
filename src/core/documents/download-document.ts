import type { UseCaseArgs } from '../context.js';
import { notFound } from '../errors.js';
import type { Document } from './document.js';
import { loadOwnDocument } from './request-generation.js';

/** The original file as uploaded. */
export async function downloadDocument({
  ctx,
  input,
}: UseCaseArgs<{ documentId: string }>): Promise<{ document: Document; bytes: Uint8Array }> {
  const document = await loadOwnDocument(ctx, input.documentId);
  if (!document.storage_key) throw notFound('The file of this document');
  return { document, bytes: await ctx.ports.storage.get(document.storage_key) };
}
