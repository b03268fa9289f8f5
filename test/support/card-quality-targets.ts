/**
 * The offline generator's card-quality targets (issue 15), measured the same way by bench/card-quality.ts and
 * the unit test on fixture documents: >= 95% of stored cards pass every rule, cards from at least
 * min(N, max_cards) x 0.8 places (pages, or sections without pages) of the N whose text has facts, no split
 * number, median answer <= 25 words.
 */
import { brokenRules, clozeSplitsWord, coverageOf, ruleLanguages, wordCount } from '../../src/core/index.js';
import type { DraftGenerationReport, ExtractedDocument } from '../../src/core/index.js';

export const QUALITY_TARGETS = { passing: 0.95, coverage: 0.8, medianWords: 25 };

/** A page (or section) "has facts" when it holds two or more sentences of prose, not only headings or numbers. */
export function placesWithFacts(doc: ExtractedDocument): number {
  const byPlace = new Map<string, string>();
  const paged = doc.segments.some((s) => s.page !== null);
  for (const s of doc.segments) {
    const key = paged ? String(s.page) : (s.section ?? '');
    byPlace.set(key, `${byPlace.get(key) ?? ''} ${s.text}`);
  }
  const prose = (text: string) => (text.match(/\p{Ll}{2,}[^.!?]{20,}[.!?]/gu) ?? []).length >= 2;
  return [...byPlace.values()].filter(prose).length;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

export interface DeckQuality {
  cards: number;
  passing: number;
  /** Share of stored cards passing every rule; 1 for a document with nothing to ask and no card. */
  share: number;
  paged: boolean;
  covered: number;
  withFacts: number;
  wantedCoverage: number;
  splitNumbers: number;
  medianAnswerWords: number;
  meetsTargets: boolean;
}

export function deckQuality(doc: ExtractedDocument, report: DraftGenerationReport, maxCards: number): DeckQuality {
  const languages = ruleLanguages(report.language, doc.language);
  const cards = report.cards;
  const passing = cards.filter((c) => brokenRules(c, languages).length === 0).length;
  const paged = doc.segments.some((s) => s.page !== null);
  const coverage = coverageOf(cards);
  const covered = paged ? coverage.pages_with_cards : coverage.sections_with_cards;
  const withFacts = placesWithFacts(doc);
  const wantedCoverage = Math.ceil(Math.min(withFacts, maxCards) * QUALITY_TARGETS.coverage);
  const splitNumbers = cards.filter((c) => clozeSplitsWord(c.question, c.answer)).length;
  const medianAnswerWords = median(cards.map((c) => wordCount(c.answer)));
  const share = cards.length ? passing / cards.length : withFacts === 0 ? 1 : 0;
  const meetsTargets =
    share >= QUALITY_TARGETS.passing && covered >= wantedCoverage && splitNumbers === 0 && medianAnswerWords <= QUALITY_TARGETS.medianWords;
  return { cards: cards.length, passing, share, paged, covered, withFacts, wantedCoverage, splitNumbers, medianAnswerWords, meetsTargets };
}
