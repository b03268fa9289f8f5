import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

// A caller's id is reused only when it is short and plain: it ends up in logs and headers.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Takes X-Request-Id from the caller (a proxy or client correlating calls) or makes one, and returns it. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const given = c.req.header('x-request-id');
  const id = given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
  // Responses built outside the context (e.g. by a middleware returning `new Response`) still get it.
  if (c.res.headers.get('X-Request-Id') !== id) c.header('X-Request-Id', id);
};
