import { CoreError } from '../errors.js';
import type { Ports } from '../ports/index.js';

/**
 * With AUTH_PROVIDER=oidc, OpenDeck keeps no passwords and mints no tokens: register, login and refresh
 * answer 403 (the routes exist, the method is turned off) naming where sign-in happens instead.
 */
export function assertLocalSignIn(ports: Pick<Ports, 'auth' | 'externalTokens'>): void {
  if (ports.auth.localSignIn !== false) return;
  const where = ports.externalTokens ? `at ${ports.externalTokens.issuer}` : "at your organisation's identity provider";
  throw new CoreError(
    'forbidden',
    `Sign-in with an email and password is turned off on this server. Sign in ${where} and send its access token as the bearer token.`,
  );
}
