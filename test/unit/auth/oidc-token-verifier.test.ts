/** The OIDC access-token verifier against a local issuer: both claim shapes, every way a token can be bad. */
import { createPublicKey, createSecretKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/index.js';
import { OidcTokenVerifier, type OidcSettings } from '../../../src/infra/auth/oidc-token-verifier.js';
import { closedPort, cognitoClaims, keycloakClaims, startTestIssuer, type TestIssuer } from '../../support/oidc-issuer.js';

const CLIENT = 'opendeck';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
let kc: TestIssuer;
let cognito: TestIssuer;

beforeAll(async () => {
  [kc, cognito] = await Promise.all([startTestIssuer('/realms/opendeck'), startTestIssuer('/eu-west-1_TestPool')]);
});
afterAll(async () => Promise.all([kc.close(), cognito.close()]));

const verifierFor = (issuer: TestIssuer, extra: Partial<OidcSettings> = {}) =>
  new OidcTokenVerifier({ issuer: issuer.issuer, audience: CLIENT, algorithms: ['RS256', 'ES256'], ...extra });

async function refusal(promise: Promise<unknown>): Promise<CoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CoreError);
  return error as CoreError;
}
const expect401 = async (promise: Promise<unknown>, detail: RegExp) => {
  const error = await refusal(promise);
  expect(error.code).toBe('unauthorized');
  expect(error.message).toMatch(detail);
};

describe('Keycloak-shaped access tokens', () => {
  const verifier = () => verifierFor(kc);

  it('accepts RS256 and ES256 tokens and reads subject, email, verification and name', async () => {
    const claims = keycloakClaims(CLIENT, { email: 'Kay@Example.com' });
    for (const alg of ['RS256', 'ES256'] as const) {
      expect(await verifier().verify(await kc.sign(claims, { alg }), new Date())).toEqual({
        issuer: kc.issuer,
        subject: claims.sub,
        email: 'Kay@Example.com',
        emailVerified: true,
        name: 'Kay Cloak',
      });
    }
  });

  it('refuses another issuer, another audience, an ID token and a token without sub', async () => {
    await expect401(
      verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), iss: 'http://127.0.0.1:1/realms/other' }), new Date()),
      /not issued by/,
    );
    await expect401(
      verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), aud: 'account' }), new Date()),
      /audience \(aud\) does not include opendeck/,
    );
    await expect401(
      verifier().verify(await kc.sign({ ...keycloakClaims('other-app'), aud: ['other-app'], azp: CLIENT }), new Date()),
      /audience/,
    );
    await expect401(
      verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), typ: 'ID', aud: CLIENT }), new Date()),
      /ID token, not an access token/,
    );
    await expect401(verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), sub: undefined }), new Date()), /no "sub" claim/);
  });

  it('refuses expired tokens and tokens not valid yet, with 30 s of tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect401(
      verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), iat: now - 600, exp: now - 60 }), new Date()),
      /has expired/,
    );
    await expect401(verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), nbf: now + 120 }), new Date()), /not valid yet/);
    await expect(
      verifier().verify(await kc.sign({ ...keycloakClaims(CLIENT), exp: now - 10, nbf: now + 10 }), new Date()),
    ).resolves.toBeTruthy();
  });

  it('refuses alg "none" and HS256 signed with the public key before fetching any key', async () => {
    const fresh = verifier();
    const before = { ...kc.hits };
    const claims = { ...keycloakClaims(CLIENT), iss: kc.issuer, exp: Math.floor(Date.now() / 1000) + 300 };
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
    await expect401(fresh.verify(unsigned, new Date()), /invalid/);
    const pem = createPublicKey({ key: kc.keys.RS256.jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: kc.keys.RS256.kid })
      .sign(createSecretKey(Buffer.from(pem)));
    await expect401(fresh.verify(confused, new Date()), /invalid/);
    expect(kc.hits).toEqual(before);
  });

  it('refuses an RS256 token whose payload was changed after signing', async () => {
    const token = await kc.sign(keycloakClaims(CLIENT));
    const [header, payload, signature] = token.split('.');
    const changed = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: randomUUID(), email: 'admin@example.com' };
    await expect401(verifier().verify(`${header}.${b64(changed)}.${signature}`, new Date()), /invalid/);
  });

  it('isOwnToken peeks at iss only', async () => {
    expect(verifier().isOwnToken(await kc.sign(keycloakClaims(CLIENT)))).toBe(true);
    expect(verifier().isOwnToken(await cognito.sign(cognitoClaims(CLIENT)))).toBe(false);
    expect(verifier().isOwnToken('not.a.jwt')).toBe(false);
  });
});

