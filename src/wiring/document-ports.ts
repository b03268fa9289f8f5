import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { DocumentPorts, DocumentRepository, FileStorage, GenerationCache, PresignedFiles } from '../core/index.js';
import { DocumentFormatDetector } from '../infra/extract/format-detector.js';
import type { Logger } from '../infra/logging/logger.js';
import { BullMqJobQueue } from '../infra/queue/bullmq-job-queue.js';
import { InProcessJobQueue } from '../infra/queue/in-process-job-queue.js';
import { LocalFileStorage } from '../infra/storage/local-file-storage.js';
import { LazySqsJobQueue, lazyS3 } from './aws.js';
import { createGeneratorRegistry } from './generator-registry.js';
import { lazyCpuPool, type LazyCpuPool } from './cpu-pool.js';
import { lazyTextExtractor } from './lazy-extractor.js';

export type JobQueueImpl = InProcessJobQueue | BullMqJobQueue | LazySqsJobQueue;

function buildQueue(config: Config, logger: Logger): JobQueueImpl {
  if (config.aws.sqsQueueUrl) return new LazySqsJobQueue(config, config.aws.sqsQueueUrl, logger);
  if (config.redisUrl) return new BullMqJobQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix, logger });
  return new InProcessJobQueue({ concurrency: config.workerConcurrency, logger });
}

/** S3 (with presigned URLs) when S3_BUCKET is set, else local disk. */
function buildStorage(config: Config): { storage: FileStorage; presignedFiles?: PresignedFiles } {
  if (!config.aws.s3Bucket) return { storage: new LocalFileStorage({ root: config.storagePath }) };
  return lazyS3(config, config.aws.s3Bucket);
}

/** Everything documents need besides the database: files, the queue, extraction and the generators. */
export function buildDocumentPorts(
  config: Config,
  logger: Logger,
  db: { documents: DocumentRepository; cache: GenerationCache },
): DocumentPorts & { queue: JobQueueImpl; presignedFiles?: PresignedFiles; cpuPool: LazyCpuPool | null } {
  const queue = buildQueue(config, logger);
  const cpuPool = config.cpuWorkers > 0 ? lazyCpuPool(config.cpuWorkers) : null;
  return {
    documents: db.documents,
    cache: db.cache,
    ...buildStorage(config),
    queue,
    generators: createGeneratorRegistry(config.ai, cpuPool?.offlineGenerator),
    // Both keep the default DOCX limits: what upload accepts, extraction can read.
    extractor: cpuPool?.extractor ?? lazyTextExtractor(),
    cpuPool,
    detector: new DocumentFormatDetector(),
    digest: { sha256: (bytes) => createHash('sha256').update(bytes).digest('hex') },
    documentSettings: {
      maxUploadBytes: config.maxUploadBytes,
      maxFilesPerUpload: config.maxFilesPerUpload,
      monthlyTokenBudget: config.ai.monthlyTokenBudget,
      defaultMaxCards: config.ai.defaultMaxCards,
      generationConcurrency: config.ai.concurrency,
    },
  };
}
