/**
 * The S3 and SQS implementations with their clients, built once per process and kept at module scope (on
 * Lambda, every warm invocation reuses them and their connections). Loaded by aws.ts on the first file or
 * queue operation, not at start: these SDK modules take ~100 ms to evaluate, which a cold start answering
 * sign-ins or deck reads should not pay.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsLocation } from '../config/index.js';
import { createS3Client, createSqsClient } from '../infra/aws/clients.js';
import type { QueueLogger } from '../infra/queue/queue-types.js';
import { SqsJobQueue } from '../infra/queue/sqs-job-queue.js';
import { S3FileStorage } from '../infra/storage/s3-file-storage.js';
import { S3PresignedFiles } from '../infra/storage/s3-presigned-files.js';

const built = new Map<string, unknown>();

function cached<T>(key: string, create: () => T): T {
  if (!built.has(key)) built.set(key, create());
  return built.get(key) as T;
}

const clientKey = (s: AwsLocation) => `${s.region}|${s.endpointUrl ?? ''}`;

export function s3Ports(settings: AwsLocation, bucket: string): { storage: S3FileStorage; presignedFiles: S3PresignedFiles } {
  const client = cached(`s3|${clientKey(settings)}`, () => createS3Client(settings));
  return cached(`s3|${clientKey(settings)}|${bucket}`, () => ({
    storage: new S3FileStorage({ client, bucket }),
    presignedFiles: new S3PresignedFiles({ client, bucket }),
  }));
}

/** The process's SQS client: the queue sends with it and `opendeck worker` receives with it. */
export const sqsClient = (settings: AwsLocation): SQSClient => cached(`sqs|${clientKey(settings)}`, () => createSqsClient(settings));

export function sqsQueue(settings: AwsLocation, queueUrl: string, logger: QueueLogger): SqsJobQueue {
  const client = sqsClient(settings);
  return cached(`sqs|${clientKey(settings)}|${queueUrl}`, () => new SqsJobQueue({ client, queueUrl, logger }));
}
