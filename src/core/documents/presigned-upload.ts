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
import { CoreError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import type { AppPorts, DocumentCtx } from './document-context.js';
import { uploadDocuments, type UploadResult } from './upload-documents.js';

/** How long an upload URL may be used: long enough for a large file on a slow link, short enough to leak little. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
/** How long a download URL may be used: the client follows the redirect at once. */
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

export interface SignedRequest {
  url: string;
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
}

/** Short-lived URLs that let a client move a file to or from storage without the API in between. */
export interface PresignedFiles {
  /** A URL to PUT exactly `sizeBytes` bytes to, stored under `key`. */
  uploadUrl(key: string, sizeBytes: number, expiresInSeconds: number): Promise<SignedRequest>;
  /** A URL to GET the file under `key`, served as an attachment named `filename`. */
  downloadUrl(key: string, file: { filename: string; contentType: string }, expiresInSeconds: number): Promise<SignedRequest>;
}

export type PresignedCtx = DocumentCtx & { ports: AppPorts & { presignedFiles: PresignedFiles } };

/** True when the storage can hand out URLs (S3); the routes of this flow are mounted only then. */
export const hasPresignedFiles = (ports: object): ports is AppPorts & { presignedFiles: PresignedFiles } =>
  'presignedFiles' in ports && Boolean((ports as { presignedFiles?: unknown }).presignedFiles);

export const stagingKey = (userId: string, uploadId: string): string => `uploads/${userId}/${uploadId}`;

export interface UploadUrl extends SignedRequest {
  upload_id: string;
  method: 'PUT';
  expires_at: Date;
}

export async function createUploadUrl({ ctx, input }: UseCaseArgs<{ size_bytes: unknown }> & { ctx: PresignedCtx }): Promise<UploadUrl> {
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
  const signed = await ctx.ports.presignedFiles.uploadUrl(stagingKey(userId, uploadId), size, UPLOAD_URL_TTL_SECONDS);
  const expiresAt = new Date(ctx.ports.clock.now().getTime() + UPLOAD_URL_TTL_SECONDS * 1000);
  return { upload_id: uploadId, method: 'PUT', ...signed, expires_at: expiresAt };
}

export interface ConfirmUploadInput {
  uploadId: string;
  filename: string;
  metadata?: unknown;
  deck_id?: string;
}

const NOTHING_UPLOADED = 'No file was uploaded for this upload id (or it was confirmed already, or it expired).';

export async function confirmUpload({ ctx, input }: UseCaseArgs<ConfirmUploadInput> & { ctx: PresignedCtx }): Promise<UploadResult> {
  const userId = requireUser(ctx);
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
