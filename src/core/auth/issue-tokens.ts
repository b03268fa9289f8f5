import type { User } from '../domain.js';
import type { Ports } from '../ports/index.js';

export interface AuthTokens {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  user: User;
}

/** Mints an access token and a fresh refresh token (recorded for rotation) in an existing session. */
export async function issueTokens(ports: Ports, user: User, sessionId: string): Promise<AuthTokens> {
  const now = ports.clock.now();
  const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = ports.auth;
  const refreshJti = ports.ids.next();
  await ports.sessions.addRefreshToken({
    jti: refreshJti,
    session_id: sessionId,
    user_id: user.id,
    expires_at: new Date(now.getTime() + refreshTokenTtlSeconds * 1000),
  });
  const [access_token, refresh_token] = await Promise.all([
    ports.tokens.sign({ user_id: user.id, session_id: sessionId, type: 'access', jti: ports.ids.next() }, accessTokenTtlSeconds, now),
    ports.tokens.sign({ user_id: user.id, session_id: sessionId, type: 'refresh', jti: refreshJti }, refreshTokenTtlSeconds, now),
  ]);
  return { access_token, refresh_token, token_type: 'bearer', expires_in: accessTokenTtlSeconds, user };
}

/** Starts a new sign-in (a token family) for the user and returns its first token pair. */
export async function startSession(ports: Ports, user: User): Promise<AuthTokens> {
  const now = ports.clock.now();
  const sessionId = ports.ids.next();
  await ports.sessions.create({
    id: sessionId,
    user_id: user.id,
    created_at: now,
    expires_at: new Date(now.getTime() + ports.auth.refreshTokenTtlSeconds * 1000),
    revoked_at: null,
  });
  return issueTokens(ports, user, sessionId);
}
