import type { UseCaseArgs } from '../context.js';
import { notFound } from '../errors.js';
import { DOWNLOAD_URL_TTL_SECONDS, type PresignedCtx } from './presigned-upload.js';
import { loadOwnDocument } from './request-generation.js';

/**
 * A short-lived URL for the original file, for storage that can hand one out (S3). The API redirects to it
 * instead of carrying the bytes: a Lambda response is at most 6 MB, and the file need not pass through at all.
 */
export async function documentDownloadUrl({
  ctx,
  input,
}: UseCaseArgs<{ documentId: string }> & { ctx: PresignedCtx }): Promise<{ url: string; expires_at: Date }> {
  const document = await loadOwnDocument(ctx, input.documentId);
  if (!document.storage_key) throw notFound('The file of this document');
  const { url } = await ctx.ports.presignedFiles.downloadUrl(
    document.storage_key,
    { filename: document.filename, contentType: document.content_type },
    DOWNLOAD_URL_TTL_SECONDS,
  );
  return { url, expires_at: new Date(ctx.ports.clock.now().getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000) };
}
