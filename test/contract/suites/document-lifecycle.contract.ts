import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addUser, at, newDeck, userWithDeck, type FixtureAccess } from './fixtures.js';
import { documentIn, newDocument, options, outcome } from './document-fixtures.js';

/** The status machine: uploaded -> pending -> processing -> completed | failed, and back to pending. */
export function describeDocumentLifecycleContract(f: FixtureAccess): void {
  const docs = () => f.repos().documents;

  describe('document lifecycle', () => {
    it('markPending queues an uploaded document: options stored, progress 0, deck_id set, updated_at bumped', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'uploaded');
      const pending = await docs().markPending(user.id, doc.id, options(deck.id, { language: 'es', max_cards: 7 }), at(10));
      const expected = {
        ...doc,
        status: 'pending',
        progress: 0,
        deck_id: deck.id,
        generation: options(deck.id, { language: 'es', max_cards: 7 }),
        updated_at: at(10),
      };
      expect(pending).toEqual(expected);
      expect(await docs().get(user.id, doc.id)).toEqual(expected);
    });

    it('markPending refuses a document already pending or processing, and changes nothing', async () => {
      for (const state of ['pending', 'processing'] as const) {
        const { user, doc } = await documentIn(f.repos(), state);
        const before = await docs().get(user.id, doc.id);
        const otherDeck = await f.repos().decks.create(newDeck(user.id));
        expect(await docs().markPending(user.id, doc.id, options(otherDeck.id), at(10))).toBeNull();
        expect(await docs().get(user.id, doc.id)).toEqual(before);
      }
    });

    it('markPending requeues a failed or completed document, clearing the error and resetting progress', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await docs().setProgress(user.id, doc.id, 40, at(3));
      await docs().markFailed(user.id, doc.id, 'The model was unavailable.', at(4));
      const retried = await docs().markPending(user.id, doc.id, options(deck.id), at(5));
      expect(retried).toMatchObject({ status: 'pending', progress: 0, error_message: null, updated_at: at(5) });
      await docs().markProcessing(user.id, doc.id, at(6));
      await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 1), at(7));
      const second = await f.repos().decks.create(newDeck(user.id));
      const again = await docs().markPending(user.id, doc.id, options(second.id), at(8));
      expect(again).toMatchObject({ status: 'pending', progress: 0, deck_id: second.id, generation: options(second.id) });
    });

    it("markPending answers null for another user's, an unknown or a malformed document", async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'uploaded');
      const other = await addUser(f.repos());
      expect(await docs().markPending(other.id, doc.id, options(deck.id), at(10))).toBeNull();
      expect(await docs().markPending(user.id, randomUUID(), options(deck.id), at(10))).toBeNull();
      expect(await docs().markPending(user.id, 'not-a-uuid', options(deck.id), at(10))).toBeNull();
      expect((await docs().get(user.id, doc.id))?.status).toBe('uploaded');
    });

    it("markPending never points a document at another user's deck", async () => {
      const { user, doc } = await documentIn(f.repos(), 'uploaded');
      const { deck: theirs } = await userWithDeck(f.repos());
      const pending = await docs().markPending(user.id, doc.id, options(theirs.id), at(10));
      expect(pending).toMatchObject({ status: 'pending', deck_id: null, generation: options(theirs.id) });
      const second = await docs().create(newDocument(user.id));
      expect(await docs().markPending(user.id, second.id, options('not-a-uuid'), at(10))).toMatchObject({
        status: 'pending',
        deck_id: null,
      });
    });

    it('markPending racing a delete of its deck ends consistently, without error', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'uploaded');
      const [pending, deleted] = await Promise.all([
        docs().markPending(user.id, doc.id, options(deck.id), at(10)),
        f.repos().decks.delete(user.id, deck.id),
      ]);
      expect(deleted).toBe(true);
      expect(pending).toMatchObject({ status: 'pending', generation: options(deck.id) });
      expect(await docs().get(user.id, doc.id)).toMatchObject({ status: 'pending', deck_id: null });
    });

    it('markProcessing moves pending to processing, again for a rerun, and returns the row', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'pending');
      const processing = await docs().markProcessing(user.id, doc.id, at(20));
      expect(processing).toMatchObject({ id: doc.id, status: 'processing', generation: options(deck.id), updated_at: at(20) });
      await docs().setProgress(user.id, doc.id, 35, at(21));
      // A redelivered job after a crash: the work resumes, and progress is kept.
      expect(await docs().markProcessing(user.id, doc.id, at(22))).toMatchObject({
        status: 'processing',
        progress: 35,
        updated_at: at(22),
      });
    });

    it('markProcessing answers null for uploaded, completed, failed, foreign and missing documents', async () => {
      const uploaded = await documentIn(f.repos(), 'uploaded');
      expect(await docs().markProcessing(uploaded.user.id, uploaded.doc.id, at(5))).toBeNull();
      expect((await docs().get(uploaded.user.id, uploaded.doc.id))?.status).toBe('uploaded');
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const other = await addUser(f.repos());
      expect(await docs().markProcessing(other.id, doc.id, at(5))).toBeNull();
      await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 1), at(6));
      expect(await docs().markProcessing(user.id, doc.id, at(7))).toBeNull();
      expect((await docs().get(user.id, doc.id))?.status).toBe('completed');
      const failed = await documentIn(f.repos(), 'processing');
      await docs().markFailed(failed.user.id, failed.doc.id, 'Broken.', at(5));
      expect(await docs().markProcessing(failed.user.id, failed.doc.id, at(6))).toBeNull();
      expect(await docs().markProcessing(user.id, randomUUID(), at(6))).toBeNull();
      expect(await docs().markProcessing(user.id, 'not-a-uuid', at(6))).toBeNull();
    });

    it('setProgress moves forward only, only while processing, and only for the owner', async () => {
      const { user, doc } = await documentIn(f.repos(), 'pending');
      await docs().setProgress(user.id, doc.id, 50, at(3));
      expect((await docs().get(user.id, doc.id))?.progress).toBe(0);
      await docs().markProcessing(user.id, doc.id, at(4));
      await docs().setProgress(user.id, doc.id, 30, at(5));
      expect(await docs().get(user.id, doc.id)).toMatchObject({ progress: 30, updated_at: at(5) });
      await docs().setProgress(user.id, doc.id, 20, at(6));
      expect(await docs().get(user.id, doc.id)).toMatchObject({ progress: 30, updated_at: at(5) });
      const other = await addUser(f.repos());
      await docs().setProgress(other.id, doc.id, 90, at(7));
      await docs().setProgress(user.id, 'not-a-uuid', 90, at(7));
      expect((await docs().get(user.id, doc.id))?.progress).toBe(30);
      await docs().setProgress(user.id, doc.id, 250, at(8));
      expect((await docs().get(user.id, doc.id))?.progress).toBe(100);
    });

    it('markFailed records the message and processed_at, for the owner only', async () => {
      const { user, doc } = await documentIn(f.repos(), 'processing');
      const other = await addUser(f.repos());
      await docs().markFailed(other.id, doc.id, 'Hijacked.', at(8));
      expect((await docs().get(user.id, doc.id))?.status).toBe('processing');
      await docs().markFailed(user.id, doc.id, 'This PDF is encrypted.', at(9));
      expect(await docs().get(user.id, doc.id)).toMatchObject({
        status: 'failed',
        error_message: 'This PDF is encrypted.',
        processed_at: at(9),
        updated_at: at(9),
      });
      await docs().markFailed(user.id, 'not-a-uuid', 'x', at(9));
    });

    it('markFailed leaves a completed document as it is', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await docs().complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 2), at(5));
      const completed = await docs().get(user.id, doc.id);
      await docs().markFailed(user.id, doc.id, 'A late duplicate delivery failed.', at(6));
      expect(await docs().get(user.id, doc.id)).toEqual(completed);
    });

    it('a document uploaded and never queued can be marked failed', async () => {
      const user = await addUser(f.repos());
      const doc = await docs().create(newDocument(user.id));
      await docs().markFailed(user.id, doc.id, 'Unreadable.', at(3));
      expect((await docs().get(user.id, doc.id))?.status).toBe('failed');
    });
  });
}
