/** The S3 storage passes the same contract as disk and memory, against fauxqs; plus what is S3's own. */
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCoreError } from '../../../src/core/index.js';
import { S3FileStorage } from '../../../src/infra/storage/s3-file-storage.js';
import { startTestFauxqs, type Fauxqs } from '../../support/fauxqs.js';
import { describeFileStorageContract } from './file-storage.contract.js';

let fauxqs: Fauxqs;
beforeAll(async () => {
  fauxqs = await startTestFauxqs();
});
afterAll(async () => fauxqs?.stop());

describeFileStorageContract('S3 (fauxqs)', async () => {
  const bucket = fauxqs.bucket();
  return { storage: new S3FileStorage({ client: fauxqs.s3, bucket }), cleanup: async () => fauxqs.server.emptyBucket(bucket) };
});

describe('S3FileStorage', () => {
  it('stores the content type and asks for server-side encryption on every write', async () => {
    const bucket = fauxqs.bucket();
    const storage = new S3FileStorage({ client: fauxqs.s3, bucket });
    const sent: unknown[] = [];
    fauxqs.s3.middlewareStack.add(
      (next) => async (args) => {
        sent.push((args.request as { headers?: Record<string, string> }).headers);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordHeaders' },
    );
    try {
      await storage.put('documents/u1/d1', new Uint8Array([1, 2, 3]), 'application/pdf');
    } finally {
      fauxqs.s3.middlewareStack.remove('recordHeaders');
    }
    expect(sent[0]).toMatchObject({ 'x-amz-server-side-encryption': 'AES256', 'content-type': 'application/pdf' });
    const head = await fauxqs.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'documents/u1/d1' }));
    expect(head.ContentType).toBe('application/pdf');
    const body = await (
      await fauxqs.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'documents/u1/d1' }))
    ).Body!.transformToByteArray();
    expect([...body]).toEqual([1, 2, 3]);
  });

  it('lets an S3 outage surface as an error, not as a missing file', async () => {
    const storage = new S3FileStorage({ client: fauxqs.s3, bucket: 'no-such-bucket-od' });
    const error = await storage.get('documents/u1/d1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isCoreError(error)).toBe(false);
  });
});
