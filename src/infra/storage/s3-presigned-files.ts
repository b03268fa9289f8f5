import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignedFiles, SignedRequest } from '../../core/index.js';
import { contentDispositionAttachment } from './content-disposition.js';
import { SERVER_SIDE_ENCRYPTION } from './s3-file-storage.js';
import { assertValidStorageKey } from './storage-key.js';

/**
 * Presigned S3 URLs (SigV4 in the query string). The upload URL signs Content-Length and the encryption
 * header, so S3 refuses a PUT of another size (a client cannot park 5 GB in the bucket with a URL meant for
 * 2 MB) or one that asks for no encryption; the client must send both headers exactly as returned. The
 * download URL makes S3 answer as an attachment with the stored type and no caching, like the API's own
 * download does.
 */
export class S3PresignedFiles implements PresignedFiles {
  constructor(private readonly options: { client: S3Client; bucket: string }) {}

  async uploadUrl(key: string, sizeBytes: number, expiresInSeconds: number): Promise<SignedRequest> {
    assertValidStorageKey(key);
    const command = new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: key,
      ContentLength: sizeBytes,
      ServerSideEncryption: SERVER_SIDE_ENCRYPTION,
    });
    const url = await getSignedUrl(this.options.client, command, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(['content-length']),
      // Left in the headers (and signed) rather than moved into the query string, so S3 enforces it.
      unhoistableHeaders: new Set(['x-amz-server-side-encryption']),
    });
    return { url, headers: { 'content-length': String(sizeBytes), 'x-amz-server-side-encryption': SERVER_SIDE_ENCRYPTION } };
  }

  async downloadUrl(key: string, file: { filename: string; contentType: string }, expiresInSeconds: number): Promise<SignedRequest> {
    assertValidStorageKey(key);
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: key,
      ResponseContentType: file.contentType,
      ResponseContentDisposition: contentDispositionAttachment(file.filename),
      ResponseCacheControl: 'private, no-store',
    });
    return { url: await getSignedUrl(this.options.client, command, { expiresIn: expiresInSeconds }), headers: {} };
  }
}
