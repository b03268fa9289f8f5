/** Ownership rules hold the same for accounts of the identity provider: another user's resource is 404. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { createOwnedResources, describeCrossUserMatrix, openApiDocument, ownedRoutes, type OwnedIds } from './cross-user-matrix.js';
import { buildOidcApp, oidcUser, type OidcUser } from './oidc-support.js';
import { CARD, call, signUp } from './support.js';

// The issuer is started at import, as the app's document is read at collection time to list the routes.
const kc: TestIssuer = await startTestIssuer('/realms/isolation');
const { app } = buildOidcApp(kc, 'both');
const doc = await openApiDocument(app);
let alice: OidcUser;
let bob: OidcUser;
let carolToken: string;
let ids: OwnedIds;

beforeAll(async () => {
  [alice, bob] = await Promise.all([oidcUser(app, kc), oidcUser(app, kc)]);
  carolToken = (await signUp(app)).access;
  ids = await createOwnedResources(app, await alice.token());
});
afterAll(() => kc.close());

// Intruders: another issuer account and a local account.
describeCrossUserMatrix('issuer accounts', {
  app: () => app,
  doc,
  routes: ownedRoutes(doc),
  owner: () => ({ ids, token: () => alice.token() }),
  intruders: async () => [await bob.token(), carolToken],
});

describe('cross-user isolation with issuer accounts', () => {
  it("never lists another user's decks", async () => {
    for (const token of [await bob.token(), carolToken]) {
      const res = await call(app, 'GET', '/api/v1/decks?category=Secret&limit=100', { token });
      expect(res.body.total).toBe(0);
    }
  });

  it("leaves the owner's deck and card untouched", async () => {
    const token = await alice.token();
    expect((await call(app, 'GET', `/api/v1/decks/${ids.deck_id}`, { token })).body).toMatchObject({
      title: 'Owner private',
      card_count: 1,
      user_id: alice.userId,
    });
    expect((await call(app, 'GET', `/api/v1/cards/${ids.card_id}`, { token })).body).toMatchObject({ answer: CARD.answer });
  });
});
