/**
 * Uploads that bypass the API: on Lambda a request body is at most 6 MB (less after base64), so in AWS mode a
 * client asks for a short-lived URL, PUTs the file straight to storage, then confirms. Confirming runs the
 * same checks and pipeline as a direct upload (uploadDocuments: size, format detection, deck fields, budget,
 * generation), so nothing reaches the extractor that a direct upload would have refused.
 *
 * The client PUTs to a staging key, `uploads/<user>/<upload id>`, never to the document's own key: the URL
 * stays valid after the confirmation, and a second PUT must not swap the checked file for an unchecked one.
 * Confirming copies the checked bytes to the document's key and removes the staging object; staging objects
 * nobody confirms are removed by the bucket's lifecycle rule (infra/terraform).
 */
import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError, validationFailed } from '../errors.js';
import type { SignedRequest } from '../ports/index.js';
import { requirePresignedFiles, stagingKey, UPLOAD_URL_TTL_SECONDS } from './presigned-files.js';

export interface UploadUrl extends SignedRequest {
  upload_id: string;
  method: 'PUT';
  expires_at: Date;
}

export async function createUploadUrl({ ctx, input }: UseCaseArgs<{ size_bytes: unknown }>): Promise<UploadUrl> {
  const userId = requireUser(ctx);
  const size = input.size_bytes;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
    throw validationFailed([{ path: 'size_bytes', message: 'must be the size of the file in bytes, a whole number of 1 or more' }]);
  }
  const { maxUploadBytes } = ctx.ports.documentSettings;
  if (size > maxUploadBytes) {
    throw new CoreError(
      'payload_too_large',
      `The file is ${(size / 1048576).toFixed(1)} MB; files may be at most ${maxUploadBytes / 1048576} MB.`,
    );
  }
  const uploadId = ctx.ports.ids.next();
  const signed = await requirePresignedFiles(ctx).uploadUrl(stagingKey(userId, uploadId), size, UPLOAD_URL_TTL_SECONDS);
  const expiresAt = new Date(ctx.ports.clock.now().getTime() + UPLOAD_URL_TTL_SECONDS * 1000);
  return { upload_id: uploadId, method: 'PUT', ...signed, expires_at: expiresAt };
}
