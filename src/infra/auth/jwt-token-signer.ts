import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { CoreError, type TokenClaims, type TokenSigner, type TokenType } from '../../core/index.js';

// Pinned: a token naming any other algorithm (including "none") is refused before its signature is looked at.
const ALGORITHM = 'HS256';

export interface JwtSettings {
  secretKey: string;
  issuer: string;
  audience: string;
}

const unauthorized = (detail: string) => new CoreError('unauthorized', detail);

/** HS256 JWTs carrying the user (sub), the sign-in session (sid) and the token type (typ claim). */
export class JwtTokenSigner implements TokenSigner {
  // A KeyObject made once: given raw bytes, jose would import the key again on every sign and verify.
  private readonly key: KeyObject;

  constructor(private readonly settings: JwtSettings) {
    this.key = createSecretKey(Buffer.from(settings.secretKey, 'utf8'));
  }

  async sign(claims: Omit<TokenClaims, 'expires_at'>, ttlSeconds: number, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ sid: claims.session_id, token_type: claims.type })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.user_id)
      .setJti(claims.jti)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string, expected: TokenType, now: Date): Promise<TokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        currentDate: now,
        requiredClaims: ['sub', 'jti', 'exp', 'iat', 'sid', 'token_type'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized(`The ${expected} token has expired.`);
      throw unauthorized(`The ${expected} token is invalid.`);
    }
    if (payload.token_type !== expected) throw unauthorized(`This is not an ${expected} token.`);
    if (typeof payload.sid !== 'string') throw unauthorized(`The ${expected} token is invalid.`);
    return {
      user_id: payload.sub!,
      session_id: payload.sid,
      type: expected,
      jti: payload.jti!,
      expires_at: new Date(payload.exp! * 1000),
    };
  }
}
