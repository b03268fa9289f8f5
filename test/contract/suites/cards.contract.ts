import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Repositories } from '../../../src/core/index.js';
import { T0, addUser, at, fullSourceRef, newCard, newDeck, userWithDeck, type FixtureAccess } from './fixtures.js';

const ALL = { limit: 100, offset: 0 };

const cardCount = async (repos: Repositories, userId: string, deckId: string) => (await repos.decks.get(userId, deckId))?.card_count;

export function describeCardContract(f: FixtureAccess): void {
  describe('cards', () => {
    it('createMany stores the cards, returns them and raises card_count by their number', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const inputs = [newCard(user.id, deck.id), newCard(user.id, deck.id, { source_url: null, source_ref: null })];
      const created = await f.repos().cards.createMany(user.id, deck.id, inputs);
      expect(created).toEqual(inputs.map((c) => ({ ...c, updated_at: T0 })));
      expect(created![0]!.created_at).toBeInstanceOf(Date);
      for (const card of created!) expect(await f.repos().cards.get(user.id, card.id)).toEqual(card);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(2);
      expect(await f.repos().cards.createMany(user.id, deck.id, [])).toEqual([]);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(2);
    });

    it("createMany into another user's, an unknown or a malformed deck answers null and writes nothing", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const other = await addUser(f.repos());
      const stray = newCard(other.id, deck.id);
      expect(await f.repos().cards.createMany(other.id, deck.id, [stray])).toBeNull();
      expect(await f.repos().cards.get(other.id, stray.id)).toBeNull();
      expect(await f.repos().cards.get(user.id, stray.id)).toBeNull();
      const ghostDeck = randomUUID();
      expect(await f.repos().cards.createMany(user.id, ghostDeck, [newCard(user.id, ghostDeck)])).toBeNull();
      expect(await f.repos().cards.createMany(user.id, 'not-a-uuid', [])).toBeNull();
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(0);
    });

    it('createMany rejects cards aimed at another deck, and a failed batch writes nothing', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const otherDeck = await f.repos().decks.create(newDeck(user.id));
      await expect(f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, otherDeck.id)])).rejects.toThrow();
      const twin = newCard(user.id, deck.id);
      await expect(f.repos().cards.createMany(user.id, deck.id, [twin, { ...twin }])).rejects.toThrow();
      expect(await f.repos().cards.get(user.id, twin.id)).toBeNull();
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(0);
      expect(await cardCount(f.repos(), user.id, otherDeck.id)).toBe(0);
    });

    it('source_ref round trips with all five keys, partly null, or null; unicode text round trips', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const partial = { document_id: null, document_name: 'Notes.docx', page: null, section: null, quote: 'Zitat: „Ä“ 🧪' };
      const inputs = [
        newCard(user.id, deck.id, { source_ref: fullSourceRef() }),
        newCard(user.id, deck.id, { source_ref: partial, question: '¿Qué es ATP? 日本語', answer: 'Énergie 🔋\nligne 2' }),
        newCard(user.id, deck.id, { source_ref: null, source_url: null }),
      ];
      await f.repos().cards.createMany(user.id, deck.id, inputs);
      for (const input of inputs) {
        const stored = await f.repos().cards.get(user.id, input.id);
        expect(stored).toEqual({ ...input, updated_at: input.created_at });
        if (stored?.source_ref)
          expect(Object.keys(stored.source_ref).sort()).toEqual(['document_id', 'document_name', 'page', 'quote', 'section']);
      }
    });

    it('get answers null for another user, an unknown id and a malformed id', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [card] = (await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]))!;
      const other = await addUser(f.repos());
      expect(await f.repos().cards.get(other.id, card!.id)).toBeNull();
      expect(await f.repos().cards.get(user.id, randomUUID())).toBeNull();
      expect(await f.repos().cards.get(user.id, 'not-a-uuid')).toBeNull();
    });

    it('listByDeck orders by created_at then id, pages, and counts only that deck', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const otherDeck = await f.repos().decks.create(newDeck(user.id));
      const sameTime = [newCard(user.id, deck.id, { created_at: at(5) }), newCard(user.id, deck.id, { created_at: at(5) })];
      const inputs = [newCard(user.id, deck.id, { created_at: at(9) }), ...sameTime, newCard(user.id, deck.id, { created_at: at(1) })];
      await f.repos().cards.createMany(user.id, deck.id, inputs);
      await f.repos().cards.createMany(user.id, otherDeck.id, [newCard(user.id, otherDeck.id)]);
      const expectedIds = [inputs[3]!.id, ...sameTime.map((c) => c.id).sort(), inputs[0]!.id];
      const all = await f.repos().cards.listByDeck(user.id, deck.id, ALL);
      expect(all?.items.map((c) => c.id)).toEqual(expectedIds);
      expect(all?.total).toBe(4);
      const page = await f.repos().cards.listByDeck(user.id, deck.id, { limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page?.items.map((c) => c.id)).toEqual(expectedIds.slice(1, 3));
      expect(await f.repos().cards.listByDeck(user.id, deck.id, { limit: 2, offset: 8 })).toEqual({
        items: [],
        total: 4,
        limit: 2,
        offset: 8,
      });
    });

    it("listByDeck answers null for another user's, an unknown or a malformed deck", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]);
      const other = await addUser(f.repos());
      expect(await f.repos().cards.listByDeck(other.id, deck.id, ALL)).toBeNull();
      expect(await f.repos().cards.listByDeck(user.id, randomUUID(), ALL)).toBeNull();
      expect(await f.repos().cards.listByDeck(user.id, 'not-a-uuid', ALL)).toBeNull();
      const empty = await f.repos().decks.create(newDeck(user.id));
      expect(await f.repos().cards.listByDeck(user.id, empty.id, ALL)).toEqual({ items: [], total: 0, ...ALL });
    });

    it('update changes only the given fields, can clear or set source_ref, and bumps updated_at', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [card] = (await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]))!;
      const cleared = await f.repos().cards.update(user.id, card!.id, { answer: 'New answer', source_ref: null, source_url: null }, at(60));
      const expected = { ...card!, answer: 'New answer', source_ref: null, source_url: null, updated_at: at(60) };
      expect(cleared).toEqual(expected);
      const ref = fullSourceRef();
      const restored = await f.repos().cards.update(user.id, card!.id, { source_ref: ref }, at(120));
      expect(restored).toEqual({ ...expected, source_ref: ref, updated_at: at(120) });
      expect(await f.repos().cards.get(user.id, card!.id)).toEqual(restored);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(1);
    });

    it('keeps quality_flags of generated cards, and clears them when told to (an edit)', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const flagged = newCard(user.id, deck.id, { quality_flags: ['dangling_pronoun', 'long_answer'] });
      const [card, plain] = (await f.repos().cards.createMany(user.id, deck.id, [flagged, newCard(user.id, deck.id)]))!;
      expect(card!.quality_flags).toEqual(['dangling_pronoun', 'long_answer']);
      expect(await f.repos().cards.get(user.id, card!.id)).toEqual(card);
      expect(plain).not.toHaveProperty('quality_flags');
      const listed = await f.repos().cards.listByDeck(user.id, deck.id, ALL);
      expect(listed!.items.find((c) => c.id === card!.id)?.quality_flags).toEqual(['dangling_pronoun', 'long_answer']);
      const edited = await f.repos().cards.update(user.id, card!.id, { answer: 'Rewritten', quality_flags: [] }, at(60));
      expect(edited).not.toHaveProperty('quality_flags');
      expect(await f.repos().cards.get(user.id, card!.id)).toEqual(edited);
    });

    it("update of another user's, an unknown or a malformed card answers null and changes nothing", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [card] = (await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]))!;
      const other = await addUser(f.repos());
      expect(await f.repos().cards.update(other.id, card!.id, { question: 'Hijacked?' }, at(60))).toBeNull();
      expect(await f.repos().cards.update(user.id, randomUUID(), { question: 'Ghost?' }, at(60))).toBeNull();
      expect(await f.repos().cards.update(user.id, 'not-a-uuid', { question: 'Ghost?' }, at(60))).toBeNull();
      expect(await f.repos().cards.get(user.id, card!.id)).toEqual(card);
    });

    it('delete removes the card once and lowers card_count; another user cannot delete it', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [a, b] = (await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id), newCard(user.id, deck.id)]))!;
      const other = await addUser(f.repos());
      expect(await f.repos().cards.delete(other.id, a!.id)).toBe(false);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(2);
      expect(await f.repos().cards.delete(user.id, a!.id)).toBe(true);
      expect(await f.repos().cards.get(user.id, a!.id)).toBeNull();
      expect(await f.repos().cards.delete(user.id, a!.id)).toBe(false);
      expect(await f.repos().cards.delete(user.id, 'not-a-uuid')).toBe(false);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(1);
      expect((await f.repos().cards.listByDeck(user.id, deck.id, ALL))?.items.map((c) => c.id)).toEqual([b!.id]);
    });

    it('card_count stays exact under concurrent inserts and deletes', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const batch = () => [newCard(user.id, deck.id), newCard(user.id, deck.id), newCard(user.id, deck.id)];
      const [first, second] = await Promise.all([
        f.repos().cards.createMany(user.id, deck.id, batch()),
        f.repos().cards.createMany(user.id, deck.id, batch()),
      ]);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(6);
      const victim = first![0]!.id;
      const deletes = await Promise.all([f.repos().cards.delete(user.id, victim), f.repos().cards.delete(user.id, victim)]);
      expect(deletes.filter(Boolean)).toHaveLength(1);
      await Promise.all(second!.map((c) => f.repos().cards.delete(user.id, c.id)));
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(2);
      expect((await f.repos().cards.listByDeck(user.id, deck.id, ALL))?.total).toBe(2);
    });
  });
}
