import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { problemResponse } from '../problem.js';

/**
 * Answers 503 when a request runs longer than `ms`, so a stuck dependency (a database that stopped answering)
 * costs the caller a clear error instead of a hanging connection. The handler cannot be cancelled and
 * finishes in the background; its late result is dropped. `skip` exempts routes bounded another way.
 */
export function requestTimeout(ms: number, skip: (c: Context<AppEnv>) => boolean = () => false): MiddlewareHandler<AppEnv> {
  const seconds = Number((ms / 1000).toFixed(3));
  return async (c, next) => {
    if (skip(c)) return next();
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        expired = true;
        resolve();
      }, ms);
    });
    // The app's error handler catches inside next(); a rejection after the deadline would only be noise.
    const handled = next().catch((error: unknown) => {
      if (!expired) throw error;
    });
    let outcome: 'done' | 'expired';
    try {
      outcome = await Promise.race([handled.then(() => 'done' as const), deadline.then(() => 'expired' as const)]);
    } finally {
      clearTimeout(timer);
    }
    if (outcome === 'expired') {
      c.res = problemResponse(
        c,
        'unavailable',
        `The server did not finish this request within ${seconds} seconds. Try again; if it keeps happening, report the request id.`,
      );
    }
  };
}
