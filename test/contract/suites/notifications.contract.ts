/**
 * notifications: the bell's store on every backend. Also what document completion and failure promise about
 * them: the notification is written with the state change, so a repeated or racing delivery stores exactly one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { timeOrderedId, type NewNotification } from '../../../src/core/index.js';
import { addUser, at, type FixtureAccess } from './fixtures.js';
import { documentIn, outcome } from './document-fixtures.js';

const DAY = 86_400_000;
let tick = 0;

/** Ids made as the core makes them: time-ordered, so `seconds` decides the list order. */
export const newNotice = (userId: string, seconds: number, overrides: Partial<NewNotification> = {}): NewNotification => ({
  id: timeOrderedId(at(seconds), randomUUID()),
  user_id: userId,
  type: 'success',
  title: 'Document processed',
  message: `Generated 3 flashcards from "Biology101.pdf" #${tick++}`,
  action_url: '/pages/flashcards/viewer/3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
  metadata: { document_id: randomUUID(), nested: { list: [1, 'two', null], unicode: 'célula 🧪' } },
  image_url: null,
  created_at: at(seconds),
  dedupe_key: null,
  ...overrides,
});

const page = { limit: 50, offset: 0, unreadOnly: false };

export function describeNotificationContract(f: FixtureAccess): void {
  const notes = () => f.repos().notifications;

  describe('notifications', () => {
    it('create stores every field; list gives it back unread with sent_at = created_at', async () => {
      const user = await addUser(f.repos());
      const n = newNotice(user.id, 1, { image_url: 'https://example.com/i.png' });
      expect(await notes().create(n)).toBe(true);
      const { dedupe_key: _, ...fields } = n;
      expect(await notes().list(user.id, page)).toEqual([{ ...fields, read: false, sent_at: n.created_at, read_at: null }]);
    });

    it("lists newest first, pages with limit/offset, and only the user's own", async () => {
      const [user, other] = [await addUser(f.repos()), await addUser(f.repos())];
      const made = [];
      for (const s of [5, 1, 9, 3]) {
        const n = newNotice(user.id, s);
        made.push(n);
        await notes().create(n);
      }
      await notes().create(newNotice(other.id, 20));
      const byTime = [...made].sort((a, b) => b.created_at.getTime() - a.created_at.getTime()).map((n) => n.id);
      expect((await notes().list(user.id, page)).map((n) => n.id)).toEqual(byTime);
      expect((await notes().list(user.id, { ...page, limit: 2, offset: 1 })).map((n) => n.id)).toEqual(byTime.slice(1, 3));
      expect(await notes().list(user.id, { ...page, offset: 10 })).toEqual([]);
      expect(await notes().list('not-a-uuid', page)).toEqual([]);
    });

    it('counts unread; markRead lowers it once, sets read_at, and is a no-op the second time', async () => {
      const user = await addUser(f.repos());
      const [a, b] = [newNotice(user.id, 1), newNotice(user.id, 2)];
      await notes().create(a);
      await notes().create(b);
      expect(await notes().unreadCount(user.id)).toBe(2);
      expect(await notes().markRead(user.id, a.id, at(10), at(100))).toBe(true);
      expect(await notes().markRead(user.id, a.id, at(20), at(200))).toBe(true);
      expect(await notes().unreadCount(user.id)).toBe(1);
      const [listedB, listedA] = await notes().list(user.id, page);
      expect(listedA).toMatchObject({ id: a.id, read: true, read_at: at(10) });
      expect(listedB).toMatchObject({ id: b.id, read: false, read_at: null });
      expect((await notes().list(user.id, { ...page, unreadOnly: true })).map((n) => n.id)).toEqual([b.id]);
    });

    it("another user's, an unknown or a malformed id is not found for markRead and delete, and changes nothing", async () => {
      const [owner, intruder] = [await addUser(f.repos()), await addUser(f.repos())];
      const n = newNotice(owner.id, 1);
      await notes().create(n);
      for (const id of [n.id, randomUUID(), 'not-a-uuid']) {
        expect(await notes().markRead(intruder.id, id, at(5), at(50))).toBe(false);
        expect(await notes().delete(intruder.id, id)).toBe(false);
      }
      expect(await notes().markAllRead(intruder.id, at(5), at(50))).toBe(0);
      expect(await notes().unreadCount(owner.id)).toBe(1);
      expect(await notes().list(owner.id, page)).toHaveLength(1);
      expect(await notes().unreadCount(intruder.id)).toBe(0);
    });

    it("markAllRead marks every unread one of the user (more than one transaction's worth) and no one else's", async () => {
      const [user, other] = [await addUser(f.repos()), await addUser(f.repos())];
      const made = Array.from({ length: 105 }, (_, i) => newNotice(user.id, i));
      for (const n of made) await notes().create(n);
      await notes().create(newNotice(other.id, 1));
      await notes().markRead(user.id, made[0]!.id, at(200), at(300));
      expect(await notes().markAllRead(user.id, at(400), at(500))).toBe(104);
      expect(await notes().unreadCount(user.id)).toBe(0);
      expect(await notes().list(user.id, { ...page, unreadOnly: true })).toEqual([]);
      const all = [
        ...(await notes().list(user.id, { ...page, limit: 100 })),
        ...(await notes().list(user.id, { ...page, limit: 100, offset: 100 })),
      ];
      expect(all).toHaveLength(105);
      expect(all.every((n) => n.read)).toBe(true);
      expect(all.find((n) => n.id === made[0]!.id)?.read_at).toEqual(at(200));
      expect(await notes().unreadCount(other.id)).toBe(1);
      expect(await notes().markAllRead(user.id, at(600), at(700))).toBe(0);
    });

    it('delete removes it (unread or read) and the count follows', async () => {
      const user = await addUser(f.repos());
      const [a, b] = [newNotice(user.id, 1), newNotice(user.id, 2)];
      await notes().create(a);
      await notes().create(b);
      await notes().markRead(user.id, b.id, at(3), at(4));
      expect(await notes().delete(user.id, a.id)).toBe(true);
      expect(await notes().delete(user.id, b.id)).toBe(true);
      expect(await notes().delete(user.id, a.id)).toBe(false);
      expect(await notes().unreadCount(user.id)).toBe(0);
      expect(await notes().list(user.id, page)).toEqual([]);
    });

    it('a dedupe key stores one notification per user, also when created concurrently', async () => {
      const [user, other] = [await addUser(f.repos()), await addUser(f.repos())];
      const key = `batch:${randomUUID()}`;
      const results = await Promise.all([1, 2, 3].map((s) => notes().create(newNotice(user.id, s, { dedupe_key: key }))));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await notes().create(newNotice(other.id, 1, { dedupe_key: key }))).toBe(true);
      expect(await notes().list(user.id, page)).toHaveLength(1);
      expect(await notes().unreadCount(user.id)).toBe(1);
    });

    it('concurrent markRead of one notification lowers the count once', async () => {
      const user = await addUser(f.repos());
      const [a, b] = [newNotice(user.id, 1), newNotice(user.id, 2)];
      await notes().create(a);
      await notes().create(b);
      await Promise.all([1, 2, 3].map(() => notes().markRead(user.id, a.id, at(5), at(6))));
      expect(await notes().unreadCount(user.id)).toBe(1);
    });

    it('after the sweep, read notifications past their purge time are gone; unread and recent ones stay', async () => {
      const user = await addUser(f.repos());
      const past = new Date(Date.now() - 10 * DAY);
      const [old, recent, unread] = [newNotice(user.id, 1), newNotice(user.id, 2), newNotice(user.id, 3)];
      for (const n of [old, recent, unread]) await notes().create(n);
      await notes().markRead(user.id, old.id, new Date(past.getTime() - DAY), past);
      await notes().markRead(user.id, recent.id, new Date(), new Date(Date.now() + 90 * DAY));
      await notes().sweep(new Date(), 1000);
      expect((await notes().list(user.id, page)).map((n) => n.id).sort()).toEqual([recent.id, unread.id].sort());
      expect(await notes().unreadCount(user.id)).toBe(1);
    });

    it("complete stores the outcome's notification with the document; a repeat or racing delivery stores none", async () => {
      const { user, deck, doc } = await documentIn(f.repos(), 'processing');
      const runs = [1, 2, 3].map((s) => outcome(user.id, deck.id, 2, { notification: newNotice(user.id, s) }));
      const results = await Promise.all(runs.map((r) => f.repos().documents.complete(user.id, doc.id, deck.id, r, at(30))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = runs[results.indexOf(true)]!;
      expect((await notes().list(user.id, page)).map((n) => n.id)).toEqual([winner.notification!.id]);
      expect(
        await f
          .repos()
          .documents.complete(user.id, doc.id, deck.id, outcome(user.id, deck.id, 1, { notification: newNotice(user.id, 9) }), at(40)),
      ).toBe(false);
      expect(await notes().unreadCount(user.id)).toBe(1);
    });

    it('markFailed stores the notification only when it ends a run: once under racing deliveries, never after completion', async () => {
      const { user, doc } = await documentIn(f.repos(), 'processing');
      const results = await Promise.all(
        [1, 2, 3].map((s) => f.repos().documents.markFailed(user.id, doc.id, 'Broken.', at(20), newNotice(user.id, s, { type: 'error' }))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await notes().list(user.id, page)).toHaveLength(1);
      expect(await f.repos().documents.markFailed(user.id, doc.id, 'Again.', at(21), newNotice(user.id, 5))).toBe(false);
      expect((await f.repos().documents.get(user.id, doc.id))?.error_message).toBe('Again.');

      const done = await documentIn(f.repos(), 'processing');
      await f.repos().documents.complete(done.user.id, done.doc.id, done.deck.id, outcome(done.user.id, done.deck.id, 1), at(30));
      expect(await f.repos().documents.markFailed(done.user.id, done.doc.id, 'Late.', at(31), newNotice(done.user.id, 6))).toBe(false);
      expect(await notes().list(done.user.id, page)).toEqual([]);
      expect((await f.repos().documents.get(done.user.id, done.doc.id))?.status).toBe('completed');
    });

    it('an uploaded document failed (no run to end) records the message but stores no notification', async () => {
      const { user, doc } = await documentIn(f.repos(), 'uploaded');
      expect(await f.repos().documents.markFailed(user.id, doc.id, 'Gave up.', at(5), newNotice(user.id, 1))).toBe(false);
      expect((await f.repos().documents.get(user.id, doc.id))?.status).toBe('failed');
      expect(await notes().unreadCount(user.id)).toBe(0);
    });
  });
}
