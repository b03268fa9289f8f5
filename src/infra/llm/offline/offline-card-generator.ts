/**
 * The offline CardGenerator: no network, no key, deterministic. It extracts cards from the text itself
 * (definitions, section openings, lists, key sentences as cloze), and every card quotes its own words from
 * the segment, with that segment's page and section, so every card grounds. Cards are in the text's language
 * (English, Spanish, French, German, Portuguese or Italian: templates.ts); it cannot translate, so a requested
 * language different from the text's is not honoured.
 */
import {
  brokenRules,
  ruleLanguages,
  type CardDraft,
  type CardGenerator,
  type GenerationRequest,
  type GenerationResult,
  type TokenUsage,
} from '../../../core/index.js';
import { estimateCostUsd } from '../model-prices.js';
import { candidatesOf } from './candidates.js';
import { prepareSegment } from './segment-parts.js';
import { selectCards } from './select-cards.js';
import { isJunkSection } from './sentences.js';
import { CARD_LANGUAGES, detectLanguage } from './text-language.js';

export const OFFLINE_MODEL = 'extractive-v1';

export class OfflineCardGenerator implements CardGenerator {
  readonly provider = 'offline';
  readonly model = OFFLINE_MODEL;

  constructor(readonly maxChunkChars = 12_000) {}

  estimateCostUsd(usage: TokenUsage): number | null {
    return estimateCostUsd(this.model, usage);
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const segments = request.chunk.segments.filter((s) => !isJunkSection(s.section));
    const requested = CARD_LANGUAGES.find((l) => l === request.language) ?? 'en';
    const language = detectLanguage(segments.map((s) => s.text).join('\n')) ?? requested;
    // Only cards passing every card-quality rule, hard and soft: a weaker kind that passes beats a flagged one.
    // Checked as cards are picked, not for every candidate of a book (most are never considered).
    const languages = ruleLanguages(language);
    const passes = (draft: CardDraft) => brokenRules(draft, languages).length === 0;
    const cards = selectCards(candidatesOf(segments.map(prepareSegment), language), request.maxCards, passes);
    return { cards, usage: { inputTokens: 0, outputTokens: 0 } };
  }
}
