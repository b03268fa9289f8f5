import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { T0, addUser, at, newDeck, type FixtureAccess } from './fixtures.js';
import { asUploaded, documentIn, newDocument, options, outcome } from './document-fixtures.js';

/** create, reads, list, delete: the plain storage side of documents. */
export function describeDocumentContract(f: FixtureAccess): void {
  describe('documents', () => {
    it('create stores an uploaded document with generation fields at their start values; get returns it', async () => {
      const user = await addUser(f.repos());
      const input = newDocument(user.id, {
        filename: 'Ünïcode 日本語 notes.md',
        format: 'markdown',
        content_type: 'text/markdown; charset=utf-8',
        storage_key: null,
      });
      const created = await f.repos().documents.create(input);
      expect(created).toEqual(asUploaded(input));
      expect(created.created_at).toBeInstanceOf(Date);
      expect(await f.repos().documents.get(user.id, input.id)).toEqual(created);
    });

    it('create takes only the new-document fields, even when a caller passes more', async () => {
      const user = await addUser(f.repos());
      const input = { ...newDocument(user.id), status: 'completed', cards_generated: 99, deck_id: randomUUID() };
      expect(await f.repos().documents.create(input)).toEqual(
        asUploaded(newDocument(user.id, { id: input.id, storage_key: input.storage_key })),
      );
    });

    it('sizes beyond 2^31 bytes round trip', async () => {
      const user = await addUser(f.repos());
      const input = newDocument(user.id, { size_bytes: 5_000_000_000 });
      await f.repos().documents.create(input);
      expect((await f.repos().documents.get(user.id, input.id))?.size_bytes).toBe(5_000_000_000);
    });

    it('get answers null for another user, an unknown id and a malformed id', async () => {
      const { doc } = await documentIn(f.repos(), 'uploaded');
      const other = await addUser(f.repos());
      expect(await f.repos().documents.get(other.id, doc.id)).toBeNull();
      expect(await f.repos().documents.get(doc.user_id, randomUUID())).toBeNull();
      expect(await f.repos().documents.get(doc.user_id, 'not-a-uuid')).toBeNull();
      expect(await f.repos().documents.get('not-a-uuid', doc.id)).toBeNull();
    });

    it("getMany returns only the user's own documents among the ids, and [] for an empty list", async () => {
      const user = await addUser(f.repos());
      const other = await addUser(f.repos());
      const [a, b] = [newDocument(user.id, { created_at: at(1) }), newDocument(user.id, { created_at: at(2) })];
      const theirs = newDocument(other.id);
      for (const d of [a, b, theirs]) await f.repos().documents.create(d);
      const found = await f.repos().documents.getMany(user.id, [a.id, theirs.id, randomUUID(), 'not-a-uuid', b.id.toUpperCase()]);
      expect(found.map((d) => d.id).sort()).toEqual([a.id, b.id].sort());
      expect(found.find((d) => d.id === a.id)).toEqual(asUploaded(a));
      expect(await f.repos().documents.getMany(user.id, [])).toEqual([]);
      expect(await f.repos().documents.getMany(user.id, ['not-a-uuid'])).toEqual([]);
      expect(await f.repos().documents.getMany(other.id, [a.id, b.id])).toEqual([]);
    });

    it("list pages newest first, the id breaking ties, and counts only the user's documents", async () => {
      const user = await addUser(f.repos());
      const other = await addUser(f.repos());
      const sameTime = [newDocument(user.id, { created_at: at(5) }), newDocument(user.id, { created_at: at(5) })];
      const inputs = [newDocument(user.id, { created_at: at(1) }), ...sameTime, newDocument(user.id, { created_at: at(9) })];
      for (const d of inputs) await f.repos().documents.create(d);
      await f.repos().documents.create(newDocument(other.id, { created_at: at(7) }));
      const expectedIds = [
        inputs[3]!.id,
        ...sameTime
          .map((d) => d.id)
          .sort()
          .reverse(),
        inputs[0]!.id,
      ];
      const all = await f.repos().documents.list(user.id, { limit: 100, offset: 0 });
      expect(all.items.map((d) => d.id)).toEqual(expectedIds);
      expect(all.total).toBe(4);
      const page = await f.repos().documents.list(user.id, { limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(page.items.map((d) => d.id)).toEqual(expectedIds.slice(1, 3));
      expect(await f.repos().documents.list(user.id, { limit: 2, offset: 10 })).toEqual({ items: [], total: 4, limit: 2, offset: 10 });
      expect(await f.repos().documents.list('not-a-uuid', { limit: 2, offset: 0 })).toEqual({ items: [], total: 0, limit: 2, offset: 0 });
    });

    it('delete returns the deleted row once; another user cannot delete it; the cards made from it stay', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const result = outcome(user.id, deck.id, 2);
      await f.repos().documents.complete(user.id, doc.id, deck.id, result, at(3));
      const other = await addUser(f.repos());
      expect(await f.repos().documents.delete(other.id, doc.id)).toBeNull();
      expect(await f.repos().documents.delete(user.id, 'not-a-uuid')).toBeNull();
      const completed = await f.repos().documents.get(user.id, doc.id);
      expect(await f.repos().documents.delete(user.id, doc.id)).toEqual(completed);
      expect(await f.repos().documents.get(user.id, doc.id)).toBeNull();
      expect(await f.repos().documents.delete(user.id, doc.id)).toBeNull();
      for (const card of result.cards) expect((await f.repos().cards.get(user.id, card.id))?.source_ref).toEqual(card.source_ref);
      expect((await f.repos().decks.get(user.id, deck.id))?.card_count).toBe(2);
    });

    it('deleting the deck keeps the document and clears its deck_id', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'pending');
      expect((await f.repos().documents.get(user.id, doc.id))?.deck_id).toBe(deck.id);
      expect(await f.repos().decks.delete(user.id, deck.id)).toBe(true);
      const after = await f.repos().documents.get(user.id, doc.id);
      expect(after).toMatchObject({ id: doc.id, deck_id: null, status: 'pending', generation: options(deck.id) });
    });

    it('deleting a deck leaves documents of other decks alone', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'pending');
      const spare = await f.repos().decks.create(newDeck(user.id, { created_at: T0 }));
      await f.repos().decks.delete(user.id, spare.id);
      expect((await f.repos().documents.get(user.id, doc.id))?.deck_id).toBe(deck.id);
    });
  });
}
