/**
 * The CPU workers' module: each export is a task piscina runs by name in a worker thread. Nothing here keeps
 * state between tasks beyond the (stateless) extractor and generator.
 */
import { workerData } from 'node:worker_threads';
import { DocumentTextExtractor } from '../extract/document-text-extractor.js';
import { OfflineCardGenerator } from '../llm/offline/offline-card-generator.js';
import {
  asOutcome,
  type CpuWorkerData,
  type ExtractOutcome,
  type ExtractTask,
  type GenerateOutcome,
  type OfflineGenerateTask,
} from './task-protocol.js';

// piscina hands each thread the pool's workerData; a thread started some other way reads with the defaults.
const extractor = new DocumentTextExtractor((workerData as CpuWorkerData | null)?.extraction ?? {});
const generators = new Map<number, OfflineCardGenerator>();

export function extract(task: ExtractTask): Promise<ExtractOutcome> {
  return asOutcome(() =>
    extractor.extract(task.bytes, task.format, { onProgress: (done, total) => task.progress.postMessage({ done, total }) }),
  ).finally(() => task.progress.close());
}

export function generateOffline(task: OfflineGenerateTask): Promise<GenerateOutcome> {
  let generator = generators.get(task.maxChunkChars);
  if (!generator) {
    generator = new OfflineCardGenerator(task.maxChunkChars);
    generators.set(task.maxChunkChars, generator);
  }
  const offline = generator;
  return asOutcome(() => offline.generate(task.request));
}
