/** Everything documents need besides the database: files, the job queue, extraction and the generators. */
import { createHash } from 'node:crypto';
import type { Config, JobsConfig, StorageConfig } from '../config/index.js';
import type { Digest, FileStorage, Ports, PresignedFiles } from '../core/index.js';
import { DocumentFormatDetector } from '../infra/extract/format-detector.js';
import { assertLanguagesInstalled } from '../infra/extract/ocr/ocr-languages.js';
import type { Logger } from '../infra/logging/logger.js';
import { BullMqJobQueue } from '../infra/queue/bullmq-job-queue.js';
import { InProcessJobQueue } from '../infra/queue/in-process-job-queue.js';
import { LocalFileStorage } from '../infra/storage/local-file-storage.js';
import { LazySqsJobQueue, lazyS3 } from './aws.js';
import { createGeneratorRegistry } from './generator-registry.js';
import { availableParallelism } from 'node:os';
import { lazyCpuPool, type LazyCpuPool } from './cpu-pool.js';
import { lazyTextExtractor } from './lazy-extractor.js';

export type JobQueueImpl = InProcessJobQueue | BullMqJobQueue | LazySqsJobQueue;

export function buildQueue(jobs: JobsConfig, concurrency: number, logger: Logger): JobQueueImpl {
  switch (jobs.backend) {
    case 'sqs':
      return new LazySqsJobQueue(jobs, jobs.queueUrl, logger);
    case 'bullmq':
      return new BullMqJobQueue({ redisUrl: jobs.redisUrl, prefix: jobs.prefix, logger });
    case 'in-process':
      return new InProcessJobQueue({ concurrency, logger });
  }
}

/** S3 (with presigned URLs), else local disk. */
export function buildStorage(storage: StorageConfig): { storage: FileStorage; presignedFiles: PresignedFiles | null } {
  if (storage.backend === 's3') return lazyS3(storage, storage.bucket);
  return { storage: new LocalFileStorage({ root: storage.path }), presignedFiles: null };
}

export const sha256Digest: Digest = { sha256: (bytes) => createHash('sha256').update(bytes).digest('hex') };

export type DocumentServices = Pick<
  Ports,
  'storage' | 'presignedFiles' | 'generators' | 'extractor' | 'detector' | 'documentSettings' | 'digest'
>;

/**
 * The document ports other than the repositories and the queue. Extraction and the offline generator run in a
 * pool of worker threads (CPU_WORKERS; default one per core but one), so the event loop keeps answering.
 */
export function buildDocumentServices(config: Config): DocumentServices & { cpuPool: LazyCpuPool | null } {
  const threads = config.cpuWorkers ?? Math.max(1, availableParallelism() - 1);
  // A language without its data package stops the start, naming the package, rather than failing each scan.
  if (config.ocr) assertLanguagesInstalled(config.ocr.languages);
  const extraction = { ocr: config.ocr ? { languages: config.ocr.languages } : null };
  const cpuPool = threads > 0 ? lazyCpuPool(threads, extraction) : null;
  return {
    ...buildStorage(config.storage),
    generators: createGeneratorRegistry(config.ai, cpuPool?.offlineGenerator),
    // Both keep the default DOCX limits: what upload accepts, extraction can read.
    extractor: cpuPool?.extractor ?? lazyTextExtractor(extraction),
    cpuPool,
    detector: new DocumentFormatDetector({ images: config.ocr !== null }),
    digest: sha256Digest,
    documentSettings: {
      maxUploadBytes: config.maxUploadBytes,
      maxFilesPerUpload: config.maxFilesPerUpload,
      monthlyTokenBudget: config.ai.monthlyTokenBudget,
      defaultMaxCards: config.ai.defaultMaxCards,
      generationConcurrency: config.ai.concurrency,
    },
  };
}
