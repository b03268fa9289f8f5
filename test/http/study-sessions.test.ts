/**
 * The original web client's study pages, driven in the order the portal calls them (contract section 1.4),
 * including leaving a session open and starting again, which broke the original backend.
 */
import { describe, expect, it } from 'vitest';
import { call, expectProblem } from './support.js';
import { DAY, buildStudyApp, studentWithDeck } from './study-support.js';

const API = '/api/v1';

describe('the portal study flow', () => {
  it('deck list stats, start, fetch the cards, answer each, complete; then study again', async () => {
    const { app, clock } = buildStudyApp();
    const { token, deck, cards } = await studentWithDeck(app, 3);

    // Deck list: GET /decks?limit=100, then stats per deck; the badge reads due_cards.
    const decks = await call(app, 'GET', `${API}/decks?limit=100`, { token });
    expect(decks.body.items.map((d: any) => d.id)).toEqual([deck.id]);
    const stats = await call(app, 'GET', `${API}/study/decks/${deck.id}/stats`, { token });
    expect(stats.status).toBe(200);
    expect(stats.body.due_cards).toBe(3);

    // 1. start
    const started = await call(app, 'POST', `${API}/study/sessions`, { token, body: { deck_id: deck.id, session_type: 'review' } });
    expect(started.status).toBe(201);
    const session = started.body;
    expect(session).toMatchObject({
      deck_id: deck.id,
      session_type: 'review',
      current_card_index: 0,
      cards_reviewed: 0,
      is_completed: false,
      reviews: [],
    });
    expect(session.card_ids).toEqual(cards.map((c) => c.id));

    // 3. the portal lists the deck's first N cards and keeps those in card_ids, in listing order
    const listed = await call(app, 'GET', `${API}/decks/${deck.id}/cards?limit=${session.card_ids.length}`, { token });
    const toStudy = listed.body.items.filter((c: any) => session.card_ids.includes(c.id));
    expect(toStudy.map((c: any) => c.id)).toEqual(session.card_ids);

    // 4. answer with the portal's qualities 0, 3, 4 (and 5 would be easy)
    let last: any;
    for (const [i, quality] of [0, 3, 4].entries()) {
      last = await call(app, 'POST', `${API}/study/sessions/${session.id}/reviews`, {
        token,
        body: { card_id: toStudy[i].id, quality, time_taken_seconds: 5 },
      });
      expect(last.status).toBe(200);
      expect(last.body.cards_reviewed).toBe(i + 1);
    }
    expect(last.body).toMatchObject({ cards_reviewed: 3, cards_correct: 2, cards_incorrect: 1, current_card_index: 3 });

    // 5. complete
    clock.advance(90_000);
    const done = await call(app, 'POST', `${API}/study/sessions/${session.id}/complete`, { token, body: {} });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ accuracy: 66.67, cards_remaining: 0 });
    expect(done.body.session).toMatchObject({ is_completed: true });
    expect(done.body.session.total_time_seconds).toBeGreaterThanOrEqual(90);
    expectProblem(await call(app, 'POST', `${API}/study/sessions/${session.id}/complete`, { token, body: {} }), 400, 'bad_request');
    expectProblem(
      await call(app, 'POST', `${API}/study/sessions/${session.id}/reviews`, { token, body: { card_id: cards[0]!.id, quality: 4 } }),
      400,
      'bad_request',
    );

    // The answers went through FSRS: quality 0 left the first card in learning, due in a minute.
    const card = await call(app, 'GET', `${API}/study/cards/${cards[0]!.id}`, { token });
    expect(card.body).toMatchObject({ is_new: false, repetitions: 1, ease_factor: 2.5 });
    expect(card.body.study.state).toBe('learning');

    // 6. "Study Again" a day later: the due cards come back.
    clock.advance(2 * DAY);
    const again = await call(app, 'POST', `${API}/study/sessions`, { token, body: { deck_id: deck.id, session_type: 'review' } });
    expect(again.status).toBe(201);
    expect(again.body.card_ids.length).toBeGreaterThan(0);
  });

  it('leaving a session open and starting again gives a fresh session (never 400) and ends the old one', async () => {
    const { app } = buildStudyApp();
    const { token, deck, cards } = await studentWithDeck(app, 2);
    const first = (await call(app, 'POST', `${API}/study/sessions`, { token, body: { deck_id: deck.id } })).body;
    await call(app, 'POST', `${API}/study/sessions/${first.id}/reviews`, { token, body: { card_id: cards[0]!.id, quality: 4 } });
    expect((await call(app, 'GET', `${API}/study/sessions/active/${deck.id}`, { token })).body.id).toBe(first.id);
    const second = await call(app, 'POST', `${API}/study/sessions`, { token, body: { deck_id: deck.id, session_type: 'review' } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ current_card_index: 0, cards_reviewed: 0 });
    expect(second.body.card_ids).toEqual([cards[1]!.id]);
    expect((await call(app, 'GET', `${API}/study/sessions/active/${deck.id}`, { token })).body.id).toBe(second.body.id);
    expect((await call(app, 'GET', `${API}/study/sessions/${first.id}`, { token })).body.is_completed).toBe(true);
    const list = await call(app, 'GET', `${API}/study/sessions`, { token });
    expect(list.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(list.body.items.map((s: any) => s.id)).toEqual([second.body.id, first.id]);
  });

  it('a deck with nothing due starts with empty card_ids; no active session answers null', async () => {
    const { app } = buildStudyApp();
    const { token, deck } = await studentWithDeck(app, 0);
    expect((await call(app, 'GET', `${API}/study/sessions/active/${deck.id}`, { token })).body).toBeNull();
    const s = await call(app, 'POST', `${API}/study/sessions`, { token, body: { deck_id: deck.id } });
    expect(s.body.card_ids).toEqual([]);
    expect((await call(app, 'GET', `${API}/study/decks/${deck.id}/due`, { token })).body).toEqual({ cards: [] });
    expect((await call(app, 'GET', `${API}/study/decks/${deck.id}/due-count`, { token })).body).toEqual({
      deck_id: deck.id,
      total_cards: 0,
      due_cards: 0,
      new_cards: 0,
      learning_cards: 0,
    });
  });

  it('due cards and due-count use the same queue; errors are problems with a string detail', async () => {
    const { app } = buildStudyApp();
    const { token, deck, cards } = await studentWithDeck(app, 2);
    const other = await studentWithDeck(app, 1);
    const due = await call(app, 'GET', `${API}/study/decks/${deck.id}/due`, { token });
    expect(due.body.cards.map((c: any) => c.id)).toEqual(cards.map((c) => c.id));
    expect(due.body.cards[0]).toMatchObject({ is_new: true, is_due: true, next_review_date: null, interval: 0, question: 'Question 0?' });
    expect((await call(app, 'GET', `${API}/study/decks/${deck.id}/due-count`, { token })).body).toMatchObject({
      total_cards: 2,
      due_cards: 2,
      new_cards: 2,
    });

    const s = (await call(app, 'POST', `${API}/study/sessions`, { token, body: { deck_id: deck.id } })).body;
    const bad = [
      [{ deck_id: deck.id, session_type: 'speed' }, 422, 'validation'],
      [{}, 422, 'validation'],
      [{ deck_id: '5b0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44' }, 404, 'not_found'],
      [{ deck_id: other.deck.id }, 404, 'not_found'],
    ] as const;
    for (const [body, status, code] of bad) expectProblem(await call(app, 'POST', `${API}/study/sessions`, { token, body }), status, code);
    const review = (body: unknown) => call(app, 'POST', `${API}/study/sessions/${s.id}/reviews`, { token, body });
    expectProblem(await review({ card_id: cards[0]!.id, quality: 6 }), 422, 'validation');
    expectProblem(await review({ card_id: cards[0]!.id, quality: -1 }), 422, 'validation');
    expectProblem(await review({ card_id: cards[0]!.id, quality: 2.5 }), 422, 'validation');
    expectProblem(await review({ card_id: other.cards[0]!.id, quality: 4 }), 404, 'not_found');
    const otherDeck = await call(app, 'POST', `${API}/decks`, { token, body: { title: 'Other' } });
    const stray = await call(app, 'POST', `${API}/decks/${otherDeck.body.id}/cards`, {
      token,
      body: { question: 'Q?', answer: 'A.', source: 'Notes.pdf - Page 1' },
    });
    expect(expectProblem(await review({ card_id: stray.body.id, quality: 4 }), 400, 'bad_request').detail).toMatch(
      /not in the session's deck/,
    );
    expectProblem(await call(app, 'POST', `${API}/study/sessions/not-a-uuid/complete`, { token, body: {} }), 404, 'not_found');
    expectProblem(await call(app, 'GET', `${API}/study/sessions/5b0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44`, { token }), 404, 'not_found');
  });
});
