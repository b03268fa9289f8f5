/** Confirms an upload made to a presigned URL (create-upload-url.ts): the same checks and pipeline as a direct upload. */
import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { isUuid } from '../ids.js';
import { requirePresignedFiles, stagingKey } from './presigned-files.js';
import { uploadDocuments, type UploadResult } from './upload-documents.js';

export interface ConfirmUploadInput {
  uploadId: string;
  filename: string;
  metadata?: unknown;
  deck_id?: string;
}

const NOTHING_UPLOADED = 'No file was uploaded for this upload id (or it was confirmed already, or it expired).';

export async function confirmUpload({ ctx, input }: UseCaseArgs<ConfirmUploadInput>): Promise<UploadResult> {
  const userId = requireUser(ctx);
  requirePresignedFiles(ctx);
  if (!isUuid(input.uploadId)) throw notFound(NOTHING_UPLOADED);
  const key = stagingKey(userId, input.uploadId);
  let bytes: Uint8Array;
  try {
    bytes = await ctx.ports.storage.get(key);
  } catch (error) {
    if (error instanceof CoreError && error.code === 'not_found') throw new CoreError('not_found', NOTHING_UPLOADED);
    throw error;
  }
  const result = await uploadDocuments({
    ctx,
    input: { files: [{ filename: input.filename, content: bytes }], metadata: input.metadata, deck_id: input.deck_id },
  });
  // Kept when the checks fail, so the client can confirm again with corrected fields; lifecycle removes it later.
  await ctx.ports.storage.delete(key);
  return result;
}
