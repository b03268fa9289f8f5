/**
 * The HTTP app with the document ports, wired by the real composition root: the real format detector and
 * text extractor, the offline card generator, the in-process queue running the core's processDocument, and
 * in-memory storage and repositories (which pass the same contract suites as disk and Postgres; the
 * document repository shares the store of the deck and card repositories, as Postgres shares one database).
 * Settings are small so the limits can be crossed cheaply.
 */
import type { HttpApp, HttpDeps } from '../../src/adapters/http/app.js';
import { validationFailed, type DocumentSettings, type GeneratorRegistry } from '../../src/core/index.js';
import type { CardGenerator } from '../../src/core/index.js';
import { OfflineCardGenerator } from '../../src/infra/llm/index.js';
import { InProcessJobQueue, type InProcessJobQueueOptions } from '../../src/infra/queue/in-process-job-queue.js';
import { MemoryFileStorage } from '../../src/infra/storage/memory-file-storage.js';
import { buildTestApp, type CallResult, type TestApp } from './support.js';

export const MB = 1024 * 1024;
export const TEST_DOCUMENT_SETTINGS: DocumentSettings = {
  maxUploadBytes: 2 * MB,
  maxFilesPerUpload: 10,
  monthlyTokenBudget: null,
  defaultMaxCards: 20,
  generationConcurrency: 2,
};

/** Generators by provider name; the first one is the default, like the configured provider in production. */
export function generatorRegistry(...generators: CardGenerator[]): GeneratorRegistry {
  return {
    get(provider) {
      const generator = provider ? generators.find((g) => g.provider === provider) : generators[0];
      if (!generator) throw validationFailed([{ path: 'provider', message: `"${provider}" is not configured on this server` }]);
      return generator;
    },
  };
}

export interface DocumentTestApp extends TestApp {
  storage: MemoryFileStorage;
  queue: InProcessJobQueue;
}

export interface DocumentTestOptions {
  settings?: Partial<DocumentSettings>;
  generators?: GeneratorRegistry;
  /** In-process queue settings (e.g. a short retryDelayMs). */
  queue?: InProcessJobQueueOptions;
  /** App settings other than the ports (e.g. requestTimeoutMs). */
  http?: Pick<HttpDeps, 'requestTimeoutMs' | 'hsts' | 'rateLimits' | 'live' | 'isShuttingDown' | 'uploadTempDir'>;
  /** Variables on top of TEST_ENV (e.g. OCR: 'on'). */
  env?: Record<string, string>;
}

export function buildDocumentTestApp(options: DocumentTestOptions = {}): DocumentTestApp {
  const storage = new MemoryFileStorage();
  const queue = new InProcessJobQueue({ concurrency: 2, ...options.queue });
  const built = buildTestApp({
    ...options.http,
    env: options.env,
    queue,
    ports: {
      storage,
      generators: options.generators ?? generatorRegistry(new OfflineCardGenerator()),
      documentSettings: { ...TEST_DOCUMENT_SETTINGS, ...options.settings },
    },
  });
  return { ...built, storage, queue };
}

export interface UploadFile {
  name: string;
  bytes: Uint8Array | string;
  /** What the client claims; the server must not trust it. */
  type?: string;
}

export interface UploadOptions {
  token: string;
  /** Part name of every file: "file" or "files". */
  field?: 'file' | 'files';
  /** Sent as a JSON string unless already a string. */
  metadata?: unknown;
  deckId?: string;
  extra?: [string, string | Blob][];
}

export function uploadForm(files: UploadFile[], options: Omit<UploadOptions, 'token'> = {}): FormData {
  const form = new FormData();
  for (const f of files)
    form.append(
      options.field ?? (files.length > 1 ? 'files' : 'file'),
      new File([f.bytes as Uint8Array<ArrayBuffer> | string], f.name, { type: f.type ?? '' }),
    );
  if (options.metadata !== undefined) {
    form.append('metadata', typeof options.metadata === 'string' ? options.metadata : JSON.stringify(options.metadata));
  }
  if (options.deckId !== undefined) form.append('deck_id', options.deckId);
  for (const [name, value] of options.extra ?? []) form.append(name, value);
  return form;
}

export interface RawResult extends CallResult {
  bytes: Uint8Array;
}

/** Any request with any body; the response is kept as bytes too (downloads). */
export async function send(
  app: HttpApp,
  method: string,
  path: string,
  init: { token?: string; body?: RequestInit['body']; headers?: Record<string, string> } = {},
): Promise<RawResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const streamed = init.body instanceof ReadableStream;
  const res = await app.request(path, { method, headers, body: init.body, ...(streamed ? { duplex: 'half' } : {}) } as RequestInit);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const body = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, body, text, bytes };
}

export const upload = (app: HttpApp, files: UploadFile[], options: UploadOptions) =>
  send(app, 'POST', '/api/v1/documents/upload', { token: options.token, body: uploadForm(files, options) });

/** Uploads one file and returns its rendered document; throws unless 201. */
export async function uploadOne(app: HttpApp, token: string, file: UploadFile, options: Omit<UploadOptions, 'token'> = {}) {
  const res = await upload(app, [file], { token, ...options });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return res.body as { documents: any[]; document_ids: string[]; deck_id: string | null };
}

/** A text file made of `size` bytes of readable notes. */
export function notesOfSize(size: number): Uint8Array {
  const line = 'The mitochondrion is the powerhouse of the cell and makes ATP.\n';
  return new TextEncoder().encode(line.repeat(Math.ceil(size / line.length)).slice(0, size));
}

/** Whitespace-insensitive, case-insensitive containment: how grounding compares a quote with the text. */
export const normalised = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The offline generator, reporting a fixed token usage per call like a paid provider would. */
export class MeteredGenerator implements CardGenerator {
  readonly provider = 'metered';
  readonly model = 'metered-1';
  readonly maxChunkChars = 12_000;
  private readonly inner = new OfflineCardGenerator();
  constructor(private readonly tokensPerCall = { inputTokens: 800, outputTokens: 400 }) {}
  async generate(request: Parameters<CardGenerator['generate']>[0]) {
    return { ...(await this.inner.generate(request)), usage: { ...this.tokensPerCall } };
  }
  estimateCostUsd(usage: { inputTokens: number; outputTokens: number }) {
    return (usage.inputTokens * 0.15 + usage.outputTokens * 0.6) / 1_000_000;
  }
}

/** The offline generator held at a gate, so a test can act while a generation is still running. */
export class GatedGenerator implements CardGenerator {
  readonly provider = 'gated';
  readonly model = 'gated-1';
  readonly maxChunkChars = 12_000;
  private readonly inner = new OfflineCardGenerator();
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));
  open(): void {
    this.opened();
  }
  async generate(request: Parameters<CardGenerator['generate']>[0]) {
    await this.gate;
    return this.inner.generate(request);
  }
}
