/**
 * Whole-document generation: chunk, ask the generator (capped concurrency), render every draft to plain text,
 * ground it against the document, check it against the card-quality rules (quality/card-quality.ts), drop
 * near-duplicate questions, and spread what is left over the document. Every dropped draft is counted under
 * its reason. What comes out is what may be stored; storage, queues and progress persistence belong to the caller.
 */
import type { ExtractedDocument } from '../ports/extraction.js';
import type { CardDraft, CardGenerator, GenerationChunk, GenerationRequest, TokenUsage } from '../ports/generation.js';
import { chunkChars, chunkDocument } from './chunk-document.js';
import { formatSource } from './format-source.js';
import { groundDraft, prepareGrounding, type GroundingResult } from './grounding.js';
import { checkCard, type QualityFlag, type RejectionReason } from './quality/card-quality.js';
import { ruleLanguages } from './quality/card-words.js';
import { spreadOverDocument } from './quality/coverage.js';
import { renderPlainText } from './quality/plain-text.js';
import { QuestionDeduper } from './question-dedupe.js';
import { runWithConcurrency } from './run-with-concurrency.js';

export interface GroundedCard extends CardDraft {
  /** "<document> - Page X, Section Y". */
  source: string;
  /** 'corrected' when the generator cited another page than the one the quote is on. */
  grounding: 'verified' | 'corrected';
  /** Soft quality rules the card breaks (kept, shown to the student); empty for a clean card. */
  quality_flags: QualityFlag[];
}

export interface DraftGenerationInput {
  doc: ExtractedDocument;
  documentName: string;
  generator: CardGenerator;
  /** Language of the cards; defaults to the document's language, then English. */
  language?: string | null;
  /** Upper bound for the whole document, shared among chunks in proportion to their length. */
  maxCards: number;
  /** Model calls in flight at once. */
  concurrency?: number;
  /** Questions already in the target deck, so near-duplicates of them are not added. */
  existingQuestions?: Iterable<string>;
  onProgress?: (progress: { chunksDone: number; chunksTotal: number }) => void;
  /** A model call is being retried (see GenerationRequest.onRetry). */
  onModelRetry?: GenerationRequest['onRetry'];
  signal?: AbortSignal;
}

export interface DraftGenerationReport {
  cards: GroundedCard[];
  /** Drafts dropped (the document's `cards_rejected`): the sum of `rejections`. */
  rejected: number;
  /** Dropped drafts by reason: ungrounded, a hard quality rule, near_duplicate. */
  rejections: Partial<Record<RejectionReason, number>>;
  /** Drafts dropped as near-duplicates of a question already kept (also in `rejections.near_duplicate`). */
  duplicates: number;
  usage: TokenUsage;
  chunks: GenerationChunk[];
  language: string;
}

export const DEFAULT_GENERATION_CONCURRENCY = 4;

function cardsPerChunk(chunks: GenerationChunk[], maxCards: number): number[] {
  const total = chunks.reduce((n, c) => n + chunkChars(c), 0) || 1;
  return chunks.map((c) => Math.max(1, Math.ceil((maxCards * chunkChars(c)) / total)));
}

export async function generateGroundedDrafts(input: DraftGenerationInput): Promise<DraftGenerationReport> {
  const { doc, generator } = input;
  const language = input.language || doc.language || 'en';
  const chunks = chunkDocument(doc, generator.maxChunkChars);
  const budgets = cardsPerChunk(chunks, input.maxCards);
  let chunksDone = 0;
  // Indexed while the first replies are awaited, in slices, instead of all at once when the first one arrives.
  const indexed = prepareGrounding(doc);
  const languages = ruleLanguages(language, doc.language);

  const results = await runWithConcurrency(
    chunks,
    input.concurrency ?? DEFAULT_GENERATION_CONCURRENCY,
    async (chunk, i, signal) => {
      const result = await generator.generate(
        { documentName: input.documentName, language, maxCards: budgets[i]!, chunk, onRetry: input.onModelRetry },
        signal,
      );
      await indexed;
      // Grounded as each reply arrives, so the work overlaps the other calls still in flight.
      const judged = result.cards.map((draft) => judgeDraft(draft, doc, languages));
      input.onProgress?.({ chunksDone: ++chunksDone, chunksTotal: chunks.length });
      return { usage: result.usage, judged };
    },
    input.signal,
  );

  const report: DraftGenerationReport = {
    cards: [],
    rejected: 0,
    rejections: {},
    duplicates: 0,
    usage: { inputTokens: 0, outputTokens: 0 },
    chunks,
    language,
  };
  const reject = (reason: RejectionReason) => {
    report.rejected++;
    report.rejections[reason] = (report.rejections[reason] ?? 0) + 1;
  };
  const deduper = new QuestionDeduper(input.existingQuestions);
  const pageLabel = input.doc.pageKind === 'slide' ? 'Slide' : 'Page';
  const kept: GroundedCard[] = [];
  for (const result of results) {
    report.usage.inputTokens += result.usage.inputTokens;
    report.usage.outputTokens += result.usage.outputTokens;
    // De-duplicated in document order, whatever order the replies came in.
    for (const judged of result.judged) {
      if ('reason' in judged) reject(judged.reason);
      else if (!deduper.add(judged.card.question)) reject('near_duplicate');
      else kept.push({ ...judged.card, source: formatSource(input.documentName, judged.card.page, judged.card.section, pageLabel) });
    }
  }
  report.duplicates = report.rejections.near_duplicate ?? 0;
  report.cards = spreadOverDocument(kept, input.maxCards);
  return report;
}

type Judged = { card: Omit<GroundedCard, 'source'> } | { reason: RejectionReason };

/** One draft: plain text, then grounding, then the hard rules; soft rules become flags. */
function judgeDraft(draft: CardDraft, doc: ExtractedDocument, languages: ReturnType<typeof ruleLanguages>): Judged {
  const grounded: GroundingResult = groundDraft(draft, doc);
  if (grounded.status === 'rejected') return { reason: 'ungrounded' };
  const text = { question: renderPlainText(draft.question), answer: renderPlainText(draft.answer) };
  const verdict = checkCard(text, languages);
  if (verdict.rejection) return { reason: verdict.rejection };
  const { page, section, quote } = grounded;
  return { card: { ...text, page, section, quote, grounding: grounded.status, quality_flags: verdict.flags } };
}
