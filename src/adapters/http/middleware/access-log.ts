import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from '../env.js';

/**
 * One JSON line per request. Deliberately a fixed list of fields: no headers (Authorization) and
 * no bodies (passwords, tokens) can ever reach the log. The route is the template, so logs group well.
 */
export function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = c.res.status;
      const entry = {
        request_id: c.get('requestId'),
        method: c.req.method,
        route: routeTemplate(c),
        status,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
      };
      if (status >= 500) logger.error(entry, 'request');
      else logger.info(entry, 'request');
    }
  };
}

/** The matched route's template (`/api/v1/decks/:deck_id`), or null when no route matched. */
export function routeTemplate(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string | null {
  // Middleware is registered with method ALL; the first other entry is the endpoint itself.
  return matchedRoutes(c).find((r) => r.method !== 'ALL')?.path ?? null;
}
