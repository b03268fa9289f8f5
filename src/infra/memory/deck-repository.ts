import type { Deck, DeckListQuery, DeckPatch, DeckRepository } from '../../core/index.js';
import { compareIds, copyDate, definedFields, dropStudyOfCards, idKey, paginate, type MemoryStore } from './store.js';

const DECK_PATCH_KEYS: (keyof DeckPatch)[] = ['title', 'description', 'category', 'difficulty'];

export const copyDeck = (d: Deck): Deck => ({ ...d, created_at: copyDate(d.created_at), updated_at: copyDate(d.updated_at) });

/** Same meaning as the SQL: category equal ignoring case, q a case-insensitive literal substring. */
function matches(deck: Deck, query: DeckListQuery): boolean {
  if (query.category !== undefined && deck.category?.toLowerCase() !== query.category.toLowerCase()) return false;
  if (query.difficulty !== undefined && deck.difficulty !== query.difficulty) return false;
  if (query.q !== undefined) {
    const needle = query.q.toLowerCase();
    const inTitle = deck.title.toLowerCase().includes(needle);
    const inDescription = deck.description?.toLowerCase().includes(needle) ?? false;
    if (!inTitle && !inDescription) return false;
  }
  return true;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Titles sort ignoring case; equal keys fall back to the id so that pages never overlap or skip. */
function compareBy(query: DeckListQuery): (a: Deck, b: Deck) => number {
  const direction = query.order === 'asc' ? 1 : -1;
  const key = (a: Deck, b: Deck): number => {
    if (query.sort === 'title') return compareText(a.title.toLowerCase(), b.title.toLowerCase());
    return a[query.sort].getTime() - b[query.sort].getTime();
  };
  return (a, b) => direction * (key(a, b) || compareIds(a.id, b.id));
}

export function createMemoryDeckRepository(store: MemoryStore): DeckRepository {
  const owned = (userId: string, deckId: string): Deck | null => {
    const deck = store.decks.get(idKey(deckId));
    return deck && idKey(deck.user_id) === idKey(userId) ? deck : null;
  };

  return {
    async create(deck) {
      const stored: Deck = { ...deck, card_count: 0, created_at: copyDate(deck.created_at), updated_at: copyDate(deck.created_at) };
      store.decks.set(idKey(deck.id), stored);
      return copyDeck(stored);
    },
    async get(userId, deckId) {
      const deck = owned(userId, deckId);
      return deck ? copyDeck(deck) : null;
    },
    async list(userId, query) {
      const mine = [...store.decks.values()].filter((d) => idKey(d.user_id) === idKey(userId) && matches(d, query));
      const { items, total } = paginate(mine.sort(compareBy(query)), query.offset, query.limit);
      return { items: items.map(copyDeck), total, limit: query.limit, offset: query.offset };
    },
    async update(userId, deckId, patch, now) {
      const deck = owned(userId, deckId);
      if (!deck) return null;
      Object.assign(deck, definedFields(patch, DECK_PATCH_KEYS));
      deck.updated_at = copyDate(now);
      return copyDeck(deck);
    },
    async delete(userId, deckId) {
      const deck = owned(userId, deckId);
      if (!deck) return false;
      store.decks.delete(idKey(deck.id));
      const dropped = new Set<string>();
      for (const [key, card] of store.cards) {
        if (idKey(card.deck_id) === idKey(deck.id)) {
          store.cards.delete(key);
          dropped.add(key);
        }
      }
      dropStudyOfCards(store, dropped);
      for (const [key, session] of store.studySessions) if (idKey(session.deck_id) === idKey(deck.id)) store.studySessions.delete(key);
      // ON DELETE SET NULL in SQL: the documents stay, no longer pointing at the deck.
      for (const doc of store.documents.values()) {
        if (doc.deck_id !== null && idKey(doc.deck_id) === idKey(deck.id)) doc.deck_id = null;
      }
      return true;
    },
  };
}
