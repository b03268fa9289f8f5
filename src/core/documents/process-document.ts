import { CoreError, isCoreError } from '../errors.js';
import type { NewCard } from '../ports/index.js';
import type { GroundedCard } from '../generation/generate-grounded-drafts.js';
import { draftFromExtracted } from './draft-cards.js';
import { QuestionDeduper } from '../generation/question-dedupe.js';
import { coverageOf } from '../generation/quality/coverage.js';
import type { Document, GenerationOptions } from './document.js';
import type { Ctx, UseCaseArgs } from '../context.js';
import type { CachedGeneration, FailureFacts, GenerateCardsJob } from '../ports/index.js';
import type { ExtractedDocument } from '../ports/extraction.js';
import { announceNotification, publishLive } from '../notifications/announce.js';
import { completedNotice, failedNotice, modelDelayNotice } from '../notifications/document-notices.js';
import { announceOutcome, failedState, finishBatchOf } from './announce-outcome.js';
import { pageFacts, warningsDetail } from './page-citation.js';
import { gaveUpMessage, outageRetryDelay, retryLater, waitingDetail } from './outage-retry.js';

/** Share of the progress bar given to reading the file; generation takes the rest up to 99. */
const EXTRACTION_SHARE = 20;
const GENERIC_FAILURE = 'Generating cards failed unexpectedly. Try again; if it keeps failing, the file may be damaged.';

/** What each reason a proposed card was dropped for means, in a sentence about the cards ("3 ..."). */
const REASON_WORDS: Record<string, string> = {
  ungrounded: 'quoted text that is not in the document',
  near_duplicate: 'repeated another card',
  answer_in_question: 'gave the answer away in the question',
  refers_to_document: 'pointed at "the text" instead of standing on their own',
};

/** A run that yields no card at all must say why, not look like a success with an empty deck. */
function nothingToLearn(rejected: number, rejections: Record<string, number> = {}): CoreError {
  const reasons = Object.entries(rejections).filter(([, n]) => n > 0);
  const cards = rejected === 1 ? 'the one proposed card' : `all ${rejected} proposed cards`;
  const why =
    reasons.length <= 1 && (reasons[0]?.[0] ?? 'ungrounded') === 'ungrounded'
      ? `${cards} quoted text that is not in the document, so nothing was kept.`
      : `${cards} ${rejected === 1 ? 'was' : 'were'} dropped (${reasons
          .map(([reason, n]) => `${n} ${REASON_WORDS[reason] ?? `broke the card-quality rule ${reason}`}`)
          .join(', ')}), so nothing was kept.`;
  return new CoreError(
    'unprocessable',
    rejected > 0
      ? `No flashcards could be made from this document: ${why}`
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
    await publishLive(ctx, doc.user_id, {
      type: 'document.progress',
      data: { document_id: doc.id, status: 'processing', progress: value },
    });
  };
}

/** On the first retry that waits (a failing provider, not a malformed reply), the user is warned once. */
function warnOnceOfDelay(ctx: Ctx, doc: Document) {
  let warned = false;
  return ({ delayMs }: { delayMs: number }) => {
    if (warned || delayMs <= 0) return;
    warned = true;
    const notice = modelDelayNotice(ctx, doc);
    // Advisory like progress: a failed write must not stop the job.
    void ctx.ports.notifications
      .create(notice)
      .then((stored) => (stored ? announceNotification(ctx, notice) : undefined))
      .catch(() => undefined);
  };
}

/** A completion that adds nothing must say why rather than look like an empty success. */
export const ALL_DUPLICATES_DETAIL =
  'No card was added: every card made from this document was already in the deck (the same or nearly the same question).';

const joinDetails = (...parts: (string | null)[]): string | null => parts.filter((p) => p !== null).join(' ') || null;

/** Bump when prompts, chunking or grounding change, so results made the old way are not reused. */
export const GENERATION_PIPELINE_VERSION = 2;

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
    onModelRetry: warnOnceOfDelay(ctx, doc),
  });
  const fresh: CachedGeneration = {
    drafts: result.cards,
    cards_rejected: result.rejected,
    rejections: result.rejections,
    usage: result.usage,
  };
  await ctx.ports.cache.put(doc.user_id, key, fresh);
  return fresh;
}

function toNewCards(ctx: Ctx, doc: Document, deckId: string, drafts: GroundedCard[], extracted: ExtractedDocument): NewCard[] {
  const now = ctx.ports.clock.now();
  return drafts.map((d) => ({
    id: ctx.ports.ids.next(),
    deck_id: deckId,
    user_id: doc.user_id,
    question: d.question,
    answer: d.answer,
    source: d.source,
    source_url: null,
    source_ref: {
      document_id: doc.id,
      document_name: doc.filename,
      page: d.page,
      section: d.section,
      quote: d.quote,
      ...pageFacts(extracted, d.page),
    },
    created_at: now,
    ...(d.quality_flags?.length ? { quality_flags: d.quality_flags } : {}),
  }));
}

