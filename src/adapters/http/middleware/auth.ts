import type { MiddlewareHandler } from 'hono';
import { authenticate } from '../../../core/index.js';
import type { AppEnv } from '../env.js';
import { bearerToken } from '../problem.js';

/**
 * Routes that need a signed-in user list this in their contract's `middleware`, so the OpenAPI
 * `security` entry and the actual check live side by side. Failures are CoreError('unauthorized'),
 * which the error handler turns into a 401 with WWW-Authenticate.
 */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const caller = await authenticate(c.get('ports'), bearerToken(c.req.header('authorization')));
  c.set('caller', caller);
  await next();
};
