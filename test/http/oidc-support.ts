/** The HTTP app with the identity provider's sign-in turned on, against a loopback test issuer. */
import type { Ports } from '../../src/core/index.js';
import { OidcTokenVerifier } from '../../src/infra/auth/oidc-token-verifier.js';
import { keycloakClaims, type TestIssuer } from '../support/oidc-issuer.js';
import { ACCESS_TTL, buildTestApp, call, type TestApp } from './support.js';

export const CLIENT = 'opendeck';

export function buildOidcApp(issuer: TestIssuer, provider: 'oidc' | 'both'): TestApp {
  const ports: Partial<Ports> = {
    externalTokens: new OidcTokenVerifier({ issuer: issuer.issuer, audience: CLIENT, algorithms: ['RS256', 'ES256'] }),
    auth: { accessTokenTtlSeconds: ACCESS_TTL, refreshTokenTtlSeconds: 30 * 86400, localSignIn: provider !== 'oidc' },
  };
  // buildTestApp merges these over its defaults; its parameter type asks for whole ports (as rate-limit-support notes).
  return buildTestApp({ ports: ports as Ports });
}

export interface OidcUser {
  sub: string;
  email: string;
  userId: string;
  /** A fresh access token for this person (each call mints a new one, as an issuer would over time). */
  token(): Promise<string>;
}

/** A person at the Keycloak-shaped issuer, signed in once so that their OpenDeck account exists. */
export async function oidcUser(
  app: TestApp['app'],
  issuer: TestIssuer,
  person: Parameters<typeof keycloakClaims>[1] = {},
): Promise<OidcUser> {
  const claims = keycloakClaims(CLIENT, person);
  const token = () => issuer.sign(keycloakClaims(CLIENT, { ...person, sub: claims.sub, email: claims.email as string }));
  const me = await call(app, 'GET', '/api/v1/auth/me', { token: await token() });
  if (me.status !== 200) throw new Error(`first OIDC sign-in failed: ${me.status} ${me.text}`);
  return { sub: claims.sub!, email: claims.email as string, userId: me.body.id, token };
}
