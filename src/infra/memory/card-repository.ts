import { assertCardsBelong, type Card, type CardPatch, type CardRepository, type SourceRef } from '../../core/index.js';
import { compareIds, copyDate, definedFields, dropStudyOfCards, idKey, paginate, type MemoryStore } from './store.js';

const CARD_PATCH_KEYS: (keyof CardPatch)[] = ['question', 'answer', 'source', 'source_url', 'source_ref', 'quality_flags'];

const copySourceRef = (ref: SourceRef | null): SourceRef | null => (ref ? { ...ref } : null);

/** Empty quality_flags are left out, as the database backends give them back. */
export const copyCard = ({ quality_flags, ...c }: Card): Card => ({
  ...c,
  ...(quality_flags?.length ? { quality_flags: [...quality_flags] } : {}),
  source_ref: copySourceRef(c.source_ref),
  created_at: copyDate(c.created_at),
  updated_at: copyDate(c.updated_at),
});

export function createMemoryCardRepository(store: MemoryStore): CardRepository {
  const ownedDeck = (userId: string, deckId: string) => {
    const deck = store.decks.get(idKey(deckId));
    return deck && idKey(deck.user_id) === idKey(userId) ? deck : null;
  };
  const ownedCard = (userId: string, cardId: string) => {
    const card = store.cards.get(idKey(cardId));
    return card && idKey(card.user_id) === idKey(userId) ? card : null;
  };

  return {
    async createMany(userId, deckId, cards) {
      assertCardsBelong(userId, deckId, cards);
      const deck = ownedDeck(userId, deckId);
      if (!deck) return null;
      // Checked before writing anything: like the SQL transaction, a failing batch leaves no trace.
      const ids = new Set(cards.map((c) => idKey(c.id)));
      if (ids.size < cards.length || [...ids].some((id) => store.cards.has(id))) {
        throw new Error('createMany: a card with this id already exists.');
      }
      const stored = cards.map(
        (c): Card => ({
          ...c,
          source_ref: copySourceRef(c.source_ref),
          created_at: copyDate(c.created_at),
          updated_at: copyDate(c.created_at),
        }),
      );
      for (const card of stored) store.cards.set(idKey(card.id), card);
      deck.card_count += stored.length;
      return stored.map(copyCard);
    },
    async get(userId, cardId) {
      const card = ownedCard(userId, cardId);
      return card ? copyCard(card) : null;
    },
    async listByDeck(userId, deckId, page) {
      const deck = ownedDeck(userId, deckId);
      if (!deck) return null;
      const inDeck = [...store.cards.values()].filter((c) => idKey(c.deck_id) === idKey(deck.id));
      inDeck.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || compareIds(a.id, b.id));
      const { items, total } = paginate(inDeck, page.offset, page.limit);
      return { items: items.map(copyCard), total, limit: page.limit, offset: page.offset };
    },
    async update(userId, cardId, patch, now) {
      const card = ownedCard(userId, cardId);
      if (!card) return null;
      const changes = definedFields(patch, CARD_PATCH_KEYS);
      if (changes.source_ref !== undefined) changes.source_ref = copySourceRef(changes.source_ref);
      Object.assign(card, changes);
      card.updated_at = copyDate(now);
      return copyCard(card);
    },
    async delete(userId, cardId) {
      const card = ownedCard(userId, cardId);
      if (!card) return false;
      store.cards.delete(idKey(card.id));
      dropStudyOfCards(store, new Set([idKey(card.id)]));
      const deck = store.decks.get(idKey(card.deck_id));
      if (deck) deck.card_count -= 1;
      return true;
    },
  };
}
