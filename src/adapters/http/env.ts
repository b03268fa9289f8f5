import type { Context } from 'hono';
import type { Caller, Ctx, Ports } from '../../core/index.js';
import type { RateLimitContext } from './rate-limits.js';

/** What middleware puts on the Hono context for the handlers. */
export interface AppEnv {
  Variables: {
    requestId: string;
    ports: Ports;
    /** Set by `requireAuth` on routes that need a signed-in user. */
    caller?: Caller;
    /** Set when the app enforces rate limits (see middleware/rate-limit.ts). */
    rateLimits?: RateLimitContext;
  };
}

/** The use-case context for this request: the core never sees Hono. */
export function useCaseCtx(c: Context<AppEnv>): Ctx {
  const caller = c.get('caller');
  return {
    userId: caller?.userId ?? null,
    sessionId: caller?.sessionId ?? null,
    issuer: caller?.issuer ?? null,
    requestId: c.get('requestId'),
    ports: c.get('ports'),
  };
}