/**
 * The background job: read the file, draft cards, keep only those whose quote is really in the document,
 * and store them. Safe to run more than once: completion is one transaction that writes nothing the second time.
 * When the AI provider is down it throws a CoreError with `retryAfterSeconds` (see outage-retry.ts): the
 * queue runs the job again after that long, with `attempt` one higher.
 */
export interface ProcessDocumentInput extends GenerateCardsJob {
  /**
   * Whether a failure may pass if tried again later (the job adapter's decision table). Such a run waits
   * (outage-retry.ts: 30 s growing to 15 min, with the reason in status_detail while the document stays
   * processing) and its error is thrown with retryAfterSeconds for the queue; past the last wait it fails.
   * Absent: every failure is final.
   */
  mayRetry?: (error: CoreError) => boolean;
}

export async function processDocument({ ctx, input: job }: UseCaseArgs<ProcessDocumentInput>): Promise<Document['status'] | 'skipped'> {
  const { documents, clock } = ctx.ports;
  const doc = await documents.markProcessing(job.userId, job.documentId, clock.now());
  if (!doc) {
    // Deleted, never queued, or finished by an earlier delivery: that one may have died before its batch check.
    await finishBatchOf(ctx, await documents.get(job.userId, job.documentId));
    return 'skipped';
  }
  await publishLive(ctx, doc.user_id, {
    type: 'document.progress',
    data: { document_id: doc.id, status: 'processing', progress: doc.progress },
  });
  const options = doc.generation;
  // One notification per document, unless it is one file of several uploaded together: the batch gets one.
  const notifyAlone = !options?.batch;
  // What the run learnt before it failed, recorded on the failed document as a completion would record it.
  const facts: FailureFacts = {};
  try {
    if (!options || !doc.storage_key) throw new Error('document has no generation options or file');
    const report = progressReporter(ctx, doc);
    const bytes = await ctx.ports.storage.get(doc.storage_key);
    const extracted = await ctx.ports.extractor.extract(bytes, doc.format, {
      onProgress: (done, total) => void report((EXTRACTION_SHARE * done) / Math.max(total, 1)),
    });
    Object.assign(facts, { page_count: extracted.pageCount, language: extracted.language });
    const generation = await draftCards(ctx, doc, options, extracted, report);
    const rejections = generation.rejections ?? {};
    Object.assign(facts, { cards_rejected: generation.cards_rejected, rejections });
    if (generation.drafts.length === 0) throw nothingToLearn(generation.cards_rejected, rejections);
    const deduper = new QuestionDeduper(await documents.deckQuestions(doc.user_id, options.deck_id));
    const fresh = generation.drafts.filter((d) => deduper.add(d.question));
    const usage = generation.usage;
    const generator = ctx.ports.generators.get(options.provider, options.model);
    const notification = notifyAlone ? completedNotice(ctx, doc, options.deck_id, fresh.length) : null;
    const stored = await documents.complete(
      doc.user_id,
      doc.id,
      options.deck_id,
      {
        cards: toNewCards(ctx, doc, options.deck_id, fresh, extracted),
        cards_rejected: generation.cards_rejected,
        rejections,
        ...coverageOf(fresh),
        page_count: extracted.pageCount,
        language: extracted.language,
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        estimated_cost_usd: generator.estimateCostUsd?.(usage) ?? null,
        notification,
        detail: joinDetails(fresh.length === 0 ? ALL_DUPLICATES_DETAIL : null, warningsDetail(extracted)),
      },
      clock.now(),
    );
    // false: an earlier delivery completed it, or the deck was deleted meanwhile (the repository marked it failed).
    const completed = {
      status: 'completed' as const,
      progress: 100,
      deck_id: options.deck_id,
      cards_generated: fresh.length,
      error_message: null,
    };
    await announceOutcome(ctx, doc, stored ? completed : null, stored ? notification : null);
    return stored ? 'completed' : 'skipped';
  } catch (error) {
    // The job adapter's table (adapters/worker/job-retry.ts) says which failures may pass; outage-retry.ts says when.
    const retrying = isCoreError(error) && job.mayRetry?.(error) === true;
    const delay = retrying ? outageRetryDelay(job.attempt ?? 1) : null;
    if (retrying && delay !== null) {
      await documents.markWaiting(doc.user_id, doc.id, waitingDetail(delay), clock.now());
      throw retryLater(error as CoreError, delay);
    }
    const message = retrying ? gaveUpMessage() : isCoreError(error) ? error.message : GENERIC_FAILURE;
    const notification = notifyAlone ? failedNotice(ctx, doc, message) : null;
    const ended = await documents.markFailed(doc.user_id, doc.id, message, clock.now(), notification, facts);
    await announceOutcome(ctx, doc, ended ? failedState(doc, message) : null, ended ? notification : null);
    if (!isCoreError(error)) throw error; // unexpected: let the worker log it with its stack
    return 'failed';
  }
}
