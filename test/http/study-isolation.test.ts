/** Every /study route answers 404 for another user's deck, card or session (never 403), and for malformed ids. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, signUp, createDeck, createCard, type SignedIn } from './support.js';
import { answer, buildStudyApp } from './study-support.js';

const { app } = buildStudyApp();
let alice: SignedIn;
let bob: SignedIn;
let deckId: string;
let cardId: string;
let sessionId: string;
let bobCardId: string;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(app), signUp(app)]);
  deckId = (await createDeck(app, alice.access, { title: 'Alice private' })).id;
  cardId = (await createCard(app, alice.access, deckId)).id;
  expect((await answer(app, alice.access, cardId, 'good')).status).toBe(201);
  sessionId = (await call(app, 'POST', '/api/v1/study/sessions', { token: alice.access, body: { deck_id: deckId } })).body.id;
  const bobDeck = (await createDeck(app, bob.access, { title: 'Bob deck' })).id;
  bobCardId = (await createCard(app, bob.access, bobDeck)).id;
});

const matrix = (deck: string, card: string, session: string): [string, string, unknown?][] => [
  ['GET', `/api/v1/study/queue?deck_id=${deck}`],
  ['POST', '/api/v1/study/reviews', { card_id: card, rating: 'good', idempotency_key: `bob-${Math.random()}` }],
  ['POST', '/api/v1/study/reviews/undo', { deck_id: deck }],
  ['POST', `/api/v1/study/cards/${card}/reset`],
  ['POST', `/api/v1/study/decks/${deck}/reset`],
  ['GET', `/api/v1/study/decks/${deck}/stats`],
  ['POST', '/api/v1/study/sessions', { deck_id: deck, session_type: 'review' }],
  ['GET', `/api/v1/study/sessions/active/${deck}`],
  ['GET', `/api/v1/study/sessions/${session}`],
  ['POST', `/api/v1/study/sessions/${session}/reviews`, { card_id: card, quality: 4 }],
  ['POST', `/api/v1/study/sessions/${session}/complete`, {}],
  ['GET', `/api/v1/study/decks/${deck}/due`],
  ['GET', `/api/v1/study/decks/${deck}/due-count`],
  ['GET', `/api/v1/study/cards/${card}`],
];

describe('study cross-user isolation', () => {
  it("answers 404 on every study route for another user's deck, card and session", async () => {
    for (const [method, path, body] of matrix(deckId, cardId, sessionId)) {
      const res = await call(app, method, path, { token: bob.access, body });
      expect.soft(res.status, `${method} ${path}`).toBe(404);
      expectProblem(res, 404, 'not_found');
    }
  });

  it("a session of another user is 404 even with the caller's own card", async () => {
    const res = await call(app, 'POST', `/api/v1/study/sessions/${sessionId}/reviews`, {
      token: bob.access,
      body: { card_id: bobCardId, quality: 4 },
    });
    expectProblem(res, 404, 'not_found');
  });

  it("leaves the owner's state, log and session untouched, and shows nothing of them to others", async () => {
    const card = await call(app, 'GET', `/api/v1/study/cards/${cardId}`, { token: alice.access });
    expect(card.body.study).toMatchObject({ state_version: 1, reps: 1 });
    const session = await call(app, 'GET', `/api/v1/study/sessions/${sessionId}`, { token: alice.access });
    expect(session.body).toMatchObject({ is_completed: false, cards_reviewed: 0 });
    const bobStats = await call(app, 'GET', '/api/v1/study/stats', { token: bob.access });
    expect(bobStats.body).toMatchObject({ studied_cards: 0, reviews_today: 0 });
    expect((await call(app, 'GET', '/api/v1/study/sessions', { token: bob.access })).body.total).toBe(0);
    const queue = await call(app, 'GET', '/api/v1/study/queue', { token: bob.access });
    expect(queue.body.items.map((i: any) => i.card.id)).toEqual([bobCardId]);
    expectProblem(await call(app, 'POST', '/api/v1/study/reviews/undo', { token: bob.access }), 404, 'not_found');
  });

  it.each(['not-a-uuid', "1'%20OR%20'1'='1", 'x'.repeat(300), '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6fz'])(
    'every study id answers 404 (never 500 or 422) for %s',
    async (bad) => {
      for (const [method, path, body] of matrix(bad, bad, bad)) {
        expectProblem(await call(app, method, path, { token: alice.access, body }), 404, 'not_found');
      }
    },
  );
});
