import type { Ctx } from '../context.js';
import type { Ports } from '../ports.js';
import type { FormatDetector, TextExtractor } from './extraction.js';
import type { DocumentRepository, FileStorage, GenerationCache, GeneratorRegistry, JobQueue } from './document-ports.js';

export interface DocumentSettings {
  maxUploadBytes: number;
  maxFilesPerUpload: number;
  /** Tokens a user may spend on generation per calendar month (UTC); null for no limit. */
  monthlyTokenBudget: number | null;
  defaultMaxCards: number;
  /** Model calls in flight at once for one document. */
  generationConcurrency: number;
}

export interface DocumentPorts {
  documents: DocumentRepository;
  storage: FileStorage;
  queue: JobQueue;
  cache: GenerationCache;
  generators: GeneratorRegistry;
  extractor: TextExtractor;
  detector: FormatDetector;
  documentSettings: DocumentSettings;
  digest: { sha256(bytes: Uint8Array): string };
}

export type AppPorts = Ports & DocumentPorts;

export interface DocumentCtx extends Ctx {
  ports: AppPorts;
}
