import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { T0, addUser, at, newCard, newDeck, userWithDeck, type FixtureAccess } from './fixtures.js';

export function describeDeckContract(f: FixtureAccess): void {
  describe('decks', () => {
    it('create returns the deck with card_count 0 and updated_at equal to created_at', async () => {
      const user = await addUser(f.repos());
      const input = newDeck(user.id);
      const deck = await f.repos().decks.create(input);
      expect(deck).toEqual({ ...input, card_count: 0, created_at: T0, updated_at: T0 });
      expect(deck.updated_at).toBeInstanceOf(Date);
      expect(await f.repos().decks.get(user.id, deck.id)).toEqual(deck);
    });

    it('nullable fields round trip as null, and unicode text round trips exactly', async () => {
      const user = await addUser(f.repos());
      const bare = await f.repos().decks.create(newDeck(user.id, { description: null, category: null, difficulty: null }));
      expect(await f.repos().decks.get(user.id, bare.id)).toMatchObject({ description: null, category: null, difficulty: null });
      const text = { title: 'Ça va? Ελληνικά 日本語 🧬', description: 'Quotes \' " and \\ backslash\nnew line', category: 'Biología' };
      const rich = await f.repos().decks.create(newDeck(user.id, text));
      expect(await f.repos().decks.get(user.id, rich.id)).toMatchObject(text);
    });

    it('get answers null for another user, an unknown id and a malformed id', async () => {
      const { deck } = await userWithDeck(f.repos());
      const other = await addUser(f.repos());
      expect(await f.repos().decks.get(other.id, deck.id)).toBeNull();
      expect(await f.repos().decks.get(deck.user_id, randomUUID())).toBeNull();
      expect(await f.repos().decks.get(deck.user_id, 'not-a-uuid')).toBeNull();
    });

    it('update changes only the given fields and bumps updated_at', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const updated = await f.repos().decks.update(user.id, deck.id, { title: 'Genetics', description: null }, at(60));
      const expected = { ...deck, title: 'Genetics', description: null, updated_at: at(60) };
      expect(updated).toEqual(expected);
      expect(await f.repos().decks.get(user.id, deck.id)).toEqual(expected);
      const touched = await f.repos().decks.update(user.id, deck.id, {}, at(120));
      expect(touched).toEqual({ ...expected, updated_at: at(120) });
    });

    it('update can set and clear category and difficulty', async () => {
      const { user, deck } = await userWithDeck(f.repos(), { category: null, difficulty: null });
      expect(await f.repos().decks.update(user.id, deck.id, { category: 'Maths', difficulty: 'advanced' }, at(1))).toMatchObject({
        category: 'Maths',
        difficulty: 'advanced',
      });
      expect(await f.repos().decks.update(user.id, deck.id, { category: null, difficulty: null }, at(2))).toMatchObject({
        category: null,
        difficulty: null,
      });
    });

    it("update of another user's, an unknown or a malformed deck answers null and changes nothing", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const other = await addUser(f.repos());
      expect(await f.repos().decks.update(other.id, deck.id, { title: 'Hijacked' }, at(60))).toBeNull();
      expect(await f.repos().decks.update(user.id, randomUUID(), { title: 'Ghost' }, at(60))).toBeNull();
      expect(await f.repos().decks.update(user.id, 'not-a-uuid', { title: 'Ghost' }, at(60))).toBeNull();
      expect(await f.repos().decks.get(user.id, deck.id)).toEqual(deck);
    });

    it('delete removes the deck and its cards, once', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const cards = await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id), newCard(user.id, deck.id)]);
      expect(await f.repos().decks.delete(user.id, deck.id)).toBe(true);
      expect(await f.repos().decks.get(user.id, deck.id)).toBeNull();
      for (const card of cards!) expect(await f.repos().cards.get(user.id, card.id)).toBeNull();
      expect(await f.repos().cards.listByDeck(user.id, deck.id, { limit: 10, offset: 0 })).toBeNull();
      expect(await f.repos().decks.delete(user.id, deck.id)).toBe(false);
      expect(await f.repos().decks.delete(user.id, 'not-a-uuid')).toBe(false);
    });

    it("delete of another user's deck answers false and keeps the deck and its cards", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [card] = (await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]))!;
      const other = await addUser(f.repos());
      expect(await f.repos().decks.delete(other.id, deck.id)).toBe(false);
      expect(await f.repos().decks.get(user.id, deck.id)).toMatchObject({ id: deck.id, card_count: 1 });
      expect(await f.repos().cards.get(user.id, card!.id)).not.toBeNull();
    });

    it("deleting one deck leaves the user's other decks, their cards and card_count alone", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const kept = await f.repos().decks.create(newDeck(user.id, { title: 'Kept' }));
      await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]);
      await f.repos().cards.createMany(user.id, kept.id, [newCard(user.id, kept.id), newCard(user.id, kept.id)]);
      await f.repos().decks.delete(user.id, deck.id);
      expect((await f.repos().decks.get(user.id, kept.id))?.card_count).toBe(2);
      expect((await f.repos().cards.listByDeck(user.id, kept.id, { limit: 10, offset: 0 }))?.total).toBe(2);
    });
  });
}
