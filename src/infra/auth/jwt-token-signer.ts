import { createSecretKey, type KeyObject } from 'node:crypto';
import { CoreError, type TokenClaims, type TokenSigner, type TokenType } from '../../core/index.js';
import { signHs256, verifyHs256 } from './hs256.js';

export interface JwtSettings {
  secretKey: string;
  issuer: string;
  audience: string;
}

const unauthorized = (detail: string) => new CoreError('unauthorized', detail);

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * HS256 JWTs carrying the user (sub), the sign-in session (sid) and the token type (token_type claim). Signed
 * and verified with node:crypto (hs256.ts): the algorithm is pinned (a token naming any other, "none"
 * included, is refused before its signature is looked at), then issuer, audience, expiry, not-before and the
 * claims OpenDeck needs are checked as jose's jwtVerify did with the same options.
 */
export class JwtTokenSigner implements TokenSigner {
  // A KeyObject made once: the HMAC of every request reuses it.
  private readonly key: KeyObject;

  constructor(private readonly settings: JwtSettings) {
    this.key = createSecretKey(Buffer.from(settings.secretKey, 'utf8'));
  }

  async sign(claims: Omit<TokenClaims, 'expires_at'>, ttlSeconds: number, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return signHs256(
      {
        sid: claims.session_id,
        token_type: claims.type,
        sub: claims.user_id,
        jti: claims.jti,
        iss: this.settings.issuer,
        aud: this.settings.audience,
        iat,
        exp: iat + ttlSeconds,
      },
      this.key,
    );
  }

  async verify(token: string, expected: TokenType, now: Date): Promise<TokenClaims> {
    let payload: Record<string, unknown>;
    try {
      payload = verifyHs256(token, this.key);
    } catch {
      throw unauthorized(`The ${expected} token is invalid.`);
    }
    const { sub, jti, sid, iss, aud, exp, iat, nbf, token_type } = payload;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const audienceMatches = aud === this.settings.audience || (Array.isArray(aud) && aud.includes(this.settings.audience));
    if (
      !isString(sub) ||
      !isString(jti) ||
      !isString(sid) ||
      iss !== this.settings.issuer ||
      !audienceMatches ||
      !isNumericDate(iat) ||
      !isNumericDate(exp) ||
      (nbf !== undefined && (!isNumericDate(nbf) || nbf > nowSeconds))
    ) {
      throw unauthorized(`The ${expected} token is invalid.`);
    }
    if (exp <= nowSeconds) throw unauthorized(`The ${expected} token has expired.`);
    if (token_type !== expected) throw unauthorized(`This is not an ${expected} token.`);
    return { user_id: sub, session_id: sid, type: expected, jti, expires_at: new Date(exp * 1000) };
  }
}
