import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../ids.js';
import { parseInput } from '../validate.js';
import { DECK_NOT_FOUND } from '../decks/get-deck.js';
import { CONTENT_TYPES, type Document } from './document.js';
import type { Ctx } from '../context.js';
import type { DocumentFormat } from '../ports/extraction.js';
import { generateInput, type GenerateInput } from './document-schemas.js';
import { assertWithinTokenBudget, requestGeneration } from './request-generation.js';

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

export interface UploadInput {
  files: UploadedFile[];
  /** New-deck fields (title, description, category, difficulty); asks for generation into a new deck. */
  metadata?: unknown;
  /** An own deck; asks for generation into it. */
  deck_id?: string;
}

export interface UploadResult {
  documents: Document[];
  document_ids: string[];
  deck_id: string | null;
}

/** A display name only: path parts and control characters go, so it can never act as a path. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);
  return cleaned || 'document';
}

async function checkFile(ctx: Ctx, file: UploadedFile, index: number): Promise<DocumentFormat> {
  const { maxUploadBytes } = ctx.ports.documentSettings;
  const name = cleanFilename(file.filename);
  if (file.bytes.byteLength === 0) {
    throw validationFailed([{ path: `files.${index}`, message: `${name} is empty` }]);
  }
  if (file.bytes.byteLength > maxUploadBytes) {
    throw new CoreError(
      'payload_too_large',
      `${name} is ${(file.bytes.byteLength / 1048576).toFixed(1)} MB; files may be at most ${maxUploadBytes / 1048576} MB.`,
    );
  }
  return ctx.ports.detector.detect(file.bytes, name);
}

/** The generation options of an upload, checked in full before anything is stored; null when none. */
async function checkGenerationRequest(ctx: Ctx, userId: string, input: UploadInput): Promise<GenerateInput | null> {
  if (input.metadata === undefined && input.deck_id === undefined) return null;
  if (input.metadata !== undefined && (typeof input.metadata !== 'object' || input.metadata === null || Array.isArray(input.metadata))) {
    throw validationFailed([{ path: 'metadata', message: 'must be a JSON object with deck fields such as title' }]);
  }
  const options = parseInput(generateInput, { ...(input.metadata as object | undefined), deck_id: input.deck_id });
  if (options.deck_id && !(isUuid(options.deck_id) && (await ctx.ports.decks.get(userId, options.deck_id)))) {
    throw notFound(DECK_NOT_FOUND);
  }
  await assertWithinTokenBudget(ctx, userId);
  return options;
}

/**
 * Stores the files and, when deck fields or a deck id come along, queues generation for all of them into one
 * deck. Every file is checked before any is stored, so a bad file in a batch stores nothing.
 */
export async function uploadDocuments({ ctx, input }: UseCaseArgs<UploadInput>): Promise<UploadResult> {
  const userId = requireUser(ctx);
  const { maxFilesPerUpload } = ctx.ports.documentSettings;
  if (input.files.length === 0) throw validationFailed([{ path: 'file', message: 'is required: attach a file' }]);
  if (input.files.length > maxFilesPerUpload) {
    throw validationFailed([{ path: 'files', message: `at most ${maxFilesPerUpload} files per upload` }]);
  }
  const formats: DocumentFormat[] = [];
  for (const [i, file] of input.files.entries()) formats.push(await checkFile(ctx, file, i));
  const generation = await checkGenerationRequest(ctx, userId, input);

  const documents: Document[] = [];
  for (const [i, file] of input.files.entries()) {
    const id = ctx.ports.ids.next();
    const format = formats[i]!;
    const storageKey = `documents/${userId}/${id}`;
    await ctx.ports.storage.put(storageKey, file.bytes, CONTENT_TYPES[format]);
    documents.push(
      await ctx.ports.documents.create({
        id,
        user_id: userId,
        filename: cleanFilename(file.filename),
        content_type: CONTENT_TYPES[format],
        format,
        size_bytes: file.bytes.byteLength,
        sha256: ctx.ports.digest.sha256(file.bytes),
        storage_key: storageKey,
        created_at: ctx.ports.clock.now(),
      }),
    );
  }

  if (!generation) return { documents, document_ids: documents.map((d) => d.id), deck_id: null };

  // The first request creates the deck (or checks the given one); the rest go into the same deck.
  let options: GenerateInput = generation;
  const queued: Document[] = [];
  for (const doc of documents) {
    const pending = await requestGeneration(ctx, doc, options);
    const { max_cards, language, provider } = options;
    options = { max_cards, language, provider, deck_id: pending.generation!.deck_id };
    queued.push(pending);
  }
  return { documents: queued, document_ids: queued.map((d) => d.id), deck_id: options.deck_id ?? null };
}
