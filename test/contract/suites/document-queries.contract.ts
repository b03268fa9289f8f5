import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addUser, at, newCard, newDeck, type FixtureAccess } from './fixtures.js';
import { documentIn, newDocument, options, outcome } from './document-fixtures.js';

/** Before anything else in a shared database: the documents listUnfinished must find first. */
const LONG_AGO = new Date('1990-01-01T00:00:00.000Z');
const longAgo = (seconds: number) => new Date(LONG_AGO.getTime() + seconds * 1000);

/** The reads the core uses around generation: token budget, near-duplicate check, recovery at start. */
export function describeDocumentQueryContract(f: FixtureAccess): void {
  const docs = () => f.repos().documents;

  /** Takes a fresh document of the user through one whole run completed at `when`. */
  async function completedRun(userId: string, deckId: string, when: Date, tokens: { input_tokens: number; output_tokens: number }) {
    const doc = await docs().create(newDocument(userId));
    await docs().markPending(userId, doc.id, options(deckId), when);
    await docs().markProcessing(userId, doc.id, when);
    await docs().complete(userId, doc.id, deckId, outcome(userId, deckId, 1, tokens), when);
    return doc;
  }

  describe('document queries', () => {
    it('tokensUsedSince sums the input and output tokens of runs completed at or after the instant', async () => {
      const { user, deck } = await documentIn(f.repos(), 'uploaded');
      await completedRun(user.id, deck.id, at(10), { input_tokens: 100, output_tokens: 50 });
      await completedRun(user.id, deck.id, at(100), { input_tokens: 1000, output_tokens: 500 });
      await completedRun(user.id, deck.id, at(100), { input_tokens: 0, output_tokens: 0 }); // a reused result
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(1650);
      expect(await docs().tokensUsedSince(user.id, at(50))).toBe(1500);
      expect(await docs().tokensUsedSince(user.id, at(100))).toBe(1500);
      expect(await docs().tokensUsedSince(user.id, at(101))).toBe(0);
      const other = await addUser(f.repos());
      expect(await docs().tokensUsedSince(other.id, at(0))).toBe(0);
      expect(await docs().tokensUsedSince('not-a-uuid', at(0))).toBe(0);
    });

    it('tokensUsedSince ignores failed and unfinished runs, and totals past 2^31', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await docs().markFailed(user.id, doc.id, 'Timed out.', at(20));
      await documentIn(f.repos(), 'processing');
      await completedRun(user.id, deck.id, at(30), { input_tokens: 2_500_000_000, output_tokens: 2_500_000_000 });
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(5_000_000_000);
    });

    it('spent tokens stay spent: regenerating or deleting a document does not hand them back', async () => {
      const { user, deck } = await documentIn(f.repos(), 'uploaded');
      const doc = await completedRun(user.id, deck.id, at(10), { input_tokens: 100, output_tokens: 50 });
      await docs().markPending(user.id, doc.id, options(deck.id), at(20));
      await docs().markProcessing(user.id, doc.id, at(20));
      await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 1, { input_tokens: 7, output_tokens: 3 }), at(20));
      expect(await docs().get(user.id, doc.id)).toMatchObject({ input_tokens: 7, output_tokens: 3 });
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(160);
      expect(await docs().tokensUsedSince(user.id, at(15))).toBe(10);
      await docs().delete(user.id, doc.id);
      expect(await docs().tokensUsedSince(user.id, at(0))).toBe(160);
    });

    it('deckQuestions lists the questions of that deck of that user only', async () => {
      const { user, deck } = await documentIn(f.repos(), 'uploaded');
      const otherDeck = await f.repos().decks.create(newDeck(user.id));
      await f
        .repos()
        .cards.createMany(user.id, deck.id, [
          newCard(user.id, deck.id, { question: 'What is ATP?', created_at: at(2) }),
          newCard(user.id, deck.id, { question: '¿Qué es la mitosis? 🧬', created_at: at(1) }),
        ]);
      await f.repos().cards.createMany(user.id, otherDeck.id, [newCard(user.id, otherDeck.id, { question: 'Elsewhere?' })]);
      expect(await docs().deckQuestions(user.id, deck.id)).toEqual(['¿Qué es la mitosis? 🧬', 'What is ATP?']);
      const other = await addUser(f.repos());
      expect(await docs().deckQuestions(other.id, deck.id)).toEqual([]);
      expect(await docs().deckQuestions(user.id, randomUUID())).toEqual([]);
      expect(await docs().deckQuestions(user.id, 'not-a-uuid')).toEqual([]);
      const empty = await f.repos().decks.create(newDeck(user.id));
      expect(await docs().deckQuestions(user.id, empty.id)).toEqual([]);
    });

    it('listUnfinished finds pending and processing documents of all users, oldest first, up to the limit', async () => {
      const a = await documentIn(f.repos(), 'pending', { created_at: longAgo(3) });
      const b = await documentIn(f.repos(), 'processing', { created_at: longAgo(1) });
      const c = await documentIn(f.repos(), 'pending', { created_at: longAgo(2) });
      const finished = await documentIn(f.repos(), 'processing', { created_at: longAgo(0) });
      await docs().complete(finished.user.id, finished.doc.id, finished.deck.id, outcome(finished.user.id, finished.deck.id, 1), at(5));
      const failed = await documentIn(f.repos(), 'processing', { created_at: longAgo(0) });
      await docs().markFailed(failed.user.id, failed.doc.id, 'Broken.', at(5));
      await documentIn(f.repos(), 'uploaded', { created_at: longAgo(0) });
      try {
        const firstTwo = await docs().listUnfinished(2);
        expect(firstTwo.map((d) => d.id)).toEqual([b.doc.id, c.doc.id]);
        expect(firstTwo[0]).toMatchObject({ user_id: b.user.id, status: 'processing', generation: options(b.deck.id) });
        const all = await docs().listUnfinished(1000);
        expect(all.slice(0, 3).map((d) => d.id)).toEqual([b.doc.id, c.doc.id, a.doc.id]);
        expect(all.every((d) => d.status === 'pending' || d.status === 'processing')).toBe(true);
        expect(await docs().listUnfinished(0)).toEqual([]);
      } finally {
        // Later tests in a shared database must not inherit these as the oldest unfinished work.
        for (const { user, doc } of [a, b, c]) await docs().markFailed(user.id, doc.id, 'Test over.', at(6));
      }
    });
  });
}
