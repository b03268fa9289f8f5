import { CoreError, isCoreError } from '../errors.js';
import type { NewCard } from '../ports/index.js';
import type { GroundedCard } from '../generation/generate-grounded-drafts.js';
import { draftFromExtracted } from './draft-cards.js';
import { QuestionDeduper } from '../generation/question-dedupe.js';
import type { Document, GenerationOptions } from './document.js';
import type { Ctx, UseCaseArgs } from '../context.js';
import type { CachedGeneration, GenerateCardsJob } from '../ports/index.js';
import type { ExtractedDocument } from '../ports/extraction.js';

/** Share of the progress bar given to reading the file; generation takes the rest up to 99. */
const EXTRACTION_SHARE = 20;
const GENERIC_FAILURE = 'Generating cards failed unexpectedly. Try again; if it keeps failing, the file may be damaged.';

/** A run that yields no card at all must say why, not look like a success with an empty deck. */
function nothingToLearn(rejected: number): CoreError {
  return new CoreError(
    'unprocessable',
    rejected > 0
      ? `No flashcards could be made from this document: ${rejected === 1 ? 'the one proposed card' : `all ${rejected} proposed cards`} quoted text that is not in the document, so nothing was kept.`
      : 'No flashcards could be made from this document: it has too little text with facts to ask about (for example only headings, placeholders or very short notes).',
  );
}

/** Writes progress only when the whole percentage moves, so long documents do not flood the database. */
function progressReporter(ctx: Ctx, doc: Document) {
  let last = doc.progress;
  return async (percent: number) => {
    const value = Math.max(0, Math.min(99, Math.floor(percent)));
    if (value <= last) return;
    last = value;
    // Progress is advisory: a failed write must neither stop the job nor surface as an unhandled rejection.
    await ctx.ports.documents.setProgress(doc.user_id, doc.id, value, ctx.ports.clock.now()).catch(() => undefined);
  };
}

/** Bump when prompts, chunking or grounding change, so results made the old way are not reused. */
export const GENERATION_PIPELINE_VERSION = 1;

export function generationCacheKey(doc: Document, options: GenerationOptions): string {
  return JSON.stringify([GENERATION_PIPELINE_VERSION, doc.sha256, options.provider, options.model, options.max_cards, options.language]);
}

async function draftCards(
  ctx: Ctx,
  doc: Document,
  options: GenerationOptions,
  extracted: ExtractedDocument,
  report: (p: number) => Promise<void>,
): Promise<CachedGeneration> {
  const key = generationCacheKey(doc, options);
  const cached = await ctx.ports.cache.get(doc.user_id, key);
  // A reused result made no model call, so it spends no tokens.
  if (cached) return { ...cached, usage: { inputTokens: 0, outputTokens: 0 } };
  const result = await draftFromExtracted(ctx, extracted, {
    documentName: doc.filename,
    generator: ctx.ports.generators.get(options.provider, options.model),
    language: options.language,
    maxCards: options.max_cards,
    onProgress: (_phase, done, total) => void report(EXTRACTION_SHARE + ((100 - EXTRACTION_SHARE) * done) / total),
  });
  const fresh: CachedGeneration = { drafts: result.cards, cards_rejected: result.rejected, usage: result.usage };
  await ctx.ports.cache.put(doc.user_id, key, fresh);
  return fresh;
}

function toNewCards(ctx: Ctx, doc: Document, deckId: string, drafts: GroundedCard[]): NewCard[] {
  const now = ctx.ports.clock.now();
  return drafts.map((d) => ({
    id: ctx.ports.ids.next(),
    deck_id: deckId,
    user_id: doc.user_id,
    question: d.question,
    answer: d.answer,
    source: d.source,
    source_url: null,
    source_ref: { document_id: doc.id, document_name: doc.filename, page: d.page, section: d.section, quote: d.quote },
    created_at: now,
  }));
}

/**
 * The background job: read the file, draft cards, keep only those whose quote is really in the document,
 * and store them. Safe to run more than once: completion is one transaction that writes nothing the second time.
 */
export async function processDocument({ ctx, input: job }: UseCaseArgs<GenerateCardsJob>): Promise<Document['status'] | 'skipped'> {
  const { documents, clock } = ctx.ports;
  const doc = await documents.markProcessing(job.userId, job.documentId, clock.now());
  if (!doc) return 'skipped'; // deleted, completed by an earlier delivery, or never queued
  const options = doc.generation;
  try {
    if (!options || !doc.storage_key) throw new Error('document has no generation options or file');
    const report = progressReporter(ctx, doc);
    const bytes = await ctx.ports.storage.get(doc.storage_key);
    const extracted = await ctx.ports.extractor.extract(bytes, doc.format, {
      onProgress: (done, total) => void report((EXTRACTION_SHARE * done) / Math.max(total, 1)),
    });
    const generation = await draftCards(ctx, doc, options, extracted, report);
    if (generation.drafts.length === 0) throw nothingToLearn(generation.cards_rejected);
    const deduper = new QuestionDeduper(await documents.deckQuestions(doc.user_id, options.deck_id));
    const fresh = generation.drafts.filter((d) => deduper.add(d.question));
    const usage = generation.usage;
    const generator = ctx.ports.generators.get(options.provider, options.model);
    const stored = await documents.complete(
      doc.user_id,
      doc.id,
      options.deck_id,
      {
        cards: toNewCards(ctx, doc, options.deck_id, fresh),
        cards_rejected: generation.cards_rejected,
        page_count: extracted.pageCount,
        language: extracted.language,
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        estimated_cost_usd: generator.estimateCostUsd?.(usage) ?? null,
      },
      clock.now(),
    );
    // false: an earlier delivery completed it, or the deck was deleted meanwhile (the repository marked it failed).
    return stored ? 'completed' : 'skipped';
  } catch (error) {
    const message = isCoreError(error) ? error.message : GENERIC_FAILURE;
    await documents.markFailed(doc.user_id, doc.id, message, clock.now());
    if (!isCoreError(error)) throw error; // unexpected: let the worker log it with its stack
    return 'failed';
  }
}
