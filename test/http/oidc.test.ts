/** AUTH_PROVIDER=oidc: only the identity provider's tokens; accounts made on first use; local sign-in refused. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtTokenSigner } from '../../src/infra/auth/jwt-token-signer.js';
import { cognitoClaims, keycloakClaims, startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { CLIENT, buildOidcApp } from './oidc-support.js';
import { JWT, call, createDeck, expectProblem, type TestApp } from './support.js';

let kc: TestIssuer;
let app: TestApp['app'];
let ports: TestApp['ports'];
beforeAll(async () => {
  kc = await startTestIssuer('/realms/opendeck');
  ({ app, ports } = buildOidcApp(kc, 'oidc'));
});
afterAll(() => kc.close());

describe('GET /auth/config', () => {
  it("names the methods and the issuer's URLs, without a token", async () => {
    const res = await call(app, 'GET', '/api/v1/auth/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      methods: ['oidc'],
      oidc: {
        issuer: kc.issuer,
        client_id: CLIENT,
        authorization_endpoint: `${kc.issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${kc.issuer}/protocol/openid-connect/token`,
        jwks_uri: `${kc.issuer}/protocol/openid-connect/certs`,
        userinfo_endpoint: `${kc.issuer}/protocol/openid-connect/userinfo`,
        end_session_endpoint: `${kc.issuer}/protocol/openid-connect/logout`,
      },
    });
  });
});

describe('first use of an issuer token', () => {
  it('creates the account from the email and name claims; later tokens of the same subject find it', async () => {
    const sub = randomUUID();
    const email = `Kay.${sub.slice(0, 6)}@Example.COM`;
    const first = await call(app, 'GET', '/api/v1/auth/me', {
      token: await kc.sign(keycloakClaims(CLIENT, { sub, email, name: '  Kay Cloak  ' })),
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email: email.toLowerCase(), name: 'Kay Cloak' });
    // A new token, a changed email at the issuer: still the same account (the subject is the key, not the email).
    const second = await call(app, 'GET', '/api/v1/auth/me', {
      token: await kc.sign(keycloakClaims(CLIENT, { sub, email: 'new@example.com' }), { alg: 'ES256' }),
    });
    expect(second.body.id).toBe(first.body.id);
    expect((await ports.users.findByEmail(email))?.password_hash).toBeNull();
  });

  it('ten first requests at once create one account', async () => {
    const sub = randomUUID();
    const email = `race-${sub}@example.com`;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => kc.sign(keycloakClaims(CLIENT, { sub, email }))));
    const answers = await Promise.all(tokens.map((token) => call(app, 'GET', '/api/v1/auth/me', { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await ports.users.findByEmail(email))?.id).toBe(answers[0]!.body.id);
  });

  it('works with every route: decks are created and listed for the account', async () => {
    const token = await kc.sign(keycloakClaims(CLIENT));
    const deck = await createDeck(app, token, { title: 'From Keycloak' });
    const list = await call(app, 'GET', '/api/v1/decks', {
      token: await kc.sign(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())),
    });
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([deck.id]);
  });
});

describe('bad tokens over HTTP', () => {
  it('are 401 invalid_token: expired, wrong audience, another issuer, and OpenDeck tokens when only oidc is on', async () => {
    const now = Math.floor(Date.now() / 1000);
    const local = await new JwtTokenSigner(JWT).sign(
      { user_id: randomUUID(), session_id: randomUUID(), type: 'access', jti: randomUUID() },
      900,
      new Date(),
    );
    const bad = {
      expired: await kc.sign({ ...keycloakClaims(CLIENT), exp: now - 120 }),
      audience: await kc.sign({ ...keycloakClaims(CLIENT), aud: 'account' }),
      issuer: await kc.sign({ ...keycloakClaims(CLIENT), iss: 'https://evil.example.com/realms/opendeck' }),
      local,
    };
    for (const [name, token] of Object.entries(bad)) {
      const res = await call(app, 'GET', '/api/v1/decks', { token });
      expect.soft(res.status, name).toBe(401);
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
  });
});

describe('local sign-in is turned off', () => {
  it('register, login and refresh answer 403 naming the issuer, whatever the body', async () => {
    const bodies: [string, unknown][] = [
      ['/api/v1/auth/register', { email: 'a@example.com', name: 'A', password: 'a long passphrase' }],
      ['/api/v1/auth/login', { email: 'a@example.com', password: 'x' }],
      ['/api/v1/auth/login', {}],
      ['/api/v1/auth/refresh', { refresh_token: 'x' }],
    ];
    for (const [path, body] of bodies) {
      const problem = expectProblem(await call(app, 'POST', path, { body }), 403, 'forbidden');
      expect(problem.detail).toBe(
        `Sign-in with an email and password is turned off on this server. Sign in at ${kc.issuer} and send its access token as the bearer token.`,
      );
    }
  });

  it('logout with an issuer token is 400: there is no OpenDeck sign-in to end', async () => {
    const problem = expectProblem(
      await call(app, 'POST', '/api/v1/auth/logout', { token: await kc.sign(keycloakClaims(CLIENT)) }),
      400,
      'bad_request',
    );
    expect(problem.detail).toContain(`Sign out at ${kc.issuer}`);
  });
});

describe('Cognito-shaped tokens (no email in the access token)', () => {
  let cognito: TestIssuer;
  let cognitoApp: TestApp['app'];
  beforeAll(async () => {
    cognito = await startTestIssuer('/eu-west-1_TestPool');
    cognitoApp = buildOidcApp(cognito, 'oidc').app;
  });
  afterAll(() => cognito.close());

  it("takes email and name from the issuer's userinfo endpoint on first use, once", async () => {
    const sub = randomUUID();
    cognito.userinfo.set(sub, { email: `cog-${sub}@example.com`, email_verified: 'true', name: 'Cog Nito' });
    const before = cognito.hits.userinfo;
    const first = await call(cognitoApp, 'GET', '/api/v1/auth/me', { token: await cognito.sign(cognitoClaims(CLIENT, sub)) });
    expect(first.body).toMatchObject({ email: `cog-${sub}@example.com`, name: 'Cog Nito' });
    await call(cognitoApp, 'GET', '/api/v1/auth/me', { token: await cognito.sign(cognitoClaims(CLIENT, sub)) });
    expect(cognito.hits.userinfo - before).toBe(1);
  });

  it('without any email is 403 saying what the administrator must grant', async () => {
    const problem = expectProblem(
      await call(cognitoApp, 'GET', '/api/v1/decks', { token: await cognito.sign(cognitoClaims(CLIENT)) }),
      403,
      'forbidden',
    );
    expect(problem.detail).toContain('the "email" scope');
  });
});
