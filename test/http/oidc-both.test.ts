/** AUTH_PROVIDER=both: OpenDeck's tokens keep their session check; issuer tokens link to local accounts safely. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keycloakClaims, startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { CLIENT, buildOidcApp, oidcUser } from './oidc-support.js';
import { PASSWORD, call, createDeck, expectProblem, signUp, uniqueEmail, type TestApp } from './support.js';

let kc: TestIssuer;
let app: TestApp['app'];
beforeAll(async () => {
  kc = await startTestIssuer('/realms/both');
  ({ app } = buildOidcApp(kc, 'both'));
});
afterAll(() => kc.close());

const me = async (token: string) => call(app, 'GET', '/api/v1/auth/me', { token });

describe('both methods side by side', () => {
  it('GET /auth/config lists local and oidc', async () => {
    expect((await call(app, 'GET', '/api/v1/auth/config')).body.methods).toEqual(['local', 'oidc']);
  });

  it("OpenDeck's tokens still work and logout still ends them (the session check stays)", async () => {
    const local = await signUp(app);
    expect((await me(local.access)).status).toBe(200);
    expect((await call(app, 'POST', '/api/v1/auth/logout', { token: local.access })).status).toBe(204);
    expectProblem(await me(local.access), 401, 'unauthorized');
  });
});

describe('linking to an existing local account', () => {
  it('an email the issuer verified signs in to the local account with that email, keeping its decks', async () => {
    const local = await signUp(app, uniqueEmail('linked'));
    const deck = await createDeck(app, local.access, { title: 'Made with a password' });
    const sub = randomUUID();
    const res = await me(await kc.sign(keycloakClaims(CLIENT, { sub, email: local.email.toUpperCase(), verified: true })));
    expect(res.body.id).toBe(local.userId);
    const decks = await call(app, 'GET', '/api/v1/decks', {
      token: await kc.sign(keycloakClaims(CLIENT, { sub, email: 'whatever@example.com' })),
    });
    expect(decks.body.items.map((d: { id: string }) => d.id)).toEqual([deck.id]);
    // The password keeps working too.
    expect((await call(app, 'POST', '/api/v1/auth/login', { body: { email: local.email, password: PASSWORD } })).status).toBe(200);
  });

  it('an unverified email another account has is 409 and links nothing; verifying it later links', async () => {
    const local = await signUp(app, uniqueEmail('victim'));
    const sub = randomUUID();
    const problem = expectProblem(
      await me(await kc.sign(keycloakClaims(CLIENT, { sub, email: local.email, verified: false }))),
      409,
      'conflict',
    );
    expect(problem.detail).toBe(
      `An OpenDeck account already uses ${local.email}, and ${kc.issuer} has not verified that this email is yours, ` +
        `so your sign-in cannot be linked to that account. Verify your email at ${kc.issuer} and try again.`,
    );
    expectProblem(await me(await kc.sign(keycloakClaims(CLIENT, { sub, email: local.email, verified: false }))), 409, 'conflict');
    expect((await me(await kc.sign(keycloakClaims(CLIENT, { sub, email: local.email, verified: true })))).body.id).toBe(local.userId);
  });

  it('an unverified email nobody has makes a new account', async () => {
    const person = await oidcUser(app, kc, { verified: false });
    expect((await me(await person.token())).body).toMatchObject({ id: person.userId, email: person.email });
  });
});

describe('accounts made by the issuer have no password', () => {
  it('login with their email fails exactly like a wrong password; register with it is 409', async () => {
    const person = await oidcUser(app, kc);
    const theirs = await call(app, 'POST', '/api/v1/auth/login', { body: { email: person.email, password: PASSWORD } });
    const unknown = await call(app, 'POST', '/api/v1/auth/login', { body: { email: uniqueEmail('nobody'), password: PASSWORD } });
    expectProblem(theirs, 401, 'unauthorized');
    const strip = ({ request_id: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(theirs.body)).toEqual(strip(unknown.body));
    expectProblem(
      await call(app, 'POST', '/api/v1/auth/register', { body: { email: person.email, name: 'Squatter', password: PASSWORD } }),
      409,
      'conflict',
    );
  });

  it('logout with their token is a 400 naming the issuer; their token keeps working', async () => {
    const person = await oidcUser(app, kc);
    const token = await person.token();
    expectProblem(await call(app, 'POST', '/api/v1/auth/logout', { token }), 400, 'bad_request');
    expect((await me(token)).status).toBe(200);
  });
});
