/**
 * A stand-in identity provider on loopback: a discovery document, a JWKS of generated RS256 and ES256 keys
 * (rotatable), a userinfo endpoint, and helpers that mint access tokens shaped like Keycloak's and Cognito's.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export type SigningAlg = 'RS256' | 'ES256';
interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function newKey(alg: SigningAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  return { kid, alg, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface TestIssuer {
  issuer: string;
  /** Requests served so far, by endpoint. */
  hits: { discovery: number; jwks: number; userinfo: number };
  keys: Record<SigningAlg, SigningKey>;
  /** Replaces both keys: tokens signed with the old ones no longer verify once the JWKS is refetched. */
  rotate(): Promise<void>;
  /** Signs claims (iss, iat, exp and jti filled in unless given) with the current key of that algorithm. */
  sign(claims: JWTPayload, options?: { alg?: SigningAlg; kid?: string; key?: CryptoKey }): Promise<string>;
  /** Userinfo answers for a subject (Cognito access tokens carry no email). */
  userinfo: Map<string, Record<string, unknown>>;
  /** Set to make discovery answer with another status, or to hang up. */
  fail: { discovery?: number };
  close(): Promise<void>;
}

export async function startTestIssuer(path = '/realms/opendeck'): Promise<TestIssuer> {
  let issuer = '';
  const keys: Record<SigningAlg, SigningKey> = { RS256: await newKey('RS256'), ES256: await newKey('ES256') };
  const hits = { discovery: 0, jwks: 0, userinfo: 0 };
  const userinfo = new Map<string, Record<string, unknown>>();
  const fail: TestIssuer['fail'] = {};
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === `${path}/.well-known/openid-configuration`) {
      hits.discovery++;
      if (fail.discovery) return json(res, fail.discovery, { error: 'unavailable' });
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
        token_endpoint: `${issuer}/protocol/openid-connect/token`,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        userinfo_endpoint: `${issuer}/protocol/openid-connect/userinfo`,
        end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      });
    }
    if (url.pathname === `${path}/protocol/openid-connect/certs`) {
      hits.jwks++;
      return json(res, 200, { keys: [keys.RS256.jwk, keys.ES256.jwk] });
    }
    if (url.pathname === `${path}/protocol/openid-connect/userinfo`) {
      hits.userinfo++;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const sub = token
        ? (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as JWTPayload).sub
        : undefined;
      const info = sub ? userinfo.get(sub) : undefined;
      return info ? json(res, 200, { sub, ...info }) : json(res, 401, { error: 'invalid_token' });
    }
    json(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  return {
    issuer,
    hits,
    keys,
    userinfo,
    fail,
    async rotate() {
      keys.RS256 = await newKey('RS256');
      keys.ES256 = await newKey('ES256');
    },
    async sign(claims, options = {}) {
      const key = keys[options.alg ?? 'RS256'];
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: issuer, iat: now, exp: now + 300, jti: randomUUID(), ...claims })
        .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
        .sign(options.key ?? key.privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Claims of a Keycloak access token for client `clientId` with an audience mapper adding the client. */
export const keycloakClaims = (
  clientId: string,
  person: { sub?: string; email?: string; verified?: boolean; name?: string } = {},
): JWTPayload => ({
  sub: person.sub ?? randomUUID(),
  aud: [clientId, 'account'],
  typ: 'Bearer',
  azp: clientId,
  sid: randomUUID(),
  scope: 'openid email profile',
  email_verified: person.verified ?? true,
  name: person.name ?? 'Kay Cloak',
  preferred_username: 'kay',
  given_name: 'Kay',
  family_name: 'Cloak',
  email: person.email ?? `kc-${randomUUID()}@example.com`,
});

/** Claims of a Cognito user pool access token: no aud, no email; client_id and token_use instead. */
export const cognitoClaims = (clientId: string, sub: string = randomUUID()): JWTPayload => ({
  sub,
  client_id: clientId,
  token_use: 'access',
  scope: 'openid email profile',
  auth_time: Math.floor(Date.now() / 1000),
  origin_jti: randomUUID(),
  event_id: randomUUID(),
  version: 2,
  username: `cognito-${sub.slice(0, 8)}`,
});

/** A loopback port nothing listens on (opened, then closed): connecting to it is refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
