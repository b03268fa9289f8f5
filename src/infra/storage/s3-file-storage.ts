import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isStagedFile, type FileContent, type FileStorage } from '../../core/index.js';
import { fileNotFound } from './file-not-found.js';
import { readAll } from './read-all.js';
import { assertValidStorageKey } from './storage-key.js';

export interface S3FileStorageOptions {
  client: S3Client;
  bucket: string;
}

/**
 * Server-side encryption asked for on every write. The bucket encrypts by default as well (Terraform), but
 * asking explicitly means a bucket created by hand without that default still never holds a plain copy.
 */
export const SERVER_SIDE_ENCRYPTION = 'AES256';

const isMissing = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  // A missing bucket is a deployment error, not a missing file: it must not read as "document file not found".
  if (e.name === 'NoSuchBucket') return false;
  return e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Files in S3, under the same keys as on disk. Keys are checked like the disk version's, although S3 has no
 * folders to escape: a key with "..", "//" or a trailing "/" would be a second spelling of a file, and the
 * same refusals everywhere keep a bug from passing on one backend and failing on another. S3 writes are
 * atomic per object (a reader sees the old or the new version, never a mix), which is what the contract asks.
 */
export class S3FileStorage implements FileStorage {
  constructor(private readonly options: S3FileStorageOptions) {}

  get bucket(): string {
    return this.options.bucket;
  }

  async put(key: string, content: FileContent, contentType: string): Promise<void> {
    assertValidStorageKey(key);
    // Read whole: on AWS the API runs on Lambda, whose request bodies stop at 6 MB (larger files take the
    // presigned route straight to S3), so a staged file here is small; a streamed PutObject would also need
    // aws-chunked checksums that not every S3-compatible server accepts.
    const bytes = isStagedFile(content) ? await readAll(content) : content;
    await this.options.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        // A copy: the SDK may still read the body after the caller got its buffer back and reused it.
        Body: bytes.slice(),
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        ServerSideEncryption: SERVER_SIDE_ENCRYPTION,
      }),
    );
  }

  async get(key: string): Promise<Uint8Array> {
    assertValidStorageKey(key);
    try {
      const reply = await this.options.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      if (!reply.Body) throw fileNotFound();
      return await reply.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) throw fileNotFound();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    // S3 answers 204 for a key that does not exist, which is the port's "missing is fine".
    await this.options.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }
}
