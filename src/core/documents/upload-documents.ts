import { requireUser, type UseCaseArgs } from '../context.js';
import { CoreError, validationFailed } from '../errors.js';
import { parseInput } from '../validate.js';
import { CONTENT_TYPES, type Document } from './document.js';
import type { Ctx } from '../context.js';
import type { DocumentFormat } from '../ports/extraction.js';
import { generateInput, type GenerateInput } from './document-schemas.js';
import { checkGeneration, queueGeneration, settleGeneration } from './request-generation.js';
import { contentSize, isStagedFile, type FileContent } from '../ports/uploads.js';

export interface UploadedFile {
  filename: string;
  /** Bytes (a presigned upload read back from storage) or, for uploads through the API, a staged file. */
  content: FileContent;
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
  const size = contentSize(file.content);
  if (size === 0) {
    throw validationFailed([{ path: `files.${index}`, message: `${name} is empty` }]);
  }
  if (size > maxUploadBytes) {
    throw new CoreError(
      'payload_too_large',
      `${name} is ${(size / 1048576).toFixed(1)} MB; files may be at most ${maxUploadBytes / 1048576} MB.`,
    );
  }
  return ctx.ports.detector.detect(file.content, name);
}

/** The generation options of an upload, checked in full before anything is stored; null when none. */
async function checkGenerationRequest(ctx: Ctx, input: UploadInput): Promise<GenerateInput | null> {
  if (input.metadata === undefined && input.deck_id === undefined) return null;
  if (input.metadata !== undefined && (typeof input.metadata !== 'object' || input.metadata === null || Array.isArray(input.metadata))) {
    throw validationFailed([{ path: 'metadata', message: 'must be a JSON object with deck fields such as title' }]);
  }
  const options = parseInput(generateInput, { ...(input.metadata as object | undefined), deck_id: input.deck_id });
  await checkGeneration(ctx, options);
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
  const generation = await checkGenerationRequest(ctx, input);

  const documents: Document[] = [];
  for (const [i, file] of input.files.entries()) {
    const id = ctx.ports.ids.next();
    const format = formats[i]!;
    const storageKey = `documents/${userId}/${id}`;
    await ctx.ports.storage.put(storageKey, file.content, CONTENT_TYPES[format]);
    documents.push(
      await ctx.ports.documents.create({
        id,
        user_id: userId,
        filename: cleanFilename(file.filename),
        content_type: CONTENT_TYPES[format],
        format,
        size_bytes: contentSize(file.content),
        sha256: isStagedFile(file.content) ? file.content.sha256 : ctx.ports.digest.sha256(file.content),
        storage_key: storageKey,
        created_at: ctx.ports.clock.now(),
      }),
    );
  }

  if (!generation) return { documents, document_ids: documents.map((d) => d.id), deck_id: null };

  // Checked once above, before any file was stored; every file goes into the same deck.
  // Several files: the user is told once, when the last of them has finished.
  const batch = documents.length > 1 ? { id: ctx.ports.ids.next(), document_ids: documents.map((d) => d.id) } : undefined;
  const options = await settleGeneration(ctx, generation, documents[0]!, batch);
  const queued: Document[] = [];
  for (const doc of documents) queued.push(await queueGeneration(ctx, doc, options));
  return { documents: queued, document_ids: queued.map((d) => d.id), deck_id: options.deck_id };
}
