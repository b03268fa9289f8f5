import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { DocumentFormat, ExtractedDocument, ExtractOptions, TextExtractor } from '../../core/index.js';
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../core/index.js';
import { estimateCostUsd } from '../llm/model-prices.js';
import { OFFLINE_MODEL } from '../llm/offline/offline-card-generator.js';
import type { DocumentTextExtractorOptions } from '../extract/document-text-extractor.js';
import {
  unwrap,
  type CpuWorkerData,
  type ExtractOutcome,
  type ExtractTask,
  type GenerateOutcome,
  type OfflineGenerateTask,
} from './task-protocol.js';

/** The workers' module beside this one: compiled JavaScript in production, a tsx bootstrap when run from sources. */
function workerModule(): string {
  const typescript = import.meta.url.endsWith('.ts');
  return new URL(typescript ? './cpu-tasks.dev.mjs' : './cpu-tasks.js', import.meta.url).href;
}

export interface CpuPoolOptions {
  threads: number;
  /** A thread with no work for this long exits. */
  idleTimeoutMs?: number;
  /** How the threads' extractor reads documents (OCR settings, limits); plain data, handed to each thread. */
  extraction?: DocumentTextExtractorOptions;
}

export class CpuPool {
  private readonly pool: Piscina;

  constructor(options: CpuPoolOptions) {
    this.pool = new Piscina({
      filename: workerModule(),
      minThreads: 0,
      maxThreads: Math.max(1, options.threads),
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      workerData: { extraction: options.extraction ?? {} } satisfies CpuWorkerData,
    });
  }

  get threads(): number {
    return this.pool.maxThreads;
  }

  async extract(bytes: Uint8Array, format: DocumentFormat, options: ExtractOptions = {}): Promise<ExtractedDocument> {
    const channel = new MessageChannel();
    channel.port1.on('message', (p: { done: number; total: number }) => options.onProgress?.(p.done, p.total));
    try {
      const task: ExtractTask = { bytes, format, progress: channel.port2 };
      const outcome: ExtractOutcome = await this.pool.run(task, {
        name: 'extract',
        transferList: [channel.port2],
        signal: options.signal ?? null,
      });
      return unwrap(outcome);
    } finally {
      channel.port1.close();
    }
  }

  async generateOffline(request: GenerationRequest, maxChunkChars: number, signal?: AbortSignal): Promise<GenerationResult> {
    // Only data crosses to the thread: the retry listener is a function (and the offline generator never retries).
    const { onRetry: _listener, ...data } = request;
    const task: OfflineGenerateTask = { request: data, maxChunkChars };
    const outcome: GenerateOutcome = await this.pool.run(task, { name: 'generateOffline', signal: signal ?? null });
    return unwrap(outcome);
  }

  /** Waits for running tasks, then stops the threads. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The TextExtractor port, run in the pool. */
export class PooledTextExtractor implements TextExtractor {
  constructor(private readonly pool: CpuPool) {}

  extract(bytes: Uint8Array, format: DocumentFormat, options?: ExtractOptions): Promise<ExtractedDocument> {
    return this.pool.extract(bytes, format, options);
  }
}

/** The offline CardGenerator (see OfflineCardGenerator), run in the pool: same cards, off the event loop. */
export class PooledOfflineGenerator implements CardGenerator {
  readonly provider = 'offline';
  readonly model = OFFLINE_MODEL;

  constructor(
    private readonly pool: CpuPool,
    readonly maxChunkChars = 12_000,
  ) {}

  estimateCostUsd(usage: TokenUsage): number | null {
    return estimateCostUsd(this.model, usage);
  }

  generate(request: GenerationRequest, signal?: AbortSignal): Promise<GenerationResult> {
    return this.pool.generateOffline(request, this.maxChunkChars, signal);
  }
}
