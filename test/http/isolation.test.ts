/**
 * Another user's deck, card or document is 404 on every owner-scoped route (never 403: existence must not
 * leak). The routes come from /openapi.json (cross-user-matrix.ts), so a new route is in the matrix by itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createOwnedResources, describeCrossUserMatrix, openApiDocument, ownedRoutes, type OwnedIds } from './cross-user-matrix.js';
import { buildDocumentTestApp } from './documents-support.js';
import { importFile } from './exchange-support.js';
import { CARD, call, createDeck, expectProblem, signUp, type SignedIn } from './support.js';

const { app } = buildDocumentTestApp();
const doc = await openApiDocument(app);
let alice: SignedIn;
let bob: SignedIn;
let ids: OwnedIds;

beforeAll(async () => {
  [alice, bob] = await Promise.all([signUp(app), signUp(app)]);
  ids = await createOwnedResources(app, alice.access);
  await createDeck(app, bob.access, { title: 'Bob deck', category: 'Secret' });
});

describeCrossUserMatrix('local accounts', {
  app: () => app,
  doc,
  routes: ownedRoutes(doc),
  owner: () => ({ ids, token: () => alice.access }),
  intruders: () => [bob.access],
});

describe('cross-user isolation', () => {
  it("answers 404 to an import into another user's deck (multipart deck_id) and writes nothing", async () => {
    const res = await importFile(app, bob.access, { name: 'x.csv', bytes: 'question,answer\nQ,A\n' }, ids.deck_id!);
    expectProblem(res, 404, 'not_found');
    expect((await call(app, 'GET', `/api/v1/decks/${ids.deck_id}`, { token: alice.access })).body.card_count).toBe(1);
  });

  it("leaves the owner's deck and card untouched", async () => {
    const deck = await call(app, 'GET', `/api/v1/decks/${ids.deck_id}`, { token: alice.access });
    expect(deck.body).toMatchObject({ title: 'Owner private', card_count: 1 });
    const card = await call(app, 'GET', `/api/v1/cards/${ids.card_id}`, { token: alice.access });
    expect(card.body).toMatchObject({ answer: CARD.answer });
  });

  it("never lists another user's decks, whatever the filters", async () => {
    for (const query of ['', '?category=Secret', '?q=owner', '?limit=100&sort=title']) {
      const res = await call(app, 'GET', `/api/v1/decks${query}`, { token: bob.access });
      expect(res.status).toBe(200);
      expect(res.body.items.every((d: any) => d.user_id === bob.userId)).toBe(true);
      expect(res.body.items.some((d: any) => d.id === ids.deck_id)).toBe(false);
    }
    expect((await call(app, 'GET', '/api/v1/decks?q=owner', { token: bob.access })).body.total).toBe(0);
  });
});
