import { CoreError } from '../errors.js';
import type { UseCaseArgs } from '../context.js';
import { authenticate, type Caller } from './authenticate.js';
import { authenticateExternal } from './authenticate-external.js';

/**
 * The auth check of every protected route. With AUTH_PROVIDER=both the token's `iss` picks the verifier
 * (OpenDeck's tokens carry JWT_ISSUER, which config keeps distinct from OIDC_ISSUER); with `oidc` alone every
 * token goes to the identity provider's verifier, so OpenDeck tokens minted earlier stop working.
 */
export async function authenticateBearer({ ctx, input }: UseCaseArgs<{ token: string | null | undefined }>): Promise<Caller> {
  const { ports } = ctx;
  const { token } = input;
  if (!token) throw new CoreError('unauthorized', 'This request needs a bearer token in the Authorization header.');
  const external = ports.externalTokens;
  if (external && (ports.auth.localSignIn === false || external.isOwnToken(token))) {
    return authenticateExternal(ports, external, token);
  }
  return authenticate(ports, token);
}
