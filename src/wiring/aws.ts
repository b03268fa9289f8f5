/**
 * S3 storage and the SQS queue as the composition root wires them: stand-ins that load aws-ports.ts (the SDK
 * clients and implementations) on their first call and then pass every call straight through. The ports
 * behave exactly as S3FileStorage, S3PresignedFiles and SqsJobQueue do; only the cost of loading the SDK
 * moves from the cold start to the first request that stores, reads or queues something.
 */
import type { AwsLocation } from '../config/index.js';
import type { FileStorage, GenerateCardsJob, PresignedFiles } from '../core/index.js';
import type { ObservableJobQueue, QueueCounts, QueueLogger } from '../infra/queue/queue-types.js';

type AwsPorts = typeof import('./aws-ports.js');
let loading: Promise<AwsPorts> | undefined;

/** The module, loaded once; a failed load is forgotten so the next call tries again. */
function awsPorts(): Promise<AwsPorts> {
  loading ??= import('./aws-ports.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function lazyS3(location: AwsLocation, bucket: string): { storage: FileStorage; presignedFiles: PresignedFiles } {
  const ports = async () => (await awsPorts()).s3Ports(location, bucket);
  return {
    storage: {
      put: async (key, bytes, contentType) => (await ports()).storage.put(key, bytes, contentType),
      get: async (key) => (await ports()).storage.get(key),
      delete: async (key) => (await ports()).storage.delete(key),
    },
    presignedFiles: {
      uploadUrl: async (key, size, ttl) => (await ports()).presignedFiles.uploadUrl(key, size, ttl),
      downloadUrl: async (key, file, ttl) => (await ports()).presignedFiles.downloadUrl(key, file, ttl),
    },
  };
}

/** The SQS job queue (see SqsJobQueue), loaded on the first enqueue or count. */
export class LazySqsJobQueue implements ObservableJobQueue {
  constructor(
    private readonly location: AwsLocation,
    private readonly queueUrl: string,
    private readonly logger: QueueLogger,
  ) {}

  private async queue() {
    return (await awsPorts()).sqsQueue(this.location, this.queueUrl, this.logger);
  }

  async enqueue(job: GenerateCardsJob & { requestId?: string }): Promise<void> {
    await (await this.queue()).enqueue(job);
  }

  async counts(): Promise<QueueCounts> {
    return (await this.queue()).counts();
  }

  async redeliverAfter(receiptHandle: string, seconds: number): Promise<void> {
    await (await this.queue()).redeliverAfter(receiptHandle, seconds);
  }

  /** The client belongs to the process; there is nothing to close (see SqsJobQueue.close). */
  async close(): Promise<void> {}
}
