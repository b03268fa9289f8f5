import { CoreError } from '../errors.js';
import type { Ports } from '../ports/index.js';

export interface Caller {
  userId: string;
  /** The OpenDeck sign-in; null for the identity provider's tokens, which OpenDeck holds no session for. */
  sessionId: string | null;
  /** The identity provider that vouched for the caller; null for OpenDeck's own tokens. */
  issuer: string | null;
}

/**
 * Turns a bearer access token into a caller. The session is checked on every request so that
 * logout (and refresh-token reuse detection) takes effect at once, not when the token expires.
 */
export async function authenticate(ports: Ports, token: string | null | undefined): Promise<Caller> {
  if (!token) throw new CoreError('unauthorized', 'This request needs a bearer token in the Authorization header.');
  const now = ports.clock.now();
  const claims = await ports.tokens.verify(token, 'access', now);
  if (!(await ports.sessions.isActive(claims.session_id, claims.user_id, now))) {
    throw new CoreError('unauthorized', 'This sign-in has ended. Sign in again.');
  }
  return { userId: claims.user_id, sessionId: claims.session_id, issuer: null };
}
