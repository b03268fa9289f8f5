import type { MiddlewareHandler } from 'hono';
import { assertLocalSignIn, authenticateBearer } from '../../../core/index.js';
import type { AppEnv } from '../env.js';
import { bearerToken } from '../problem.js';

/**
 * Routes that need a signed-in user list this in their contract's `middleware`, so the OpenAPI
 * `security` entry and the actual check live side by side. Failures are CoreError('unauthorized'),
 * which the error handler turns into a 401 with WWW-Authenticate. The token is OpenDeck's own or, with
 * AUTH_PROVIDER=oidc|both, the identity provider's (authenticateBearer picks by its issuer).
 */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ctx = { userId: null, requestId: c.get('requestId'), ports: c.get('ports') };
  const caller = await authenticateBearer({ ctx, input: { token: bearerToken(c.req.header('authorization')) } });
  c.set('caller', caller);
  await next();
};

/**
 * On register, login and refresh: with AUTH_PROVIDER=oidc they answer 403 naming the issuer before the body is
 * validated or counted against a rate limit, so a client learns where to sign in whatever it sent.
 */
export const localSignInOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  assertLocalSignIn(c.get('ports'));
  await next();
};
