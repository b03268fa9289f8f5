/**
 * fauxqs (S3 and SQS in this Node process, an npm devDependency, so always available after npm ci) on a free
 * loopback port. Clients address it path-style, as the app does whenever AWS_ENDPOINT_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { createS3Client, createSqsClient, type AwsClientSettings } from '../../src/infra/aws/clients.js';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface Fauxqs {
  server: FauxqsServer;
  settings: AwsClientSettings;
  /** A new bucket with a unique name. */
  bucket(): string;
  /** A new queue (standard unless the name ends in .fifo) with a unique name; its URL. */
  queue(attributes?: Record<string, string>, fifo?: boolean): { url: string; arn: string; name: string };
  s3: ReturnType<typeof createS3Client>;
  sqs: ReturnType<typeof createSqsClient>;
  stop(): Promise<void>;
}

const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function startTestFauxqs(): Promise<Fauxqs> {
  const server = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1', defaultRegion: TEST_REGION });
  const settings: AwsClientSettings = { region: TEST_REGION, endpointUrl: server.address, credentials: TEST_CREDENTIALS };
  const s3 = createS3Client(settings);
  const sqs = createSqsClient(settings);
  return {
    server,
    settings,
    s3,
    sqs,
    bucket: () => server.createBucket(unique('od-bucket')).bucketName,
    queue: (attributes = {}, fifo = false) => {
      const name = unique('od-queue') + (fifo ? '.fifo' : '');
      const q = server.createQueue(name, { region: TEST_REGION, attributes: fifo ? { FifoQueue: 'true', ...attributes } : attributes });
      return { url: q.queueUrl, arn: q.queueArn, name: q.queueName };
    },
    stop: async () => {
      s3.destroy();
      sqs.destroy();
      await server.stop();
    },
  };
}
