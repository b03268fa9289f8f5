/**
 * Whole-document generation: chunk, ask the generator (capped concurrency), ground every draft against the
 * document, drop near-duplicate questions. What comes out is what may be stored; storage, queues and progress
 * persistence belong to the caller.
 */
import type { ExtractedDocument } from '../ports/extraction.js';
import type { CardDraft, CardGenerator, GenerationChunk, TokenUsage } from '../ports/generation.js';
import { chunkChars, chunkDocument } from './chunk-document.js';
import { formatSource } from './format-source.js';
import { groundDraft, type GroundingRejection } from './grounding.js';
import { QuestionDeduper } from './question-dedupe.js';
import { runWithConcurrency } from './run-with-concurrency.js';

export interface GroundedCard extends CardDraft {
  /** "<document> - Page X, Section Y". */
  source: string;
  /** 'corrected' when the generator cited another page than the one the quote is on. */
  grounding: 'verified' | 'corrected';
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
  signal?: AbortSignal;
}

export interface DraftGenerationReport {
  cards: GroundedCard[];
  /** Drafts whose quote could not be verified (the document's `cards_rejected`), by reason. */
  rejected: number;
  rejections: Partial<Record<GroundingRejection, number>>;
  /** Drafts dropped as near-duplicates of a question already kept. */
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

  const results = await runWithConcurrency(
    chunks,
    input.concurrency ?? DEFAULT_GENERATION_CONCURRENCY,
    async (chunk, i, signal) => {
      const result = await generator.generate({ documentName: input.documentName, language, maxCards: budgets[i]!, chunk }, signal);
      // Grounded as each reply arrives, so the work overlaps the other calls still in flight.
      const grounded = result.cards.map((draft) => ({ draft, grounding: groundDraft(draft, doc) }));
      input.onProgress?.({ chunksDone: ++chunksDone, chunksTotal: chunks.length });
      return { usage: result.usage, grounded };
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
  const deduper = new QuestionDeduper(input.existingQuestions);
  for (const result of results) {
    report.usage.inputTokens += result.usage.inputTokens;
    report.usage.outputTokens += result.usage.outputTokens;
    // Kept, capped and de-duplicated in document order, whatever order the replies came in.
    for (const { draft, grounding: grounded } of result.grounded) {
      if (grounded.status === 'rejected') {
        report.rejected++;
        report.rejections[grounded.reason] = (report.rejections[grounded.reason] ?? 0) + 1;
        continue;
      }
      if (report.cards.length >= input.maxCards) continue;
      if (!deduper.add(draft.question)) {
        report.duplicates++;
        continue;
      }
      const { page, section, quote } = grounded;
      report.cards.push({
        question: draft.question,
        answer: draft.answer,
        page,
        section,
        quote,
        source: formatSource(input.documentName, page, section),
        grounding: grounded.status,
      });
    }
  }
  return report;
}
