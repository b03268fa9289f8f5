import type { IssuerMetadata } from '../../core/index.js';
import { IssuerUnavailable, getJson, isObject } from './oidc-http.js';

/** After a failed fetch, requests get the same failure for this long instead of each hitting the issuer. */
const RETRY_AFTER_MS = 5_000;

/** `${issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0, section 4). */
export const discoveryUrlOf = (issuer: string): string => `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

const urlOrNull = (value: unknown): string | null => (typeof value === 'string' && /^https?:\/\//.test(value) ? value : null);

/**
 * The issuer's discovery document, fetched on first need and kept (it names URLs, which do not rotate the way
 * keys do). Fetched lazily so that OpenDeck starts even while the identity provider is still starting.
 */
export class IssuerDiscovery {
  private cached: IssuerMetadata | undefined;
  private pending: Promise<IssuerMetadata> | undefined;
  private failure: { error: Error; at: number } | undefined;

  constructor(
    private readonly issuer: string,
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async get(): Promise<IssuerMetadata> {
    if (this.cached) return this.cached;
    if (this.failure && Date.now() - this.failure.at < RETRY_AFTER_MS) throw this.failure.error;
    this.pending ??= this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<IssuerMetadata> {
    try {
      const reply = await getJson(this.url, {}, this.timeoutMs);
      if (reply.status !== 200 || !isObject(reply.body)) {
        throw new IssuerUnavailable(`GET ${this.url} answered ${reply.status}${isObject(reply.body) ? '' : ' without a JSON object'}`);
      }
      const doc = reply.body;
      // Discovery section 4.3: the document must name exactly the issuer it was fetched for.
      if (doc.issuer !== this.issuer) {
        throw new IssuerUnavailable(
          `The discovery document at ${this.url} names the issuer ${JSON.stringify(doc.issuer)}, not OIDC_ISSUER=${this.issuer}; set OIDC_ISSUER to exactly the issuer's value`,
        );
      }
      this.cached = {
        issuer: this.issuer,
        authorization_endpoint: urlOrNull(doc.authorization_endpoint),
        token_endpoint: urlOrNull(doc.token_endpoint),
        jwks_uri: urlOrNull(doc.jwks_uri),
        userinfo_endpoint: urlOrNull(doc.userinfo_endpoint),
        end_session_endpoint: urlOrNull(doc.end_session_endpoint),
      };
      this.failure = undefined;
      return this.cached;
    } catch (error) {
      this.failure = { error: error as Error, at: Date.now() };
      throw error;
    }
  }
}
