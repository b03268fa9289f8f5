/**
 * What crosses between the main thread and the CPU workers. Structured cloning keeps an Error's message but
 * not its class or code, so a CoreError (the sentence the user reads, e.g. "This PDF is password-protected")
 * travels as data and is rebuilt on the main thread; any other error stays an unexpected failure.
 */
import type { MessagePort } from 'node:worker_threads';
import type { DocumentFormat, ExtractedDocument } from '../../core/index.js';
import { CoreError, isCoreError, type CoreErrorDetails, type ErrorCode } from '../../core/index.js';
import type { GenerationRequest, GenerationResult } from '../../core/index.js';
import type { DocumentTextExtractorOptions } from '../extract/document-text-extractor.js';

/** What every thread is started with. */
export interface CpuWorkerData {
  extraction: DocumentTextExtractorOptions;
}

export interface ExtractTask {
  bytes: Uint8Array;
  format: DocumentFormat;
  /** Receives `{ done, total }` as pages are read. */
  progress: MessagePort;
}

export interface OfflineGenerateTask {
  request: GenerationRequest;
  maxChunkChars: number;
}

export type TaskOutcome<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; details: CoreErrorDetails } };

export type ExtractOutcome = TaskOutcome<ExtractedDocument>;
export type GenerateOutcome = TaskOutcome<GenerationResult>;

/** Runs `work` in the worker: a CoreError becomes data, anything else is thrown as it is. */
export async function asOutcome<T>(work: () => Promise<T>): Promise<TaskOutcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!isCoreError(error)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
  }
}

/** On the main thread: the value, or the CoreError the worker raised. */
export function unwrap<T>(outcome: TaskOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new CoreError(outcome.error.code, outcome.error.message, outcome.error.details);
}
