/** /study over real HTTP (app.request) with the real FSRS scheduler and a clock the test controls. */
import { describe, expect, it } from 'vitest';
import { call, expectProblem, isIsoUtc } from './support.js';
import { DAY, MINUTE, answer, buildStudyApp, studentWithDeck } from './study-support.js';

const API = '/api/v1';

describe('GET /study/queue', () => {
  it('gives new cards in listing order with previews, counts and the end of the study day', async () => {
    const { app } = buildStudyApp();
    const { token, deck, cards } = await studentWithDeck(app, 3);
    const res = await call(app, 'GET', `${API}/study/queue?deck_id=${deck.id}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.card.id)).toEqual(cards.map((c) => c.id));
    expect(res.body.counts).toEqual({ new: 3, learning: 0, review: 0 });
    const first = res.body.items[0];
    expect(first.study).toMatchObject({ state: 'new', reps: 0, state_version: 0, last_review: null });
    expect(first.preview.again).toMatchObject({ state: 'learning', interval_seconds: 60 });
    expect(first.preview.good).toMatchObject({ state: 'learning', interval_seconds: 600 });
    expect(first.preview.easy.state).toBe('review');
    expect(isIsoUtc(res.body.day_ends_at)).toBe(true);
    // Default day start 4 am UTC: at 12:00 the day ends tomorrow at 04:00.
    expect(res.body.day_ends_at).toBe('2030-03-11T04:00:00.000Z');
  });

  it('puts learning cards due now first, then reviews due today, then new ones; honours the daily new limit', async () => {
    const { app, clock } = buildStudyApp();
    const { token, deck, cards } = await studentWithDeck(app, 4);
    await call(app, 'PUT', `${API}/study/settings`, { token, body: { new_cards_per_day: 3 } });
    expect((await answer(app, token, cards[0]!.id, 'again')).status).toBe(201); // learning, due in 1 minute
    expect((await answer(app, token, cards[1]!.id, 'easy')).status).toBe(201); // review, due in days
    clock.advance(2 * MINUTE);
    const res = await call(app, 'GET', `${API}/study/queue?deck_id=${deck.id}&limit=10`, { token });
    expect(res.body.counts).toEqual({ new: 1, learning: 1, review: 0 });
    expect(res.body.items.map((i: any) => i.card.id)).toEqual([cards[0]!.id, cards[2]!.id]);
    expect(res.body.items[0].study).toMatchObject({ state: 'learning', state_version: 1, reps: 1 });
    clock.advance(30 * DAY);
    const later = await call(app, 'GET', `${API}/study/queue?limit=10`, { token });
    expect(later.body.items.map((i: any) => i.card.id)).toEqual([cards[0]!.id, cards[1]!.id, cards[2]!.id, cards[3]!.id]);
    expect(later.body.counts).toEqual({ new: 2, learning: 1, review: 1 });
  });

  it('answers 404 for an unknown or malformed deck and 422 for a bad limit', async () => {
    const { app } = buildStudyApp();
    const { token } = await studentWithDeck(app, 0);
    expectProblem(await call(app, 'GET', `${API}/study/queue?deck_id=5b0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44`, { token }), 404, 'not_found');
    expectProblem(await call(app, 'GET', `${API}/study/queue?deck_id=nope`, { token }), 404, 'not_found');
    expectProblem(await call(app, 'GET', `${API}/study/queue?limit=0`, { token }), 422, 'validation');
    expectProblem(await call(app, 'GET', `${API}/study/queue?limit=abc`, { token }), 422, 'validation');
    expectProblem(await call(app, 'GET', `${API}/study/queue`), 401, 'unauthorized');
  });
});

describe('POST /study/reviews', () => {
  it('stores the answer (201), replays the same key (200, one review) and takes ratings as names or 1-4', async () => {
    const { app } = buildStudyApp();
    const { token, cards } = await studentWithDeck(app, 2);
    const body = { card_id: cards[0]!.id, rating: 3, idempotency_key: 'same-key', duration_ms: 4200, state_version: 0 };
    const first = await call(app, 'POST', `${API}/study/reviews`, { token, body });
    expect(first.status).toBe(201);
    expect(first.body.review).toMatchObject({ rating: 'good', duration_ms: 4200, idempotency_key: 'same-key', state_before: 'new' });
    expect(first.body.state).toMatchObject({ card_id: cards[0]!.id, state: 'learning', reps: 1, state_version: 1 });
    expect(first.body.replayed).toBe(false);
    const again = await call(app, 'POST', `${API}/study/reviews`, { token, body });
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.review.id).toBe(first.body.review.id);
    expect(again.body.state).toEqual(first.body.state);
    const stats = await call(app, 'GET', `${API}/study/stats`, { token });
    expect(stats.body.reviews_today).toBe(1);
    const reused = await call(app, 'POST', `${API}/study/reviews`, { token, body: { ...body, card_id: cards[1]!.id } });
    expectProblem(reused, 409, 'conflict');
  });

  it('a stale state_version is a 409; two parallel answers to one card store one and refuse the other', async () => {
    const { app } = buildStudyApp();
    const { token, cards } = await studentWithDeck(app, 2);
    expect((await answer(app, token, cards[0]!.id, 'good', { state_version: 0 })).status).toBe(201);
    const stale = await answer(app, token, cards[0]!.id, 'good', { state_version: 0 });
    expect(expectProblem(stale, 409, 'conflict').detail).toMatch(/since you loaded it/);
    const both = await Promise.all([
      answer(app, token, cards[1]!.id, 'good', { state_version: 0 }),
      answer(app, token, cards[1]!.id, 'hard', { state_version: 0 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const card = await call(app, 'GET', `${API}/study/cards/${cards[1]!.id}`, { token });
    expect(card.body.study.state_version).toBe(1);
  });

  it('refuses bad input with field errors, and answers from the future or before the last review', async () => {
    const { app, clock } = buildStudyApp();
    const { token, cards } = await studentWithDeck(app, 1);
    const id = cards[0]!.id;
    for (const body of [
      { card_id: id, rating: 'meh', idempotency_key: 'k' },
      { card_id: id, rating: 5, idempotency_key: 'k' },
      { card_id: id, rating: 0, idempotency_key: 'k' },
      { card_id: id, rating: 'good' },
      { card_id: id, rating: 'good', idempotency_key: '' },
      { card_id: id, rating: 'good', idempotency_key: 'k', reviewed_at: 'yesterday' },
      { card_id: id, rating: 'good', idempotency_key: 'k', duration_ms: -1 },
      { card_id: id, rating: 'good', idempotency_key: 'k', state_version: 1.5 },
    ]) {
      expectProblem(await call(app, 'POST', `${API}/study/reviews`, { token, body }), 422, 'validation');
    }
    const future = await answer(app, token, id, 'good', { reviewed_at: new Date(clock.now().getTime() + DAY).toISOString() });
    expect(expectProblem(future, 422, 'validation').errors?.[0]?.path).toBe('reviewed_at');
    expect((await answer(app, token, id, 'good')).status).toBe(201);
    const earlier = await answer(app, token, id, 'good', { reviewed_at: new Date(clock.now().getTime() - DAY).toISOString() });
    expectProblem(earlier, 422, 'validation');
    expectProblem(await answer(app, token, '5b0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44', 'good'), 404, 'not_found');
    expectProblem(await answer(app, token, 'not-a-uuid', 'good'), 404, 'not_found');
  });
});

describe('undo and resets', () => {
  it('undo restores the exact state before the answer, repeatedly, and then has nothing left (404)', async () => {
    const { app, clock } = buildStudyApp();
    const { token, cards, deck } = await studentWithDeck(app, 1);
    const id = cards[0]!.id;
    const first = await answer(app, token, id, 'good');
    clock.advance(11 * MINUTE);
    const second = await answer(app, token, id, 'good');
    expect(second.body.state.state).toBe('review');
    const undo1 = await call(app, 'POST', `${API}/study/reviews/undo`, { token, body: { deck_id: deck.id } });
    expect(undo1.status).toBe(200);
    expect(undo1.body.undone_review_id).toBe(second.body.review.id);
    expect({ ...undo1.body.state, state_version: 0 }).toEqual({ ...first.body.state, state_version: 0 });
    expect(undo1.body.state.state_version).toBe(3);
    const undo2 = await call(app, 'POST', `${API}/study/reviews/undo`, { token });
    expect(undo2.body.state).toMatchObject({ state: 'new', reps: 0, last_review: null });
    expectProblem(await call(app, 'POST', `${API}/study/reviews/undo`, { token }), 404, 'not_found');
    const queue = await call(app, 'GET', `${API}/study/queue`, { token });
    expect(queue.body.counts.new).toBe(1);
  });

  it('undo after a reset of that card is a 409; resets make cards new again and are 204', async () => {
    const { app } = buildStudyApp();
    const { token, cards, deck } = await studentWithDeck(app, 3);
    for (const c of cards) expect((await answer(app, token, c.id, 'easy')).status).toBe(201);
    expect((await call(app, 'POST', `${API}/study/cards/${cards[2]!.id}/reset`, { token })).status).toBe(204);
    expectProblem(await call(app, 'POST', `${API}/study/reviews/undo`, { token }), 409, 'conflict');
    expect((await call(app, 'POST', `${API}/study/decks/${deck.id}/reset`, { token })).status).toBe(204);
    const stats = await call(app, 'GET', `${API}/study/decks/${deck.id}/stats`, { token });
    expect(stats.body).toMatchObject({ total_cards: 3, new_cards: 3, review_cards: 0, completion_rate: 0 });
    expectProblem(await call(app, 'POST', `${API}/study/cards/not-a-uuid/reset`, { token }), 404, 'not_found');
  });
});

describe('statistics and settings', () => {
  it('deck stats count states, due cards, the forecast, answers per day and retention', async () => {
    const { app, clock } = buildStudyApp();
    const { token, cards, deck } = await studentWithDeck(app, 4);
    await answer(app, token, cards[0]!.id, 'easy');
    await answer(app, token, cards[1]!.id, 'again');
    const res = await call(app, 'GET', `${API}/study/decks/${deck.id}/stats`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      deck_id: deck.id,
      total_cards: 4,
      new_cards: 2,
      learning_cards: 1,
      review_cards: 1,
      average_ease_factor: 2.5,
      completion_rate: 50,
    });
    expect(res.body.due_cards).toBe(2); // two new cards still allowed today; the learning card is due in a minute
    expect(res.body.forecast).toHaveLength(30);
    expect(res.body.forecast[0]).toEqual({ date: '2030-03-10', count: 1 });
    expect(res.body.reviews_per_day.at(-1)).toEqual({ date: '2030-03-10', count: 2 });
    expect(res.body.retention_30d).toBeNull();
    clock.advance(20 * DAY);
    await answer(app, token, cards[0]!.id, 'good');
    const later = await call(app, 'GET', `${API}/study/decks/${deck.id}/stats`, { token });
    expect(later.body.retention_30d).toBe(1);
    const mine = await call(app, 'GET', `${API}/study/stats`, { token });
    expect(mine.body).toMatchObject({ streak_days: 1, studied_cards: 2, reviews_today: 1, reviews_30d: 3 });
  });

  it('settings default, change partially, and refuse bad values', async () => {
    const { app } = buildStudyApp();
    const { token } = await studentWithDeck(app, 0);
    const defaults = await call(app, 'GET', `${API}/study/settings`, { token });
    expect(defaults.body).toEqual({
      request_retention: 0.9,
      maximum_interval: 36500,
      enable_fuzz: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
      new_cards_per_day: 20,
      day_starts_at_hour: 4,
      timezone: 'UTC',
    });
    const changed = await call(app, 'PUT', `${API}/study/settings`, {
      token,
      body: { timezone: 'Pacific/Tongatapu', learning_steps: ['5m'] },
    });
    expect(changed.body).toMatchObject({ timezone: 'Pacific/Tongatapu', learning_steps: ['5m'], new_cards_per_day: 20 });
    for (const body of [
      { timezone: 'Mars/Olympus' },
      { request_retention: 1.5 },
      { learning_steps: ['10x'] },
      { day_starts_at_hour: 24 },
      { unknown: 1 },
    ]) {
      expectProblem(await call(app, 'PUT', `${API}/study/settings`, { token, body }), 422, 'validation');
    }
  });
});

describe('deleting cards and decks', () => {
  it('removes their study state and log: stats and the queue forget them', async () => {
    const { app } = buildStudyApp();
    const { token, cards, deck } = await studentWithDeck(app, 2);
    await answer(app, token, cards[0]!.id, 'good');
    await answer(app, token, cards[1]!.id, 'good');
    expect((await call(app, 'DELETE', `${API}/cards/${cards[0]!.id}`, { token })).status).toBe(204);
    expect((await call(app, 'GET', `${API}/study/stats`, { token })).body.studied_cards).toBe(1);
    expect((await call(app, 'DELETE', `${API}/decks/${deck.id}`, { token })).status).toBe(204);
    const stats = await call(app, 'GET', `${API}/study/stats`, { token });
    expect(stats.body).toMatchObject({ studied_cards: 0, reviews_today: 0 });
    expectProblem(await call(app, 'POST', `${API}/study/reviews/undo`, { token }), 404, 'not_found');
  });
});
