/**
 * The S3 and SQS implementations with their clients, built once per process and kept at module scope (on
 * Lambda, every warm invocation reuses them and their connections). Loaded by aws.ts on the first file or
 * queue operation, not at start: these SDK modules take ~100 ms to evaluate, which a cold start answering
 * sign-ins or deck reads should not pay.
 */
import type { Config } from '../config.js';
import { createS3Client, createSqsClient, type AwsClientSettings } from '../infra/aws/clients.js';
import type { QueueLogger } from '../infra/queue/queue-types.js';
import { SqsJobQueue } from '../infra/queue/sqs-job-queue.js';
import { S3FileStorage } from '../infra/storage/s3-file-storage.js';
import { S3PresignedFiles } from '../infra/storage/s3-presigned-files.js';

const built = new Map<string, unknown>();

function settingsOf(config: Pick<Config, 'aws'>): AwsClientSettings {
  if (!config.aws.region) throw new Error('AWS_REGION is required to use AWS'); // config-aws.ts checks it first
  return { region: config.aws.region, endpointUrl: config.aws.endpointUrl };
}

function cached<T>(key: string, create: () => T): T {
  if (!built.has(key)) built.set(key, create());
  return built.get(key) as T;
}

const clientKey = (s: AwsClientSettings) => `${s.region}|${s.endpointUrl ?? ''}`;

export function s3Ports(config: Pick<Config, 'aws'>, bucket: string): { storage: S3FileStorage; presignedFiles: S3PresignedFiles } {
  const settings = settingsOf(config);
  const client = cached(`s3|${clientKey(settings)}`, () => createS3Client(settings));
  return cached(`s3|${clientKey(settings)}|${bucket}`, () => ({
    storage: new S3FileStorage({ client, bucket }),
    presignedFiles: new S3PresignedFiles({ client, bucket }),
  }));
}

export function sqsQueue(config: Pick<Config, 'aws'>, queueUrl: string, logger: QueueLogger): SqsJobQueue {
  const settings = settingsOf(config);
  const client = cached(`sqs|${clientKey(settings)}`, () => createSqsClient(settings));
  return cached(`sqs|${clientKey(settings)}|${queueUrl}`, () => new SqsJobQueue({ client, queueUrl, logger }));
}
