/** Builders for the document and generation-cache suites. */
import { randomUUID } from 'node:crypto';
import type { Document, GenerationOptions, GenerationOutcome, NewDocument } from '../../../src/core/index.js';
import { T0, at, newCard, userWithDeck, type AllRepositories } from './fixtures.js';

export const DECK_DELETED = 'The deck was deleted while cards were being generated.';

export const newDocument = (userId: string, overrides: Partial<NewDocument> = {}): NewDocument => {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    user_id: userId,
    filename: 'Biology101.pdf',
    content_type: 'application/pdf',
    format: 'pdf',
    size_bytes: 123_456,
    sha256: 'a'.repeat(64),
    storage_key: `documents/${userId}/${id}`,
    created_at: T0,
    ...overrides,
  };
};

/** What create must return for a new document: everything about generation at its starting value. */
export const asUploaded = (doc: NewDocument): Document => ({
  ...doc,
  status: 'uploaded',
  progress: 0,
  page_count: null,
  cards_generated: 0,
  cards_rejected: 0,
  rejections: {},
  pages_with_cards: null,
  sections_with_cards: null,
  deck_id: null,
  language: null,
  error_message: null,
  status_detail: null,
  generation: null,
  input_tokens: 0,
  output_tokens: 0,
  estimated_cost_usd: null,
  processed_at: null,
  updated_at: doc.created_at,
});

export const options = (deckId: string, overrides: Partial<GenerationOptions> = {}): GenerationOptions => ({
  deck_id: deckId,
  max_cards: 20,
  language: null,
  provider: 'offline',
  model: 'extractive-v1',
  ...overrides,
});

/** A generation result of `n` fresh cards, as one delivery of the job would build it (new card ids each time). */
export const outcome = (userId: string, deckId: string, n: number, overrides: Partial<GenerationOutcome> = {}): GenerationOutcome => ({
  cards: Array.from({ length: n }, (_, i) => newCard(userId, deckId, { question: `Question ${i + 1} ${randomUUID()}` })),
  cards_rejected: 2,
  rejections: { ungrounded: 1, answer_in_question: 1 },
  pages_with_cards: 3,
  sections_with_cards: 2,
  page_count: 12,
  language: 'en',
  input_tokens: 1200,
  output_tokens: 300,
  estimated_cost_usd: 0.0123,
  ...overrides,
});

/** A user with a deck and one document, uploaded and then taken through the given steps. */
export async function documentIn(
  repos: AllRepositories,
  state: 'uploaded' | 'pending' | 'processing',
  docOverrides: Partial<NewDocument> = {},
) {
  const { user, deck } = await userWithDeck(repos);
  const doc = await repos.documents.create(newDocument(user.id, docOverrides));
  if (state !== 'uploaded') await repos.documents.markPending(user.id, doc.id, options(deck.id), at(1));
  if (state === 'processing') await repos.documents.markProcessing(user.id, doc.id, at(2));
  return { user, deck, doc };
}

export const cardCount = async (repos: AllRepositories, userId: string, deckId: string) =>
  (await repos.decks.get(userId, deckId))?.card_count;

/** Counted from the rows, not from card_count (which listByDeck reports as its total). */
export const storedCards = async (repos: AllRepositories, userId: string, deckId: string) =>
  (await repos.cards.listByDeck(userId, deckId, { limit: 100, offset: 0 }))?.items.length;
