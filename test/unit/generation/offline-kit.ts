/** Helpers for the offline generator tests: one chunk's cards, and the checks every offline card must pass. */
import { expect } from 'vitest';
import type { ExtractedDocument } from '../../../src/core/index.js';
import type { CardDraft } from '../../../src/core/index.js';
import { chunkDocument } from '../../../src/core/index.js';
import { groundDraft, QUOTE_MAX_CHARS, QUOTE_MIN_CHARS } from '../../../src/core/index.js';
import { normaliseForMatch } from '../../../src/core/index.js';
import { OfflineCardGenerator } from '../../../src/infra/llm/offline/offline-card-generator.js';

export async function draftsOf(doc: ExtractedDocument, maxCards = 50): Promise<CardDraft[]> {
  const generator = new OfflineCardGenerator();
  const [chunk] = chunkDocument(doc, generator.maxChunkChars);
  return (await generator.generate({ documentName: 'notes', language: doc.language ?? 'en', maxCards, chunk: chunk! })).cards;
}

export const byQuestion = (cards: CardDraft[], question: string): CardDraft | undefined => cards.find((c) => c.question === question);

/** Quotes verbatim on the cited page and section, within the quote bounds; answers short enough to read at a glance. */
export function expectUsable(cards: CardDraft[], doc: ExtractedDocument): void {
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) {
    expect(groundDraft(card, doc), card.question).toMatchObject({ status: 'verified', page: card.page, section: card.section });
    const length = normaliseForMatch(card.quote).text.length;
    expect(length, card.quote).toBeGreaterThanOrEqual(QUOTE_MIN_CHARS);
    expect(length, card.quote).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
    expect(card.answer.length, card.answer).toBeLessThanOrEqual(300);
  }
}
