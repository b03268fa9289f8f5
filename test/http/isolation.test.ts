/** Another user's deck or card is 404 on every route (never 403: existence must not leak). */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { timeOrderedId } from '../../src/core/index.js';
import { importFile } from './exchange-support.js';
import { CARD, buildTestApp, call, createCard, createDeck, expectProblem, signUp, type SignedIn } from './support.js';

const { app, ports } = buildTestApp();
let alice: SignedIn;
let bob: SignedIn;
let deckId: string;
let cardId: string;
let notificationId: string;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(app), signUp(app)]);
  deckId = (await createDeck(app, alice.access, { title: 'Alice private', category: 'Secret' })).id;
  cardId = (await createCard(app, alice.access, deckId)).id;
  await createDeck(app, bob.access, { title: 'Bob deck', category: 'Secret' });
  notificationId = timeOrderedId(new Date(), randomUUID());
  await ports.notifications.create({
    id: notificationId,
    user_id: alice.userId,
    type: 'info',
    title: 'Private',
    message: 'For Alice only',
    action_url: null,
    metadata: null,
    image_url: null,
    created_at: new Date(),
    dedupe_key: null,
  });
});

const matrix = (): [string, string, unknown?][] => [
  ['GET', `/api/v1/decks/${deckId}`],
  ['PUT', `/api/v1/decks/${deckId}`, { title: 'Hijacked' }],
  ['DELETE', `/api/v1/decks/${deckId}`],
  ['GET', `/api/v1/decks/${deckId}/cards`],
  ['POST', `/api/v1/decks/${deckId}/cards`, CARD],
  ['GET', `/api/v1/decks/${deckId}/export`],
  ['GET', `/api/v1/decks/${deckId}/export?format=csv`],
  ['GET', `/api/v1/decks/${deckId}/export?format=json`],
  ['GET', `/api/v1/cards/${cardId}`],
  ['PUT', `/api/v1/cards/${cardId}`, { answer: 'Hijacked' }],
  ['DELETE', `/api/v1/cards/${cardId}`],
  ['PATCH', `/api/v1/notifications/${notificationId}/read`],
  ['DELETE', `/api/v1/notifications/${notificationId}`],
];

describe('cross-user isolation', () => {
  it("answers 404 to every deck and card route for another user's resources", async () => {
    for (const [method, path, body] of matrix()) {
      const res = await call(app, method, path, { token: bob.access, body });
      expect.soft(res.status, `${method} ${path}`).toBe(404);
      expectProblem(res, 404, 'not_found');
    }
  });

  it("answers 404 to an import into another user's deck (multipart deck_id) and writes nothing", async () => {
    const res = await importFile(app, bob.access, { name: 'x.csv', bytes: 'question,answer\nQ,A\n' }, deckId);
    expectProblem(res, 404, 'not_found');
  });

  it("leaves the owner's deck and card untouched", async () => {
    const deck = await call(app, 'GET', `/api/v1/decks/${deckId}`, { token: alice.access });
    expect(deck.body).toMatchObject({ title: 'Alice private', card_count: 1 });
    const card = await call(app, 'GET', `/api/v1/cards/${cardId}`, { token: alice.access });
    expect(card.body).toMatchObject({ answer: CARD.answer });
  });

  it("the 404 for another user's id equals the 404 for an id that does not exist", async () => {
    const theirs = await call(app, 'GET', `/api/v1/decks/${deckId}`, { token: bob.access });
    const missing = await call(app, 'GET', '/api/v1/decks/00000000-0000-4000-8000-000000000000', { token: bob.access });
    const strip = ({ request_id: _, ...rest }: any) => rest;
    expect(strip(theirs.body)).toEqual(strip(missing.body));
  });

  it("never lists another user's decks, whatever the filters", async () => {
    for (const query of ['', '?category=Secret', '?q=alice', '?limit=100&sort=title']) {
      const res = await call(app, 'GET', `/api/v1/decks${query}`, { token: bob.access });
      expect(res.status).toBe(200);
      expect(res.body.items.every((d: any) => d.user_id === bob.userId)).toBe(true);
      expect(res.body.items.some((d: any) => d.id === deckId)).toBe(false);
    }
    expect((await call(app, 'GET', '/api/v1/decks?q=alice', { token: bob.access })).body.total).toBe(0);
  });
});

describe('malformed ids', () => {
  it.each(['not-a-uuid', '123', "1'%20OR%20'1'='1", 'x'.repeat(300), '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6fz'])(
    'every id route answers 404 (never 500 or 422) for %s',
    async (bad) => {
      const routes: [string, string, unknown?][] = [
        ['GET', `/api/v1/decks/${bad}`],
        ['PUT', `/api/v1/decks/${bad}`, { title: 'x' }],
        ['DELETE', `/api/v1/decks/${bad}`],
        ['GET', `/api/v1/decks/${bad}/cards`],
        ['POST', `/api/v1/decks/${bad}/cards`, CARD],
        ['GET', `/api/v1/decks/${bad}/export`],
        ['GET', `/api/v1/cards/${bad}`],
        ['PUT', `/api/v1/cards/${bad}`, { answer: 'x' }],
        ['DELETE', `/api/v1/cards/${bad}`],
        ['PATCH', `/api/v1/notifications/${bad}/read`],
        ['DELETE', `/api/v1/notifications/${bad}`],
      ];
      for (const [method, path, body] of routes) {
        expectProblem(await call(app, method, path, { token: alice.access, body }), 404, 'not_found');
      }
    },
  );
});
