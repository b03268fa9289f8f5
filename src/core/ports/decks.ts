/**
 * Ports for decks and their cards. A row owned by someone else is simply "not found", so a forgotten check
 * cannot leak another user's data.
 */
import type { Card, Deck, DeckListQuery, Difficulty, Page, PageRequest, SourceRef } from '../domain.js';

export interface NewDeck {
  id: string;
  user_id: string;
  title: string;
  description: string | null;
  category: string | null;
  difficulty: Difficulty | null;
  created_at: Date;
}

export type DeckPatch = Partial<Pick<Deck, 'title' | 'description' | 'category' | 'difficulty'>>;

export interface DeckRepository {
  create(deck: NewDeck): Promise<Deck>;
  get(userId: string, deckId: string): Promise<Deck | null>;
  list(userId: string, query: DeckListQuery): Promise<Page<Deck>>;
  update(userId: string, deckId: string, patch: DeckPatch, now: Date): Promise<Deck | null>;
  /** Deletes the deck and all its cards; false when there was no such deck of this user. */
  delete(userId: string, deckId: string): Promise<boolean>;
}

export interface NewCard {
  id: string;
  deck_id: string;
  user_id: string;
  question: string;
  answer: string;
  source: string;
  source_url: string | null;
  source_ref: SourceRef | null;
  created_at: Date;
  /** See Card.anki_guid. */
  anki_guid?: string;
  /** See Card.quality_flags. */
  quality_flags?: string[];
}

export type CardPatch = Partial<Pick<Card, 'question' | 'answer' | 'source' | 'source_url' | 'source_ref' | 'quality_flags'>>;

export interface CardRepository {
  /**
   * Inserts the cards and raises the deck's card_count in one transaction. Returns null (and writes
   * nothing) when the deck does not exist or is not the user's. All cards must share one deck.
   */
  createMany(userId: string, deckId: string, cards: NewCard[]): Promise<Card[] | null>;
  get(userId: string, cardId: string): Promise<Card | null>;
  /** Null when the deck does not exist or is not the user's. Ordered by created_at, then id. */
  listByDeck(userId: string, deckId: string, page: PageRequest): Promise<Page<Card> | null>;
  update(userId: string, cardId: string, patch: CardPatch, now: Date): Promise<Card | null>;
  /** Deletes the card and lowers the deck's card_count in one transaction. */
  delete(userId: string, cardId: string): Promise<boolean>;
}
