/** Ownership rules hold the same for accounts of the identity provider: another user's resource is 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { buildOidcApp, oidcUser, type OidcUser } from './oidc-support.js';
import { CARD, call, createCard, createDeck, expectProblem, signUp, type TestApp } from './support.js';

let kc: TestIssuer;
let app: TestApp['app'];
let alice: OidcUser;
let bob: OidcUser;
let carolToken: string;
let deckId: string;
let cardId: string;

beforeAll(async () => {
  kc = await startTestIssuer('/realms/isolation');
  ({ app } = buildOidcApp(kc, 'both'));
  [alice, bob] = await Promise.all([oidcUser(app, kc), oidcUser(app, kc)]);
  carolToken = (await signUp(app)).access;
  deckId = (await createDeck(app, await alice.token(), { title: 'Alice private', category: 'Secret' })).id;
  cardId = (await createCard(app, await alice.token(), deckId)).id;
});
afterAll(() => kc.close());

const matrix = (): [string, string, unknown?][] => [
  ['GET', `/api/v1/decks/${deckId}`],
  ['PUT', `/api/v1/decks/${deckId}`, { title: 'Hijacked' }],
  ['DELETE', `/api/v1/decks/${deckId}`],
  ['GET', `/api/v1/decks/${deckId}/cards`],
  ['POST', `/api/v1/decks/${deckId}/cards`, CARD],
  ['GET', `/api/v1/cards/${cardId}`],
  ['PUT', `/api/v1/cards/${cardId}`, { answer: 'Hijacked' }],
  ['DELETE', `/api/v1/cards/${cardId}`],
];

describe('cross-user isolation with issuer accounts', () => {
  it('answers 404 to another issuer account and to a local account, on every deck and card route', async () => {
    for (const token of [await bob.token(), carolToken]) {
      for (const [method, path, body] of matrix()) {
        const res = await call(app, method, path, { token, body });
        expect.soft(res.status, `${method} ${path}`).toBe(404);
        expectProblem(res, 404, 'not_found');
      }
    }
  });

  it("never lists another user's decks", async () => {
    for (const token of [await bob.token(), carolToken]) {
      const res = await call(app, 'GET', '/api/v1/decks?category=Secret&limit=100', { token });
      expect(res.body.total).toBe(0);
    }
  });

  it("leaves the owner's deck and card untouched", async () => {
    const token = await alice.token();
    expect((await call(app, 'GET', `/api/v1/decks/${deckId}`, { token })).body).toMatchObject({
      title: 'Alice private',
      card_count: 1,
      user_id: alice.userId,
    });
    expect((await call(app, 'GET', `/api/v1/cards/${cardId}`, { token })).body).toMatchObject({ answer: CARD.answer });
  });
});
