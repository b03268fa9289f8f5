/**
 * The CPU pool as the composition root wires it: nothing is loaded (piscina, the worker module) until the
 * first document is read, and with CPU_WORKERS=0 nothing ever is: extraction and the offline generator then
 * run on the main thread, as the Lambda consumer and the CLI do.
 */
import type { CardGenerator, ExtractOptions, TextExtractor } from '../core/index.js';
import { estimateCostUsd } from '../infra/llm/model-prices.js';
import { OFFLINE_MODEL } from '../infra/llm/offline/offline-card-generator.js';
import type { DocumentTextExtractorOptions } from '../infra/extract/document-text-extractor.js';
import type { CpuPool } from '../infra/workers/cpu-pool.js';

export interface LazyCpuPool {
  extractor: TextExtractor;
  offlineGenerator(maxChunkChars: number): CardGenerator;
  close(): Promise<void>;
}

export function lazyCpuPool(threads: number, extraction: DocumentTextExtractorOptions = {}): LazyCpuPool {
  let loading: Promise<typeof import('../infra/workers/cpu-pool.js')> | undefined;
  let pool: CpuPool | undefined;
  const load = async () => {
    loading ??= import('../infra/workers/cpu-pool.js');
    loading.catch(() => (loading = undefined)); // a failed load is retried by the next document
    pool ??= new (await loading).CpuPool({ threads, extraction });
    return { pool };
  };
  return {
    extractor: {
      extract: async (bytes, format, options?: ExtractOptions) => (await load()).pool.extract(bytes, format, options),
    },
    offlineGenerator: (maxChunkChars) => ({
      provider: 'offline',
      model: OFFLINE_MODEL,
      maxChunkChars,
      estimateCostUsd: (usage) => estimateCostUsd(OFFLINE_MODEL, usage),
      generate: async (request, signal) => (await load()).pool.generateOffline(request, maxChunkChars, signal),
    }),
    close: async () => pool?.close(),
  };
}
