import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STUDY_SETTINGS, type Card } from '../../../src/core/index.js';
import { T0, addUser, at, newCard, newDeck, userWithDeck, type FixtureAccess } from './fixtures.js';
import { schedule, studyWrite } from './study-fixtures.js';

export function describeStudyContract(f: FixtureAccess): void {
  const cardsIn = async (userId: string, deckId: string, n: number, from = 0): Promise<Card[]> =>
    (await f.repos().cards.createMany(
      userId,
      deckId,
      Array.from({ length: n }, (_, i) => newCard(userId, deckId, { created_at: at(from + i) })),
    ))!;

  describe('study states and review log', () => {
    it('write stores the state and the entry; a wrong expected version is stale and writes nothing', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [card] = await cardsIn(user.id, deck.id, 1);
      const first = studyWrite(user.id, card!);
      expect(await f.repos().study.write(user.id, first)).toEqual({ status: 'written' });
      expect(await f.repos().study.getState(user.id, deck.id, card!.id)).toEqual(first.next);
      expect(await f.repos().study.cardLog(user.id, card!.id)).toEqual([first.entry]);

      const stale = studyWrite(user.id, card!, { expected: 0 });
      expect(await f.repos().study.write(user.id, stale)).toEqual({ status: 'stale' });
      const second = studyWrite(user.id, card!, { expected: 1, after: schedule('review', at(86_400), { reps: 2 }) });
      expect(await f.repos().study.write(user.id, second)).toEqual({ status: 'written' });
      expect((await f.repos().study.getState(user.id, deck.id, card!.id))?.version).toBe(2);
      expect((await f.repos().study.cardLog(user.id, card!.id)).map((e) => e.id)).toEqual([first.entry.id, second.entry.id]);
    });

    it('an idempotency key already in the log gives the earlier entry back and writes nothing; keys are per user', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [card] = await cardsIn(user.id, deck.id, 1);
      const first = studyWrite(user.id, card!, { key: 'answer-1' });
      await f.repos().study.write(user.id, first);
      const again = studyWrite(user.id, card!, { key: 'answer-1', expected: 1 });
      expect(await f.repos().study.write(user.id, again)).toEqual({ status: 'duplicate', entry: first.entry });
      expect(await f.repos().study.cardLog(user.id, card!.id)).toHaveLength(1);
      expect(await f.repos().study.findByIdempotencyKey(user.id, 'answer-1')).toEqual(first.entry);

      const { user: other, deck: otherDeck } = await userWithDeck(f.repos());
      const [otherCard] = await cardsIn(other.id, otherDeck.id, 1);
      expect(await f.repos().study.findByIdempotencyKey(other.id, 'answer-1')).toBeNull();
      expect(await f.repos().study.write(other.id, studyWrite(other.id, otherCard!, { key: 'answer-1' }))).toEqual({ status: 'written' });
    });

    it("a write for a missing card or another user's card is card_gone", async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const other = await addUser(f.repos());
      const [card] = await cardsIn(user.id, deck.id, 1);
      expect(await f.repos().study.write(other.id, studyWrite(other.id, card!))).toEqual({ status: 'card_gone' });
      const ghost = { ...card!, id: randomUUID() };
      expect(await f.repos().study.write(user.id, studyWrite(user.id, ghost))).toEqual({ status: 'card_gone' });
      expect(await f.repos().study.getState(user.id, deck.id, card!.id)).toBeNull();
    });

    it('listDue and countDue: by states, due time and deck, earliest first, only the caller', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const deck2 = await f.repos().decks.create(newDeck(user.id));
      const cards = await cardsIn(user.id, deck.id, 4);
      const [other] = await cardsIn(user.id, deck2.id, 1);
      const dues = [at(300), at(100), at(200), at(5000)];
      for (const [i, c] of cards.entries()) {
        await f.repos().study.write(user.id, studyWrite(user.id, c, { after: schedule(i === 3 ? 'learning' : 'review', dues[i]!) }));
      }
      await f.repos().study.write(user.id, studyWrite(user.id, other!, { after: schedule('review', at(50)) }));
      const reviews = await f.repos().study.listDue(user.id, { deckId: deck.id, states: ['review'], before: at(1000) }, 10);
      expect(reviews.map((r) => r.card.id)).toEqual([cards[1]!.id, cards[2]!.id, cards[0]!.id]);
      expect(reviews[0]!.state?.due).toEqual(at(100));
      expect(reviews[0]!.card.question).toBe(cards[1]!.question);
      expect((await f.repos().study.listDue(user.id, { deckId: deck.id, states: ['review'], before: at(1000) }, 2)).length).toBe(2);
      expect(await f.repos().study.countDue(user.id, { deckId: deck.id, states: ['review'], before: at(200) })).toBe(2);
      expect(await f.repos().study.countDue(user.id, { deckId: deck.id, states: ['learning', 'relearning'], before: at(1000) })).toBe(0);
      expect(await f.repos().study.countDue(user.id, { deckId: deck.id, states: ['learning', 'relearning'], before: at(5000) })).toBe(1);
      const all = await f.repos().study.listDue(user.id, { deckId: null, states: ['review'], before: at(1000) }, 10);
      expect(all.map((r) => r.card.id)).toEqual([other!.id, cards[1]!.id, cards[2]!.id, cards[0]!.id]);
      const stranger = await addUser(f.repos());
      expect(await f.repos().study.countDue(stranger.id, { deckId: null, states: ['review'], before: at(1000) })).toBe(0);
    });

    it('listNew and countNew: cards without a state or in state new, in listing order', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const cards = await cardsIn(user.id, deck.id, 5);
      await f.repos().study.write(user.id, studyWrite(user.id, cards[0]!));
      await f
        .repos()
        .study.write(user.id, studyWrite(user.id, cards[2]!, { after: schedule('new', at(9), { reps: 0, last_review: null }) }));
      const fresh = await f.repos().study.listNew(user.id, deck.id, 10);
      expect(fresh.map((c) => c.card.id)).toEqual([cards[1]!.id, cards[2]!.id, cards[3]!.id, cards[4]!.id]);
      expect(fresh[0]!.state).toBeNull();
      expect(fresh[1]!.state?.state).toBe('new');
      expect((await f.repos().study.listNew(user.id, deck.id, 2)).map((c) => c.card.id)).toEqual([cards[1]!.id, cards[2]!.id]);
      expect(await f.repos().study.countNew(user.id, deck.id)).toBe(4);
      const deck2 = await f.repos().decks.create(newDeck(user.id));
      await cardsIn(user.id, deck2.id, 2, 100);
      expect(await f.repos().study.countNew(user.id, null)).toBe(6);
      expect((await f.repos().study.listStates(user.id, deck.id)).map((s) => s.card_id).sort()).toEqual(
        [cards[0]!.id, cards[2]!.id].sort(),
      );
      expect(await f.repos().study.countNew((await addUser(f.repos())).id, null)).toBe(0);
    });

    it('lastReview is the newest review that is neither a reset nor undone; undo restores once', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const deck2 = await f.repos().decks.create(newDeck(user.id));
      const [a] = await cardsIn(user.id, deck.id, 1);
      const [b] = await cardsIn(user.id, deck2.id, 1);
      const w1 = studyWrite(user.id, a!, { createdAt: at(10) });
      const w2 = studyWrite(user.id, b!, { createdAt: at(20) });
      const reset = studyWrite(user.id, a!, { expected: 1, kind: 'reset', key: null, createdAt: at(30) });
      for (const w of [w1, w2, reset]) expect(await f.repos().study.write(user.id, w)).toEqual({ status: 'written' });
      expect((await f.repos().study.lastReview(user.id, null))?.id).toBe(w2.entry.id);
      expect((await f.repos().study.lastReview(user.id, deck.id))?.id).toBe(w1.entry.id);

      const restored = { ...w2.next, ...w2.entry.state_before, version: 2, updated_at: at(40) };
      const undo = { entry: w2.entry, expected_version: 1, restored, undone_at: at(40) };
      expect(await f.repos().study.undo(user.id, undo)).toBe(true);
      expect(await f.repos().study.undo(user.id, { ...undo, expected_version: 2 })).toBe(false);
      expect(await f.repos().study.getState(user.id, deck2.id, b!.id)).toEqual(restored);
      expect((await f.repos().study.cardLog(user.id, b!.id))[0]!.undone_at).toEqual(at(40));
      expect((await f.repos().study.lastReview(user.id, null))?.id).toBe(w1.entry.id);
      expect(await f.repos().study.lastReview(user.id, deck2.id)).toBeNull();
      expect((await f.repos().study.logSince(user.id, null, T0)).map((e) => e.id).sort()).toEqual([w1.entry.id, reset.entry.id].sort());
      expect((await f.repos().study.logSince(user.id, deck.id, at(25))).map((e) => e.id)).toEqual([reset.entry.id]);
      // w1 started a new card; w2 did too but is undone; the reset is no answer.
      expect(await f.repos().study.countNewStarted(user.id, T0)).toBe(1);
      expect(await f.repos().study.countNewStarted(user.id, at(11))).toBe(0);
    });

    it('settings round trip per user', async () => {
      const user = await addUser(f.repos());
      expect(await f.repos().study.getSettings(user.id)).toBeNull();
      const settings = { ...DEFAULT_STUDY_SETTINGS, timezone: 'Pacific/Apia', learning_steps: ['5m'], request_retention: 0.85 };
      await f.repos().study.saveSettings(user.id, settings, T0);
      expect(await f.repos().study.getSettings(user.id)).toEqual(settings);
      await f.repos().study.saveSettings(user.id, { ...settings, new_cards_per_day: 5 }, T0);
      expect((await f.repos().study.getSettings(user.id))?.new_cards_per_day).toBe(5);
      expect(await f.repos().study.getSettings((await addUser(f.repos())).id)).toBeNull();
    });

    it('deleting a card or a deck removes its study state, log and sessions', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const [a, b] = await cardsIn(user.id, deck.id, 2);
      const wa = studyWrite(user.id, a!, { key: 'key-a' });
      const wb = studyWrite(user.id, b!, { key: 'key-b' });
      await f.repos().study.write(user.id, wa);
      await f.repos().study.write(user.id, wb);
      await f.repos().studySessions.start(session(user.id, deck.id));
      expect(await f.repos().cards.delete(user.id, a!.id)).toBe(true);
      expect(await f.repos().study.getState(user.id, deck.id, a!.id)).toBeNull();
      expect(await f.repos().study.cardLog(user.id, a!.id)).toEqual([]);
      expect(await f.repos().study.findByIdempotencyKey(user.id, 'key-a')).toBeNull();
      expect(await f.repos().study.getState(user.id, deck.id, b!.id)).not.toBeNull();

      expect(await f.repos().decks.delete(user.id, deck.id)).toBe(true);
      expect(await f.repos().study.getState(user.id, deck.id, b!.id)).toBeNull();
      expect(await f.repos().study.cardLog(user.id, b!.id)).toEqual([]);
      expect(await f.repos().study.findByIdempotencyKey(user.id, 'key-b')).toBeNull();
      expect(await f.repos().study.logSince(user.id, null, T0)).toEqual([]);
      expect(await f.repos().study.lastReview(user.id, null)).toBeNull();
      expect(await f.repos().study.listStates(user.id, null)).toEqual([]);
      expect((await f.repos().studySessions.list(user.id, { limit: 10, offset: 0 })).total).toBe(0);
    });
  });

  const session = (userId: string, deckId: string, startedAt = T0) => ({
    id: randomUUID(),
    user_id: userId,
    deck_id: deckId,
    session_type: 'review' as const,
    started_at: startedAt,
    ended_at: null,
    cards_reviewed: 0,
    cards_correct: 0,
    cards_incorrect: 0,
    card_ids: [randomUUID(), randomUUID()],
  });

  describe('study sessions', () => {
    it('start ends the open session on the same deck; active, get and list see it; others see nothing', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const deck2 = await f.repos().decks.create(newDeck(user.id));
      const first = await f.repos().studySessions.start(session(user.id, deck.id, at(1)));
      const elsewhere = await f.repos().studySessions.start(session(user.id, deck2.id, at(2)));
      expect(first.card_ids).toHaveLength(2);
      expect(await f.repos().studySessions.active(user.id, deck.id)).toEqual(first);
      const second = await f.repos().studySessions.start(session(user.id, deck.id, at(3)));
      expect(await f.repos().studySessions.active(user.id, deck.id)).toEqual(second);
      expect((await f.repos().studySessions.get(user.id, first.id))?.ended_at).toEqual(at(3));
      expect(await f.repos().studySessions.active(user.id, deck2.id)).toEqual(elsewhere);
      const page = await f.repos().studySessions.list(user.id, { limit: 2, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.items.map((s) => s.id)).toEqual([second.id, elsewhere.id]);
      const stranger = await addUser(f.repos());
      expect(await f.repos().studySessions.get(stranger.id, first.id)).toBeNull();
      expect(await f.repos().studySessions.active(stranger.id, deck.id)).toBeNull();
      expect(await f.repos().studySessions.countAnswer(stranger.id, second.id, true)).toBeNull();
      expect(await f.repos().studySessions.complete(stranger.id, second.id, at(9))).toBeNull();
    });

    it('countAnswer counts while open; complete ends it once', async () => {
      const { user, deck } = await userWithDeck(f.repos());
      const s = await f.repos().studySessions.start(session(user.id, deck.id));
      await f.repos().studySessions.countAnswer(user.id, s.id, true);
      const counted = await f.repos().studySessions.countAnswer(user.id, s.id, false);
      expect(counted).toMatchObject({ cards_reviewed: 2, cards_correct: 1, cards_incorrect: 1 });
      const done = await f.repos().studySessions.complete(user.id, s.id, at(60));
      expect(done).toMatchObject({ ended_at: at(60), cards_reviewed: 2 });
      expect(await f.repos().studySessions.complete(user.id, s.id, at(61))).toBe('ended');
      expect(await f.repos().studySessions.countAnswer(user.id, s.id, true)).toBe('ended');
      expect(await f.repos().studySessions.active(user.id, deck.id)).toBeNull();
      expect(await f.repos().studySessions.get(user.id, randomUUID())).toBeNull();
    });
  });
}
