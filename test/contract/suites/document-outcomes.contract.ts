import { describe, expect, it } from 'vitest';
import { at, type FixtureAccess } from './fixtures.js';
import { documentIn, outcome } from './document-fixtures.js';

/**
 * Issue 12: what a run leaves besides its status. A failure records what the run had learnt (cards_rejected,
 * page_count, language); a run waiting for the AI provider says so in status_detail; a completion may carry
 * a detail (e.g. every card was already in the deck). Every backend stores the same.
 */
export function describeDocumentOutcomeContract(f: FixtureAccess): void {
  const docs = () => f.repos().documents;

  describe('document outcomes', () => {
    it('markFailed records the facts the run had learnt, and clears status_detail', async () => {
      const { user, doc } = await documentIn(f.repos(), 'processing');
      await docs().markWaiting(user.id, doc.id, 'Waiting for the AI provider.', at(3));
      await docs().markFailed(user.id, doc.id, 'All 35 proposed cards quoted text that is not in the document.', at(4), null, {
        cards_rejected: 35,
        rejections: { ungrounded: 30, refers_to_document: 5 },
        page_count: 12,
        language: 'es',
      });
      expect(await docs().get(user.id, doc.id)).toMatchObject({
        status: 'failed',
        error_message: 'All 35 proposed cards quoted text that is not in the document.',
        status_detail: null,
        cards_rejected: 35,
        rejections: { ungrounded: 30, refers_to_document: 5 },
        pages_with_cards: null,
        page_count: 12,
        language: 'es',
        processed_at: at(4),
      });
    });

    it('markFailed without facts leaves those fields as they were', async () => {
      const { user, doc } = await documentIn(f.repos(), 'processing');
      await docs().markFailed(user.id, doc.id, 'The file is damaged.', at(4));
      expect(await docs().get(user.id, doc.id)).toMatchObject({ status: 'failed', cards_rejected: 0, page_count: null, language: null });
    });

    it('markWaiting sets status_detail on a processing document only; markProcessing clears it', async () => {
      const { user, doc } = await documentIn(f.repos(), 'processing');
      await docs().markWaiting(user.id, doc.id, 'Waiting for the AI provider.', at(3));
      expect(await docs().get(user.id, doc.id)).toMatchObject({
        status: 'processing',
        status_detail: 'Waiting for the AI provider.',
        updated_at: at(3),
      });
      await docs().markProcessing(user.id, doc.id, at(4));
      expect((await docs().get(user.id, doc.id))?.status_detail).toBeNull();

      const { user: other, doc: pending } = await documentIn(f.repos(), 'pending');
      await docs().markWaiting(other.id, pending.id, 'Waiting for the AI provider.', at(3));
      expect((await docs().get(other.id, pending.id))?.status_detail).toBeNull();
    });

    it('markWaiting is scoped to the owner', async () => {
      const { doc } = await documentIn(f.repos(), 'processing');
      const { user: stranger } = await documentIn(f.repos(), 'uploaded');
      await docs().markWaiting(stranger.id, doc.id, 'hijacked', at(3));
      const own = await docs().getMany(doc.user_id, [doc.id]);
      expect(own[0]?.status_detail).toBeNull();
    });

    it('complete stores the outcome detail, and a completion without one clears it', async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      await docs().markWaiting(user.id, doc.id, 'Waiting for the AI provider.', at(3));
      expect(
        await docs().complete(
          user.id,
          doc.id,
          deck.id,
          outcome(user.id, deck.id, 0, { detail: 'Every card was already in the deck.' }),
          at(5),
        ),
      ).toBe(true);
      expect(await docs().get(user.id, doc.id)).toMatchObject({
        status: 'completed',
        cards_generated: 0,
        status_detail: 'Every card was already in the deck.',
      });

      const second = await documentIn(f.repos(), 'processing');
      await docs().markWaiting(second.user.id, second.doc.id, 'Waiting for the AI provider.', at(3));
      await docs().complete(second.user.id, second.doc.id, second.deck.id, outcome(second.user.id, second.deck.id, 1), at(5));
      expect((await docs().get(second.user.id, second.doc.id))?.status_detail).toBeNull();
    });
  });
}