describe('keys: caching and rotation', () => {
  it('an unknown kid refetches the JWKS once; a flood of unknown kids does not refetch each time', async () => {
    const issuer = await startTestIssuer('/realms/rotating');
    try {
      const verifier = verifierFor(issuer, { jwksCooldownMs: 300 });
      await verifier.verify(await issuer.sign(keycloakClaims(CLIENT)), new Date());
      await verifier.verify(await issuer.sign(keycloakClaims(CLIENT), { alg: 'ES256' }), new Date());
      expect(issuer.hits.jwks).toBe(1); // cached
      const oldToken = await issuer.sign(keycloakClaims(CLIENT));
      await issuer.rotate();
      await new Promise((resolve) => setTimeout(resolve, 350)); // past the cooldown of the first fetch
      await expect(verifier.verify(await issuer.sign(keycloakClaims(CLIENT)), new Date())).resolves.toBeTruthy();
      expect(issuer.hits.jwks).toBe(2);
      await expect401(verifier.verify(oldToken, new Date()), /key .* does not publish/);
      const flood = await Promise.all(Array.from({ length: 50 }, () => issuer.sign(keycloakClaims(CLIENT), { kid: randomUUID() })));
      for (const token of flood) await expect401(verifier.verify(token, new Date()), /does not publish/);
      expect(issuer.hits.jwks).toBeLessThanOrEqual(3);
      expect(issuer.hits.discovery).toBe(1);
    } finally {
      await issuer.close();
    }
  });

  it('with OIDC_JWKS_URL set, verifying needs no discovery', async () => {
    const issuer = await startTestIssuer('/realms/direct');
    try {
      const verifier = verifierFor(issuer, { jwksUrl: `${issuer.issuer}/protocol/openid-connect/certs` });
      await verifier.verify(await issuer.sign(keycloakClaims(CLIENT)), new Date());
      expect(issuer.hits).toMatchObject({ discovery: 0, jwks: 1 });
    } finally {
      await issuer.close();
    }
  });

  it('an unreachable issuer is 502 upstream_unavailable, with the reason for the log only', async () => {
    const problems: string[] = [];
    const issuer = `http://127.0.0.1:${await closedPort()}/realms/gone`;
    const gone = new OidcTokenVerifier({ issuer, audience: CLIENT, algorithms: ['RS256'], onProblem: (m) => problems.push(m) });
    const error = await refusal(gone.verify(await kc.sign({ ...keycloakClaims(CLIENT), iss: issuer }), new Date()));
    expect(error.code).toBe('upstream_unavailable');
    expect(error.message).toBe(`OpenDeck could not reach the sign-in service at ${issuer}. Try again shortly.`);
    expect(problems[0]).toMatch(/openid-configuration failed: ECONNREFUSED/);
    expect((await refusal(gone.describe())).code).toBe('upstream_unavailable');
  });

  it('a discovery document naming another issuer is refused, naming OIDC_ISSUER', async () => {
    const problems: string[] = [];
    const wrong = new OidcTokenVerifier({
      issuer: `${kc.issuer}-typo`,
      discoveryUrl: `${kc.issuer}/.well-known/openid-configuration`,
      audience: CLIENT,
      algorithms: ['RS256'],
      onProblem: (m) => problems.push(m),
    });
    expect((await refusal(wrong.describe())).code).toBe('upstream_unavailable');
    expect(problems[0]).toContain(`names the issuer "${kc.issuer}", not OIDC_ISSUER=${kc.issuer}-typo`);
  });

  it('describe gives the URLs of the discovery document, fetched once', async () => {
    const issuer = await startTestIssuer('/realms/described');
    try {
      const verifier = verifierFor(issuer);
      const [a, b] = await Promise.all([verifier.describe(), verifier.describe()]);
      expect(a).toEqual(b);
      expect(a).toMatchObject({
        issuer: issuer.issuer,
        token_endpoint: `${issuer.issuer}/protocol/openid-connect/token`,
        end_session_endpoint: expect.any(String),
      });
      expect(issuer.hits.discovery).toBe(1);
    } finally {
      await issuer.close();
    }
  });
});

describe('Cognito-shaped access tokens', () => {
  const verifier = () => verifierFor(cognito);

  it('accepts client_id with token_use=access (no aud); the token carries no email', async () => {
    const claims = cognitoClaims(CLIENT);
    expect(await verifier().verify(await cognito.sign(claims), new Date())).toEqual({
      issuer: cognito.issuer,
      subject: claims.sub,
      email: null,
      emailVerified: false,
      name: claims.username,
    });
  });

  it('refuses another app client, an ID token, and an access token naming no client', async () => {
    await expect401(verifier().verify(await cognito.sign(cognitoClaims('another-client')), new Date()), /neither the audience/);
    const idToken = { ...cognitoClaims(CLIENT), token_use: 'id', aud: CLIENT, client_id: undefined, email: 'x@example.com' };
    await expect401(verifier().verify(await cognito.sign(idToken), new Date()), /an ID token/);
    await expect401(verifier().verify(await cognito.sign({ ...cognitoClaims(CLIENT), client_id: undefined }), new Date()), /neither/);
  });

  it('fetchProfile reads userinfo (email_verified as the string "true") and ignores answers about someone else', async () => {
    const sub = randomUUID();
    const token = await cognito.sign(cognitoClaims(CLIENT, sub));
    expect(await verifier().fetchProfile(token, sub)).toBeNull(); // userinfo answers 401
    cognito.userinfo.set(sub, { email: 'cog@example.com', email_verified: 'true', name: 'Cog Nito' });
    expect(await verifier().fetchProfile(token, sub)).toEqual({ email: 'cog@example.com', emailVerified: true, name: 'Cog Nito' });
    expect(await verifier().fetchProfile(token, randomUUID())).toBeNull();
  });
});
