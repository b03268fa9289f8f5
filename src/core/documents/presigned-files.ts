/**
 * Short-lived URLs straight to storage (S3). The staging key and the URLs' lifetimes are shared by the upload
 * verbs (create-upload-url.ts, confirm-upload.ts) and the download redirect (presigned-download.ts).
 */
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { PresignedFiles } from '../ports/index.js';

/** How long an upload URL may be used: long enough for a large file on a slow link, short enough to leak little. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
/** How long a download URL may be used: the client follows the redirect at once. */
export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

export const stagingKey = (userId: string, uploadId: string): string => `uploads/${userId}/${uploadId}`;

/** The presigning storage; where storage has none (local disk) the routes are not mounted, so this is a 404. */
export function requirePresignedFiles(ctx: Ctx): PresignedFiles {
  if (!ctx.ports.presignedFiles) throw notFound('Direct uploads to storage (this server stores files itself)');
  return ctx.ports.presignedFiles;
}
