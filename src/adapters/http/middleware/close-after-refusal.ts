import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

/** Statuses that refuse a body before reading it to its end. */
const BODY_REFUSALS = new Set([413, 415, 431]);

/**
 * A request refused before its body was read leaves the unread rest on the socket, and the Node server drops
 * that socket once it has answered. Saying `Connection: close` lets a pooled keep-alive client know, so its
 * next request opens a new socket instead of failing on a dead one (Node's fetch: UND_ERR_SOCKET). Streamed
 * bodies (uploads) are abandoned mid-way on any error, so every error there closes too. Draining the rest
 * instead would make the server read up to 200 MB it has already refused.
 */
export function closeAfterRefusedBody(isStreamedBody: (c: Context<AppEnv>) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    if (BODY_REFUSALS.has(status) || (status >= 400 && isStreamedBody(c))) c.res.headers.set('Connection', 'close');
  };
}
