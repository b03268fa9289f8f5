import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { DocumentPorts, DocumentRepository, GenerationCache } from '../core/index.js';
import { DocumentFormatDetector, DocumentTextExtractor } from '../infra/extract/index.js';
import type { Logger } from '../infra/logging/logger.js';
import { BullMqJobQueue } from '../infra/queue/bullmq-job-queue.js';
import { InProcessJobQueue } from '../infra/queue/in-process-job-queue.js';
import { LocalFileStorage } from '../infra/storage/local-file-storage.js';
import { createGeneratorRegistry } from './generator-registry.js';

export type JobQueueImpl = InProcessJobQueue | BullMqJobQueue;

/** Everything documents need besides the database: files, the queue, extraction and the generators. */
export function buildDocumentPorts(
  config: Config,
  logger: Logger,
  db: { documents: DocumentRepository; cache: GenerationCache },
): DocumentPorts & { queue: JobQueueImpl } {
  const queue: JobQueueImpl = config.redisUrl
    ? new BullMqJobQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix, logger })
    : new InProcessJobQueue({ concurrency: config.workerConcurrency, logger });
  return {
    documents: db.documents,
    cache: db.cache,
    storage: new LocalFileStorage({ root: config.storagePath }),
    queue,
    generators: createGeneratorRegistry(config.ai),
    // Both keep the default DOCX limits: what upload accepts, extraction can read.
    extractor: new DocumentTextExtractor(),
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
