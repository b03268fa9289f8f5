import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import {
  CoreError,
  type ExternalIdentityClaims,
  type ExternalProfile,
  type ExternalTokenVerifier,
  type IssuerMetadata,
} from '../../core/index.js';
import { accessTokenProblem, profileFrom } from './oidc-claims.js';
import { IssuerDiscovery, discoveryUrlOf } from './oidc-discovery.js';
import { IssuerUnavailable, getJson, isObject } from './oidc-http.js';

export interface OidcSettings {
  issuer: string;
  /** The client id tokens must be issued for (OIDC_AUDIENCE). */
  audience: string;
  /** Asymmetric algorithms only; config refuses "none" and HS* (an HMAC "key" here would be public). */
  algorithms: string[];
  jwksUrl?: string;
  discoveryUrl?: string;
  /** Seconds of clock skew allowed on exp and nbf. */
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches caused by unknown key ids (a flood of made-up kids costs one). */
  jwksCooldownMs?: number;
  timeoutMs?: number;
  /** Told why the issuer could not be used (for the log); clients get a shorter sentence. */
  onProblem?: (message: string) => void;
}

/** Key look-up failures that are the token's fault (its kid or alg), not the issuer's. */
const TOKEN_KEY_ERRORS = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSEAlgNotAllowed, errors.JOSENotSupported];

/** Verifies the identity provider's access tokens against its published keys (Keycloak, Cognito, any OIDC issuer). */
export class OidcTokenVerifier implements ExternalTokenVerifier {
  readonly issuer: string;
  readonly audience: string;
  private readonly discovery: IssuerDiscovery;
  private jwks: Promise<JWTVerifyGetKey> | undefined;

  constructor(private readonly settings: OidcSettings) {
    this.issuer = settings.issuer;
    this.audience = settings.audience;
    this.discovery = new IssuerDiscovery(settings.issuer, settings.discoveryUrl ?? discoveryUrlOf(settings.issuer), this.timeoutMs);
  }

  private get timeoutMs(): number {
    return this.settings.timeoutMs ?? 5_000;
  }

  isOwnToken(token: string): boolean {
    try {
      return decodeJwt(token).iss === this.issuer;
    } catch {
      return false;
    }
  }

  async verify(token: string, now: Date): Promise<ExternalIdentityClaims> {
    let payload: JWTPayload;
    try {
      // The key is resolved only after jose has checked the header's alg against the allow-list, so "none",
      // HS256 and garbage are refused without any network call.
      ({ payload } = await jwtVerify(token, (header, jws) => this.keys().then((getKey) => getKey(header, jws)), {
        issuer: this.issuer,
        algorithms: this.settings.algorithms,
        clockTolerance: this.settings.clockToleranceSeconds ?? 30,
        currentDate: now,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw this.translate(error);
    }
    const problem = accessTokenProblem(payload, this.audience);
    if (problem) throw new CoreError('unauthorized', problem);
    return { issuer: this.issuer, subject: payload.sub!, ...profileFrom(payload) };
  }

  async fetchProfile(token: string, subject: string): Promise<ExternalProfile | null> {
    try {
      const { userinfo_endpoint: url } = await this.discovery.get();
      if (!url) return null;
      const reply = await getJson(url, { authorization: `Bearer ${token}` }, this.timeoutMs);
      if (reply.status === 401 || reply.status === 403) return null; // e.g. the token lacks the "openid" scope
      if (reply.status !== 200 || !isObject(reply.body)) throw new IssuerUnavailable(`GET ${url} answered ${reply.status}`);
      // OIDC Core 5.3.2: a userinfo answer about someone else must not be used.
      return reply.body.sub === subject ? profileFrom(reply.body) : null;
    } catch (error) {
      throw this.translate(error);
    }
  }

  async describe(): Promise<IssuerMetadata> {
    try {
      return await this.discovery.get();
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** jose's remote key set: cached, refetched at most once per cooldown when a token names an unknown kid. */
  private keys(): Promise<JWTVerifyGetKey> {
    this.jwks ??= (async () => {
      const url = this.settings.jwksUrl ?? (await this.discovery.get()).jwks_uri;
      if (!url) throw new IssuerUnavailable(`The discovery document of ${this.issuer} has no jwks_uri; set OIDC_JWKS_URL`);
      const remote = createRemoteJWKSet(new URL(url), {
        cooldownDuration: this.settings.jwksCooldownMs ?? 30_000,
        timeoutDuration: this.timeoutMs,
      });
      const getKey: JWTVerifyGetKey = async (header, token) => {
        try {
          return await remote(header, token);
        } catch (error) {
          if (TOKEN_KEY_ERRORS.some((kind) => error instanceof kind)) throw error;
          // Everything else is about fetching the set (unreachable, timeout, non-200, not a key set).
          throw new IssuerUnavailable(`Fetching the keys at ${url} failed: ${(error as Error).message}`, { cause: error });
        }
      };
      return getKey;
    })().catch((error: unknown) => {
      this.jwks = undefined; // try discovery again on a later request
      throw error;
    });
    return this.jwks;
  }

  private translate(error: unknown): Error {
    if (error instanceof CoreError) return error;
    if (error instanceof IssuerUnavailable) {
      this.settings.onProblem?.(error.message);
      return new CoreError('upstream_unavailable', `OpenDeck could not reach the sign-in service at ${this.issuer}. Try again shortly.`);
    }
    const invalid = (detail: string) => new CoreError('unauthorized', detail);
    if (error instanceof errors.JWTExpired) return invalid(`The access token has expired. Get a new one from ${this.issuer}.`);
    if (error instanceof errors.JWKSNoMatchingKey) return invalid(`The access token is signed with a key ${this.issuer} does not publish.`);
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'iss') return invalid(`The access token was not issued by ${this.issuer}.`);
      if (error.claim === 'nbf') return invalid('The access token is not valid yet.');
      if (error.reason === 'missing') return invalid(`The access token has no "${error.claim}" claim.`);
    }
    return invalid('The access token is invalid.');
  }
}
