import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addUser, at, newCard, newDeck, userWithDeck, type FixtureAccess } from './fixtures.js';
import { DECK_DELETED, cardCount, documentIn, options, outcome, storedCards } from './document-fixtures.js';

/** complete(): the one write that must happen once however often an at-least-once job runs. */
export function describeDocumentCompleteContract(f: FixtureAccess): void {
  const docs = () => f.repos().documents;

  describe('document completion', () => {
    it('stores the cards, raises card_count by their number and records the outcome on the document', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const result = outcome(user.id, deck.id, 3, { input_tokens: 3_000_000_000, output_tokens: 7, page_count: null, language: 'de' });
      result.cards[0]!.quality_flags = ['dangling_pronoun', 'long_answer'];
      expect(await docs().complete(user.id, doc.id, deck.id, result, at(30))).toBe(true);
      expect(await docs().get(user.id, doc.id)).toEqual({
        ...doc,
        status: 'completed',
        progress: 100,
        deck_id: deck.id,
        generation: options(deck.id),
        cards_generated: 3,
        cards_rejected: 2,
        rejections: { ungrounded: 1, answer_in_question: 1 },
        pages_with_cards: 3,
        sections_with_cards: 2,
        page_count: null,
        language: 'de',
        error_message: null,
        input_tokens: 3_000_000_000,
        output_tokens: 7,
        estimated_cost_usd: 0.0123,
        processed_at: at(30),
        updated_at: at(30),
      });
      for (const card of result.cards)
        expect(await f.repos().cards.get(user.id, card.id)).toEqual({ ...card, updated_at: card.created_at });
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(3);
      expect(await storedCards(f.repos(), user.id, deck.id)).toBe(3);
    });

    it('a second delivery writes nothing: false, and the cards and card_count stay as they were', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await f.repos().cards.createMany(user.id, deck.id, [newCard(user.id, deck.id)]);
      expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(true);
      const completed = await docs().get(user.id, doc.id);
      expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2, { input_tokens: 5 }), at(40))).toBe(false);
      expect(await docs().get(user.id, doc.id)).toEqual(completed);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(3);
      expect(await storedCards(f.repos(), user.id, deck.id)).toBe(3);
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(1500);
    });

    it('concurrent deliveries: exactly one returns true and the cards are stored once', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const runs = [1, 2, 3, 4].map(() => outcome(user.id, deck.id, 4));
      const results = await Promise.all(runs.map((r) => docs().complete(user.id, doc.id, deck.id, r, at(30))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(4);
      expect(await storedCards(f.repos(), user.id, deck.id)).toBe(4);
      const winner = runs[results.indexOf(true)]!;
      expect((await docs().deckQuestions(user.id, deck.id)).sort()).toEqual(winner.cards.map((c) => c.question).sort());
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(1500);
    });

    it('answers false and writes nothing unless the document is processing', async () => {
      for (const state of ['uploaded', 'pending'] as const) {
        const { user, deck, doc } = await documentIn(f.repos(), state);
        const before = await docs().get(user.id, doc.id);
        expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(false);
        expect(await docs().get(user.id, doc.id)).toEqual(before);
        expect(await cardCount(f.repos(), user.id, deck.id)).toBe(0);
        expect(await storedCards(f.repos(), user.id, deck.id)).toBe(0);
      }
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await docs().markFailed(user.id, doc.id, 'Timed out.', at(10));
      expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(false);
      expect(await docs().get(user.id, doc.id)).toMatchObject({ status: 'failed', error_message: 'Timed out.' });
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(0);
    });

    it('answers false for a deleted, unknown, malformed or foreign document and writes nothing', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const other = await addUser(f.repos());
      const otherDeck = await f.repos().decks.create(newDeck(other.id));
      expect(await docs().complete(other.id, doc.id, otherDeck.id, outcome(other.id, otherDeck.id, 2), at(30))).toBe(false);
      expect(await cardCount(f.repos(), other.id, otherDeck.id)).toBe(0);
      expect((await docs().get(user.id, doc.id))?.status).toBe('processing');
      expect(await docs().complete(user.id, randomUUID(), deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(false);
      expect(await docs().complete(user.id, 'not-a-uuid', deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(false);
      await docs().delete(user.id, doc.id);
      expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(false);
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(0);
      expect(await storedCards(f.repos(), user.id, deck.id)).toBe(0);
    });

    it('a deck deleted meanwhile fails the document with a clear message and stores no card', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await f.repos().decks.delete(user.id, deck.id);
      expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2), at(30))).toBe(false);
      expect(await docs().get(user.id, doc.id)).toMatchObject({
        status: 'failed',
        error_message: DECK_DELETED,
        processed_at: at(30),
        deck_id: null,
      });
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(0);
    });

    it("never writes into another user's deck: the document fails as for a deleted deck", async () => {
      const { user, doc } = await documentIn(f.repos(), 'processing');
      const { user: owner, deck: theirs } = await userWithDeck(f.repos());
      const result = outcome(user.id, theirs.id, 2);
      expect(await docs().complete(user.id, doc.id, theirs.id, result, at(30))).toBe(false);
      expect(await docs().get(user.id, doc.id)).toMatchObject({ status: 'failed', error_message: DECK_DELETED });
      expect(await cardCount(f.repos(), owner.id, theirs.id)).toBe(0);
      expect(await storedCards(f.repos(), owner.id, theirs.id)).toBe(0);
    });

    it('rejects cards aimed at another deck and writes nothing', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const elsewhere = await f.repos().decks.create(newDeck(user.id));
      const stray = { ...outcome(user.id, deck.id, 1), cards: [newCard(user.id, elsewhere.id)] };
      await expect(docs().complete(user.id, doc.id, deck.id, stray, at(30))).rejects.toThrow();
      expect((await docs().get(user.id, doc.id))?.status).toBe('processing');
      expect(await cardCount(f.repos(), user.id, elsewhere.id)).toBe(0);
    });

    it('completes with no cards: status completed, card_count unchanged', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      expect(await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 0, { cards_rejected: 5 }), at(30))).toBe(true);
      expect(await docs().get(user.id, doc.id)).toMatchObject({ status: 'completed', cards_generated: 0, cards_rejected: 5 });
      expect(await cardCount(f.repos(), user.id, deck.id)).toBe(0);
    });

    it('racing a delete of the deck ends consistently either way, without error', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const [completed, deleted] = await Promise.all([
        docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 3), at(30)),
        f.repos().decks.delete(user.id, deck.id),
      ]);
      expect(deleted).toBe(true);
      const after = await docs().get(user.id, doc.id);
      if (completed) expect(after).toMatchObject({ status: 'completed', cards_generated: 3, deck_id: null });
      else expect(after).toMatchObject({ status: 'failed', error_message: DECK_DELETED, deck_id: null });
    });
  });
}
