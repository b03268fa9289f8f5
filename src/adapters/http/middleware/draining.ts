import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

/**
 * While the server drains, every response says `Connection: close`, so clients drop their keep-alive
 * sockets after it instead of sending the next request into a socket that is about to close.
 */
export function closeConnectionsWhile(isDraining: () => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (isDraining()) c.res.headers.set('Connection', 'close');
  };
}
