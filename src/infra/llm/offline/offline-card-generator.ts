/**
 * The offline CardGenerator: no network, no key, deterministic. It extracts cards from the text itself
 * (definitions, section openings, lists, key sentences as cloze), and every card quotes its own words from
 * the segment, with that segment's page and section, so every card grounds. Cards are in the text's language
 * (English or Spanish); it cannot translate, so a requested language different from the text's is not honoured.
 */
import type { CardGenerator, GenerationRequest, GenerationResult, TokenUsage } from '../../../core/index.js';
import { estimateCostUsd } from '../model-prices.js';
import { candidatesOf } from './candidates.js';
import { prepareSegment } from './segment-parts.js';
import { selectCards } from './select-cards.js';
import { isJunkSection } from './sentences.js';
import { detectLanguage } from './text-language.js';

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
    const requested = request.language === 'es' || request.language === 'en' ? request.language : 'en';
    const language = detectLanguage(segments.map((s) => s.text).join('\n')) ?? requested;
    const cards = selectCards(candidatesOf(segments.map(prepareSegment), language), request.maxCards);
    return { cards, usage: { inputTokens: 0, outputTokens: 0 } };
  }
}
