/**
 * Reading a file and drafting grounded cards from it: the pipeline the background job runs (processDocument,
 * which adds the cache and storage around it) and `opendeck generate` runs on its own (draftCardsFromFile),
 * with the same option rules (GenerationOptions limits) and the same generators.
 */
import type { UseCaseArgs } from '../context.js';
import type { Ctx } from '../context.js';
import { generateGroundedDrafts, type DraftGenerationReport } from '../generation/generate-grounded-drafts.js';
import type { CardGenerator } from '../ports/generation.js';
import type { ExtractedDocument } from '../ports/extraction.js';
import { parseInput } from '../validate.js';
import { draftOptionsInput } from './document-schemas.js';
import { cleanFilename } from './upload-documents.js';

export type DraftPhase = 'reading' | 'generating';
export type DraftProgress = (phase: DraftPhase, done: number, total: number) => void;

export interface DraftRun {
  documentName: string;
  generator: CardGenerator;
  language: string | null;
  maxCards: number;
  onProgress?: DraftProgress;
  /** Told when a failed model call is retried (the provider is failing). */
  onModelRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** Extracts the text, then drafts and grounds cards; nothing is stored. */
export async function extractAndDraft(ctx: Ctx, bytes: Uint8Array, format: ExtractedDocument['format'], run: DraftRun) {
  const extracted = await ctx.ports.extractor.extract(bytes, format, {
    onProgress: (done, total) => run.onProgress?.('reading', done, total),
  });
  const report = await draftFromExtracted(ctx, extracted, run);
  return { extracted, report };
}

export async function draftFromExtracted(ctx: Ctx, extracted: ExtractedDocument, run: DraftRun): Promise<DraftGenerationReport> {
  const report = await generateGroundedDrafts({
    doc: extracted,
    documentName: run.documentName,
    generator: run.generator,
    language: run.language,
    maxCards: run.maxCards,
    concurrency: ctx.ports.documentSettings.generationConcurrency,
    onProgress: ({ chunksDone, chunksTotal }) => run.onProgress?.('generating', chunksDone, chunksTotal),
    onModelRetry: run.onModelRetry,
  });
  return report;
}

export interface DraftCardsInput {
  filename: string;
  bytes: Uint8Array;
  /** max_cards, language, provider and model, checked as the API checks them. */
  options: unknown;
  onProgress?: DraftProgress;
}

export interface DraftCardsResult {
  documentName: string;
  pageCount: number | null;
  /** What the pages are (slides?) and how each was read (OCR?): for the cards' page facts and the warnings. */
  reading: Pick<ExtractedDocument, 'pageKind' | 'pages' | 'warnings'>;
  generator: { provider: string; model: string };
  report: DraftGenerationReport;
}

/** Cards from one file with no database or queue: `opendeck generate`. Same detection, limits and pipeline as an upload. */
export async function draftCardsFromFile({ ctx, input }: UseCaseArgs<DraftCardsInput>): Promise<DraftCardsResult> {
  const options = parseInput(draftOptionsInput, input.options ?? {});
  const documentName = cleanFilename(input.filename);
  const format = await ctx.ports.detector.detect(input.bytes, documentName);
  const generator = ctx.ports.generators.get(options.provider, options.model);
  const { extracted, report } = await extractAndDraft(ctx, input.bytes, format, {
    documentName,
    generator,
    language: options.language ?? null,
    maxCards: options.max_cards ?? ctx.ports.documentSettings.defaultMaxCards,
    onProgress: input.onProgress,
  });
  const reading = { pageKind: extracted.pageKind, pages: extracted.pages, warnings: extracted.warnings };
  return {
    documentName,
    pageCount: extracted.pageCount,
    reading,
    generator: { provider: generator.provider, model: generator.model },
    report,
  };
}
